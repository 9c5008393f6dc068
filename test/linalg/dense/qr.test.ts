import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { applyQ, applyQT, qr, qrApplyQTDense, qrDense, qrFactor, qrQDense, qrRDense } from '../../../src/linalg/dense/qr.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, orthError, randn, randvec, toRows, withCondition } from '../iterative/helpers.js';
import { goldenCases } from './golden.js';

function checkQR(A: ReturnType<typeof randn>, complete = false): void {
  const F = qrDense(A);
  const Q = qrQDense(F, complete);
  const R = qrRDense(F, complete);
  const n = Math.max(A.rows, A.cols);
  const normA = fro(A);
  expect(fro(A, naiveMatmul(Q, R))).toBeLessThanOrEqual(1e-12 * normA * n);
  expect(orthError(Q)).toBeLessThanOrEqual(1e-13 * n);
  // R is upper triangular.
  for (let i = 0; i < R.rows; i++) for (let j = 0; j < Math.min(i, R.cols); j++) expect(R.data[i * R.cols + j]).toBe(0);
}

describe('qr', () => {
  it('reconstructs and is orthogonal on tall, wide, square and cond-1e10 matrices (reduced and complete)', () => {
    const shapes: [number, number][] = [[1, 1], [3, 1], [1, 4], [7, 7], [60, 25], [25, 60], [97, 97], [300, 40], [40, 130], [150, 150]];
    for (const [m, n] of shapes) {
      checkQR(randn(m, n, m * 1000 + n));
      if (m * m < 40000) checkQR(randn(m, n, m * 1000 + n + 1), true);
    }
    checkQR(withCondition(120, 70, 1e10, 5));
    checkQR(withCondition(70, 70, 1e10, 6));
    checkQR(withCondition(50, 90, 1e10, 7), true);
  });

  it('handles zero columns and exactly rank-deficient input', () => {
    const A = randn(30, 10, 3);
    for (let i = 0; i < 30; i++) { A.data[i * 10 + 4] = 0; A.data[i * 10 + 7] = 2 * A.data[i * 10 + 1]!; }
    checkQR(A);
    checkQR({ rows: 5, cols: 3, data: new Float64Array(15) });
  });

  it('|diag(R)| matches NumPy (golden) on well-conditioned and real-fixture matrices', () => {
    for (const { name, A, g } of goldenCases()) {
      if (g.cond > 1e6) continue;
      const R = qrRDense(qrDense(A));
      const k = Math.min(A.rows, A.cols);
      for (let i = 0; i < k; i++) {
        expect(Math.abs(Math.abs(R.data[i * R.cols + i]!) - g.absdiagR[i]!), `${name} R[${i}][${i}]`).toBeLessThanOrEqual(1e-10 * Math.max(1, g.absdiagR[0]!));
      }
    }
  });

  it('R matches live NumPy up to row signs', (ctx) => {
    const why = pythonMissing(['numpy']);
    if (why) return ctx.skip(why);
    const A = randn(80, 33, 99);
    const py = runPython<number[][]>('import numpy as np\nprint(json.dumps(np.linalg.qr(np.array(inp), mode="r").tolist()))', toRows(A));
    const R = qrRDense(qrDense(A));
    for (let i = 0; i < 33; i++) {
      const s = Math.sign(R.data[i * 33 + i]!) * Math.sign(py[i]![i]!);
      for (let j = i; j < 33; j++) expect(s * R.data[i * 33 + j]!).toBeCloseTo(py[i]![j]!, 10);
    }
  });

  it('applyQT / applyQ agree with the explicit Q and never need it', () => {
    const A = randn(90, 37, 12);
    const F = qrDense(A);
    const Q = qrQDense(F, true);
    const B = randn(90, 5, 13);
    const QtB = qrApplyQTDense(F, B);
    const expected = naiveMatmul({ rows: 90, cols: 90, data: transpose(Q.data, 90, 90) }, B);
    expect(fro(QtB, expected)).toBeLessThanOrEqual(1e-12 * fro(B));
    const f = qrFactor(toNdarray(A));
    const b = randvec(90, 14);
    const qtb = f.applyQT(b);
    const back = applyQ(f, qtb);
    for (let i = 0; i < 90; i++) expect(back[i]).toBeCloseTo(b[i]!, 12);
    // Matrix right-hand sides through the public API, and k-length vectors for applyQ.
    const QtBnd = applyQT(f, toNdarray(B));
    expect(fro(asDenseMatrix(QtBnd), QtB)).toBeLessThanOrEqual(1e-13 * fro(B));
    const y = applyQ(f, new Float64Array(37).fill(1));
    expect(y.length).toBe(90);
    // Qᵀ·A equals [R; 0].
    const QtA = f.applyQT(toNdarray(A));
    const R = f.R(true);
    expect(fro(asDenseMatrix(QtA), asDenseMatrix(R))).toBeLessThanOrEqual(1e-12 * fro(A) * 90);
    expect(f.shape).toEqual([90, 37]);
  });

  it('public qr: modes and shapes', () => {
    const A = randn(6, 4, 1);
    const red = qr(toNdarray(A));
    expect(red.Q!.shape).toEqual([6, 4]);
    expect(red.R.shape).toEqual([4, 4]);
    const com = qr(toNdarray(A), { mode: 'complete' });
    expect(com.Q!.shape).toEqual([6, 6]);
    expect(com.R.shape).toEqual([6, 4]);
    const r = qr(toNdarray(A), { mode: 'r' });
    expect(r.Q).toBeUndefined();
    expect(r.R.shape).toEqual([4, 4]);
    const wide = qr(randnRows(3, 5));
    expect(wide.Q!.shape).toEqual([3, 3]);
    expect(wide.R.shape).toEqual([3, 5]);
  });

  it('throws typed errors on bad input', () => {
    expect(() => qr([[1, NaN]])).toThrow(ArgumentError);
    expect(() => qr([[1, 2]], { mode: 'economic' as never })).toThrow(ArgumentError);
    const f = qrFactor([[1, 2], [3, 4], [5, 6]]);
    expect(() => f.applyQT([1, 2])).toThrow(ShapeError);
    expect(() => f.applyQT([[1], [2]])).toThrow(ShapeError);
    expect(() => applyQT({} as never, [1])).toThrow(ArgumentError);
  });

  it('does not modify its input', () => {
    const A = randn(20, 8, 2);
    const copy = A.data.slice();
    qrDense(A);
    expect(A.data).toEqual(copy);
  });
});

function transpose(d: Float64Array, m: number, n: number): Float64Array {
  const o = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) o[j * m + i] = d[i * n + j]!;
  return o;
}

function randnRows(m: number, n: number): number[][] {
  return toRows(randn(m, n, m + n));
}
