import { describe, expect, it } from 'vitest';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';
import { omp } from '../../../src/solvers/sparse-regression/omp.js';
import { oracleError, predictionError } from './helpers.js';

describe("sparseRegression below the exact-recovery sample size (the Lasso's own coefficients as candidates)", () => {
  it("on L0Learn's case with N = 100 keeps the Lasso's shrunken fit, which predicts better than OMP told k and than refits only", () => {
    // AR(1) 0.95, d = 1000, k = 25 unit coefficients, σ = 0.5: 4 samples per true feature, where
    // no method recovers the support and a least-squares refit on a partly wrong support predicts badly.
    const p = makeSparseRegression({ design: 'ar1', rho: 0.95, n: 100, d: 1000, k: 25, noise: 0.5, coefficients: 'ones', seed: 1 });
    const ours = sparseRegression(p.X, p.y, { seed: 1 });
    const refitsOnly = sparseRegression(p.X, p.y, { seed: 1, unrefitted: false });
    const g = omp(p.X, p.y, { nNonzeroCoefs: 25 });
    const e = predictionError(p, ours.coef, ours.intercept);
    expect(ours.refitted).toBe(false);
    expect(refitsOnly.refitted).toBe(true);
    expect(e).toBeLessThan(predictionError(p, g.coef, g.intercept));
    expect(e).toBeLessThan(predictionError(p, refitsOnly.coef, refitsOnly.intercept) / 3);
    // Still above the oracle (least squares on the true support), as it must be at this N.
    expect(e).toBeGreaterThan(oracleError(p));
    expect(Array.from(ours.support)).toEqual(Array.from(ours.coef.keys()).filter((j) => ours.coef[j] !== 0));
  }, 60_000);
});
