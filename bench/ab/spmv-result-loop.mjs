// `A.matvec(x)` without out in a longer synchronous loop than cold-loop's 10 calls (issue 17): two
// builds in alternating fresh processes; each process makes one untimed product, then 30 timed
// ones, and reports the median CPU time (user + system) per product and minor page faults per
// product. 30 calls span several garbage collections, so results dropped earlier can be freed and
// their memory reused. Reads triplet files written by bench/ab/spmv-builds.mjs (its AB_INPUTS dir).
// Not part of the tests.
//
//   node bench/ab/spmv-result-loop.mjs <old dist dir> <new dist dir> <inputs dir> [input=web] [rounds=6]
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
const [base, neu, inputs, input = 'web', rounds = '6'] = process.argv.slice(2);
if (!inputs) throw new Error('usage: node bench/ab/spmv-result-loop.mjs <old dist> <new dist> <inputs dir> [input] [rounds]');
const child = `
import { readFileSync } from 'node:fs';
const sp = await import(process.env.D + '/index.js');
const dir = process.env.INPUTS, input = process.env.I;
const read = (f, T) => { const b = readFileSync(dir + '/' + f); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const meta = JSON.parse(readFileSync(dir + '/' + input + '.json', 'utf8'));
const A = sp.coo(read(input + '.row', Int32Array), read(input + '.col', Int32Array), read(input + '.data', Float64Array), meta.shape).toCSR();
const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
A.matvec(x, { threads: 1 });
const f0 = process.resourceUsage().minorPageFault; const ts = [];
for (let r = 0; r < 30; r++) { const c0 = cpu(); A.matvec(x, { threads: 1 }); ts.push(cpu() - c0); }
ts.sort((a, b) => a - b);
console.log(JSON.stringify({ cpu: ts[15], faults: (process.resourceUsage().minorPageFault - f0) / 30 }));
`;
const med = (a) => { const s = [...a].sort((p, q) => p - q); return s[s.length >> 1]; };
const res = { base: [], neu: [] };
const loads = [];
for (let r = 0; r < +rounds; r++) {
  for (const k of r % 2 ? ['neu', 'base'] : ['base', 'neu']) {
    const out = execFileSync('node', ['--input-type=module', '-e', child], { env: { ...process.env, D: resolve(k === 'base' ? base : neu), I: input, INPUTS: resolve(inputs) } }).toString();
    res[k].push(JSON.parse(out));
  }
  loads.push(loadavg()[0]);
}
const c0 = med(res.base.map((x) => x.cpu)), c1 = med(res.neu.map((x) => x.cpu));
console.log(input, 'cpu base', c0.toFixed(2), 'new', c1.toFixed(2), 'new/base', (c1 / c0).toFixed(3),
  'faults/call base', med(res.base.map((x) => x.faults)).toFixed(0), 'new', med(res.neu.map((x) => x.faults)).toFixed(0),
  'per-round ratios', res.neu.map((x, i) => (x.cpu / res.base[i].cpu).toFixed(2)).join(' '), 'load', Math.min(...loads).toFixed(1) + '-' + Math.max(...loads).toFixed(1));
