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
import { checkCallback, type IterativeResult, optionKeys, readOptions } from '../core/options.js';
import type { DenseInput, NdArray } from '../formats/dense.js';
import { ENTROPIC_KEYS, type EntropicOptions } from './options.js';
import { finishPlan } from './plan.js';
import { costShift, scaledCost, shiftOffset } from './scaled-cost.js';
import {
  type SNSSettings, type SNSState, defaultNewtonBudget, evaluate, finishWithSinkhorn, initialState, keepBest, newtonIteration,
  restoreBest, sinkhornStage, totalIterations,
} from './sns-stages.js';
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
  /**
   * Newton iteration limit, failed attempts included. Default: 100 plus the capped steps needed to
   * carry a scaled potential across the range of η·C (each first line-search trial moves η·x_i by at
   * most 20), so that small regularisation gets the budget it needs.
   */
  maxNewtonIters?: number;
  /**
   * Log-domain Sinkhorn iterations that finish the solve from the best Newton point when the Newton
   * budget runs out unconverged (a warning says so). Default 10000 (Sinkhorn's `maxIter`) with the
   * default `maxNewtonIters`, 0 when `maxNewtonIters` is given.
   */
  finalSinkhornIters?: number;
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
export interface SinkhornNewtonSparseResult extends IterativeResult<'converged' | 'maxIter' | 'stopped'> {
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
  /**
   * Why it stopped: `'converged'`, `'stopped'` (onIteration), or `'maxIter'` (the Newton budget and
   * the final Sinkhorn iterations ran out; `warnings` then says how far the marginals are off).
   */
  reason: 'converged' | 'maxIter' | 'stopped';
  /** The regularisation used (1/eta). */
  reg: number;
  /** η = 1/reg. */
  eta: number;
  /** Notes on underflow, precision, the final Sinkhorn finish, or non-convergence (empty when all went well). */
  warnings: string[];
}

const SNS_KEYS = optionKeys<SinkhornNewtonSparseOptions>({
  ...ENTROPIC_KEYS, warmupIters: true, maxNewtonIters: true, finalSinkhornIters: true, density: true, tol: true, cg: true,
  lineSearch: true, densityRetries: true, fallbackSinkhornIters: true, returnPlan: true, onIteration: true,
});

function intOption(name: string, v: unknown, def: number, min = 0): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new ArgumentError(name, v, `an integer ≥ ${min}`);
  return v;
}

/** Read and check the options (the parts that do not depend on the problem size). */
function readSettings(o: SinkhornNewtonSparseOptions): Omit<SNSSettings, 'density0' | 'cgMaxIter' | 'maxNewtonIters' | 'finalSinkhornIters'> {
  const cgOpts = readOptions('sinkhornNewtonSparse cg', o.cg, optionKeys<SNSConjugateGradientOptions>({ tol: true, maxIter: true }));
  const lsOpts = readOptions('sinkhornNewtonSparse lineSearch', o.lineSearch, optionKeys<SNSLineSearchOptions>({ c1: true, maxTrials: true }));
  const c1 = lsOpts.c1 === undefined ? 1e-4 : checkNumber('lineSearch.c1', lsOpts.c1, 0, 1, true);
  if (c1 >= 1) throw new ArgumentError('lineSearch.c1', c1, 'a number in (0, 1)');
  return {
    tol: o.tol === undefined ? 1e-12 : checkNumber('tol', o.tol, 0),
    warmupIters: intOption('warmupIters', o.warmupIters, 20),
    densityRetries: intOption('densityRetries', o.densityRetries, 2),
    fallbackIters: intOption('fallbackSinkhornIters', o.fallbackSinkhornIters, 10),
    c1,
    maxTrials: lsOpts.maxTrials === undefined ? 12 : checkPositiveInt('lineSearch.maxTrials', lsOpts.maxTrials),
    cgTol: cgOpts.tol === undefined ? 1e-8 : checkNumber('cg.tol', cgOpts.tol, 0),
    onIteration: checkCallback<SNSIterationInfo>(o.onIteration),
  };
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
 * 4. When the Newton budget runs out unconverged (small reg, far from the solution), log-domain
 *    Sinkhorn finishes from the best point (`finalSinkhornIters`), so the defaults converge wherever
 *    {@link sinkhorn} does; `warnings` says so. A result that is still not converged carries a
 *    warning with its marginal error: its `cost` belongs to a plan with the wrong marginals.
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
 * @throws {@link ArgumentError} on invalid weights or cost (as {@link sinkhorn}) or a bad option;
 *   {@link ResourceError} when the n·m plan buffers cannot be allocated.
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
  const o = readOptions('sinkhornNewtonSparse', options, SNS_KEYS);
  const full = prepareProblem(a, b, C, o);
  const base = readSettings(o);
  const returnPlan = o.returnPlan ?? true;
  if (typeof returnPlan !== 'boolean') throw new ArgumentError('returnPlan', returnPlan, 'a boolean');
  const cgMaxIter = readOptions('sinkhornNewtonSparse cg', o.cg, ['tol', 'maxIter']).maxIter;

  const red = reduceSupport(full);
  const p = red.problem;
  const { n, m, eta } = p;
  const shift = costShift(p.C, n, m);
  const G = scaledCost(p.C, shift, eta);
  const settings: SNSSettings = {
    ...base,
    density0: o.density === undefined ? Math.min(1, 2 / Math.min(n, m)) : checkNumber('density', o.density, 0, 1, true),
    cgMaxIter: cgMaxIter === undefined ? Math.max(1000, 2 * (n + m)) : checkPositiveInt('cg.maxIter', cgMaxIter),
    maxNewtonIters: intOption('maxNewtonIters', o.maxNewtonIters, defaultNewtonBudget(G)),
    finalSinkhornIters: intOption('finalSinkhornIters', o.finalSinkhornIters, o.maxNewtonIters === undefined ? 10000 : 0),
  };
  const s = initialState(p, G, shiftOffset(shift, p.a, p.b), settings);

  runStages(s, settings);

  const fin = finishPlan(full, red, shift, G, s.U, s.V, returnPlan);
  const converged = s.cur.gn <= settings.tol && !s.stopped;
  const reason = converged ? 'converged' : s.stopped ? 'stopped' : 'maxIter';
  const warnings = [...s.warnings, ...fin.warnings];
  if (reason === 'maxIter') {
    warnings.push(
      `not converged: ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ = ${fin.marginalError.toExponential(3)} > tol = ${settings.tol}; ` +
        `the plan's marginals are off by that much, so cost = ${fin.cost} is not the transport cost of a and b ` +
        `(raise maxNewtonIters or finalSinkhornIters, or use a larger reg)`,
    );
  }
  return {
    plan: fin.plan,
    x: fin.x,
    y: fin.y,
    cost: fin.cost,
    marginalError: fin.marginalError,
    gradNorm: s.cur.gn,
    iterations: totalIterations(s),
    newtonIterations: s.newtonIterations,
    sinkhornIterations: s.sinkhornIterations,
    densities: s.densities,
    cgIterations: s.cgIterations,
    converged,
    stopped: s.stopped,
    reason,
    history: s.history,
    reg: 1 / full.eta,
    eta: full.eta,
    warnings,
  };
}

/** The SNS stages in order: warm-up, Newton iterations, the final Sinkhorn finish, best-point restore. */
function runStages(s: SNSState, settings: SNSSettings): void {
  if (settings.warmupIters > 0) sinkhornStage(s, settings, settings.warmupIters, 'warmup');
  else evaluate(s);
  keepBest(s);
  s.best.iteration = s.sinkhornIterations;
  while (s.cur.gn > settings.tol && !s.stopped && s.attempts < settings.maxNewtonIters) newtonIteration(s, settings);
  finishWithSinkhorn(s, settings);
  restoreBest(s);
}
