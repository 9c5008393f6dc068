/**
 * The refits of a screened refit path (d > 4n, screening repair rounds that replay earlier points):
 * every proposed support's coefficients equal least squares on that support computed from scratch
 * (QR on the centred X), whether its columns came from the screened copy, from X, or from a
 * replayed point of an earlier round.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as LassoPathModule from '../../../src/solvers/glm/lasso-path.js';
import { prepareRegression, withColumnStats } from '../../../src/solvers/sparse-regression/design.js';
import { foldColumnStatistics } from '../../../src/solvers/sparse-regression/column-statistics.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { refitOnSupport } from '../../../src/solvers/sparse-regression/refit.js';
import { maxRefitSupport, ratioGrid, refitPath } from '../../../src/solvers/sparse-regression/support-path.js';
import { identityTransform } from '../../../src/solvers/sparse-regression/transforms.js';

let paths = 0;
vi.mock('../../../src/solvers/glm/lasso-path.js', async (original) => {
  const m = await original<typeof LassoPathModule>();
  return { ...m, lassoPath: (...args: Parameters<typeof m.lassoPath>) => (paths++, m.lassoPath(...args)) };
});

describe('screened refit path', () => {
  it('refits every proposed support as least squares from scratch, across repair rounds', () => {
    const n = 100;
    const d = 2000;
    const prob = makeSparseRegression({ n, d, k: 8, design: 'constant', rho: 0.7, noise: 1, coefficients: 'abess', seed: 4 });
    const y = Float64Array.from(prob.y);
    let p = prepareRegression(prob.X, y, true);
    p = withColumnStats(p, foldColumnStatistics(p, y)!.all);
    const path = refitPath(p, {
      transform: identityTransform, ratios: ratioGrid(50, 1e-3), fitIntercept: true, tol: 1e-3, maxIter: 1000,
      maxSupport: maxRefitSupport(n, d), refit: true, omp: true, screen: true,
    });
    // The screened path was repaired at least once (a restart is a second lassoPath call).
    expect(paths).toBeGreaterThan(1);
    let checked = 0;
    path.coefs.forEach((b, t) => {
      const S = path.supports[t];
      if (!b || !S) return;
      // b holds the coefficients of S's columns, in S's order.
      expect(b.length).toBe(S.length);
      const want = refitOnSupport(p, S);
      S.forEach((j, u) => expect(Math.abs(b[u]! - want[j]!)).toBeLessThan(1e-8 * (1 + Math.abs(want[j]!))));
      checked++;
    });
    expect(checked).toBeGreaterThan(30);
  });
});
