import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { cond, matrixRank, pinv, pinvDense } from '../../../src/linalg/dense/pinv.js';
import { fro, fromRows, naiveMatmul, randn } from '../iterative/helpers.js';
import { goldenCases } from './golden.js';

describe('pinv / cond / matrixRank', () => {
  it('pinv matches NumPy (golden) and satisfies the Penrose conditions', () => {
    for (const { name, A, g } of goldenCases()) {
      if (!g.pinv) continue;
      const P = pinvDense(A);
      const ref = fromRows(g.pinv);
      if (g.cond < 1e6 || g.rank < Math.min(A.rows, A.cols)) {
        // Well conditioned, or rank-deficient with a clear gap: the pseudo-inverse is well defined.
        expect(fro(P, ref), name).toBeLessThanOrEqual(1e-8 * fro(ref));
      }
      // A·A⁺·A = A and A⁺·A·A⁺ = A⁺ (relative to their size).
      expect(fro(naiveMatmul(naiveMatmul(A, P), A), A), name).toBeLessThanOrEqual(1e-6 * fro(A));
    }
  });

  it('cond and matrixRank match NumPy (golden); default tolerance σ_max·max(m, n)·ε', () => {
    for (const { name, A, g } of goldenCases()) {
      expect(matrixRank(toNdarray(A)), name).toBe(g.rank);
      if (g.cond < 1e12) expect(Math.abs(cond(toNdarray(A)) - g.cond), name).toBeLessThanOrEqual(1e-6 * g.cond);
      else expect(cond(toNdarray(A)), name).toBeGreaterThan(1e12);
    }
  });

  it('options and edge cases', () => {
    expect(matrixRank([[1, 0], [0, 1e-9]], { rtol: 1e-8 })).toBe(1);
    expect(matrixRank([[1, 0], [0, 1e-9]], { tol: 1e-10 })).toBe(2);
    expect(matrixRank([[0, 0], [0, 0]])).toBe(0);
    expect(cond([[1, 0], [0, 0]])).toBe(Infinity);
    const P = asDenseMatrix(pinv([[1, 0], [0, 1e-20]], { rcond: 0 }));
    expect(P.data[3]).toBeCloseTo(1e20, -8);
    expect(asDenseMatrix(pinv([[1, 0], [0, 1e-20]])).data[3]).toBe(0);
    expect(() => pinv([[1]], { rcond: -1 })).toThrow(ArgumentError);
    expect(() => cond([[NaN]])).toThrow(ArgumentError);
    const A = randn(9, 4, 1);
    expect(asDenseMatrix(pinv(toNdarray(A))).rows).toBe(4);
  });
});
