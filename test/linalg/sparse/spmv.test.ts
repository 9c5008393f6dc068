import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, CSCMatrix, CSRMatrix, ShapeError, createRng, csr, releaseKernelCache, setBackend, shutdown, spmv, spmvAsync } from '../../../src/index.js';
import { allocF64, discardF64, residentOffset } from '../../../src/kernels/runtime/memory.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { PY_CSR, dense, erdosRenyi, expectClose, loadFixture, rmat, toJson } from './helpers.js';

function denseMatvec(d: Float64Array, m: number, n: number, x: Float64Array, trans = false): Float64Array {
  const y = new Float64Array(trans ? n : m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    if (trans) y[j]! += d[i * n + j]! * x[i]!;
    else y[i]! += d[i * n + j]! * x[j]!;
  }
  return y;
}

function bits(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

const rng = createRng(11);
const vec = (n: number) => rng.fillUniform(new Float64Array(n), -1, 1);

describe('spmv', () => {
  afterAll(async () => {
    setBackend('auto');
    await shutdown();
  });
  it('CSR, CSC and COO match the dense product, for A·x and Aᵀ·x, on both backends', () => {
    for (const [m, n, d, s] of [[1, 1, 1, 1], [13, 7, 0.4, 2], [200, 300, 0.05, 3], [0, 5, 0, 4], [5, 0, 0, 5]] as const) {
      const A = erdosRenyi(m, n, d, s);
      const D = dense(A);
      const x = vec(n);
      const xt = vec(m);
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        for (const M of [A, A.toCSC(), A.toCOO()]) {
          for (let rep = 0; rep < 2; rep++) {
            // second run: the matrix is resident in WASM memory
            expectClose(spmv(M, x), denseMatvec(D, m, n, x));
            expectClose(M.rmatvec(xt), denseMatvec(D, m, n, xt, true));
          }
        }
      }
      setBackend('auto');
    }
  });
  it('out, alpha and beta: y = alpha·A·x + beta·y; beta = 0 ignores NaN in out', () => {
    const A = csr([[1, 0, 2], [0, 3, 0]]);
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      for (const M of [A, A.toCSC(), A.toCOO()]) {
        const y = new Float64Array([1, -1]);
        expect(spmv(M, [1, 2, 3], { out: y, alpha: 2, beta: 3 })).toBe(y);
        expect(Array.from(y)).toEqual([2 * 7 + 3, 2 * 6 - 3]);
        const z = new Float64Array([NaN, NaN]);
        spmv(M, [1, 2, 3], { out: z, beta: 0 });
        expect(Array.from(z)).toEqual([7, 6]);
        const w = new Float64Array([1, 1, 1]);
        M.rmatvec([1, 1], { out: w, alpha: -1, beta: 1 });
        expect(Array.from(w)).toEqual([0, -2, -1]);
      }
    }
    setBackend('auto');
  });
  it('JS and WASM agree bit for bit, and thread counts 1, 2, 3 give identical results (sync and async)', async () => {
    const A = rmat(12, 8, 5);
    const x = vec(A.shape[1]);
    setBackend('js');
    const ref = spmv(A, x, { threads: 1 });
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      for (const threads of [1, 2, 3]) {
        expect(bits(spmv(A, x, { threads }))).toBe(bits(ref));
        expect(bits(await spmvAsync(A, x, { threads }))).toBe(bits(ref));
      }
    }
    setBackend('auto');
  });
  it('blocked transposed product (10^6 entries, 120 columns): exact against long sums, identical for every thread count and backend, resident vectors in place', () => {
    // Integer-valued entries and vector: every partial sum is an exactly representable integer,
    // so the product must equal the plain row-order sums bit for bit.
    const m = 50000, n = 120, per = 20;
    const r = createRng(4);
    const indptr = new Int32Array(m + 1), indices = new Int32Array(m * per), data = new Float64Array(m * per);
    for (let i = 0; i < m; i++) {
      const cols = Array.from(r.sample(n, per)).sort((a, b) => a - b);
      for (let t = 0; t < per; t++) {
        indices[i * per + t] = cols[t]!;
        data[i * per + t] = r.integer(-8, 9);
      }
      indptr[i + 1] = (i + 1) * per;
    }
    const A = new CSRMatrix({ indptr, indices, data, shape: [m, n] });
    const C = new CSCMatrix({ indptr, indices, data, shape: [n, m] }); // the same arrays: C = Aᵀ
    const xi = Float64Array.from({ length: m }, () => r.integer(-50, 51));
    const exact = new Float64Array(n);
    for (let i = 0; i < m; i++) for (let p = indptr[i]!; p < indptr[i + 1]!; p++) exact[indices[p]!]! += data[p]! * xi[i]!;
    const y0 = Float64Array.from({ length: n }, (_, j) => j - 60);
    const want = Float64Array.from(exact, (v, j) => 2 * v + 3 * y0[j]!);
    // Real-valued x: the blocked sums differ from row-order sums by rounding only, and must not
    // depend on the thread count or backend.
    const xr = vec(m);
    const refReal = (() => { setBackend('js'); const v = A.rmatvec(xr, { threads: 1 }); setBackend('auto'); return v; })();
    const plain = denseMatvec(dense(A), m, n, xr, true);
    expectClose(refReal, plain, 1e-12);
    for (const backend of ['js', 'wasm', 'auto'] as const) {
      setBackend(backend);
      for (const threads of [1, 2, 3]) {
        expect(bits(A.rmatvec(xi, { threads }))).toBe(bits(exact));
        expect(bits(C.matvec(xi, { threads }))).toBe(bits(exact));
        const out = y0.slice();
        A.rmatvec(xi, { threads, out, alpha: 2, beta: 3 });
        expect(bits(out)).toBe(bits(want));
        expect(bits(A.rmatvec(xr, { threads }))).toBe(bits(refReal));
        expect(bits(spmv(C, xr, { threads }))).toBe(bits(refReal));
      }
    }
    // Work vectors in WASM memory (as the solvers use them) are read and written in place.
    setBackend('wasm');
    const xs = allocF64(m, false, 0);
    const ys = allocF64(n, false, 0);
    const ym = allocF64(m, false, 0);
    try {
      expect(residentOffset(xs)).toBeGreaterThanOrEqual(0);
      xs.set(xr);
      A.rmatvec(xs, { out: ys, threads: 2 });
      expect(bits(ys)).toBe(bits(refReal));
      const v = vec(n);
      A.matvec(v, { out: ym, threads: 2 });
      expect(bits(ym)).toBe(bits(A.matvec(v, { threads: 1 })));
    } finally {
      discardF64(xs);
      discardF64(ys);
      discardF64(ym);
      setBackend('auto');
    }
  });
  it('a matrix mutated in place is re-copied after releaseKernelCache / sortIndicesInPlace', () => {
    setBackend('wasm');
    const A = new CSRMatrix({ indptr: [0, 2, 3], indices: [1, 0, 1], data: [2, 1, 3], shape: [2, 2] });
    expect(Array.from(A.matvec([1, 10]))).toEqual([21, 30]);
    A.sortIndicesInPlace();
    A.data[0] = 100; // now entry (0, 0)
    releaseKernelCache(A);
    expect(Array.from(A.matvec([1, 10]))).toEqual([120, 30]);
    setBackend('auto');
  });
  const skip = pythonMissing();
  it.skipIf(skip !== null)('matches SciPy on fixture matrices (Pd, bcspwr10, G51, dwt_992)', () => {
    const mats = ['Pd.mtx', 'bcspwr10.mtx', 'G51.mtx', 'dwt_992.mtx'].map((f) => loadFixture(f)!);
    const xs = mats.map((A) => Array.from(vec(A.shape[1])));
    const want = runPython<number[][]>(`${PY_CSR}\nprint(json.dumps([(csr(d) @ np.array(x)).tolist() for d, x in zip(inp['A'], inp['x'])]))`, { A: mats.map(toJson), x: xs });
    mats.forEach((A, t) => {
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        expectClose(spmv(A, xs[t]!), want[t]!, 1e-13);
        expectClose(spmv(A, xs[t]!, { threads: 2 }), want[t]!, 1e-13);
      }
    });
    setBackend('auto');
  });
  it('rejects wrong lengths, non-finite plain arrays and bad options', () => {
    const A = csr([[1, 2]]);
    expect(() => spmv(A, [1])).toThrow(ShapeError);
    expect(() => spmv(A, [1, NaN])).toThrow(ArgumentError);
    expect(() => spmv(A, [1, 1], { out: new Float64Array(3) })).toThrow(ShapeError);
    expect(() => spmv(A, [1, 1], { alpha: Infinity })).toThrow(ArgumentError);
    expect(() => spmv(A, [1, 1], { threads: 1.5 })).toThrow(ArgumentError);
    expect(() => spmv([[1]] as unknown as COOMatrix, [1])).toThrow(ArgumentError);
    const sq = csr([[1, 2], [3, 4]]);
    const v = new Float64Array([1, 1]);
    for (const M of [sq, sq.toCSC(), sq.toCOO()]) {
      expect(() => spmv(M, v, { out: v })).toThrow(ArgumentError);
      expect(() => M.rmatvec(v, { out: v })).toThrow(ArgumentError);
    }
    const buf = new Float64Array(4);
    expect(Array.from(spmv(sq, buf.subarray(0, 2).fill(1), { out: buf.subarray(2) }))).toEqual([3, 7]); // same buffer, disjoint
  });
});
