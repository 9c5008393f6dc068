import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { svd, svdDense } from '../../../src/linalg/dense/svd.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, orthError, randn, toRows, tr, withCondition } from '../iterative/helpers.js';
import { goldenCases } from './golden.js';

type D = ReturnType<typeof randn>;

function checkSVD(A: D, full = false): Float64Array {
  const { U, s, Vt } = svdDense(A, true, full);
  const k = s.length;
  const m = A.rows;
  const n = A.cols;
  expect(k).toBe(Math.min(m, n));
  // Thin reconstruction from the first k columns/rows.
  const Uk = { rows: m, cols: k, data: new Float64Array(m * k) };
  for (let i = 0; i < m; i++) for (let t = 0; t < k; t++) Uk.data[i * k + t] = U!.data[i * U!.cols + t]! * s[t]!;
  const Vk = { rows: k, cols: n, data: Vt!.data.slice(0, k * n) };
  const scale = Math.max(m, n);
  expect(fro(naiveMatmul(Uk, Vk), A)).toBeLessThanOrEqual(1e-12 * fro(A) * scale + 1e-300);
  expect(orthError(U!)).toBeLessThanOrEqual(1e-13 * scale);
  expect(orthError(tr(Vt!))).toBeLessThanOrEqual(1e-13 * scale);
  if (full) {
    expect([U!.rows, U!.cols, Vt!.rows, Vt!.cols]).toEqual([m, m, n, n]);
  }
  for (let i = 1; i < k; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
  for (let i = 0; i < k; i++) expect(s[i]!).toBeGreaterThanOrEqual(0);
  return s;
}

describe('svd', () => {
  it('reconstructs with orthonormal factors: tall, wide, square, cond 1e10, thin and full', () => {
    const shapes: [number, number][] = [[1, 1], [1, 5], [5, 1], [4, 4], [50, 20], [20, 50], [80, 80], [200, 40], [40, 200]];
    for (const [m, n] of shapes) {
      checkSVD(randn(m, n, m * 31 + n));
      checkSVD(withCondition(m, n, 1e10, m + n));
      if (m * n <= 4000) checkSVD(randn(m, n, m + 3 * n), true);
    }
    checkSVD({ rows: 6, cols: 4, data: new Float64Array(24) });
  });

  it('singular values match NumPy (golden) on random, cond-1e10, rank-deficient and fixture matrices', () => {
    for (const { name, A, g } of goldenCases()) {
      const s = checkSVD(A);
      // Well conditioned: every value to 1e-10 relative. Otherwise LAPACK and we both resolve the
      // small values to about ε·σ_max, so compare normwise.
      g.sv.forEach((v, i) => {
        const tol = g.cond < 1e6 ? 1e-10 * v : 1e-10 * v + 1e-14 * g.sv[0]!;
        expect(Math.abs(s[i]! - v), `${name} σ${i}`).toBeLessThanOrEqual(tol);
      });
    }
  });

  it('matches live NumPy (values, and vectors up to sign) and the values-only path', (ctx) => {
    const why = pythonMissing(['numpy']);
    if (why) return ctx.skip(why);
    const A = randn(70, 45, 3);
    const py = runPython<{ s: number[]; vt: number[][] }>('import numpy as np\nu, s, vt = np.linalg.svd(np.array(inp), full_matrices=False)\nprint(json.dumps({"s": s.tolist(), "vt": vt.tolist()}))', toRows(A));
    const r = svd(toNdarray(A));
    py.s.forEach((v, i) => expect(r.s[i]).toBeCloseTo(v, 11));
    const Vt = asDenseMatrix(r.Vt!);
    for (let i = 0; i < 45; i++) {
      const sg = Math.sign(Vt.data[i * 45]!) * Math.sign(py.vt[i]![0]!);
      for (let j = 0; j < 45; j++) expect(sg * Vt.data[i * 45 + j]!).toBeCloseTo(py.vt[i]![j]!, 8);
    }
    const only = svd(toNdarray(A), { vectors: false });
    expect(only.U).toBeUndefined();
    only.s.forEach((v, i) => expect(v).toBeCloseTo(r.s[i]!, 12));
  });

  it('throws on NaN', () => {
    expect(() => svd([[1, NaN]])).toThrow(ArgumentError);
  });
});
