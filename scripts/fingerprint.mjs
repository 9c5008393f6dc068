// Cross-runtime fingerprint: hashes of everything the docs promise is bit-identical on Node, Deno
// and Bun (seeded streams, sketches, random matrices, dense factorizations, Krylov solves and
// their iteration counts). `.ci/pack-check` runs it on the three runtimes against the packed
// tarball and fails when any hash differs.
//
//   node scripts/fingerprint.mjs [module]     (module: default 'sparsity'; e.g. ../dist/index.js)
//
// Prints one JSON object { name: hash }. Optimal transport is not included: its exp/log calls are
// Math.exp/Math.log, equal across runtimes only to rounding (see docs/determinism.md).
import { createHash } from 'node:crypto';

const spec = process.argv[2] ?? 'sparsity';
const sp = await import(spec.startsWith('.') || spec.startsWith('/') ? new URL(spec, `file://${process.cwd()}/`).href : spec);

const hash = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) {
    if (ArrayBuffer.isView(p)) h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    else h.update(JSON.stringify(p));
  }
  return h.digest('hex').slice(0, 16);
};
const dense = (A) => A.data instanceof Float64Array && A.data.length === A.size ? A.data : Float64Array.from({ length: A.shape[0] * A.shape[1] }, (_, k) => A.get(Math.floor(k / A.shape[1]), k % A.shape[1]));

const out = {};
const rng = sp.createRng(2024);
out.uniform = hash(Float64Array.from({ length: 10000 }, () => rng.random()));
out.normal = hash(sp.createRng('normal').fillNormal(new Float64Array(200001)));
out.permutation = hash(sp.createRng(5).permutation(1000));
out.sample = hash(sp.createRng(6).sample(1e12, 100));

const m = 64, n = 512;
out.gaussianSketch = hash(dense(sp.gaussianSketch(m, n, { seed: 1 }).toDense()));
const b = sp.createRng('b').fillNormal(new Float64Array(n));
out.srht = hash(sp.srht(m, n, { seed: 2 }).applyVector(b));
out.countSketch = hash(sp.countSketch(m, n, { seed: 3 }).applyVector(b));
out.osnap = hash(sp.osnap(m, n, { seed: 4 }).applyVector(b));

const R = sp.random(300, 200, 0.05, { seed: 7, format: 'csr' });
out.random = hash(R.indptr, R.indices, R.data);

const X = sp.createRng('X').fillNormal(new Float64Array(40 * 30));
const Xa = Array.from({ length: 40 }, (_, i) => Array.from(X.subarray(i * 30, i * 30 + 30)));
const q = sp.qr(Xa);
out.qr = hash(dense(q.Q), dense(q.R));
const s = sp.svd(Xa);
out.svd = hash(s.s, dense(s.U), dense(s.Vt));
const S = sp.matmul(Xa, Xa, { transA: true });
const e = sp.eigh(S);
out.eigh = hash(e.values, dense(e.vectors));
out.lstsq = hash(sp.lstsq(Xa, sp.createRng('lb').fillNormal(new Float64Array(40))).x);

// Krylov solves: the iterates and the iteration counts.
const k = 30;
const rows = [], cols = [], vals = [];
for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
  const p = i * k + j;
  rows.push(p); cols.push(p); vals.push(4);
  if (i > 0) { rows.push(p); cols.push(p - k); vals.push(-1); }
  if (i < k - 1) { rows.push(p); cols.push(p + k); vals.push(-1); }
  if (j > 0) { rows.push(p); cols.push(p - 1); vals.push(-1); }
  if (j < k - 1) { rows.push(p); cols.push(p + 1); vals.push(-1); }
}
const P = sp.coo(rows, cols, vals, [k * k, k * k]).toCSR();
const rhs = sp.createRng('rhs').fillNormal(new Float64Array(k * k));
const c = sp.cg(P, rhs, { tol: 1e-10 });
out.cg = hash(c.x, [c.iterations]);
const ev = sp.eigsh(P, 3, { which: 'LA', seed: 1 });
out.eigsh = hash(ev.values, [ev.iterations]);
const T = sp.createRng('T').fillNormal(new Float64Array(3000 * 20));
const Ta = Array.from({ length: 3000 }, (_, i) => Array.from(T.subarray(i * 20, i * 20 + 20)));
const tb = sp.createRng('tb').fillNormal(new Float64Array(3000));
const sap = sp.sketchAndPrecondition(Ta, tb, { seed: 9, sketch: 'gaussian' });
out.sketchAndPrecondition = hash(sap.x, [sap.iterations]);

await sp.shutdown?.();
console.log(JSON.stringify(out));
