/**
 * Correct by default: a product is computed from the values in the arrays at the time of the call,
 * whatever the backend and thread count; cross-call residency only through an explicit `pin`.
 * Oracle: a plain double loop over the current arrays (and the true residual for solvers).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  CSRMatrix,
  cg,
  createRng,
  csr,
  denseSparse,
  kernelInfo,
  lsqr,
  pin,
  setBackend,
  setThreads,
  shutdown,
  sparseDense,
  spgemm,
  spmv,
  withResidency,
} from '../../../src/index.js';
import ndarray from 'ndarray';
import { poisson2d } from '../iterative/helpers.js';
import { erdosRenyi } from './helpers.js';

const rng = createRng(20261202);

/** y = A·x (or Aᵀ·x) straight from the CSR arrays. */
function refMatvec(A: CSRMatrix, x: Float64Array, trans = false): Float64Array {
  const [m, n] = A.shape;
  const y = new Float64Array(trans ? n : m);
  for (let i = 0; i < m; i++) {
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) {
      if (trans) y[A.indices[p]!]! += A.data[p]! * x[i]!;
      else y[i]! += A.data[p]! * x[A.indices[p]!]!;
    }
  }
  return y;
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-12): void {
  expect(got.length).toBe(want.length);
  let scale = 1;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]!));
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol * scale);
}

const configs = [
  { backend: 'js', threads: 1 },
  { backend: 'js', threads: 2 },
  { backend: 'wasm', threads: 1 },
  { backend: 'wasm', threads: 2 },
  { backend: 'auto', threads: 1 },
  { backend: 'auto', threads: 2 },
] as const;

describe('products use the values at the time of the call', () => {
  afterAll(async () => {
    setBackend('auto');
    await shutdown();
  });

  // 200 x 150 with ~6000 entries: above the 'auto' WASM threshold (4096 stored entries).
  const A0 = erdosRenyi(200, 150, 0.2, 7);

  for (const { backend, threads } of configs) {
    it(`A.data mutated in place (${backend}, ${threads} thread${threads > 1 ? 's' : ''}): spmv, rmatvec, CSC, sparse x dense, SpGEMM`, () => {
      setBackend(backend);
      const A = A0.clone();
      const x = rng.fillUniform(new Float64Array(150), -1, 1);
      const u = rng.fillUniform(new Float64Array(200), -1, 1);
      const B = rng.fillUniform(new Float64Array(150 * 3), -1, 1);
      const D = rng.fillUniform(new Float64Array(2 * 200), -1, 1);
      for (let round = 0; round < 3; round++) {
        // Several products per round: a cache keyed by the arrays would be warm from round 2 on.
        for (let rep = 0; rep < 2; rep++) {
          expectClose(spmv(A, x, { threads }), refMatvec(A, x));
          expectClose(A.rmatvec(u, { threads }), refMatvec(A, u, true));
          expectClose(A.toCSC().matvec(x, { threads }), refMatvec(A, x));
        }
        const C = sparseDense(A, B, { cols: 3 });
        for (let j = 0; j < 3; j++) {
          const col = Float64Array.from({ length: 150 }, (_, i) => B[i * 3 + j]!);
          expectClose(Float64Array.from({ length: 200 }, (_, i) => C[i * 3 + j]!), refMatvec(A, col));
        }
        const E = denseSparse(D, A);
        expectClose(E.subarray(0, 150), refMatvec(A, D.subarray(0, 200), true));
        const AtA = spgemm(A.transpose().toCSR(), A, { threads });
        expectClose(AtA.matvec(x), refMatvec(A, refMatvec(A, x), true), 1e-11);
        // In place: every value changes.
        for (let p = 0; p < A.data.length; p++) A.data[p] = A.data[p]! * -1.5 + 0.25;
      }
    });
  }

  it('typed arrays reused across constructions over a fixed pattern (Newton/IRLS style), every backend and thread count', () => {
    for (const { backend, threads } of configs) {
      setBackend(backend);
      const { indptr, indices } = A0;
      const data = A0.data.slice();
      const x = rng.fillUniform(new Float64Array(150), -1, 1);
      for (let round = 0; round < 3; round++) {
        const A = new CSRMatrix({ indptr, indices, data, shape: [200, 150] });
        expectClose(spmv(A, x, { threads }), refMatvec(A, x));
        expectClose(spmv(A, x, { threads }), refMatvec(A, x));
        for (let p = 0; p < data.length; p++) data[p] = rng.uniform() - 0.5;
      }
    }
  });

  it('values changed between solver calls: cg converges to the true solution each time (every backend, 1 and 2 threads)', () => {
    for (const { backend, threads } of configs) {
      setBackend(backend);
      setThreads(threads);
      const A = poisson2d(70); // 4900 unknowns, 24220 entries; the diagonal is set below
      const b = rng.fillUniform(new Float64Array(4900), -1, 1);
      for (const shift of [0, 3, 10]) {
        // Add `shift` to the diagonal in place (same arrays).
        for (let i = 0; i < 4900; i++) for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) if (A.indices[p] === i) A.data[p] = 4.01 + shift;
        const res = cg(A, b, { tol: 1e-10, maxIter: 2000 });
        expect(res.converged).toBe(true);
        const r = refMatvec(A, res.x);
        let rr = 0;
        let bb = 0;
        for (let i = 0; i < 4900; i++) {
          rr += (b[i]! - r[i]!) ** 2;
          bb += b[i]! ** 2;
        }
        expect(Math.sqrt(rr / bb)).toBeLessThan(1e-9);
      }
    }
    setThreads('auto');
  });

  it('a dense matrix changed between lsqr calls (fused WASM step) gives the fresh least-squares solution', () => {
    for (const backend of ['js', 'wasm', 'auto'] as const) {
      setBackend(backend);
      const m = 400;
      const n = 200; // 80000 entries: above the 'auto' threshold of the fused dense step
      const a = rng.fillUniform(new Float64Array(m * n), -1, 1);
      const xTrue = rng.fillUniform(new Float64Array(n), -1, 1);
      for (let round = 0; round < 3; round++) {
        const b = new Float64Array(m);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) b[i]! += a[i * n + j]! * xTrue[j]!;
        const res = lsqr(ndarray(a, [m, n]), b, { atol: 1e-14, btol: 1e-14, maxIter: 1000 });
        expectClose(res.x, xTrue, 1e-8);
        for (let p = 0; p < a.length; p++) a[p] = a[p]! + 0.1 * (rng.uniform() - 0.5);
      }
    }
  });
});

describe('pin: explicit cross-call residency', () => {
  afterAll(() => setBackend('auto'));

  it('products with a pinned matrix reuse its copy; updateValues refreshes it; release frees it', () => {
    for (const backend of ['js', 'wasm', 'auto'] as const) {
      setBackend(backend);
      const A = erdosRenyi(200, 150, 0.2, 9);
      const x = rng.fillUniform(new Float64Array(150), -1, 1);
      const before = kernelInfo().cachedBytes;
      const P = pin(A);
      const wasm = kernelInfo().wasm;
      expect(P.bytes).toBe(wasm ? A.nnz * 12 + 201 * 4 : 0);
      expect(kernelInfo().cachedBytes - before).toBe(P.bytes);
      expectClose(spmv(A, x), refMatvec(A, x));
      for (let p = 0; p < A.data.length; p++) A.data[p] = A.data[p]! * 2;
      P.updateValues();
      expectClose(spmv(A, x), refMatvec(A, x));
      expectClose(spmv(A, x, { threads: 2 }), refMatvec(A, x));
      const fresh = Float64Array.from(A.data, (v) => v - 1);
      P.updateValues(fresh);
      expect(Array.from(A.data)).toEqual(Array.from(fresh));
      expectClose(P.matrix.matvec(x), refMatvec(A, x));
      (P as unknown as Record<symbol, () => void>)[Symbol.dispose]!();
      expect(P.released).toBe(true);
      expect(P.bytes).toBe(0);
      expect(kernelInfo().cachedBytes).toBe(before);
      expect(() => P.updateValues()).toThrow(/released/);
      P.release(); // idempotent
      expectClose(spmv(A, x), refMatvec(A, x));
    }
  });

  it('no copy outlives a call or a residency scope', () => {
    setBackend('wasm');
    const A = erdosRenyi(200, 150, 0.2, 10);
    const x = rng.fillUniform(new Float64Array(150), -1, 1);
    const before = kernelInfo().cachedBytes;
    spmv(A, x);
    expect(kernelInfo().cachedBytes).toBe(before);
    const inside = withResidency(() => {
      spmv(A, x);
      spmv(A, x);
      return kernelInfo().cachedBytes - before;
    });
    expect(inside).toBe(kernelInfo().wasm ? A.nnz * 12 + 201 * 4 : 0);
    expect(kernelInfo().cachedBytes).toBe(before);
  });

  it('rejects what is not a sparse matrix and bad values', () => {
    expect(() => pin({} as never)).toThrow(/sparse matrix/);
    const P = pin(csr([[1, 2]]));
    expect(() => P.updateValues([1])).toThrow(/length nnz = 2/);
    expect(() => P.updateValues([1, Number.NaN])).toThrow(/finite/);
    P.release();
  });
});
