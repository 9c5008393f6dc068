import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { sinkhorn } from '../../src/ot/sinkhorn.js';
import { marginalError, randomCost, uniform } from './helpers.js';

/** Exact entropic plan of a 2x2 problem: P00 solves P00·P11 / (P01·P10) = κ = exp(−η(C00 + C11 − C01 − C10)). */
function plan2x2(a0: number, b0: number, C: number[][], eta: number): number[] {
  const d = C[0]![0]! + C[1]![1]! - C[0]![1]! - C[1]![0]!;
  // (1 − κ)p² + (1 − a0 − b0 + κ(a0 + b0))p − κ·a0·b0 = 0, root in (max(0, a0 + b0 − 1), min(a0, b0));
  // divided by κ when κ > 1 so that nothing overflows.
  const big = d < 0;
  const k = Math.exp(-eta * Math.abs(d)); // κ or 1/κ, in (0, 1]
  const A = big ? k - 1 : 1 - k;
  const B = big ? k * (1 - a0 - b0) + (a0 + b0) : 1 - a0 - b0 + k * (a0 + b0);
  const Cq = big ? -a0 * b0 : -k * a0 * b0;
  let p: number;
  if (A === 0) p = -Cq / B;
  else {
    const disc = Math.sqrt(B * B - 4 * A * Cq);
    // stable roots
    const q = -0.5 * (B + Math.sign(B || 1) * disc);
    const r1 = q / A;
    const r2 = Cq / q;
    const lo = Math.max(0, a0 + b0 - 1);
    const hi = Math.min(a0, b0);
    p = r1 >= lo - 1e-15 && r1 <= hi + 1e-15 ? r1 : r2;
  }
  return [p, a0 - p, b0 - p, 1 - a0 - b0 + p];
}

/** A plain scaling Sinkhorn written independently of the library (the reference to convergence). */
function referenceSinkhorn(a: Float64Array, b: Float64Array, C: Float64Array, reg: number, iters: number): Float64Array {
  const n = a.length;
  const m = b.length;
  const K = C.map((c) => Math.exp(-c / reg));
  const u = new Float64Array(n).fill(1);
  const v = new Float64Array(m).fill(1);
  for (let t = 0; t < iters; t++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += K[i * m + j]! * v[j]!;
      u[i] = a[i]! / s;
    }
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += K[i * m + j]! * u[i]!;
      v[j] = b[j]! / s;
    }
  }
  const P = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) P[i * m + j] = u[i]! * K[i * m + j]! * v[j]!;
  return P;
}

function probability(n: number, seed: number): Float64Array {
  const w = createRng(seed).fillUniform(new Float64Array(n), 0.2, 1);
  const s = w.reduce((p, q) => p + q, 0);
  return w.map((x) => x / s);
}

describe('sinkhorn: exact small cases', () => {
  it('2x2 plans match the closed form for several regs and marginals', () => {
    // (Some 2x2 cases at large η are pathological for Sinkhorn: a coupling of 1e-9 between the two
    // rows makes it crawl; sns.test.ts solves those with SNS.)
    const C = [[0.1, 0.7], [0.4, 0.2]];
    const cases: [number, number, number][] = [
      [0.5, 0.5, 1], [0.5, 0.5, 10], [0.5, 0.5, 1200], [0.3, 0.8, 1], [0.3, 0.8, 10], [0.3, 0.8, 100],
      [0.3, 0.8, 1200], [0.9, 0.15, 1], [0.9, 0.15, 10], [0.9, 0.15, 100],
    ];
    for (const [a0, b0, eta] of cases) {
      {
        const r = sinkhorn([a0, 1 - a0], [b0, 1 - b0], C, { eta, tol: 1e-13, maxIter: 100000 });
        const exact = plan2x2(a0, b0, C, eta);
        expect(r.converged).toBe(true);
        for (let k = 0; k < 4; k++) expect(Math.abs(r.plan!.data[k]! - exact[k]!)).toBeLessThan(1e-13);
        const cost = exact[0]! * 0.1 + exact[1]! * 0.7 + exact[2]! * 0.4 + exact[3]! * 0.2;
        expect(r.cost).toBeCloseTo(cost, 13);
      }
    }
  });

  it('3x3 with uniform marginals and C = 1 − I: P_ii = 1/(3(1 + 2e^{−η}))', () => {
    const C = [[0, 1, 1], [1, 0, 1], [1, 1, 0]];
    for (const eta of [0.5, 3, 50]) {
      const r = sinkhorn(uniform(3), uniform(3), C, { eta, tol: 1e-15 });
      const d = 1 / (3 * (1 + 2 * Math.exp(-eta)));
      const off = (1 / 3 - d) / 2;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(r.plan!.get(i, j)).toBeCloseTo(i === j ? d : off, 15);
      expect(r.cost).toBeCloseTo(6 * off, 15);
    }
  });

  it('a separable cost C_ij = f_i + g_j gives the independent plan a·bᵀ (3x4)', () => {
    const a = [0.2, 0.5, 0.3];
    const b = [0.1, 0.4, 0.25, 0.25];
    const f = [1, -2, 0.5];
    const g = [0, 3, 1, -1];
    const C = f.map((fi) => g.map((gj) => fi + gj));
    const r = sinkhorn(a, b, C, { reg: 0.01, tol: 1e-15 });
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expect(Math.abs(r.plan!.get(i, j) - a[i]! * b[j]!)).toBeLessThan(1e-15);
    expect(r.cost).toBeCloseTo(0.2 * 1 - 0.5 * 2 + 0.3 * 0.5 + 0.4 * 3 + 0.25 - 0.25, 13);
  });

  it('agrees with an independent reference Sinkhorn run to convergence (6 x 9, non-uniform marginals)', () => {
    const a = probability(6, 1);
    const b = probability(9, 2);
    const C = randomCost(6, 9, 3);
    const reg = 0.05;
    const ref = referenceSinkhorn(a, b, C.data, reg, 20000);
    expect(marginalError(ref, a, b)).toBeLessThan(1e-14);
    for (const method of ['log', 'scaling'] as const) {
      const r = sinkhorn(a, b, C, { reg, method, tol: 1e-14, maxIter: 100000 });
      expect(r.converged).toBe(true);
      expect(r.method).toBe(method);
      for (let k = 0; k < 54; k++) expect(Math.abs(r.plan!.data[k]! - ref[k]!)).toBeLessThan(1e-14);
      expect(r.marginalError).toBeCloseTo(marginalError(r.plan!.data, a, b), 15);
    }
  });

  it('returns potentials with P_ij = exp(η(x_i + y_j − C_ij) − 1) and no duality gap', () => {
    const a = probability(5, 4);
    const b = probability(7, 5);
    const C = randomCost(5, 7, 6);
    const eta = 30;
    const r = sinkhorn(a, b, C, { eta, tol: 1e-14 });
    let ent = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 7; j++) {
        const p = Math.exp(eta * (r.x[i]! + r.y[j]! - C.data[i * 7 + j]!) - 1);
        expect(r.plan!.get(i, j)).toBeCloseTo(p, 15);
        ent += p * Math.log(p);
      }
    }
    const primal = r.cost + ent / eta;
    let dual = -1 / eta;
    for (let i = 0; i < 5; i++) dual += a[i]! * r.x[i]!;
    for (let j = 0; j < 7; j++) dual += b[j]! * r.y[j]!;
    expect(primal).toBeCloseTo(dual, 12);
    expect(r.reg).toBeCloseTo(1 / 30, 15);
    expect(r.eta).toBe(30);
  });
});

describe('sinkhorn: stability and options', () => {
  it('the log domain never overflows at η = 1200 on [0, 1] costs, nor with negative costs', () => {
    const n = 60;
    const C = randomCost(n, n, 7);
    const r = sinkhorn(uniform(n), uniform(n), C, { eta: 1200, maxIter: 3000 });
    expect(r.x.every(Number.isFinite) && r.y.every(Number.isFinite)).toBe(true);
    expect(r.plan!.data.every(Number.isFinite)).toBe(true);
    expect(r.marginalError).toBeLessThan(1e-3);
    expect(r.warnings).toEqual([]);
    // The plan is invariant to C − 3 (exp(1200·3) would overflow in the scaling form).
    const shifted = { rows: n, cols: n, data: C.data.map((c) => c - 3) };
    const s = sinkhorn(uniform(n), uniform(n), shifted, { eta: 1200, maxIter: 3000 });
    expect(s.plan!.data.every(Number.isFinite)).toBe(true);
    for (let k = 0; k < n * n; k++) expect(Math.abs(s.plan!.data[k]! - r.plan!.data[k]!)).toBeLessThan(1e-12);
    expect(s.cost).toBeCloseTo(r.cost - 3, 10);
  });

  it("'scaling' falls back to 'log' when exp(−C/reg) underflows, and says so", () => {
    // Most of the mass must cross the cost-1 edges, where exp(−1200) = 0 in double precision.
    const C = [[0, 1], [1, 0]];
    const r = sinkhorn([0.999, 0.001], [0.001, 0.999], C, { eta: 1200, method: 'scaling', tol: 1e-12 });
    expect(r.method).toBe('log');
    expect(r.warnings.join(' ')).toMatch(/underflow/);
    const exact = plan2x2(0.999, 0.001, C, 1200);
    expect(exact[1]).toBeCloseTo(0.998, 15);
    for (let k = 0; k < 4; k++) expect(Math.abs(r.plan!.data[k]! - exact[k]!)).toBeLessThan(1e-14);
    expect(r.converged).toBe(true);
  });

  it('reports a plan row that underflows to zero instead of returning it silently', () => {
    const r = sinkhorn([1, 5e-324], [1 / 3, 1 / 3, 1 / 3], [[0, 0, 0], [0, 0, 0]], { reg: 1 });
    expect(r.plan!.get(1, 0) + r.plan!.get(1, 1) + r.plan!.get(1, 2)).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/underflow: 1 row/);
  });

  it('epsilon scaling reaches the same fixed point, with a decreasing reg schedule in history', () => {
    const n = 40;
    const C = randomCost(n, n, 8);
    const plain = sinkhorn(uniform(n), uniform(n), C, { eta: 200, tol: 1e-12, maxIter: 50000 });
    const eps = sinkhorn(uniform(n), uniform(n), C, { eta: 200, tol: 1e-12, maxIter: 50000, epsilonScaling: { factor: 0.5 } });
    expect(eps.converged && plain.converged).toBe(true);
    expect(eps.cost).toBeCloseTo(plain.cost, 11);
    const regs = eps.history.map((h) => h.reg);
    expect(new Set(regs).size).toBeGreaterThan(3);
    for (let k = 1; k < regs.length; k++) expect(regs[k]!).toBeLessThanOrEqual(regs[k - 1]!);
    expect(regs[regs.length - 1]).toBeCloseTo(1 / 200, 15);
    expect(eps.history[eps.history.length - 1]!.iteration).toBe(eps.iterations);
  });

  it('checks every checkEvery iterations, records history and stops on onIteration() === false', () => {
    const C = randomCost(10, 12, 9);
    const a = uniform(10);
    const b = uniform(12);
    const r = sinkhorn(a, b, C, { eta: 50, checkEvery: 7, tol: 1e-12, maxIter: 10000 });
    expect(r.history.length).toBeGreaterThan(2);
    expect(r.history.every((h) => h.iteration % 7 === 0)).toBe(true);
    // the history is a (weakly) decreasing convergence curve ending below tol
    expect(r.history[r.history.length - 1]!.marginalError).toBeLessThanOrEqual(1e-12);
    expect(r.iterations).toBe(r.history[r.history.length - 1]!.iteration);
    const seen: number[] = [];
    const s = sinkhorn(a, b, C, { eta: 50, tol: 1e-12, onIteration: (info) => { seen.push(info.iteration); return info.iteration < 20; } });
    expect(s.stopped).toBe(true);
    expect(s.converged).toBe(false);
    expect(seen).toEqual([10, 20]);
    expect(s.iterations).toBe(20);
    const capped = sinkhorn(a, b, C, { eta: 50, tol: 0, maxIter: 15 });
    expect(capped.iterations).toBe(15);
    expect(capped.converged).toBe(false);
  });

  it('returnPlan: false gives the same potentials and cost without the plan', () => {
    const C = randomCost(8, 5, 10);
    const r = sinkhorn(uniform(8), uniform(5), C, { reg: 0.1, tol: 1e-13 });
    const p = sinkhorn(uniform(8), uniform(5), C, { reg: 0.1, tol: 1e-13, returnPlan: false });
    expect(p.plan).toBeNull();
    expect(p.cost).toBe(r.cost);
    expect(Array.from(p.x)).toEqual(Array.from(r.x));
  });

  it('handles zero-mass bins: zero rows/columns, potentials −Infinity, same plan as the reduced problem', () => {
    const a = [0.5, 0, 0.5];
    const b = [0.25, 0.25, 0.5, 0];
    const C = [[0.3, 0.1, 0.9, 0.2], [0.5, 0.5, 0.5, 0.5], [0.7, 0.2, 0.1, 0.4]];
    const r = sinkhorn(a, b, C, { reg: 0.1, tol: 1e-12 });
    const red = sinkhorn([0.5, 0.5], [0.25, 0.25, 0.5], [[0.3, 0.1, 0.9], [0.7, 0.2, 0.1]], { reg: 0.1, tol: 1e-12 });
    expect(r.converged).toBe(true);
    expect(r.x[1]).toBe(-Infinity);
    expect(r.y[3]).toBe(-Infinity);
    for (let j = 0; j < 4; j++) expect(r.plan!.get(1, j)).toBe(0);
    for (let i = 0; i < 3; i++) expect(r.plan!.get(i, 3)).toBe(0);
    for (const [i, ri] of [[0, 0], [2, 1]] as const) for (let j = 0; j < 3; j++) expect(r.plan!.get(i, j)).toBe(red.plan!.get(ri, j));
    expect(r.cost).toBe(red.cost);
  });

  it('normalize rescales unnormalised weights', () => {
    const r = sinkhorn([2, 2], [1, 3], [[0, 1], [1, 0]], { reg: 0.2, normalize: true, tol: 1e-14 });
    const s = sinkhorn([0.5, 0.5], [0.25, 0.75], [[0, 1], [1, 0]], { reg: 0.2, tol: 1e-14 });
    expect(r.cost).toBeCloseTo(s.cost, 15);
  });
});

describe('sinkhorn: bad input', () => {
  const C = [[0, 1], [1, 0]];
  const ok = [0.5, 0.5];
  it.each([
    ['negative weight', () => sinkhorn([1.5, -0.5], ok, C, { reg: 1 })],
    ['NaN weight', () => sinkhorn([NaN, 0.5], ok, C, { reg: 1 })],
    ['Infinity weight', () => sinkhorn([Infinity, 0.5], ok, C, { reg: 1 })],
    ['a not summing to 1', () => sinkhorn([0.5, 0.6], [0.5, 0.6], C, { reg: 1 })],
    ['sums differing by more than 1e-8', () => sinkhorn([0.5, 0.5 + 9e-9], [0.5, 0.5 - 9e-9], C, { reg: 1 })],
    ['zero total with normalize', () => sinkhorn([0, 0], ok, C, { reg: 1, normalize: true })],
    ['empty a', () => sinkhorn([], ok, [], { reg: 1 })],
    ['C of the wrong shape', () => sinkhorn(ok, ok, [[0, 1, 2], [1, 0, 2]], { reg: 1 })],
    ['C with NaN', () => sinkhorn(ok, ok, [[0, NaN], [1, 0]], { reg: 1 })],
    ['C ragged', () => sinkhorn(ok, ok, [[0, 1], [1]], { reg: 1 })],
    ['no reg or eta', () => sinkhorn(ok, ok, C, {})],
    ['no options', () => sinkhorn(ok, ok, C)],
    ['negative reg', () => sinkhorn(ok, ok, C, { reg: -1 })],
    ['zero eta', () => sinkhorn(ok, ok, C, { eta: 0 })],
    ['reg and eta disagree', () => sinkhorn(ok, ok, C, { reg: 0.1, eta: 5 })],
    ['unknown method', () => sinkhorn(ok, ok, C, { reg: 1, method: 'greenkhorn' as never })],
    ['epsilon scaling with the scaling method', () => sinkhorn(ok, ok, C, { reg: 1, method: 'scaling', epsilonScaling: true })],
    ['bad epsilon factor', () => sinkhorn(ok, ok, C, { reg: 1, epsilonScaling: { factor: 1.5 } })],
    ['negative tol', () => sinkhorn(ok, ok, C, { reg: 1, tol: -1 })],
    ['zero maxIter', () => sinkhorn(ok, ok, C, { reg: 1, maxIter: 0 })],
    ['fractional checkEvery', () => sinkhorn(ok, ok, C, { reg: 1, checkEvery: 2.5 })],
    ['non-function onIteration', () => sinkhorn(ok, ok, C, { reg: 1, onIteration: 3 as never })],
  ])('%s -> ArgumentError', (_name, f) => {
    expect(f).toThrow(ArgumentError);
  });

  it('accepts reg and eta together when consistent, and sums within 1e-8', () => {
    expect(sinkhorn(ok, ok, C, { reg: 0.5, eta: 2 }).eta).toBe(2);
    expect(sinkhorn([0.5, 0.5 + 4e-9], [0.5, 0.5 + 4e-9], C, { reg: 1 }).converged).toBe(true);
  });
});
