// A/B of COO -> CSR on ordered triplets (issue 17): two builds of this library in one process,
// interleaved run by run, medians and new/old ratios reported (CPU time, user + system, beside wall
// time; each result disposed, so both builds reuse pooled memory alike). Not part of the tests.
//
//   node bench/coo-order-ab.mjs <old dist dir> <new dist dir>
//   AB_RUNS=11 ...        interleaved runs per workload (default 7)
//   AB_MATCH=web ...      only workloads whose label contains the text
//
// Workloads: the 524k-node R-MAT web-like graph of the cold-loop section in column-major (file)
// order, 10^7 distinct triplets of a 10^6 x 10^6 matrix in column-major, row-major and random order.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './lib/harness.mjs';
import { rmatTriplets } from './lib/rmat.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const Old = await import(pathToFileURL(`${oldDir}/index.js`).href);
const New = await import(pathToFileURL(`${newDir}/index.js`).href);
const runs = Number(process.env.AB_RUNS ?? 7);
const match = process.env.AB_MATCH ?? '';
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

function columnMajor(A) {
  const C = A.toCSC();
  const col = new Int32Array(C.nnz);
  for (let j = 0; j < C.shape[1]; j++) col.fill(j, C.indptr[j], C.indptr[j + 1]);
  return { row: C.indices.slice(), col, data: C.data.slice(), shape: C.shape };
}

function rowMajor(A) {
  const C = A.toCSR();
  const row = new Int32Array(C.nnz);
  for (let i = 0; i < C.shape[0]; i++) row.fill(i, C.indptr[i], C.indptr[i + 1]);
  return { row, col: C.indices.slice(), data: C.data.slice(), shape: C.shape };
}

function shuffled(t, seed) {
  const perm = New.createRng(seed).permutation(t.data.length);
  const row = new Int32Array(perm.length), col = new Int32Array(perm.length), data = new Float64Array(perm.length);
  for (let p = 0; p < perm.length; p++) { const q = perm[p]; row[p] = t.row[q]; col[p] = t.col[q]; data[p] = t.data[q]; }
  return { row, col, data, shape: t.shape };
}

const big = New.random(1e6, 1e6, 1e-5, { seed: 13 });
const work = [
  ['web graph (R-MAT 2^19), column-major', columnMajor(rmatTriplets(19, 2, 11, [0.45, 0.15, 0.15]))],
  ['1e7 triplets, column-major', columnMajor(big)],
  ['1e7 triplets, row-major', rowMajor(big)],
  ['1e7 triplets, random order', shuffled(columnMajor(big), 14)],
];

console.log(`# COO -> CSR, old ${oldDir} vs new ${newDir}, ${runs} interleaved runs each (machine shared: read the ratios)\n`);
console.log('| triplets | nnz | old cpu ms | new cpu ms | new/old cpu | old wall ms | new wall ms | new/old wall |');
console.log('|---|---|---|---|---|---|---|---|');
/** One timed conversion: [cpu ms, wall ms]; the result is disposed. */
function timed(T) {
  const c0 = cpuNow(), t0 = performance.now();
  const A = T.toCSR();
  const r = [cpuNow() - c0, performance.now() - t0];
  A.dispose();
  return r;
}
for (const [label, t] of work) {
  if (!label.includes(match)) continue;
  const a = Old.coo(t.row, t.col, t.data, t.shape);
  const b = New.coo(t.row, t.col, t.data, t.shape);
  const ca = [], cb = [], wa = [], wb = [];
  const check = [a.toCSR(), b.toCSR()];
  if (check[0].nnz !== check[1].nnz || check[0].data.some((v, p) => !Object.is(v, check[1].data[p]))
    || check[0].indices.some((v, p) => v !== check[1].indices[p]) || check[0].indptr.some((v, p) => v !== check[1].indptr[p])) throw new Error(`${label}: results differ`);
  check[0].dispose();
  check[1].dispose();
  for (let r = 0; r < runs; r++) {
    // Alternate which build goes first, so a drift in load or heap state hits both alike.
    const first = r % 2 === 0;
    const x = first ? timed(a) : null;
    const y = timed(b);
    const z = first ? x : timed(a);
    ca.push(z[0]); wa.push(z[1]); cb.push(y[0]); wb.push(y[1]);
  }
  const f = (v) => v.toFixed(1);
  console.log(`| ${label} | ${t.data.length} | ${f(median(ca))} | ${f(median(cb))} | ${(median(cb) / median(ca)).toFixed(2)} | ${f(median(wa))} | ${f(median(wb))} | ${(median(wb) / median(wa)).toFixed(2)} |`);
}
await Old.shutdown?.();
await New.shutdown?.();
