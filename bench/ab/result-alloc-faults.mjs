// Whether any way of allocating a result array from JS gets memory that glibc hands back promptly
// (issue 17): a loop that allocates a result of N doubles, writes all of it, does ~10 ms of other
// work and drops it, as a loop of `A.matvec(x)` without out does. Prints the minor page faults of
// each iteration and their median, for one allocation path per process. Not part of the tests.
//
//   node bench/ab/result-alloc-faults.mjs          all paths, N = 524,288 (the web graph's y)
//   N=1000000 node bench/ab/result-alloc-faults.mjs
import { spawnSync } from 'node:child_process';

const n = Number(process.env.N ?? 524288);
const CHILD = `
const n = ${n}, how = process.env.HOW, iters = 40;
const flt = () => process.resourceUsage().minorPageFault;
const src = new Float64Array(n).fill(1.5);
const work = new Float64Array(1 << 20).fill(1);
const alloc = {
  'new Float64Array(n)': () => new Float64Array(n),
  'new ArrayBuffer': () => new Float64Array(new ArrayBuffer(8 * n)),
  'Buffer.allocUnsafeSlow': () => { const b = Buffer.allocUnsafeSlow(8 * n); return new Float64Array(b.buffer, b.byteOffset, n); },
  'resizable ArrayBuffer': () => new Float64Array(new ArrayBuffer(8 * n, { maxByteLength: 8 * n })),
}[how];
let s = 0;
const faults = [];
for (let it = 0; it < iters; it++) {
  const f0 = flt();
  const y = alloc();
  y.set(src);
  for (let r = 0; r < 8; r++) for (let i = 0; i < work.length; i++) s += work[i];
  s += y[7];
  faults.push(flt() - f0);
}
const sorted = [...faults].sort((a, b) => a - b);
console.log(JSON.stringify({ how, median: sorted[iters >> 1], perIteration: faults.join(' '), s: s > 0 }));
`;
for (const how of ['new Float64Array(n)', 'new ArrayBuffer', 'Buffer.allocUnsafeSlow', 'resizable ArrayBuffer']) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { env: { ...process.env, HOW: how }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const o = JSON.parse(r.stdout);
  console.log(`${how}: ${Math.ceil((8 * n) / 4096)} pages, median ${o.median} faults per iteration; per iteration: ${o.perIteration}`);
}
