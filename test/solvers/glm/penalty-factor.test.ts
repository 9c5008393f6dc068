/**
 * `penaltyFactor` with glmnet's meaning: fⱼ scales feature j's whole penalty, ridge included,
 * (1/(2n))Σsᵢ(yᵢ − xᵢᵀw − b)² + αΣⱼfⱼ(ρ|wⱼ| + ½(1 − ρ)wⱼ²), and gap-safe screening with unpenalized
 * features. Oracles: glmnet 4.1.6's coefficients (committed fixture and its R generator, thresh 1e-16), the KKT
 * conditions of that objective checked per feature from the raw data (data.ts), a fit with the
 * same factor c on every feature equal to a fit at α·c, and for screening an unscreened fit at
 * tol 1e-14.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { elasticNet, fromDense, lassoPath, logisticRegression } from '../../../src/index.js';
import { prepareEnet, releaseEnet } from '../../../src/solvers/glm/prepare.js';
import { initialState, releaseState, solveEnet } from '../../../src/solvers/glm/working-set.js';
import { log1pExp } from '../../../src/solvers/glm/logistic-loss.js';
import { ar1Problem, kktViolation } from './data.js';

interface GlmnetFixture {
  gaussian: {
    X: number[][]; y: number[]; sampleWeight: number[]; penaltyFactor: number[];
    cases: { alpha: number; lambda: number; weighted: boolean; positive: boolean; ys: number; interceptAndCoef: number[] }[];
  };
  binomial: { X: number[][]; y: number[]; penaltyFactor: number[]; cases: { alpha: number; lambda: number; interceptAndCoef: number[] }[] };
}
const fx = JSON.parse(readFileSync(join(__dirname, '../../fixtures/golden/glmnet-penalty-factor.json'), 'utf8')) as GlmnetFixture;

/** glmnet's rescaling of penalty factors to sum to p: the documented one-line conversion. */
const glmnetFactors = (pf: number[]): number[] => pf.map((f) => (f * pf.length) / pf.reduce((a, b) => a + b, 0));

describe('penaltyFactor scales the whole penalty (glmnet)', () => {
  it('elastic net: glmnet\'s coefficients (fixture: a = 0.5, 0.3; ± weights; ± lower.limits 0; dense and CSC)', () => {
    // glmnet (standardize FALSE, weights normalized to sum 1) minimizes
    //   ½Σᵢωᵢ(yᵢ − b − xᵢᵀβ)² + λΣⱼvⱼ((1 − a)/2·βⱼ² + a|βⱼ|),  vⱼ = fⱼ·p/Σf.
    // Ours with sᵢ = ωᵢ·n is (1/(2n))Σsᵢ(...)² + αΣⱼfⱼ'(ρ|wⱼ| + ½(1 − ρ)wⱼ²): the same function with
    // α = λ, ρ = a and fⱼ' = vⱼ (glmnetFactors). glmnet also divides y and λ by ys, the weighted
    // standard deviation of y, which leaves its ridge term scaled by 1/ys; the generator fitted
    // y/ys (glmnet's ys is then 1), and so does this test.
    const g = fx.gaussian;
    const pf = glmnetFactors(g.penaltyFactor);
    expect(g.penaltyFactor).toContain(0);
    expect(g.penaltyFactor).toContain(2.5);
    let worst = 0;
    for (const c of g.cases) {
      const y = g.y.map((v) => v / c.ys);
      const opts = {
        alpha: c.lambda, l1Ratio: c.alpha, penaltyFactor: pf, positive: c.positive, tol: 1e-14, maxIter: 100000,
        ...(c.weighted ? { sampleWeight: g.sampleWeight } : {}),
      };
      for (const X of [g.X, fromDense(g.X, 'csc')]) {
        const fit = elasticNet(X, y, opts);
        expect(fit.converged).toBe(true);
        const ref = c.interceptAndCoef;
        worst = Math.max(worst, Math.abs(fit.intercept - ref[0]!));
        for (let j = 0; j < pf.length; j++) worst = Math.max(worst, Math.abs(fit.coef[j]! - ref[j + 1]!));
        // glmnet's point itself satisfies our KKT conditions: the objectives are the same.
        expect(kktViolation(g.X, y, ref.slice(1), ref[0]!, c.lambda, c.alpha, pf, c.positive, c.weighted ? g.sampleWeight : undefined)).toBeLessThan(1e-6);
      }
    }
    // Measured 1.1e-8. (glmnet's own coefficients move by up to 9e-8 between thresh 1e-14 and 1e-16.)
    expect(worst).toBeLessThan(1e-7);
  });

  it('the same factor c on every feature is the fit at α·c (ridge included)', () => {
    // Under the L1-only meaning this fails at l1Ratio < 1: the ridge term would keep its α.
    const { rows, y } = ar1Problem(200, 160, 1, 3);
    const a = elasticNet(rows, y, { alpha: 0.02, l1Ratio: 0.4, penaltyFactor: new Array(160).fill(2.5), tol: 1e-14, maxIter: 100000 });
    const b = elasticNet(rows, y, { alpha: 0.05, l1Ratio: 0.4, tol: 1e-14, maxIter: 100000 });
    expect(b.coef.filter((v) => v !== 0).length).toBeGreaterThan(5);
    for (let j = 0; j < 160; j++) expect(Math.abs(a.coef[j]! - b.coef[j]!)).toBeLessThan(1e-9);
    expect(Math.abs(a.objective - b.objective)).toBeLessThan(1e-12 * Math.abs(b.objective));
  });

  // 150 x 300: the dense route runs the working-set driver too (covariance mode needs p ≤ n).
  const { rows, y } = ar1Problem(150, 300, 0.7, 8);
  const pf = Array.from({ length: 300 }, (_, j) => (j % 13 === 0 ? 0 : j % 5 === 0 ? 2.5 : j % 7 === 0 ? 0.3 : 1));
  const sw = Array.from({ length: 150 }, (_, i) => 0.5 + ((i * 37) % 11) / 5);
  for (const positive of [false, true]) {
    for (const weighted of [false, true]) {
      it(`KKT of the new objective on a path, dense and CSC, positive ${positive}, sampleWeight ${weighted}`, () => {
        const opts = { nAlphas: 6, eps: 0.02, l1Ratio: 0.5, tol: 1e-12, maxIter: 100000, positive, penaltyFactor: pf, ...(weighted ? { sampleWeight: sw } : {}) };
        const dense = lassoPath(rows, y, opts);
        const sparse = lassoPath(fromDense(rows, 'csc'), y, opts);
        for (const path of [dense, sparse]) {
          expect(path.converged.every(Boolean)).toBe(true);
          for (let k = 0; k < 6; k++) {
            expect(kktViolation(rows, y, path.coefs[k]!, path.intercepts[k]!, path.alphas[k]!, 0.5, pf, positive, weighted ? sw : undefined)).toBeLessThan(1e-5);
          }
        }
        // Some unpenalized and some 2.5-penalized features are nonzero at the last α.
        const last = dense.coefs[5]!;
        expect(pf.some((f, j) => f === 0 && last[j] !== 0) && pf.some((f, j) => f === 2.5 && last[j] !== 0)).toBe(true);
      });
    }
  }
});

describe('gap-safe screening with unpenalized features', () => {
  const { rows, y } = ar1Problem(150, 400, 0.5, 11);
  const pf = Array.from({ length: 400 }, (_, j) => (j % 9 === 0 ? 0 : j % 4 === 0 ? 2 : 1));
  for (const l1Ratio of [1, 0.6]) {
    for (const positive of [false, true]) {
      it(`never discards a feature that is nonzero at the optimum (l1Ratio ${l1Ratio}, positive ${positive})`, () => {
        for (const X of [rows, fromDense(rows, 'csc')]) {
          const o = { penaltyFactor: pf };
          const data = prepareEnet('test', X, y, o);
          const n = data.d.n;
          for (const alpha of [0.3, 0.05]) {
            // The working-set driver at tol 1e-6, with its screened flags kept.
            const t = { l1: n * alpha * l1Ratio, l2: n * alpha * (1 - l1Ratio), pf: data.pf, positive };
            const s = initialState(data.d, data.y, new Float64Array(400));
            const out = solveEnet(t, data.d, data.y, s, { tolAbs: 1e-6 * data.yy, maxEpochs: 100000, workingSets: true });
            const screened = s.screened.slice();
            releaseState(s);
            expect(out.converged).toBe(true);
            // The reference: plain cyclic epochs (no screening) at tol 1e-14.
            const ref = elasticNet(X, y, { alpha, l1Ratio, positive, penaltyFactor: pf, selection: 'cyclic', tol: 1e-14, maxIter: 200000 });
            expect(ref.converged).toBe(true);
            let count = 0;
            for (let j = 0; j < 400; j++) {
              if (!screened[j]) continue;
              count++;
              expect(pf[j]).not.toBe(0);
              expect(ref.coef[j]).toBe(0);
            }
            // Screening ran (it was off with any fⱼ = 0 before) and the optimum keeps unpenalized features.
            expect(count).toBeGreaterThan(50);
            expect(pf.some((f, j) => f === 0 && ref.coef[j] !== 0)).toBe(true);
          }
          releaseEnet(data);
        }
      });
    }
  }
});

describe('logistic regression: penaltyFactor scales the whole penalty', () => {
  it('glmnet\'s binomial coefficients (fixture: a = 1, 0.5, 0)', () => {
    // glmnet minimizes −(1/n)Σ loglikᵢ + λΣⱼvⱼ((1 − a)/2·βⱼ² + a|βⱼ|), vⱼ = fⱼ·p/Σf (unit weights;
    // no y scaling for binomial). Ours, C·Σ logloss + Σⱼfⱼ'(ρ|wⱼ| + ½(1 − ρ)wⱼ²), divided by C·n is
    // that function with C = 1/(nλ), ρ = a and fⱼ' = vⱼ.
    const g = fx.binomial;
    const n = g.y.length;
    const pf = glmnetFactors(g.penaltyFactor);
    let worst = 0;
    for (const c of g.cases) {
      const penalty = c.alpha === 1 ? 'l1' as const : c.alpha === 0 ? 'l2' as const : 'elasticnet' as const;
      const opts = { penalty, C: 1 / (n * c.lambda), penaltyFactor: pf, tol: 1e-12, maxIter: 1000, ...(penalty === 'elasticnet' ? { l1Ratio: c.alpha } : {}) };
      for (const X of [g.X, fromDense(g.X, 'csc')]) {
        const fit = logisticRegression(X, g.y, opts);
        expect(fit.converged).toBe(true);
        const ref = c.interceptAndCoef;
        worst = Math.max(worst, Math.abs(fit.intercept[0]! - ref[0]!));
        for (let j = 0; j < pf.length; j++) worst = Math.max(worst, Math.abs(fit.coef[0]![j]! - ref[j + 1]!));
        // The reported objective is the hand-evaluated one at our point, and ours is not above glmnet's.
        const mine = logisticObjective(g.X, g.y, fit.coef[0]!, fit.intercept[0]!, opts.C, c.alpha, pf);
        expect(Math.abs(fit.objective - mine)).toBeLessThan(1e-10 * mine);
        expect(mine).toBeLessThanOrEqual(logisticObjective(g.X, g.y, ref.slice(1), ref[0]!, opts.C, c.alpha, pf) * (1 + 1e-12));
      }
    }
    // Measured 7e-10.
    expect(worst).toBeLessThan(1e-7);
  });

  it('KKT of the whole-penalty objective with sampleWeight and positive (dense and CSC)', () => {
    const g = fx.binomial;
    const pf = g.penaltyFactor;
    const sw = g.y.map((_, i) => 0.3 + ((i * 29) % 13) / 4);
    const runs = [
      { penalty: 'elasticnet' as const, l1Ratio: 0.6, rho: 0.6, C: 0.5, positive: true },
      { penalty: 'elasticnet' as const, l1Ratio: 0.3, rho: 0.3, C: 2, positive: false },
      { penalty: 'l1' as const, rho: 1, C: 0.3, positive: true },
      { penalty: 'l2' as const, rho: 0, C: 0.1, positive: false },
    ];
    for (const { rho, ...o } of runs) {
      for (const X of [g.X, fromDense(g.X, 'csc')]) {
        const fit = logisticRegression(X, g.y, { ...o, penaltyFactor: pf, sampleWeight: sw, tol: 1e-12, maxIter: 1000 });
        expect(fit.converged).toBe(true);
        expect(logisticKkt(g.X, g.y, fit.coef[0]!, fit.intercept[0]!, o.C, rho, pf, o.positive, sw)).toBeLessThan(1e-8);
        // Feature 1 (factor 0) is fitted.
        expect(fit.coef[0]![1]).not.toBe(0);
      }
    }
  });
});

/**
 * Largest KKT violation of the logistic objective C·Σsᵢ·logloss + Σⱼfⱼ(ρ|wⱼ| + ½(1 − ρ)wⱼ²), written
 * out here, relative to the largest |∇ⱼ| at w = 0: with ∇ = C·Σᵢsᵢxᵢ(σ(zᵢ) − tᵢ) and
 * gⱼ = ∇ⱼ + (1 − ρ)fⱼwⱼ, wⱼ ≠ 0 needs gⱼ = −ρfⱼ·sign(wⱼ) (wⱼ < 0 is itself a violation under
 * `positive`), wⱼ = 0 needs −gⱼ ≤ ρfⱼ (|gⱼ| without `positive`); the intercept needs Σsᵢ(σ(zᵢ) − tᵢ) = 0.
 */
function logisticKkt(
  X: number[][], t: number[], w: ArrayLike<number>, b: number, C: number, rho: number, pf: number[], positive: boolean, sw: number[],
): number {
  const p = pf.length;
  const tm = t.reduce((a, v, i) => a + sw[i]! * v, 0) / sw.reduce((a, v) => a + v, 0);
  const res = X.map((row, i) => sw[i]! * (1 / (1 + Math.exp(-(b + row.reduce((a, v, j) => a + v * w[j]!, 0)))) - t[i]!));
  const res0 = X.map((_, i) => sw[i]! * (tm - t[i]!));
  let worst = C * Math.abs(res.reduce((a, v) => a + v, 0));
  let scale = 0;
  for (let j = 0; j < p; j++) {
    let gj = 0;
    let g0 = 0;
    for (let i = 0; i < X.length; i++) {
      gj += C * X[i]![j]! * res[i]!;
      g0 += C * X[i]![j]! * res0[i]!;
    }
    scale = Math.max(scale, Math.abs(g0));
    const g = gj + (1 - rho) * pf[j]! * w[j]!;
    const thr = rho * pf[j]!;
    let v: number;
    if (w[j]! > 0) v = Math.abs(g + thr);
    else if (w[j]! < 0) v = positive ? Infinity : Math.abs(g - thr);
    else v = positive ? Math.max(-g - thr, 0) : Math.max(Math.abs(g) - thr, 0);
    worst = Math.max(worst, v);
  }
  return worst / scale;
}

/** C·Σ log(1 + exp(−ỹᵢzᵢ)) + Σⱼfⱼ(ρ|wⱼ| + ½(1 − ρ)wⱼ²), ỹ = ±1, z = Xw + b: written out here. */
function logisticObjective(X: number[][], y: number[], w: ArrayLike<number>, b: number, C: number, rho: number, pf: number[]): number {
  let loss = 0;
  for (let i = 0; i < X.length; i++) {
    const z = b + X[i]!.reduce((s, v, j) => s + v * w[j]!, 0);
    loss += log1pExp(y[i] === 1 ? -z : z);
  }
  let pen = 0;
  for (let j = 0; j < pf.length; j++) pen += pf[j]! * (rho * Math.abs(w[j]!) + 0.5 * (1 - rho) * w[j]! * w[j]!);
  return C * loss + pen;
}
