import { describe, expect, it } from 'vitest';
import { ArgumentError, FormatError, coo, randomizedSvd, softImpute } from '../../../src/index.js';
import { hiddenRmse, lowRankProblem } from './problems.js';

describe('softImpute', () => {
  const p = lowRankProblem(150, 120, 3, 2, 41, 0.05);

  it('default λ = σ₁(P_Ω(M))/50; converges; the completion beats zero-filling on hidden entries', () => {
    const fit = softImpute(p.M, { seed: 1, rank: 20 });
    const s1 = randomizedSvd(p.M.toCSR(), 1, { seed: 3 }).s[0]!;
    expect(fit.lambda / (s1 / 50)).toBeCloseTo(1, 4);
    expect(fit.converged).toBe(true);
    expect(fit.history[fit.iterations - 1]).toBeLessThanOrEqual(1e-3);
    expect(fit.history[0]).toBe(Infinity);
    // d is sorted, positive, at most `rank` long
    expect(fit.d.length).toBeLessThanOrEqual(20);
    for (let a = 1; a < fit.d.length; a++) expect(fit.d[a]).toBeLessThanOrEqual(fit.d[a - 1]!);
    const zero = hiddenRmse(p, () => 0);
    expect(hiddenRmse(p, fit.predict)).toBeLessThan(0.2 * zero);
    const D = fit.complete();
    expect(D.get(7, 9)).toBeCloseTo(fit.predict(7, 9), 12);
  });

  it('larger λ shrinks harder: lower rank, larger training error', () => {
    const a = softImpute(p.M, { seed: 1, rank: 10, lambda: 1 });
    const b = softImpute(p.M, { seed: 1, rank: 10, lambda: 40 });
    expect(b.d.length).toBeLessThanOrEqual(a.d.length);
    expect(b.rmse).toBeGreaterThan(a.rmse);
  });

  it('onIteration can stop it; bad input is a typed error', () => {
    const fit = softImpute(p.M, { seed: 1, rank: 5, onIteration: (i) => i.iteration < 2 });
    expect(fit.stopped).toBe(true);
    expect(fit.iterations).toBe(2);
    expect(() => softImpute(p.M, { rank: 0 })).toThrow(/rank/);
    expect(() => softImpute(p.M, { lambda: -1 })).toThrow(/lambda/);
    expect(() => softImpute(p.M, { shrinkage: 1 } as never)).toThrow(/options.shrinkage/);
    expect(() => softImpute(coo([0, 9], [0, 1], [1, 2], [3, 4]))).toThrow(FormatError);
    expect(() => softImpute(coo([0, 1], [0, 1], [1, NaN], [3, 4]))).toThrow(ArgumentError);
    expect(() => softImpute(coo([1, 1], [0, 0], [1, 2], [3, 4]))).toThrow(/duplicates are refused/);
  });
});
