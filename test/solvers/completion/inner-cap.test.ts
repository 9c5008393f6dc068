import { describe, expect, it } from 'vitest';
import { completeMatrix } from '../../../src/index.js';
import { lowRankProblem } from './problems.js';

describe("completeMatrix 'sketched': the CGLS cap per half-step (innerMaxIter, default 3)", () => {
  // k = 24 on noisy rank-3 data: the surplus directions only fit noise, where the shared
  // preconditioner matches the smaller side's problems poorly.
  const p = lowRankProblem(400, 200, 3, 3, 31, 0.05);
  const base = { seed: 1, maxIter: 8, tol: 0, exactBelow: 0 } as const;
  const capped = completeMatrix(p.M, 24, base);
  const uncapped = completeMatrix(p.M, 24, { ...base, innerMaxIter: 100 });
  const perProblem = (its: number[]) => its.map((s) => s / (p.m + p.n));

  it('without the cap the CGLS iterations per problem climb over the sweeps; with it, no sweep exceeds 3 per problem', () => {
    const u = perProblem(uncapped.history.innerIterations);
    expect(u.at(-1)!).toBeGreaterThan(2 * u[0]!);
    expect(Math.max(...perProblem(capped.history.innerIterations))).toBeLessThanOrEqual(3);
  });

  it('a capped step still lowers the training objective: the training RMSE never rises', () => {
    const t = capped.history.train;
    for (let s = 1; s < t.length; s++) expect(t[s]!).toBeLessThanOrEqual(t[s - 1]! * (1 + 1e-12));
    // and it fits below the noise level, like the uncapped run
    expect(capped.rmse).toBeLessThan(0.05);
    expect(uncapped.rmse).toBeLessThan(capped.rmse);
  });
});
