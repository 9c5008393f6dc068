/**
 * Unpenalized features (penalty factor 0): the duality gap bounds the error only if the dual point
 * meets their constraints (x̃ⱼᵀr = 0, ≤ 0 under `positive`: the penalty factor scales the ridge
 * too, so they have none). Oracles: the KKT conditions
 * checked here per feature from scratch (stationarity and sign conditions, the unpenalized features
 * included), and the dense (covariance-mode) and CSC (working-set) routes to the same strictly
 * convex problem agreeing to 1e-7. Before the fix both routes certified 1e-9 and differed by 2e-3
 * here (4e-2 with another draw of the same design).
 */
import { describe, expect, it } from 'vitest';
import { elasticNet, fromDense, lassoPath } from '../../../src/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ar1Problem, kktViolation } from './data.js';

describe('unpenalized features: the certified gap is a true bound', () => {
  const { rows, y } = ar1Problem(400, 200, 1, 6);
  // 29 unpenalized features (every 7th), most of them held at zero by positivity.
  const pf = Array.from({ length: 200 }, (_, j) => (j % 7 === 0 ? 0 : 1));
  const cases = [
    { l1Ratio: 1, positive: true },
    { l1Ratio: 0.7, positive: true },
    { l1Ratio: 0.7, positive: false },
  ];
  for (const c of cases) {
    it(`path, l1Ratio ${c.l1Ratio}, positive ${c.positive}: KKT holds, dense = CSC`, () => {
      // dense = CSC to 1e-7 needs a tight gap: the ridge part gives only ‖w − w*‖ ≤ √(2·gap/(α(1 − ρ))),
      // which at tol 1e-10 allowed the 7e-7 seen at the first α of the grid.
      const opts = { nAlphas: 8, tol: 1e-14, maxIter: 20000, l1Ratio: c.l1Ratio, positive: c.positive, penaltyFactor: pf };
      const dense = lassoPath(rows, y, opts);
      const sparse = lassoPath(fromDense(rows, 'csc'), y, opts);
      expect(dense.converged.every(Boolean) && sparse.converged.every(Boolean)).toBe(true);
      let worst = 0;
      for (const path of [dense, sparse]) {
        for (let k = 0; k < 8; k++) {
          const v = kktViolation(rows, y, path.coefs[k]!, path.intercepts[k]!, path.alphas[k]!, c.l1Ratio, pf, c.positive);
          worst = Math.max(worst, v);
        }
      }
      expect(worst).toBeLessThan(1e-6);
      for (let k = 0; k < 8; k++) {
        expect(Math.abs(dense.intercepts[k]! - sparse.intercepts[k]!)).toBeLessThan(1e-7);
        for (let j = 0; j < 200; j++) expect(Math.abs(dense.coefs[k]![j]! - sparse.coefs[k]![j]!)).toBeLessThan(1e-7);
      }
      // Some unpenalized features are fitted (nonzero) and, under positivity, some held at zero.
      const last = dense.coefs[7]!;
      expect(pf.some((f, j) => f === 0 && last[j] !== 0)).toBe(true);
      if (c.positive) expect(pf.some((f, j) => f === 0 && last[j] === 0)).toBe(true);
    });
  }
  it('elasticNet above α_max: the penalized features are zero, the unpenalized ones fitted', () => {
    // From w = 0 the gap that ignored the unpenalized features' constraints was exactly 0: the fit
    // returned w = 0 at once with converged: true.
    const opts = { alpha: 50, l1Ratio: 0.7, positive: true, penaltyFactor: pf, tol: 1e-10, maxIter: 20000 };
    for (const X of [rows, fromDense(rows, 'csc')]) {
      const fit = elasticNet(X, y, opts);
      expect(fit.converged).toBe(true);
      expect(kktViolation(rows, y, fit.coef, fit.intercept, 50, 0.7, pf, true)).toBeLessThan(1e-6);
      expect(pf.some((f, j) => f === 0 && fit.coef[j] !== 0)).toBe(true);
      expect(pf.every((f, j) => f === 0 || fit.coef[j] === 0)).toBe(true);
    }
  });
  it('collinear unpenalized columns (a singular block): KKT still holds', () => {
    // Column 14 repeats column 7, both unpenalized; at l1Ratio 1 their block has no Cholesky.
    const dup = rows.map((row) => row.map((v, j) => (j === 14 ? row[7]! : v)));
    for (const X of [dup, fromDense(dup, 'csc')]) {
      const path = lassoPath(X, y, { nAlphas: 5, tol: 1e-10, maxIter: 20000, positive: true, penaltyFactor: pf });
      expect(path.converged.every(Boolean)).toBe(true);
      for (let k = 0; k < 5; k++) {
        expect(kktViolation(dup, y, path.coefs[k]!, path.intercepts[k]!, path.alphas[k]!, 1, pf, true)).toBeLessThan(1e-6);
      }
    }
  });
  it('positive Lasso: glmnet\'s coefficients (committed fixture, thresh 1e-16)', () => {
    // test/fixtures/golden/make_glmnet_unpenalized.R: penalty.factor pf, lower.limits 0; the first α is
    // above α_max, where only the unpenalized features are nonzero.
    const fx = JSON.parse(readFileSync(join(__dirname, '../../fixtures/golden/glmnet-unpenalized.json'), 'utf8')) as {
      ySum: number; alphas: number[]; interceptAndCoef: number[][];
    };
    expect(Math.abs(y.reduce((a, v) => a + v, 0) - fx.ySum)).toBeLessThan(1e-9);
    for (const X of [rows, fromDense(rows, 'csc')]) {
      const path = lassoPath(X, y, { alphas: fx.alphas, tol: 1e-13, maxIter: 100000, positive: true, penaltyFactor: pf });
      expect(path.converged.every(Boolean)).toBe(true);
      for (let k = 0; k < fx.alphas.length; k++) {
        const ref = fx.interceptAndCoef[k]!;
        expect(Math.abs(path.intercepts[k]! - ref[0]!)).toBeLessThan(1e-6);
        for (let j = 0; j < 200; j++) expect(Math.abs(path.coefs[k]![j]! - ref[j + 1]!)).toBeLessThan(1e-6);
      }
    }
  });
});
