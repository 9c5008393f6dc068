// JS loop against the streamed one-off WASM product (the 'auto' route for scattered gathers, see
// src/kernels/spmv/dispatch.ts) on large matrices with few entries per row (issue 17): in one
// process per matrix, products into a reused `out` (no fresh pages) alternate between
// setBackend('js') and setBackend('auto') after two untimed warm-up calls of each; CPU time (user +
// system) per product, medians. Both must give the same bits (checked). Not part of the tests.
//
//   npm run build && flock /tmp/bench.lock node bench/ab/spmv-density.mjs
//   AB_ROUNDS=15 ...     timed products per backend and matrix
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { printTable } from '../lib/harness.mjs';

const rounds = Number(process.env.AB_ROUNDS ?? 15);
const CHILD = `
const sp = await import(new URL('../../dist/index.js', process.env.HERE).href);
const { rmatTriplets } = await import(new URL('../lib/rmat.mjs', process.env.HERE).href);
const [kind, a, b] = JSON.parse(process.env.MATRIX);
const A = kind === 'rmat' ? rmatTriplets(a, b, 11, [0.45, 0.15, 0.15]).toCSR() : sp.random(a, a, b / a, { seed: 13, format: 'csr' });
const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const outs = { js: new Float64Array(A.shape[0]).fill(0), auto: new Float64Array(A.shape[0]).fill(0) };
const ts = { js: [], auto: [] };
for (let r = 0; r < ${rounds} + 2; r++) {
  for (const be of r % 2 ? ['js', 'auto'] : ['auto', 'js']) {
    sp.setBackend(be);
    const c0 = cpu();
    A.matvec(x, { threads: 1, out: outs[be] });
    if (r >= 2) ts[be].push(cpu() - c0);
  }
}
const med = (v) => v.sort((p, q) => p - q)[v.length >> 1];
let same = true;
for (let i = 0; i < outs.js.length && same; i++) same = Object.is(outs.js[i], outs.auto[i]);
process.stdout.write(JSON.stringify({ m: A.shape[0], nnz: A.nnz, js: med(ts.js), auto: med(ts.auto), same }));
await sp.shutdown();
`;
const matrices = [
  ['rmat', 19, 2], ['rmat', 19, 3], ['rmat', 19, 4], ['rmat', 19, 6], ['rmat', 19, 8],
  ['rmat', 17, 2], ['rmat', 20, 2],
  ['random', 1e6, 2], ['random', 1e6, 4], ['random', 1e6, 6], ['random', 1e6, 10],
];
const rows = [];
for (const M of matrices) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { env: { ...process.env, HERE: import.meta.url, MATRIX: JSON.stringify(M) }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const o = JSON.parse(r.stdout);
  rows.push({ matrix: M.join(' '), rows: o.m, nnz: o.nnz, 'nnz/row': +(o.nnz / o.m).toFixed(2), 'js cpu ms': +o.js.toFixed(2), 'auto cpu ms': +o.auto.toFixed(2), 'auto/js': +(o.auto / o.js).toFixed(2), 'same bits': o.same, load: +loadavg()[0].toFixed(1) });
  console.error(JSON.stringify(rows.at(-1)));
}
printTable(`SpMV into out, JS loop vs 'auto' (streamed WASM), CPU per product, median of ${rounds}`, rows);
