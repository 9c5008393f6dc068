/**
 * sparseRegression's default Lasso tolerance: 1e-3 where the path only proposes supports (every
 * candidate a least-squares refit), 1e-4 where its own coefficients are candidates (`unrefitted`),
 * and an explicit `tol` as given. The tolerance each path ran at is read from the calls to
 * glm's lassoPath; the looser default must keep the support and the refit of the tighter one.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as LassoPathModule from '../../../src/solvers/glm/lasso-path.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';

const tols: number[] = [];
vi.mock('../../../src/solvers/glm/lasso-path.js', async (original) => {
  const m = await original<typeof LassoPathModule>();
  return {
    ...m,
    lassoPath: (...args: Parameters<typeof m.lassoPath>) => {
      tols.push(args[2]?.tol ?? NaN);
      return m.lassoPath(...args);
    },
  };
});

beforeEach(() => {
  tols.length = 0;
});

describe('sparseRegression Lasso tolerance', () => {
  // Screened (d > 4n), well conditioned on random supports (no whitening) and n·d above the
  // splice size: the defaults propose refits only.
  const p = makeSparseRegression({ n: 120, d: 4000, k: 6, design: 'constant', rho: 0.5, noise: 1, coefficients: 'abess', seed: 5 });
  const truth = Array.from(p.support).join();

  it('is 1e-3 where the path only proposes supports, with the support and refit of 1e-4', () => {
    const loose = sparseRegression(p.X, p.y, { seed: 1 });
    expect(loose.refitted).toBe(true);
    expect(tols.length).toBeGreaterThan(5);
    expect(new Set(tols)).toEqual(new Set([1e-3]));
    tols.length = 0;
    const tight = sparseRegression(p.X, p.y, { seed: 1, tol: 1e-4 });
    expect(new Set(tols)).toEqual(new Set([1e-4]));
    expect(Array.from(loose.support).join()).toBe(truth);
    expect(Array.from(tight.support).join()).toBe(truth);
    for (let j = 0; j < loose.coef.length; j++) expect(loose.coef[j]).toBeCloseTo(tight.coef[j]!, 8);
    expect(loose.intercept).toBeCloseTo(tight.intercept, 8);
  });

  it('is 1e-4 when the Lasso coefficients compete (unrefitted), and an explicit tol is kept', () => {
    sparseRegression(p.X, p.y, { seed: 1, unrefitted: true });
    expect(new Set(tols)).toEqual(new Set([1e-4]));
    tols.length = 0;
    sparseRegression(p.X, p.y, { seed: 1, tol: 1e-2 });
    expect(new Set(tols)).toEqual(new Set([1e-2]));
  });
});
