import { describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, CSCMatrix, CSRMatrix, ShapeError, abs, add, createRng, csr, multiply, norm, power, scale, spsolveTriangular, sub, sum, toNdarray } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { PY_CSR, dense, denseMatmul, erdosRenyi, expectClose, toJson } from './helpers.js';

/** A with duplicates and unsorted indices (same matrix value). */
function messy(A: CSRMatrix): CSRMatrix {
  const c = A.toCOO();
  const n = c.nnz;
  const row = new Int32Array(2 * n), col = new Int32Array(2 * n), data = new Float64Array(2 * n);
  for (let p = 0; p < n; p++) {
    const q = n - 1 - p;
    row[2 * p] = c.row[q]!; col[2 * p] = c.col[q]!; data[2 * p] = c.data[q]! * 0.25;
    row[2 * p + 1] = c.row[q]!; col[2 * p + 1] = c.col[q]!; data[2 * p + 1] = c.data[q]! * 0.75;
  }
  // CSR built directly from the reversed rows without canonicalising.
  const order = Array.from({ length: 2 * n }, (_, t) => t).sort((a, b) => row[a]! - row[b]!);
  const indptr = new Int32Array(A.shape[0] + 1);
  for (let t = 0; t < 2 * n; t++) indptr[row[t]! + 1]!++;
  for (let i = 0; i < A.shape[0]; i++) indptr[i + 1]! += indptr[i]!;
  return new CSRMatrix({ indptr, indices: Int32Array.from(order.map((t) => col[t]!)), data: Float64Array.from(order.map((t) => data[t]!)), shape: A.shape });
}

const skip = pythonMissing();

describe('elementwise operations', () => {
  const A = erdosRenyi(30, 40, 0.15, 1, true);
  const B = erdosRenyi(30, 40, 0.15, 2, true);
  const dA = dense(A), dB = dense(B);
  it('add, sub, multiply match dense arithmetic in every format, with messy inputs; results canonical, zero-free', () => {
    for (const [L, R] of [[A, B], [messy(A), messy(B)], [A.toCSC(), B.toCOO()], [A.toCOO(), B.toCSC()]] as const) {
      const s = add(L, R), d = sub(L, R), p = multiply(L, R);
      expect(Array.from(dense(s))).toEqual(Array.from(dA, (v, i) => v + dB[i]!));
      expect(Array.from(dense(d))).toEqual(Array.from(dA, (v, i) => v - dB[i]!));
      expect(Array.from(dense(p))).toEqual(Array.from(dA, (v, i) => v * dB[i]! + 0));
      for (const C of [s, d, p]) {
        expect((C as CSRMatrix).hasCanonicalFormat).toBe(true);
        expect(Array.from(C.data).includes(0)).toBe(false);
      }
      expect(s.format).toBe(L.format === 'csc' ? 'csc' : 'csr');
    }
    expect(sub(A, A).nnz).toBe(0);
    const pd = multiply(A, toNdarray({ rows: 30, cols: 40, data: dB }));
    expect(Array.from(dense(pd))).toEqual(Array.from(dA, (v, i) => v * dB[i]! + 0));
  });
  it('scale, abs, power keep the structure and format', () => {
    for (const M of [A, A.toCSC(), A.toCOO()]) {
      expect(Array.from(dense(scale(M, -2)))).toEqual(Array.from(dA, (v) => -2 * v || 0));
      expect(Array.from(dense(abs(M)))).toEqual(Array.from(dA, Math.abs));
      expect(Array.from(dense(power(M, 3)))).toEqual(Array.from(dA, (v) => v ** 3));
      expect(scale(M, 2).format).toBe(M.format);
    }
    expect(Array.from(dense(power(messy(A), 2)))).toEqual(Array.from(dA, (v) => v * v));
    expect(() => power(A, 0)).toThrow(ArgumentError);
    expect(() => scale(A, NaN)).toThrow(ArgumentError);
    expect(() => add(A, erdosRenyi(40, 30, 0.1, 3))).toThrow(ShapeError);
  });
  it('sum over all, axis 0 and axis 1; norms fro, 1, Infinity, -1, -Infinity; messy inputs', () => {
    const [m, n] = A.shape;
    const col = new Float64Array(n), row = new Float64Array(m);
    let all = 0, fro = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      const v = dA[i * n + j]!;
      col[j]! += v; row[i]! += v; all += v; fro += v * v;
    }
    const colAbs = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => Math.abs(dA[i * n + j]!)).reduce((a, b) => a + b));
    const rowAbs = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => Math.abs(dA[i * n + j]!)).reduce((a, b) => a + b));
    for (const M of [A, A.toCSC(), A.toCOO(), messy(A)]) {
      expect(sum(M)).toBeCloseTo(all, 12);
      expectClose(sum(M, 0), col);
      expectClose(sum(M, 1), row);
      expect(norm(M)).toBeCloseTo(Math.sqrt(fro), 12);
      expect(norm(M, 1)).toBe(Math.max(...colAbs));
      expect(norm(M, Infinity)).toBe(Math.max(...rowAbs));
      expect(norm(M, -1)).toBe(Math.min(...colAbs));
      expect(norm(M, -Infinity)).toBe(Math.min(...rowAbs));
    }
    // no overflow / underflow in the Frobenius norm
    expect(norm(csr([[3e200, 4e200]]))).toBeCloseTo(5e200, -188);
    expect(norm(csr([[3e-200, 4e-200]])) / 5e-200).toBeCloseTo(1, 12);
    expect(() => norm(A, 2)).toThrow(ArgumentError);
    expect(() => sum(A, 2 as 0)).toThrow(ArgumentError);
  });
  it.skipIf(skip !== null)('norms and sums agree with SciPy', () => {
    const R = erdosRenyi(200, 150, 0.05, 8);
    const want = runPython<number[]>(`${PY_CSR}
import scipy.sparse.linalg as sl
A = csr(inp)
print(json.dumps([sl.norm(A), sl.norm(A, 1), sl.norm(A, np.inf), sl.norm(A, -1), sl.norm(A, -np.inf), float(A.sum())]))`, toJson(R));
    const got = [norm(R), norm(R, 1), norm(R, Infinity), norm(R, -1), norm(R, -Infinity), sum(R)];
    expectClose(got, want, 1e-13);
  });
});

describe('spsolveTriangular', () => {
  function triangular(n: number, lower: boolean, seed: number): CSRMatrix {
    const rng = createRng(seed);
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i === j) d[i * n + j] = 2 + rng.random();
      else if ((lower ? j < i : j > i) && rng.random() < 0.2) d[i * n + j] = rng.uniform(-1, 1);
    }
    return new COOMatrix({ row: [], col: [], data: [], shape: [n, n] }).toCSR().add(csr(toNdarray({ rows: n, cols: n, data: d })));
  }
  it('solves lower and upper systems for one and several right-hand sides (CSR, CSC, COO)', () => {
    for (const lower of [true, false]) {
      const L = triangular(40, lower, lower ? 1 : 2);
      const x = createRng(4).fillUniform(new Float64Array(40), -1, 1);
      const b = L.matvec(x);
      for (const M of [L, L.toCSC(), L.toCOO()]) expectClose(spsolveTriangular(M, b, { lower }), x, 1e-12);
      const X = createRng(5).fillUniform(new Float64Array(40 * 3), -1, 1);
      const Bm = denseMatmul(dense(L), X, 40, 40, 3);
      const sol = spsolveTriangular(L, toNdarray({ rows: 40, cols: 3, data: Bm }), { lower });
      expect(sol.shape).toEqual([40, 3]);
      expectClose(sol.data as Float64Array, X, 1e-12);
    }
  });
  it('unit diagonal, entries of the other triangle ignored, singular and shape errors', () => {
    const L = csr([[5, 9], [2, 7]]);
    expect(Array.from(spsolveTriangular(L, [1, 4], { unitDiagonal: true }))).toEqual([1, 2]);
    expect(Array.from(spsolveTriangular(L, [5, 16]))).toEqual([1, 2]); // tril(L) = [[5, 0], [2, 7]]
    expect(() => spsolveTriangular(csr([[1, 0], [1, 0]]), [1, 1])).toThrow(/L\[1\]\[1\]/);
    expect(() => spsolveTriangular(csr([[1, 0, 0]]), [1])).toThrow(ShapeError);
    expect(() => spsolveTriangular(L, [1, 2, 3])).toThrow(ShapeError);
    expect(new CSCMatrix({ indptr: [0, 1], indices: [0], data: [2], shape: [1, 1] }).format).toBe('csc');
  });
  it.skipIf(skip !== null)('agrees with SciPy spsolve_triangular', () => {
    const L = triangular(60, true, 9);
    const b = Array.from(createRng(6).fillUniform(new Float64Array(60), -1, 1));
    const want = runPython<number[]>(`${PY_CSR}
from scipy.sparse.linalg import spsolve_triangular
print(json.dumps(spsolve_triangular(csr(inp['L']), np.array(inp['b'])).tolist()))`, { L: toJson(L), b });
    expectClose(spsolveTriangular(L, b), want, 1e-12);
  });
});
