// One-off SpMV (matrix not resident in WASM memory): the matrix streamed through a small fixed
// WASM scratch in row chunks (copy chunk, run `spmv_csr` on it, copy its rows of y out) against
// today's staged route (all of A copied into WASM memory, then the kernel) and the JS loop (issue
// 17). Prototype of the route; not part of the tests.
//
//   npm run build:wasm && npx tsc -p tsconfig.build.json
//   flock /tmp/bench.lock node bench/ab/spmv-chunked.mjs
//   SPMV_CHUNKED_MATCH=web     only workloads whose label contains the text
//   SPMV_CHUNKED_KIB=16,64,256 chunk sizes to try (KiB)
//
// One call of each case per round (round-robin, so load on the shared machine hits them alike),
// median CPU time (user + system) per product into a reused `out`; every result is checked bit
// for bit against the JS loop's.
import { loadavg } from 'node:os';
import * as sp from '../../dist/index.js';
import { getWasm } from '../../dist/kernels/runtime/wasm/loader.js';
import { median, printTable } from '../lib/harness.mjs';
import { poisson, rmat } from './generators.mjs';

const match = process.env.SPMV_CHUNKED_MATCH ?? '';
const ROUNDS = Number(process.env.SPMV_CHUNKED_ROUNDS ?? 15);
const KIB = (process.env.SPMV_CHUNKED_KIB ?? '16,32,64,128,256').split(',').map(Number);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

const workloads = [
  ['web R-MAT 2^19, 2 edges/node', () => rmat(sp, 19, 2, 11, [0.45, 0.15, 0.15])],
  ['Poisson 300²', () => poisson(sp, 300)],
  ['Poisson 700²', () => poisson(sp, 700)],
  ['random 10⁶ x 10⁶, 10⁷ nnz', () => sp.random(1e6, 1e6, 1e-5, { seed: 13, format: 'csr' })],
].filter(([label]) => label.includes(match));

const k = getWasm();
if (!k) throw new Error('no WASM backend');
const f = k.fn('spmv_csr');

/**
 * y = A·x through a chunk of `bytes`: rows [r0, r1) with 12 bytes per entry (index, value) and 12
 * per row (row pointer, y) fit; the kernel gets base pointers shifted by r0 and p0 (wrapping
 * 32-bit arithmetic), so it reads the chunk with A's own row pointers.
 */
function chunked(A, x, y, bytes, run = true) {
  const { indptr, indices, data } = A;
  const m = A.shape[0];
  const nnz = data.length;
  const xp = k.scratch(0, x.byteLength);
  k.f64(xp, x.length).set(x);
  // Split the chunk between entries and rows in A's proportion.
  const perRow = nnz / Math.max(1, m);
  const rows = Math.max(1, Math.floor(bytes / (12 + 12 * perRow)));
  const ents = Math.max(1, Math.floor((bytes - rows * 12) / 12));
  const cp = k.scratch(7, ents * 12 + rows * 12 + 16);
  const dv = cp, yv = dv + ents * 8, ix = yv + rows * 8, ip = ix + ents * 4;
  const dV = k.f64(dv, ents), yV = k.f64(yv, rows), xV = k.i32(ix, ents), pV = k.i32(ip, rows + 1);
  let r0 = 0;
  while (r0 < m) {
    const p0 = indptr[r0];
    // Largest r1 <= r0 + rows with indptr[r1] - p0 <= ents.
    let lo = r0, hi = Math.min(m, r0 + rows);
    if (indptr[hi] - p0 <= ents) lo = hi;
    else while (hi - lo > 1) { const mid = (lo + hi) >>> 1; if (indptr[mid] - p0 <= ents) lo = mid; else hi = mid; }
    const r1 = lo;
    if (r1 === r0) throw new Error('row longer than a chunk (prototype)');
    const p1 = indptr[r1];
    pV.set(indptr.subarray(r0, r1 + 1));
    xV.set(indices.subarray(p0, p1));
    dV.set(data.subarray(p0, p1));
    if (run) f((ip - 4 * r0) >>> 0, (ix - 4 * p0) >>> 0, (dv - 8 * p0) >>> 0, xp, (yv - 8 * r0) >>> 0, r0, r1, 1, 0);
    y.set(yV.subarray(0, r1 - r0), r0);
    r0 = r1;
  }
}

function withBackend(b, fn) {
  sp.setBackend(b);
  try { return fn(); } finally { sp.setBackend('auto'); }
}

const rows = [];
for (const [label, make] of workloads) {
  const A = make();
  const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
  const y = new Float64Array(A.shape[0]);
  const ref = withBackend('js', () => A.matvec(x, { threads: 1 }));
  const cases = {
    'js out': () => withBackend('js', () => A.matvec(x, { threads: 1, out: y })),
    'staged out': () => withBackend('wasm', () => A.matvec(x, { threads: 1, out: y })),
  };
  for (const kib of KIB) cases[`chunk ${kib} KiB`] = () => chunked(A, x, y, kib * 1024);
  if (process.env.SPMV_CHUNKED_PARTS) {
    // Where the time goes: the chunk copies without the kernel, and the kernel on a pinned copy.
    const kib = KIB[KIB.length - 1];
    cases[`copies only ${kib} KiB`] = () => chunked(A, x, y, kib * 1024, false);
    const B = A.clone();
    const P = sp.pin(B);
    cases['pinned out'] = () => withBackend('wasm', () => B.matvec(x, { threads: 1, out: y }));
    void P;
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
      if (!n.startsWith('copies') && !y.every((v, i) => Object.is(v, ref[i]))) same[n] = false;
    }
  }
  const base = median(ts['staged out']);
  const load = `${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`;
  for (const n of names) rows.push({ workload: label, nnz: A.nnz, case: n, 'CPU ms': median(ts[n]).toFixed(2), '/ staged': (median(ts[n]) / base).toFixed(3), bits: same[n] ? 'same' : 'DIFFER', load });
}
printTable(`one-off SpMV into out, ${ROUNDS} rounds`, rows);
