// One-off SpMV (matrix not resident in WASM memory), issue 17: the matrix streamed through a
// small WASM block in row chunks (src/kernels/spmv/stream.ts, at several chunk sizes) against the
// whole-matrix route (all of A copied into WASM memory for the call, then the kernel: what a
// product inside a residency scope does) and the JS loop. Not part of the tests.
//
//   npx tsc -p tsconfig.build.json
//   flock /tmp/bench.lock node bench/ab/spmv-chunked.mjs
//   SPMV_CHUNKED_MATCH=web      only workloads whose label contains the text
//   SPMV_CHUNKED_KIB=16,64,256  chunk sizes to try (KiB)
//   SPMV_CHUNKED_PARTS=1        also the kernel on a pinned copy (no copy of A at all)
//   SPMV_CHUNKED_BASE=build/base  also `A.matvec(x)` without `out` on another build and this one
//
// One call of each case per round (round-robin, so load on the shared machine hits them alike),
// median CPU time (user + system) per product into a reused `out`; every result is checked bit
// for bit against the JS loop's.
import { loadavg } from 'node:os';
import * as sp from '../../dist/index.js';
import { getWasm } from '../../dist/kernels/runtime/wasm/loader.js';
import { spmvGatherStreamed } from '../../dist/kernels/spmv/stream.js';
import { withResidency } from '../../dist/kernels/runtime/wasm/resident.js';
import { median, printTable } from '../lib/harness.mjs';
import { poisson, rmat } from './generators.mjs';

const match = process.env.SPMV_CHUNKED_MATCH ?? '';
const ROUNDS = Number(process.env.SPMV_CHUNKED_ROUNDS ?? 15);
const KIB = (process.env.SPMV_CHUNKED_KIB ?? '32,64,128,256').split(',').map(Number);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

/** A seeded uniform random CSR matrix of m x n with density d. */
const uniform = (m, n, d) => () => sp.random(m, n, d, { seed: 13, format: 'csr' });
const web = (scale, edges) => () => rmat(sp, scale, edges, 11, [0.45, 0.15, 0.15]);
const workloads = [
  ['web R-MAT 2^19, 2 edges/node', web(19, 2)],
  ['Poisson 300²', () => poisson(sp, 300)],
  ['Poisson 700²', () => poisson(sp, 700)],
  ['random 10⁶ x 10⁶, 10⁷ nnz', uniform(1e6, 1e6, 1e-5)],
  // Scattered, fewer entries than 2^18 (the 'auto' one-off threshold before the streamed route).
  ['small R-MAT 2^17, 1 edge/node', web(17, 1)],
  ['small random 2·10⁵ x 2·10⁵, 1.2·10⁵ nnz', uniform(2e5, 2e5, 3e-6)],
  ['small random 10⁵ x 10⁵, 5·10⁴ nnz', uniform(1e5, 1e5, 5e-6)],
  ['small random 10⁵ x 10⁵, 3.3·10⁴ nnz', uniform(1e5, 1e5, 3.3e-6)],
  ['small random 10⁶ x 10⁶, 1.3·10⁵ nnz', uniform(1e6, 1e6, 1.3e-7)],
  ['random 10⁶ x 10⁶, 5·10⁵ nnz', uniform(1e6, 1e6, 5e-7)],
].filter(([label]) => label.includes(match));

const k = getWasm();
if (!k) throw new Error('no WASM backend');
// SPMV_CHUNKED_BASE=<dist dir of another build>: also `A.matvec(x)` without `out` on both builds.
const baseLib = process.env.SPMV_CHUNKED_BASE ? await import(new URL(`file://${process.env.SPMV_CHUNKED_BASE.startsWith('/') ? '' : process.cwd() + '/'}${process.env.SPMV_CHUNKED_BASE}/index.js`).href) : null;

/** The library's streamed route with a given chunk size. */
function chunked(A, x, y, bytes) {
  const lines = { indptr: A.indptr, indices: A.indices, data: A.data, nMajor: A.shape[0], nMinor: A.shape[1] };
  if (!spmvGatherStreamed(k, lines, x, y, 1, 0, bytes)) throw new Error('WASM memory short');
}

/** `fn` as a case run on backend `b` ('auto' restored after). */
const on = (b, fn) => () => {
  sp.setBackend(b);
  try { return fn(); } finally { sp.setBackend('auto'); }
};

const rows = [];
for (const [label, make] of workloads) {
  const A = make();
  const [m, n] = A.shape;
  const x = sp.createRng(2).fillUniform(new Float64Array(n), -1, 1);
  const y = new Float64Array(m);
  const ref = on('js', () => A.matvec(x, { threads: 1 }))();
  const cases = {
    'js out': on('js', () => A.matvec(x, { threads: 1, out: y })),
    // Inside a residency scope the matrix is copied whole (freed when the scope ends).
    'staged out': on('wasm', () => withResidency(() => A.matvec(x, { threads: 1, out: y }))),
  };
  for (const kib of KIB) cases[`chunk ${kib} KiB`] = () => chunked(A, x, y, kib * 1024);
  if (process.env.SPMV_CHUNKED_PARTS) {
    // The kernel on a pinned copy (x in, y out; no copy of A).
    const B = A.clone();
    const P = sp.pin(B);
    cases['pinned out'] = on('wasm', () => B.matvec(x, { threads: 1, out: y }));
    void P;
  }
  if (baseLib) {
    // What a user's loop without `out` gets by default ('auto'), this build against the base build.
    const Ab = baseLib.csr({ indptr: A.indptr.slice(), indices: A.indices.slice(), data: A.data.slice(), shape: A.shape });
    cases['base no out'] = () => y.set(Ab.matvec(x, { threads: 1 }));
    cases['new no out'] = () => y.set(A.matvec(x, { threads: 1 }));
  }
  const names = Object.keys(cases);
  const ts = Object.fromEntries(names.map((n) => [n, []]));
  const same = Object.fromEntries(names.map((n) => [n, true]));
  const load0 = loadavg()[0];
  for (let r = 0; r < ROUNDS + 2; r++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(j + r) % names.length];
      y.fill(NaN);
      const c = cpu();
      cases[n]();
      const t = cpu() - c;
      if (r >= 2) ts[n].push(t);
      if (!y.every((v, i) => Object.is(v, ref[i]))) same[n] = false;
    }
  }
  const base = median(ts['staged out']);
  const load = `${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`;
  for (const n of names) rows.push({ workload: label, nnz: A.nnz, case: n, 'CPU ms': median(ts[n]).toFixed(2), '/ staged': (median(ts[n]) / base).toFixed(3), bits: same[n] ? 'same' : 'DIFFER', load });
}
printTable(`one-off SpMV into out, ${ROUNDS} rounds`, rows);
