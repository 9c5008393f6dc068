/**
 * The default α grid with unpenalized features (penalty factor 0) starts where glmnet starts its λ
 * sequence: at the smallest α where every penalized coefficient is zero once the unpenalized ones
 * are fitted. Oracle: that defining property, checked by fits just above and just below α_max, and
 * the dense and CSC routes giving the same α_max. (The former α_max, from correlations with ỹ, came
 * out 0.45% below the true one here (3.388 vs 3.403), so the fit just above it already had nonzero
 * penalized coefficients; both tests fail with it.)
 */
import { describe, expect, it } from 'vitest';
import { elasticNet, fromDense, lassoPath } from '../../../src/index.js';
import { ar1Problem } from './data.js';

describe('α_max with unpenalized features', () => {
  const { rows, y: y0 } = ar1Problem(200, 160, 1, 3);
  // y leans on the unpenalized features 0 and 1.
  const y = y0.map((v, i) => v + 5 * rows[i]![0]! - 4 * rows[i]![1]!);
  const pf = Array.from({ length: 160 }, (_, j) => (j < 2 ? 0 : 1));
  for (const positive of [false, true]) {
    it(`l1Ratio 1, positive ${positive}: penalized coefficients are zero at α_max and not just below`, () => {
      const yy = positive ? y.map((v, i) => v + 9 * rows[i]![1]!) : y; // keep feature 1's fit feasible (> 0)
      const opts = { nAlphas: 5, tol: 1e-12, maxIter: 100000, positive, penaltyFactor: pf };
      const path = lassoPath(rows, yy, opts);
      const amax = path.alphas[0]!;
      const pathCsc = lassoPath(fromDense(rows, 'csc'), yy, opts);
      expect(Math.abs(pathCsc.alphas[0]! - amax)).toBeLessThan(1e-10 * amax);
      const above = elasticNet(rows, yy, { alpha: amax * (1 + 1e-6), l1Ratio: 1, tol: 1e-14, maxIter: 100000, positive, penaltyFactor: pf });
      const below = elasticNet(rows, yy, { alpha: amax * 0.98, l1Ratio: 1, tol: 1e-14, maxIter: 100000, positive, penaltyFactor: pf });
      const penalized = (w: Float64Array) => Array.from(w).slice(2);
      expect(penalized(above.coef).every((v) => v === 0)).toBe(true);
      expect(above.coef[0]).not.toBe(0); // the unpenalized features are fitted
      expect(penalized(below.coef).some((v) => v !== 0)).toBe(true);
      // The path's own second point (α_max·10^(-3/4)) has entered features; its first has none.
      expect(penalized(path.coefs[0]!).every((v) => v === 0)).toBe(true);
      expect(penalized(path.coefs[1]!).some((v) => v !== 0)).toBe(true);
    });
  }
});
