// SNS at small regularisation (issue 11 §2): on an 8x8 grid, uniform a onto a ramp b, η = 5000 and
// 1e4, the defaults used to stop unconverged after 100 Newton iterations with a cost of ~1e-31
// and no warning, where plain Sinkhorn converges. Oracle: Sinkhorn itself (tol 1e-9) on the same
// problem, and the marginal error recomputed from the returned plan.
import { describe, expect, it } from 'vitest';
import { gridCost } from '../../src/ot/costs.js';
import { sinkhorn } from '../../src/ot/sinkhorn.js';
import { sinkhornNewtonSparse } from '../../src/ot/sns.js';
import { wassersteinEntropic } from '../../src/ot/wasserstein.js';
import { marginalError } from './helpers.js';

const N = 64;
const a = new Float64Array(N).fill(1 / N);
const b = Float64Array.from({ length: N }, (_, i) => (2 * (i + 1)) / (N * (N + 1)));
const C = gridCost(8, 8);

describe('sinkhornNewtonSparse at small reg (8x8 grid, uniform onto a ramp)', () => {
  it.each([5000, 1e4])('η = %d: the defaults converge to the Sinkhorn cost', (eta) => {
    const ref = sinkhorn(a, b, C, { eta, maxIter: 100000 });
    expect(ref.converged).toBe(true);
    const r = sinkhornNewtonSparse(a, b, C, { eta });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe('converged');
    expect(r.warnings).toEqual([]);
    expect(marginalError(r.plan!.data as Float64Array, a, b)).toBeLessThan(1e-11);
    expect(Math.abs(r.cost - ref.cost) / ref.cost).toBeLessThan(1e-7);
    // the paper's setting: far fewer iterations than Sinkhorn's
    expect(r.iterations).toBeLessThan(ref.iterations / 10);
  });

  it('a budget that is too small never returns a silent nonsense cost', () => {
    const r = sinkhornNewtonSparse(a, b, C, { eta: 1e4, maxNewtonIters: 100 });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('maxIter');
    expect(r.warnings.join('\n')).toMatch(/not converged: ‖P·1 − a‖₁ \+ ‖Pᵀ·1 − b‖₁ = \S+ > tol = 1e-12; .* is not the transport cost/);
  });

  it('an explicit final Sinkhorn budget finishes the solve (to Sinkhorn\'s usual 1e-9) and says so', () => {
    const r = sinkhornNewtonSparse(a, b, C, { eta: 1e4, tol: 1e-9, maxNewtonIters: 50, finalSinkhornIters: 20000 });
    expect(r.converged).toBe(true);
    expect(r.warnings.join('\n')).toMatch(/did not converge within maxNewtonIters = 50; \d+ Sinkhorn iterations finished/);
    expect(r.history.some((h) => /Newton budget \(50 iterations\) spent/.test(h.event ?? ''))).toBe(true);
  });
});

describe('results of the iterative OT routines', () => {
  it('sinkhorn reports reason; wassersteinEntropic returns a result object', () => {
    const u = [0.5, 0.5];
    const D = [[0, 1], [1, 0]];
    expect(sinkhorn(u, u, D, { reg: 0.1 }).reason).toBe('converged');
    expect(sinkhorn(u, [0.3, 0.7], [[0, 1], [1, 0]], { reg: 0.01, maxIter: 1, checkEvery: 1, tol: 1e-15 }).reason).toBe('maxIter');
    expect(sinkhorn(u, [0.3, 0.7], D, { reg: 0.01, tol: 1e-15, checkEvery: 1, onIteration: () => false }).reason).toBe('stopped');
    const w = wassersteinEntropic(u, u, D, { reg: 0.1 });
    expect(typeof w).toBe('object');
    expect([w.converged, w.reason, w.stopped, w.solver]).toEqual([true, 'converged', false, 'sinkhorn']);
    expect(w.cost).toBeCloseTo((2 * 0.5 * Math.exp(-10)) / (1 + Math.exp(-10)), 12);
    expect(w.history.length).toBeGreaterThan(0);
    const bad = wassersteinEntropic(a, b, C, { eta: 1e4, maxIter: 10 });
    expect([bad.converged, bad.reason]).toEqual([false, 'maxIter']);
    expect(bad.marginalError).toBeGreaterThan(1e-3);
  });
});
