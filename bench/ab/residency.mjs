// A/B of the residency change (issue 11 §1): the same workloads through two builds of this library
// in one process, interleaved run by run, medians reported. Not part of the tests.
//
//   node bench/ab/residency.mjs <old dist dir> <new dist dir>
//
// Workloads (5-point Poisson 300x300, 448,800 entries): repeated SpMV y = A·x into `out` under the
// default backend ('auto'), the new build with and without pin(A); SpGEMM A·A ('auto'); CG to 1e-8.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { poisson } from './generators.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const A_ = await import(pathToFileURL(`${oldDir}/index.js`).href);
const B_ = await import(pathToFileURL(`${newDir}/index.js`).href);

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const n = 300;
const libs = { old: A_, new: B_ };
const mats = { old: poisson(A_, n), new: poisson(B_, n) };
const x = new Float64Array(n * n).fill(1);
const b = new Float64Array(n * n).map((_, i) => Math.sin(i));
const pinned = B_.pin(mats.new);
const cases = {
  'SpMV x100 (old, cross-call cache)': () => { const y = new Float64Array(n * n); for (let t = 0; t < 100; t++) libs.old.spmv(mats.old, x, { out: y }); },
  'SpMV x100 (new, default)': () => { const y = new Float64Array(n * n); for (let t = 0; t < 100; t++) libs.new.spmv(mats.new, x, { out: y }); },
  'SpMV x100 (new, pinned)': () => { const y = new Float64Array(n * n); for (let t = 0; t < 100; t++) libs.new.spmv(pinned.matrix, x, { out: y }); },
  'SpGEMM A·A (old)': () => libs.old.spgemm(mats.old, mats.old),
  'SpGEMM A·A (new)': () => libs.new.spgemm(mats.new, mats.new),
  'CG 1e-8 (old)': () => libs.old.cg(mats.old, b, { tol: 1e-8 }),
  'CG 1e-8 (new)': () => libs.new.cg(mats.new, b, { tol: 1e-8 }),
};
const rounds = Number(process.env.AB_ROUNDS ?? 7);
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const f of Object.values(cases)) f(); // warm up (JIT, WASM load, pool)
for (let r = 0; r < rounds; r++) for (const [k, f] of Object.entries(cases)) times[k].push(time(f));
console.log(`# residency A/B, node ${process.version}, ${rounds} interleaved rounds, medians (ms)`);
for (const [k, t] of Object.entries(times)) console.log(`${k.padEnd(36)} ${median(t).toFixed(1).padStart(8)}   [${t.map((v) => v.toFixed(0)).join(' ')}]`);
pinned.release();
await A_.shutdown();
await B_.shutdown();
