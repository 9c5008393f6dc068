/**
 * Sinkhorn-Newton-Sparse (Tang, Shavlovsky, Rahmanian, Tardini, Thekumparampil, Xiao, Ying,
 * ICLR 2024): a few Sinkhorn iterations, then Newton steps on the concave Lyapunov potential with
 * the Hessian sparsified to the largest entries of the plan, solved by Jacobi-preconditioned CG
 * and globalised by an Armijo line search.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, type VectorLike } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import type { DenseInput, NdArray } from '../formats/dense.js';
import { cg } from '../linalg/iterative/cg.js';
import { jacobiPreconditioner } from '../linalg/iterative/jacobi.js';
import { newtonOperator, sparsifyPlan } from './hessian.js';
import { armijo } from './line-search.js';
import { truncation } from './log-domain.js';
import { checkCallback, checkOptions, type EntropicOptions } from './options.js';
import { finishPlan } from './plan.js';
import { gradient, objectiveIncrease, planPass, scaledObjective } from './potential.js';
import { costShift, scaledCost, shiftOffset } from './scaled-cost.js';
import { logSinkhornLoop, minPositive } from './sinkhorn-log.js';
import { reduceSupport } from './support.js';
import { prepareProblem } from './validation.js';

/** Conjugate-gradient controls of {@link sinkhornNewtonSparse} (passed to {@link cg}). */
export interface SNSConjugateGradientOptions {
  /** Relative residual tolerance of each Newton solve (default 1e-8, as regot). */
  tol?: number;
  /** CG iteration limit per solve (default max(1000, 2·(n + m))). */
  maxIter?: number;
}

/** Armijo line-search controls of {@link sinkhornNewtonSparse}. */
export interface SNSLineSearchOptions {
  /** Sufficient-increase constant c₁ in (0, 1): accept α when f(z + αΔ) ≥ f(z) + c₁·α·∇fᵀΔ (default 1e-4). */
  c1?: number;
  /**
   * Trial steps α₀, α₀/2, α₀/4, ... before the search counts as failed (default 12). α₀ is 1 (the
   * Newton step) unless that would move some η·x_i or η·y_j by more than 20.
   */
  maxTrials?: number;
}

/** Options of {@link sinkhornNewtonSparse}: `reg` or `eta`, plus the SNS controls. */
export interface SinkhornNewtonSparseOptions extends EntropicOptions {
  /** Log-domain Sinkhorn iterations before the Newton stage (default 20, the paper's N₁). */
  warmupIters?: number;
  /** Newton iteration limit, failed attempts included (default 100). */
  maxNewtonIters?: number;
  /**
   * Fraction λ of the n·m entries of P kept in the off-diagonal Hessian blocks: the
   * ⌈λ·n·m⌉ largest (default 2/min(n, m), the paper's 2/n for square problems; the paper uses
   * 15/n for L1 costs). In (0, 1].
   */
  density?: number;
  /** Stop when ‖∇f‖₁ = ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ ≤ tol (default 1e-12). */
  tol?: number;
  /** CG controls for the Newton systems. */
  cg?: SNSConjugateGradientOptions;
  /** Armijo line-search controls. */
  lineSearch?: SNSLineSearchOptions;
  /** How many times a failed Newton attempt doubles the density and retries (default 2). */
  densityRetries?: number;
  /**
   * Sinkhorn iterations taken when every retry failed, before Newton resumes (default 10; doubled
   * after each consecutive failure, back to this value after a successful full Newton step).
   */
  fallbackSinkhornIters?: number;
  /** Return the dense plan (default true). */
  returnPlan?: boolean;
  /** Called after every warm-up/fallback Sinkhorn iteration and every Newton iteration; `false` stops. */
  onIteration?: (info: SNSIterationInfo) => boolean | void;
}

/** One record of {@link sinkhornNewtonSparse}'s `history` (and the argument of `onIteration`). */
export interface SNSIterationInfo {
  /** Total iterations so far: Sinkhorn (warm-up and fallback) plus Newton. */
  iteration: number;
  /** `'warmup'` and `'sinkhorn'` (fallback) are Sinkhorn iterations; `'newton'` a Newton step. */
  phase: 'warmup' | 'newton' | 'sinkhorn';
  /** ‖∇f‖₁ = ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ at the new iterate. */
  gradNorm: number;
  /** The potential f(x, y) at the new iterate (Newton steps only). */
  objective?: number;
  /** Accepted step length α (Newton steps only). */
  stepSize?: number;
  /** Density of the sparsified Hessian that gave the step (Newton steps only). */
  density?: number;
  /** CG iterations spent in this Newton iteration, retries included. */
  cgIterations?: number;
  /** What went differently: retries, density raises, Sinkhorn fallback, best-point restore. */
  event?: string;
}

/** Result of {@link sinkhornNewtonSparse}: the fields of {@link SinkhornResult} plus the Newton statistics. */
export interface SinkhornNewtonSparseResult {
  /** The plan P (n x m ndarray), or null with `returnPlan: false`. */
  plan: NdArray | null;
  /** Row potentials x, with P_ij = exp((x_i + y_j − C_ij)/reg − 1); −Infinity on zero-mass rows. */
  x: Float64Array;
  /** Column potentials y; −Infinity on zero-mass columns. */
  y: Float64Array;
  /** Transport cost ⟨C, P⟩. */
  cost: number;
  /** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ of the returned plan (exact final evaluation). */
  marginalError: number;
  /** ‖∇f‖₁ at the returned point as tested by the stopping rule (equals marginalError to rounding). */
  gradNorm: number;
  /** Total iterations: sinkhornIterations + newtonIterations. */
  iterations: number;
  /** Accepted Newton steps. */
  newtonIterations: number;
  /** Sinkhorn iterations (warm-up plus fallbacks). */
  sinkhornIterations: number;
  /** Density used by each accepted Newton step. */
  densities: number[];
  /** CG iterations of each Newton iteration (retries included, failed iterations too). */
  cgIterations: number[];
  /** gradNorm ≤ tol. */
  converged: boolean;
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Per-iteration records, warm-up included: the convergence curve. */
  history: SNSIterationInfo[];
  /** The regularisation used (1/eta). */
  reg: number;
  /** η = 1/reg. */
  eta: number;
  /** Notes on underflow or precision (empty when all went well). */
  warnings: string[];
}

/** Largest change of a scaled potential (η·x_i or η·y_j) tried by the first line-search step. */
const MAX_MOVE = 20;

/** Levenberg–Marquardt damping factors tried, in order, after the density retries failed. */
const DAMPING = [1e-4, 1e-2];

/** Below this, the carried-over damping is dropped (plain Newton steps again). */
const MIN_DAMPING = 1e-7;

/** A direction needing a first step below this (‖Δ‖∞ > MAX_MOVE/MIN_ALPHA0) counts as a failed line search. */
const MIN_ALPHA0 = 1e-5;

/** A full Newton step must reduce ‖∇f‖₁ by at least this factor, else the density is doubled. */
const SLOW_PROGRESS = 0.5;

function intOption(name: string, v: unknown, def: number, min = 0): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ArgumentError(name, v, `an integer ≥ ${min}`);
  return v;
}

/**
 * Entropic optimal transport by Sinkhorn-Newton-Sparse (Tang et al., ICLR 2024): Sinkhorn warm-up,
 * then sparsified Newton steps on the dual potential; converges in a few dozen iterations where
 * Sinkhorn needs tens of thousands at small reg.
 *
 * Maximises the concave potential f(x, y) = −(1/η)·Σ_ij exp(η(x_i + y_j − C_ij) − 1) + aᵀx + bᵀy,
 * whose maximiser gives the entropic plan P_ij = exp(η(x_i + y_j − C_ij) − 1) (η = 1/reg). Its
 * gradient is (a − P·1, b − Pᵀ·1) and its Hessian −η·[[diag(P·1), P], [Pᵀ, diag(Pᵀ·1)]].
 * 1. `warmupIters` log-domain Sinkhorn iterations.
 * 2. Newton: keep the diagonal blocks and the ⌈density·n·m⌉ largest entries of P (selected in
 *    expected O(n·m), no sort) as a CSR matrix, fix the gauge by dropping the last y, solve the
 *    (n + m − 1)-square system by CG with the Jacobi preconditioner, and take the Armijo step
 *    (the increase of f is evaluated without cancellation, so the test works down to ‖∇f‖₁ ~ 1e-13).
 * 3. Robustness: if CG misses its tolerance or the line search fails, the density is doubled and
 *    the step retried (`densityRetries` times); then Levenberg–Marquardt damped systems
 *    M + λ·diag(M), λ = 1e-4 then 1e-2, are tried (they handle numerically singular Hessians, when
 *    the plan splits into nearly decoupled blocks); then `fallbackSinkhornIters` Sinkhorn iterations
 *    are taken and Newton resumes. The best point seen (smallest ‖∇f‖₁, the warm start included) is
 *    returned; `history[k].event` says what happened.
 * Stops when ‖∇f‖₁ = ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ ≤ tol.
 *
 * Complexity: O(n·m) per Sinkhorn or Newton iteration (one exponential per entry for the new plan,
 * plus a linear-time selection and multiply-adds per line-search trial) and
 * O(density·n·m + n + m) per CG iteration; memory 3·n·m doubles besides C.
 *
 * @param a - source weights (length n, non-negative, summing to 1 unless `normalize`)
 * @param b - target weights (length m)
 * @param C - n x m cost matrix
 * @param options - `reg` or `eta` (required) and {@link SinkhornNewtonSparseOptions}
 * @returns {@link SinkhornNewtonSparseResult}; non-convergence gives `converged: false`
 * @throws {@link ArgumentError} on invalid weights or cost (as {@link sinkhorn}) or a bad option.
 *
 * @example
 * ```ts
 * import { sinkhornNewtonSparse, sinkhorn } from 'sparsity';
 * const a = [0.2, 0.3, 0.5];
 * const b = [0.4, 0.4, 0.2];
 * const C = [[0, 1, 4], [1, 0, 1], [4, 1, 0]];
 * const sns = sinkhornNewtonSparse(a, b, C, { eta: 20, warmupIters: 2 });
 * sns.converged; // => true
 * sns.marginalError < 1e-12; // => true
 * const ref = sinkhorn(a, b, C, { eta: 20, tol: 1e-13, maxIter: 100000 });
 * Math.abs(sns.cost - ref.cost) < 1e-10; // => true
 * sns.iterations < ref.iterations; // => true
 * ```
 */
export function sinkhornNewtonSparse(a: VectorLike, b: VectorLike, C: DenseInput, options?: SinkhornNewtonSparseOptions): SinkhornNewtonSparseResult {
  const o = checkOptions(options);
  const full = prepareProblem(a, b, C, o);
  const warmupIters = intOption('warmupIters', o.warmupIters, 20);
  const maxNewtonIters = intOption('maxNewtonIters', o.maxNewtonIters, 100);
  const tol = o.tol === undefined ? 1e-12 : checkNumber('tol', o.tol, 0);
  const densityRetries = intOption('densityRetries', o.densityRetries, 2);
  const fallbackIters = intOption('fallbackSinkhornIters', o.fallbackSinkhornIters, 10);
  const returnPlan = o.returnPlan ?? true;
  if (typeof returnPlan !== 'boolean') throw new ArgumentError('returnPlan', returnPlan, 'a boolean');
  const cgOpts = checkOptions(o.cg, 'cg');
  const lsOpts = checkOptions(o.lineSearch, 'lineSearch');
  const c1 = lsOpts.c1 === undefined ? 1e-4 : checkNumber('lineSearch.c1', lsOpts.c1, 0, 1, true);
  if (c1 >= 1) throw new ArgumentError('lineSearch.c1', c1, 'a number in (0, 1)');
  const maxTrials = lsOpts.maxTrials === undefined ? 12 : checkPositiveInt('lineSearch.maxTrials', lsOpts.maxTrials);
  const onIteration = checkCallback<SNSIterationInfo>(o.onIteration);

  const red = reduceSupport(full);
  const p = red.problem;
  const { n, m, eta } = p;
  const density0 = o.density === undefined ? Math.min(1, 2 / Math.min(n, m)) : checkNumber('density', o.density, 0, 1, true);
  const cgTol = cgOpts.tol === undefined ? 1e-8 : checkNumber('cg.tol', cgOpts.tol, 0);
  const cgMaxIter = cgOpts.maxIter === undefined ? Math.max(1000, 2 * (n + m)) : checkPositiveInt('cg.maxIter', cgOpts.maxIter);

  const shift = costShift(p.C, n, m);
  const G = scaledCost(p.C, shift, eta);
  const fOffset = shiftOffset(shift, p.a, p.b);
  const U = new Float64Array(n);
  const V = new Float64Array(m);
  const history: SNSIterationInfo[] = [];
  let sinkhornIterations = 0;
  let newtonIterations = 0;
  let stopped = false;
  const record = (info: SNSIterationInfo): void => {
    history.push(info);
    if (onIteration && onIteration(info) === false) stopped = true;
  };

  // 1. Warm-up.
  if (warmupIters > 0) {
    const w = logSinkhornLoop(p, G, U, V, {
      tol, maxIter: warmupIters, checkEvery: 1,
      onCheck: (it, e) => {
        record({ iteration: it, phase: 'warmup', gradNorm: e });
        return stopped ? false : undefined;
      },
    });
    sinkhornIterations = w.iterations;
  }

  // 2. Newton stage. P, r, c, g always describe the current (U, V).
  const P = new Float64Array(n * m);
  const scratch = new Float64Array(n * m);
  const r = new Float64Array(n);
  const c = new Float64Array(m);
  const g = new Float64Array(n + m);
  const ea = new Float64Array(n);
  const eb = new Float64Array(m);
  const N = n + m - 1;
  const tau = truncation(Math.min(minPositive(p.a), minPositive(p.b)), Math.max(n, m)).tau;
  const evaluate = (): { gn: number; f: number } => {
    const total = planPass(G, U, V, n, m, tau, P, r, c);
    return { gn: gradient(p, r, c, g), f: scaledObjective(p, U, V, total) / eta + fOffset };
  };
  let cur = evaluate();
  const best = { U: U.slice(), V: V.slice(), gn: cur.gn, iteration: sinkhornIterations };
  const densities: number[] = [];
  const cgIterations: number[] = [];
  let density = density0;
  let attempts = 0;
  let fallbackLen = fallbackIters;
  let damping = 0;

  while (cur.gn > tol && !stopped && attempts < maxNewtonIters) {
    attempts++;
    const events: string[] = [];
    let cgIts = 0;
    let accepted = null as { alpha: number; d: number; D: Float64Array } | null;
    // One Newton attempt at density d (shift > 0: Levenberg–Marquardt damping of the diagonal).
    const attempt = (d: number, shift: number, last: boolean): 'accepted' | 'cg' | 'failed' => {
      const Ps = sparsifyPlan(P, n, m, Math.ceil(d * n * m), scratch);
      const diag = new Float64Array(N);
      diag.set(r);
      diag.set(c.subarray(0, m - 1), n);
      if (shift) for (let k = 0; k < N; k++) diag[k] = diag[k]! * (1 + shift);
      const sol = cg(newtonOperator(Ps, r, c, shift), g.subarray(0, N), { tol: cgTol, maxIter: cgMaxIter, M: jacobiPreconditioner(diag) });
      cgIts += sol.iterations;
      const what = shift ? `damped (λ = ${shift}) system` : `density ${d}`;
      if (!sol.converged && !last) {
        events.push(`CG stopped (${sol.reason}) after ${sol.iterations} iterations at ${what}`);
        return 'cg';
      }
      const D = new Float64Array(n + m);
      D.set(sol.x);
      let slope = 0;
      for (let k = 0; k < N; k++) slope += g[k]! * D[k]!;
      // First trial: the Newton step, shortened so that no potential moves by more than MAX_MOVE/η
      // (P changes by at most e^MAX_MOVE per entry): far from the solution, Newton directions are
      // huge where P·1 ≪ a, and halving from 1 would waste the trials.
      let dmax = 0;
      for (let k = 0; k < N; k++) dmax = Math.max(dmax, Math.abs(D[k]!));
      const alpha0 = dmax > MAX_MOVE ? MAX_MOVE / dmax : 1;
      if (alpha0 < MIN_ALPHA0) {
        events.push(`Newton direction unusable (‖Δ‖∞ = ${dmax.toExponential(2)}: the Hessian is numerically singular here) at ${what}`);
        return 'failed';
      }
      const ls = armijo((alpha) => objectiveIncrease(P, n, m, r, c, slope, D, alpha, ea, eb), slope, { c1, maxTrials, alpha0 });
      if (ls.accepted) {
        if (!sol.converged) events.push(`CG stopped (${sol.reason}) after ${sol.iterations} iterations; its direction was accepted`);
        if (shift) events.push(`step of the damped (λ = ${shift}) system accepted`);
        accepted = { alpha: ls.alpha, d, D };
        return 'accepted';
      }
      events.push(`line search failed after ${ls.trials} trials at ${what}`);
      return 'failed';
    };
    // After a damped step, the next iteration starts damped (λ divided by 10 after each full step).
    let usedDamping = 0;
    if (damping > 0 && attempt(density, damping, true) === 'accepted') usedDamping = damping;
    let dLast = density;
    for (let t = 0; t <= densityRetries && !accepted; t++) {
      const d = Math.min(1, density * 2 ** t);
      dLast = d;
      const last = t === densityRetries || d >= 1;
      const res = attempt(d, 0, last);
      if (res === 'accepted' || last) break;
      events.push('density doubled');
    }
    // Still nothing: the Hessian is (numerically) singular, typically because the plan splits into
    // blocks coupled only by negligible entries. Levenberg–Marquardt damping M + λ·diag(M) bounds the
    // direction along those blocks' relative shifts, which the capped first step then moves by up to
    // MAX_MOVE per iteration (Sinkhorn moves them by log-ratios, far less).
    for (const lambda of DAMPING) {
      if (accepted) break;
      if (attempt(dLast, lambda, true) === 'accepted') usedDamping = lambda;
    }
    cgIterations.push(cgIts);
    if (accepted) {
      const { alpha, d, D } = accepted;
      const prevGn = cur.gn;
      for (let i = 0; i < n; i++) U[i] = U[i]! + alpha * D[i]!;
      for (let j = 0; j < m; j++) V[j] = V[j]! + alpha * D[n + j]!;
      if (d !== density) events.push(`density raised from ${density} to ${d}`);
      density = d;
      if (alpha === 1) fallbackLen = fallbackIters;
      damping = usedDamping > 0 && alpha === 1 ? usedDamping / 10 : usedDamping;
      if (damping < MIN_DAMPING) damping = 0;
      newtonIterations++;
      densities.push(d);
      cur = evaluate();
      // A full step that barely reduces the gradient means the sparsified Hessian misses the slow
      // modes (weak couplings between clusters of the plan): use more entries from now on.
      if (alpha === 1 && cur.gn > SLOW_PROGRESS * prevGn && density < 1) {
        events.push(`slow progress (‖∇f‖₁ ratio ${(cur.gn / prevGn).toPrecision(3)}) at density ${d}; density doubled for the next steps`);
        density = Math.min(1, 2 * density);
      }
      const info: SNSIterationInfo = {
        iteration: sinkhornIterations + newtonIterations, phase: 'newton', gradNorm: cur.gn, objective: cur.f,
        stepSize: alpha, density: d, cgIterations: cgIts,
      };
      if (events.length) info.event = events.join('; ');
      record(info);
    } else {
      events.push(`taking ${fallbackLen} Sinkhorn iterations`);
      const offset = sinkhornIterations + newtonIterations;
      let first = true;
      const l = logSinkhornLoop(p, G, U, V, {
        tol, maxIter: Math.max(1, fallbackLen), checkEvery: 1,
        onCheck: (it, e) => {
          const info: SNSIterationInfo = { iteration: offset + it, phase: 'sinkhorn', gradNorm: e };
          if (first) info.event = events.join('; ');
          first = false;
          record(info);
          return stopped ? false : undefined;
        },
      });
      sinkhornIterations += l.iterations;
      fallbackLen *= 2;
      cur = evaluate();
    }
    if (cur.gn < best.gn) {
      best.U.set(U);
      best.V.set(V);
      best.gn = cur.gn;
      best.iteration = sinkhornIterations + newtonIterations;
    }
  }

  if (best.gn < cur.gn) {
    U.set(best.U);
    V.set(best.V);
    cur = evaluate();
    history.push({
      iteration: sinkhornIterations + newtonIterations, phase: 'newton', gradNorm: cur.gn,
      event: `returned the best point seen (iteration ${best.iteration}), not the last iterate`,
    });
  }
  const fin = finishPlan(full, red, shift, G, U, V, returnPlan);
  return {
    plan: fin.plan,
    x: fin.x,
    y: fin.y,
    cost: fin.cost,
    marginalError: fin.marginalError,
    gradNorm: cur.gn,
    iterations: sinkhornIterations + newtonIterations,
    newtonIterations,
    sinkhornIterations,
    densities,
    cgIterations,
    converged: cur.gn <= tol && !stopped,
    stopped,
    history,
    reg: 1 / full.eta,
    eta: full.eta,
    warnings: fin.warnings,
  };
}
