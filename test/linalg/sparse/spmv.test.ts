import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, CSRMatrix, ShapeError, createRng, csr, releaseKernelCache, setBackend, shutdown, spmv, spmvAsync } from '../../../src/index.js';
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
