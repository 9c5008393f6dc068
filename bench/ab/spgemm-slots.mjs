// SpGEMM's blocked one pass over row slots (no symbolic pass; SLOTS_MIN_FILL in
// src/kernels/spgemm/spgemm.ts) against two passes, same build, one process: the cases run
// round-robin (one product of each per round, so load on the shared machine hits them alike), as a
// user's loop calls them (no forced GC, each result dropped), one thread, unsorted (as SciPy's
// A @ B); median CPU time (user + system) and page faults per product, and a bit-for-bit check.
// Not part of the tests.
//
//   npx tsc -p tsconfig.build.json && node bench/ab/spgemm-slots.mjs
//   SLOTS_AB_MATCH=AᵀA ...       only workloads whose label contains the text
//   SLOTS_AB_FILL=0,0.9 ...      the slotsMinFill values to compare with two passes (default: the default rule)
//   SLOTS_AB_ROUNDS=9 ...
//   SLOTS_AB_SPAN=0 ...          slotsSpanBytes (default: the default rule)
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import * as sp from '../../dist/index.js';
import { spgemmKernel } from '../../dist/kernels/spgemm/spgemm.js';
import { sampledSlotFill, sampledSpanBytes } from '../../dist/kernels/spgemm/fill.js';
import { median, printTable } from '../lib/harness.mjs';
import { poisson, rmat, tallInteger } from './generators.mjs';

const match = process.env.SLOTS_AB_MATCH ?? '';
const ROUNDS = Number(process.env.SLOTS_AB_ROUNDS ?? 9);
const fills = (process.env.SLOTS_AB_FILL ?? 'default').split(',').map((f) => (f === 'default' ? undefined : Number(f)));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const faults = () => process.resourceUsage().minorPageFault;

// Products with up to 2^17 columns on the dense accumulator take the slots only when B's rows are
// read far apart (SLOTS_SPAN_BYTES): SLOTS_AB_SPAN=0 lets every product consider them.
const span = process.env.SLOTS_AB_SPAN === undefined ? {} : { slotsSpanBytes: Number(process.env.SLOTS_AB_SPAN) };
const web = () => rmat(sp, 19, 2, 11, [0.45, 0.15, 0.15]);
const workloads = [
  ['web R-MAT 2^19 A·A', () => { const A = web(); return [A, A]; }],
  ['web R-MAT 2^19 AᵀA', () => { const A = web(); return [A.transpose().toCSR(), A]; }],
  ['R-MAT 2^18, 8 edges/node A·A', () => { const A = rmat(sp, 18, 8, 11, [0.45, 0.15, 0.15]); return [A, A]; }],
  ['tall integer AᵀA (500k x 5k, 3/row)', () => { const A = tallInteger(sp, 500_000, 5_000, 3, 12); return [A.transpose().toCSR(), A]; }],
  ['Poisson 250² A·A', () => { const A = poisson(sp, 250); return [A, A]; }],
  ['Poisson 500² A·A', () => { const A = poisson(sp, 500); return [A, A]; }],
  ['R-MAT 2^16, 16 edges/node A·A', () => { const A = rmat(sp, 16, 16, 11, [0.45, 0.15, 0.15]); return [A, A]; }],
  ['random 20000² (density 4e-4) A·A', () => { const A = sp.random(20000, 20000, 4e-4, { seed: 5 }).toCSR(); return [A, A]; }],
].filter(([label]) => label.includes(match));

const hex = (C) => { const h = createHash('sha256'); for (const a of [C.indptr, C.indices, C.data]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); return h.digest('hex'); };
const rows = [];
for (const [label, make] of workloads) {
  const [A, B] = make();
  const [m, k] = A.shape;
  const n = B.shape[1];
  const a = { indptr: A.indptr, indices: A.indices, data: A.data };
  const b = { indptr: B.indptr, indices: B.indices, data: B.data };
  const cases = [['two passes', { slotsMinFill: Infinity }], ...fills.map((f) => [`slots ${f ?? 'rule'}`, f === undefined ? { ...span } : { slotsMinFill: f, ...span }])];
  const ts = cases.map(() => []);
  const fs = cases.map(() => []);
  const ref = cases.map(() => null);
  for (let r = 0; r < ROUNDS + 1; r++) {
    cases.forEach(([, o], j) => {
      const f0 = faults();
      const c0 = cpu();
      const C = spgemmKernel(a, b, m, k, n, { threads: 1, sorted: false, ...o });
      const t = cpu() - c0;
      if (r > 0) { ts[j].push(t); fs[j].push(faults() - f0); } else ref[j] = hex(C);
    });
  }
  // The fill the rule sees, from the flops per row.
  const rowFlops = new Float64Array(m);
  for (let i = 0; i < m; i++) for (let p = A.indptr[i]; p < A.indptr[i + 1]; p++) rowFlops[i] += B.indptr[A.indices[p] + 1] - B.indptr[A.indices[p]];
  const row = { workload: label, 'sampled fill': +sampledSlotFill(a, b, rowFlops, n).toFixed(3), 'B span MiB': +(sampledSpanBytes(a, b) / 2 ** 20).toFixed(2), 'load avg': loadavg()[0].toFixed(1) };
  cases.forEach(([c], j) => { row[`${c} ms`] = +median(ts[j]).toPrecision(3); row[`${c} faults`] = Math.round(median(fs[j])); });
  cases.slice(1).forEach(([c], j) => { row[`${c} / two`] = +(median(ts[j + 1]) / median(ts[0])).toFixed(3); row[`${c} same bits`] = ref[j + 1] === ref[0]; });
  rows.push(row);
  console.error(JSON.stringify(row));
}
printTable(`SpGEMM, blocked one pass over row slots vs two passes (CPU ms, median of ${ROUNDS} interleaved rounds, 1 thread, unsorted)`, rows);
await sp.shutdown();
