import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/errors.js';
import { gridCost } from '../../src/ot/costs.js';
import { sinkhorn } from '../../src/ot/sinkhorn.js';
import { sinkhornNewtonSparse } from '../../src/ot/sns.js';
import { wassersteinEntropic } from '../../src/ot/wasserstein.js';
import { digitDensity, marginalError, randomCost, uniform } from './helpers.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const readFixture = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;

interface Reference { cost: number; marginalError: number; iterations: number; iterationsTo1e9: number }

/** Exact 2x2 entropic plan from P00·P11 / (P01·P10) = exp(−η(C00 + C11 − C01 − C10)) (see sinkhorn.test.ts). */
function plan2x2(a0: number, b0: number, C: number[][], eta: number): number[] {
  const d = C[0]![0]! + C[1]![1]! - C[0]![1]! - C[1]![0]!;
  const big = d < 0;
  const k = Math.exp(-eta * Math.abs(d));
  const A = big ? k - 1 : 1 - k;
  const B = big ? k * (1 - a0 - b0) + (a0 + b0) : 1 - a0 - b0 + k * (a0 + b0);
  const Cq = big ? -a0 * b0 : -k * a0 * b0;
  const disc = Math.sqrt(B * B - 4 * A * Cq);
  const q = -0.5 * (B + Math.sign(B || 1) * disc);
  const r1 = q / A;
  const r2 = Cq / q;
  const lo = Math.max(0, a0 + b0 - 1);
  const hi = Math.min(a0, b0);
  const p = A !== 0 && r1 >= lo - 1e-15 && r1 <= hi + 1e-15 ? r1 : r2;
  return [p, a0 - p, b0 - p, 1 - a0 - b0 + p];
}

describe('sinkhornNewtonSparse: exact small cases', () => {
  it('solves 2x2 problems to the closed form, including ones where Sinkhorn crawls', () => {
    const C = [[0.1, 0.7], [0.4, 0.2]];
    for (const [a0, b0, eta] of [[0.5, 0.5, 100], [0.9, 0.15, 1200], [0.3, 0.8, 10], [0.5, 0.5, 1]] as const) {
      // (At η = 1200 the mass on the entry of reduced cost 0.6 carries rounding ~η·0.6·2^-53·0.75 ≈ 8e-14.)
      const r = sinkhornNewtonSparse([a0, 1 - a0], [b0, 1 - b0], C, { eta, tol: 1e-12 });
      expect(r.converged).toBe(true);
      expect(r.gradNorm).toBeLessThanOrEqual(1e-12);
      const exact = plan2x2(a0, b0, C, eta);
      for (let k = 0; k < 4; k++) expect(Math.abs(r.plan!.data[k]! - exact[k]!)).toBeLessThan(1e-12);
      if (eta === 1200) {
        // From the zero start, the entry that must carry 0.75 is exp(−720) ≈ 1e-313: the Hessian is
        // numerically singular (two decoupled blocks) until the potentials have moved by ~720/η;
        // damped (Levenberg–Marquardt) steps do that, 20/η at a time.
        expect(r.history.some((h) => /unusable.*step of the damped \(λ = 0\.0001\) system accepted/.test(h.event ?? ''))).toBe(true);
        expect(r.iterations).toBeLessThan(100);
      } else {
        expect(r.iterations).toBeLessThan(100);
      }
    }
    // Sinkhorn needs far more than 10^4 iterations on the first case (coupling ~1e-9 between rows).
    expect(sinkhorn([0.5, 0.5], [0.5, 0.5], C, { eta: 100, tol: 1e-12, maxIter: 10000 }).converged).toBe(false);
  });

  it('matches a converged Sinkhorn on a 7 x 11 problem with non-uniform marginals', () => {
    const a = [0.05, 0.2, 0.1, 0.15, 0.2, 0.1, 0.2];
    const b = [0.1, 0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const C = randomCost(7, 11, 11);
    const ref = sinkhorn(a, b, C, { eta: 20, tol: 1e-14, maxIter: 100000 });
    const r = sinkhornNewtonSparse(a, b, C, { eta: 20, warmupIters: 5, tol: 1e-14 });
    expect(ref.converged && r.converged).toBe(true);
    for (let k = 0; k < 77; k++) expect(Math.abs(r.plan!.data[k]! - ref.plan!.data[k]!)).toBeLessThan(1e-13);
    for (let i = 0; i < 7; i++) expect(r.x[i]! + r.y[0]!).toBeCloseTo(ref.x[i]! + ref.y[0]!, 11); // same potentials up to the gauge (x + t, y − t)
    expect(r.cost).toBeCloseTo(ref.cost, 13);
    expect(r.iterations).toBe(r.sinkhornIterations + r.newtonIterations);
    expect(r.sinkhornIterations).toBe(5);
  });
});

describe('sinkhornNewtonSparse: the paper’s experiments', () => {
  it('random assignment n = 500, η = 1200: ‖∇f‖₁ ≤ 1e-12 within 60 Newton steps, cost of the long-Sinkhorn fixed point', () => {
    const fx = readFixture<Reference & { n: number; checksum: number }>('random-assignment-500.json');
    const n = 500;
    const C = randomCost(n, n, 0);
    let checksum = 0;
    for (let k = 0; k < C.data.length; k++) checksum += C.data[k]! * ((k % 7) + 1);
    expect(checksum).toBeCloseTo(fx.checksum, 6); // same C as when the fixture was made
    const r = sinkhornNewtonSparse(uniform(n), uniform(n), C, { eta: 1200 });
    expect(r.converged).toBe(true);
    expect(r.gradNorm).toBeLessThanOrEqual(1e-12);
    expect(r.newtonIterations).toBeLessThanOrEqual(60);
    expect(marginalError(r.plan!.data, uniform(n), uniform(n))).toBeLessThanOrEqual(1e-11);
    expect(r.marginalError).toBeLessThanOrEqual(1e-11);
    expect(Math.abs(r.cost - fx.cost) / fx.cost).toBeLessThanOrEqual(1e-8);
    // far fewer iterations than Sinkhorn needed for the much weaker 1e-9
    expect(r.iterations * 10).toBeLessThan(fx.iterationsTo1e9);
    // bookkeeping
    expect(r.history.filter((h) => h.phase === 'warmup')).toHaveLength(20);
    expect(r.history.filter((h) => h.phase === 'newton')).toHaveLength(r.newtonIterations);
    expect(r.densities).toHaveLength(r.newtonIterations);
    expect(r.cgIterations.length).toBeGreaterThanOrEqual(r.newtonIterations);
    expect(r.densities[0]).toBeCloseTo(2 / n, 15);
    expect(r.history[r.history.length - 1]!.gradNorm).toBe(r.gradNorm);
  });

  it.each([
    ['sqeuclidean', 1200],
    ['cityblock', 300],
  ] as const)('digits 0 -> 1 on the 8x8 grid, %s cost, η = %d: same cost as Sinkhorn, far fewer iterations', (metric, eta) => {
    const a = digitDensity(0);
    const b = digitDensity(1);
    const C = gridCost(8, 8, { metric });
    const r = sinkhornNewtonSparse(a, b, C, { eta });
    const ref = sinkhorn(a, b, C, { eta, tol: 1e-12, maxIter: 200000 });
    const to1e9 = sinkhorn(a, b, C, { eta, tol: 1e-9, maxIter: 200000 });
    expect(r.converged && ref.converged && to1e9.converged).toBe(true);
    expect(r.gradNorm).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(r.cost - ref.cost) / ref.cost).toBeLessThanOrEqual(1e-8);
    expect(r.iterations * 10).toBeLessThan(to1e9.iterations);
    // zero-mass pixels: zero rows and columns, potentials −Infinity
    for (let i = 0; i < 64; i++) if (a[i] === 0) expect(r.x[i]).toBe(-Infinity);
  });

  it('digits with L1 cost at η = 1200 (numerically singular Hessians): damped Newton steps, far fewer iterations', () => {
    const a = digitDensity(0);
    const b = digitDensity(1);
    const C = gridCost(8, 8, { metric: 'cityblock' });
    const r = sinkhornNewtonSparse(a, b, C, { eta: 1200 });
    const ref = sinkhorn(a, b, C, { eta: 1200, tol: 1e-12, maxIter: 200000 });
    const to1e9 = ref.history.find((h) => h.marginalError <= 1e-9)!.iteration;
    expect(r.converged && ref.converged).toBe(true);
    expect(Math.abs(r.cost - ref.cost) / ref.cost).toBeLessThanOrEqual(1e-8);
    expect(r.iterations * 10).toBeLessThan(to1e9);
    expect(r.history.some((h) => /unusable/.test(h.event ?? ''))).toBe(true);
    expect(r.history.some((h) => /damped/.test(h.event ?? ''))).toBe(true);
  });

  it.each(['sqeuclidean', 'cityblock'] as const)('32x32 Gaussian-mixture densities, %s cost, η = 1200: cost of the long-Sinkhorn fixed point', (metric) => {
    const fx = readFixture<{ a: number[]; b: number[]; eta: number } & Record<'sqeuclidean' | 'cityblock', Reference>>('grid-32.json');
    const ref = fx[metric];
    const r = sinkhornNewtonSparse(fx.a, fx.b, gridCost(32, 32, { metric }), { eta: fx.eta, returnPlan: false });
    expect(r.converged).toBe(true);
    expect(r.plan).toBeNull();
    expect(Math.abs(r.cost - ref.cost) / ref.cost).toBeLessThanOrEqual(1e-8);
    expect(r.iterations * 10).toBeLessThan(ref.iterationsTo1e9);
  });
});

describe('sinkhornNewtonSparse: robustness and options', () => {
  const n = 60;
  const C = randomCost(n, n, 12);
  const u = uniform(n);

  it('raises the density when CG misses its tolerance, and says so', () => {
    const r = sinkhornNewtonSparse(u, u, C, { eta: 200, cg: { tol: 1e-300, maxIter: 3 }, maxNewtonIters: 5 });
    const events = r.history.map((h) => h.event ?? '').join('\n');
    expect(events).toMatch(/CG stopped \(maxIter\) after 3 iterations at density 0\.0333\d*; density doubled/);
    expect(r.cgIterations.every((k) => k <= 9)).toBe(true);
    const warm = r.history.filter((h) => h.phase === 'warmup').at(-1)!.gradNorm;
    expect(r.gradNorm).toBeLessThanOrEqual(warm);
  });

  it('takes Sinkhorn steps when every retry fails the line search, then resumes', () => {
    // c1 close to 1 with a single trial: a Newton step can essentially never pass.
    const r = sinkhornNewtonSparse(u, u, C, { eta: 200, lineSearch: { c1: 0.999999, maxTrials: 1 }, maxNewtonIters: 3, fallbackSinkhornIters: 4 });
    const fallbacks = r.history.filter((h) => h.phase === 'sinkhorn');
    expect(fallbacks.length).toBeGreaterThan(0);
    expect(fallbacks[0]!.event).toMatch(
      /^line search failed after 1 trials at density 0\.0333\d*; density doubled; .*line search failed after 1 trials at damped \(λ = 0\.01\) system; taking 4 Sinkhorn iterations$/,
    );
    // the fallback grows: 4, 8, 16 Sinkhorn iterations
    expect(r.history.filter((h) => h.event?.includes('taking')).map((h) => /taking (\d+)/.exec(h.event!)![1])).toEqual(['4', '8', '16']);
    expect(r.sinkhornIterations).toBeGreaterThan(20);
    // the iteration numbers of the records are consecutive totals
    for (let k = 1; k < r.history.length; k++) expect(r.history[k]!.iteration).toBeGreaterThanOrEqual(r.history[k - 1]!.iteration);
  });

  it('never returns a point worse than the warm start', () => {
    // On this problem the first damped Newton step raises ‖∇f‖₁; with one Newton step allowed,
    // the warm start is returned.
    const m = 100;
    const r = sinkhornNewtonSparse(uniform(m), uniform(m), randomCost(m, m, 0), { eta: 1200, maxNewtonIters: 1 });
    const warm = r.history.filter((h) => h.phase === 'warmup').at(-1)!.gradNorm;
    const newton = r.history.find((h) => h.phase === 'newton')!;
    expect(newton.gradNorm).toBeGreaterThan(warm);
    expect(r.history.at(-1)!.event).toMatch(/returned the best point seen \(iteration 20\)/);
    expect(r.gradNorm).toBeCloseTo(warm, 12);
    expect(r.marginalError).toBeCloseTo(warm, 12);
    expect(r.converged).toBe(false);
  });

  it('stops when onIteration returns false, in the warm-up or the Newton stage', () => {
    const early = sinkhornNewtonSparse(u, u, C, { eta: 200, onIteration: (info) => info.iteration < 5 });
    expect(early.stopped).toBe(true);
    expect(early.converged).toBe(false);
    expect(early.iterations).toBe(5);
    expect(early.newtonIterations).toBe(0);
    const late = sinkhornNewtonSparse(u, u, C, { eta: 200, onIteration: (info) => info.phase !== 'newton' });
    expect(late.stopped).toBe(true);
    expect(late.newtonIterations).toBe(1);
  });

  it('handles zero-mass bins like the reduced problem', () => {
    const a = [0.3, 0, 0.7];
    const b = [0, 0.5, 0.5];
    const Cz = [[0.2, 0.5, 0.1], [0.3, 0.3, 0.3], [0.9, 0.4, 0.6]];
    const r = sinkhornNewtonSparse(a, b, Cz, { eta: 50 });
    const red = sinkhornNewtonSparse([0.3, 0.7], [0.5, 0.5], [[0.5, 0.1], [0.4, 0.6]], { eta: 50 });
    expect(r.converged).toBe(true);
    expect(r.x[1]).toBe(-Infinity);
    expect(r.y[0]).toBe(-Infinity);
    expect(r.cost).toBeCloseTo(red.cost, 14);
    expect(r.plan!.get(2, 2)).toBeCloseTo(red.plan!.get(1, 1), 14);
    expect(r.plan!.get(1, 1)).toBe(0);
  });

  it('wassersteinEntropic returns the same cost with either solver', () => {
    const Cs = randomCost(12, 9, 13);
    const a = uniform(12);
    const b = uniform(9);
    const s = sinkhorn(a, b, Cs, { reg: 0.02, tol: 1e-13, maxIter: 100000 });
    const w = wassersteinEntropic(a, b, Cs, { reg: 0.02, tol: 1e-13, maxIter: 100000 });
    expect(w.cost).toBe(s.cost);
    expect([w.converged, w.reason, w.solver, w.iterations]).toEqual([true, 'converged', 'sinkhorn', s.iterations]);
    expect(wassersteinEntropic(a, b, Cs, { reg: 0.02, solver: 'sns' }).cost).toBeCloseTo(s.cost, 12);
    expect(() => wassersteinEntropic(a, b, Cs, { reg: 0.02, solver: 'lp' as never })).toThrow(ArgumentError);
  });

  it.each([
    ['density 0', { density: 0 }],
    ['density above 1', { density: 1.5 }],
    ['negative warmupIters', { warmupIters: -1 }],
    ['fractional maxNewtonIters', { maxNewtonIters: 2.5 }],
    ['negative tol', { tol: -1 }],
    ['cg not an object', { cg: 5 }],
    ['negative cg.tol', { cg: { tol: -1 } }],
    ['zero cg.maxIter', { cg: { maxIter: 0 } }],
    ['lineSearch.c1 = 1', { lineSearch: { c1: 1 } }],
    ['zero lineSearch.maxTrials', { lineSearch: { maxTrials: 0 } }],
    ['returnPlan not boolean', { returnPlan: 'yes' }],
  ])('%s -> ArgumentError', (_name, extra) => {
    expect(() => sinkhornNewtonSparse(u, u, C, { eta: 10, ...(extra as object) })).toThrow(ArgumentError);
  });

  it('rejects bad marginals and costs like sinkhorn', () => {
    expect(() => sinkhornNewtonSparse([0.5, 0.6], [0.5, 0.5], [[0, 1], [1, 0]], { eta: 1 })).toThrow(ArgumentError);
    expect(() => sinkhornNewtonSparse([0.5, 0.5], [0.5, 0.5], [[0, 1]], { eta: 1 })).toThrow(ArgumentError);
    expect(() => sinkhornNewtonSparse([0.5, 0.5], [0.5, 0.5], [[0, 1], [1, 0]], {})).toThrow(ArgumentError);
  });
});
