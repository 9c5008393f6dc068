/**
 * Entropic optimal transport by Sinkhorn iterations (log-domain or scaling), with optional
 * epsilon scaling.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, type VectorLike } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import type { DenseInput, NdArray } from '../formats/dense.js';
import { type EpsilonScalingOptions, epsilonScalingLoop, epsilonSchedule } from './epsilon-scaling.js';
import { checkCallback, type IterativeResult, optionKeys, readOptions } from '../core/options.js';
import { ENTROPIC_KEYS, type EntropicOptions } from './options.js';
import { finishPlan } from './plan.js';
import { costShift, scaledCost } from './scaled-cost.js';
import { type LoopResult, logSinkhornLoop } from './sinkhorn-log.js';
import { scalingSinkhornLoop } from './sinkhorn-scaling.js';
import { reduceSupport } from './support.js';
import { prepareProblem } from './validation.js';

/** What {@link sinkhorn} passes to `onIteration` (and records in `history`) at every check. */
export interface SinkhornIterationInfo {
  /** Full Sinkhorn iterations done so far (over all epsilon-scaling stages). */
  iteration: number;
  /** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ at this iterate. */
  marginalError: number;
  /** Regularisation of the current stage (the target reg unless epsilon scaling is on). */
  reg: number;
}

/** Options of {@link sinkhorn}: `reg` or `eta`, plus the iteration controls. */
export interface SinkhornOptions extends EntropicOptions {
  /**
   * `'log'` (default): log-sum-exp updates of the potentials, never overflows or underflows,
   * for any reg. `'scaling'`: the classical u ← a ⊘ Kv, v ← b ⊘ Kᵀu with K = exp(−C/reg),
   * several times faster per iteration, but it loses the plan once K and the scalings under- or
   * overflow (at small reg, when mass must cross costs above ~700·reg beyond the row and column
   * minima); it detects that, switches to `'log'` and says so in `warnings`.
   */
  method?: 'log' | 'scaling';
  /** Stop when ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ ≤ tol (default 1e-9). */
  tol?: number;
  /** Iteration limit (default 10000; small reg may need far more). */
  maxIter?: number;
  /** Check the stopping rule (and call `onIteration`) every this many iterations (default 10, as POT). */
  checkEvery?: number;
  /** Return the dense plan (default true); `false` returns only potentials, cost and error (O(n + m) memory besides C). */
  returnPlan?: boolean;
  /**
   * Epsilon scaling (log method only): solve for a decreasing sequence of regs first, each warm-started
   * from the previous potentials. `true` uses the defaults of {@link EpsilonScalingOptions}.
   */
  epsilonScaling?: boolean | EpsilonScalingOptions;
  /** Called at every check; return `false` to stop (`stopped: true`). */
  onIteration?: (info: SinkhornIterationInfo) => boolean | void;
}

/** Result of {@link sinkhorn}. */
export interface SinkhornResult extends IterativeResult<'converged' | 'maxIter' | 'stopped'> {
  /** The plan P (n x m ndarray), or null with `returnPlan: false`. */
  plan: NdArray | null;
  /** Row potentials x, with P_ij = exp((x_i + y_j − C_ij)/reg − 1); −Infinity on zero-mass rows. */
  x: Float64Array;
  /** Column potentials y; −Infinity on zero-mass columns. */
  y: Float64Array;
  /** Transport cost ⟨C, P⟩ (without the entropy term). */
  cost: number;
  /** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ of the returned plan, computed exactly at the end. */
  marginalError: number;
  /** Full Sinkhorn iterations done (one row and one column update each). */
  iterations: number;
  /** `marginalError ≤ tol`. */
  converged: boolean;
  /** `onIteration` returned false. */
  stopped: boolean;
  /** One entry per check: the convergence curve. */
  history: SinkhornIterationInfo[];
  /** Why it stopped: `'converged'`, `'stopped'` (onIteration) or `'maxIter'`. */
  reason: 'converged' | 'maxIter' | 'stopped';
  /** The method that produced the result (`'log'` after a fallback from `'scaling'`). */
  method: 'log' | 'scaling';
  /** The regularisation used (1/eta). */
  reg: number;
  /** η = 1/reg. */
  eta: number;
  /** Notes on underflow, fallbacks or precision limits (empty when all went well). */
  warnings: string[];
}

/** Validated iteration controls shared with the other solvers. @internal */
export interface IterationControls {
  tol: number;
  maxIter: number;
  checkEvery: number;
}

/** Read tol / maxIter / checkEvery with defaults. @internal */
export function iterationControls(o: { tol?: number; maxIter?: number; checkEvery?: number }, defTol: number, defMaxIter: number): IterationControls {
  return {
    tol: o.tol === undefined ? defTol : checkNumber('tol', o.tol, 0),
    maxIter: o.maxIter === undefined ? defMaxIter : checkPositiveInt('maxIter', o.maxIter),
    checkEvery: o.checkEvery === undefined ? 10 : checkPositiveInt('checkEvery', o.checkEvery),
  };
}

const SINKHORN_KEYS = optionKeys<SinkhornOptions>({
  ...ENTROPIC_KEYS, method: true, tol: true, maxIter: true, checkEvery: true, returnPlan: true, epsilonScaling: true, onIteration: true,
});

/**
 * Entropic optimal transport between histograms a and b by Sinkhorn's algorithm (POT's
 * `ot.sinkhorn`), log-domain by default.
 *
 * Solves min ⟨C, P⟩ + reg·Σ P_ij log P_ij over P ≥ 0 with P·1 = a, Pᵀ·1 = b. With η = 1/reg
 * and dual potentials x, y the solution is P_ij = exp(η(x_i + y_j − C_ij) − 1); each iteration
 * sets x so that the rows sum to a, then y so that the columns sum to b:
 * x_i = (1/η)·(1 + log a_i − log Σ_j exp(η(y_j − C_ij))), and symmetrically for y. The stopping
 * rule is the L1 marginal error ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ ≤ tol, checked every `checkEvery`
 * iterations. Zero-mass bins are removed before iterating (their rows/columns of P are zero and
 * their potentials −Infinity).
 *
 * Complexity: O(n·m) time per iteration and O(n·m) memory for the plan (O(n + m) besides C with
 * `returnPlan: false`). Iterations grow like 1/reg: at reg = 1/1200 on costs in [0, 1] expect
 * tens of thousands; {@link sinkhornNewtonSparse} converges in far fewer.
 *
 * @param a - source weights (length n, non-negative, summing to 1 unless `normalize`)
 * @param b - target weights (length m)
 * @param C - n x m cost matrix (ndarray, number[][] or DenseMatrix)
 * @param options - `reg` or `eta` (required) and {@link SinkhornOptions}
 * @returns {@link SinkhornResult}; non-convergence gives `converged: false`, not an exception
 * @throws {@link ArgumentError} on negative or NaN weights, weights not summing to 1 (within 1e-8,
 *   without `normalize`) or to the same mass, a cost of the wrong shape or with NaN/Infinity,
 *   a missing or non-positive `reg`/`eta`, or a bad option; {@link ResourceError} when the n·m
 *   working buffers cannot be allocated.
 *
 * @example
 * ```ts
 * import { sinkhorn } from 'sparsity';
 * // Two points to two points: moving straight across costs 0, crossing costs 1.
 * const r = sinkhorn([0.5, 0.5], [0.5, 0.5], [[0, 1], [1, 0]], { reg: 0.1 });
 * r.converged; // => true
 * // Closed form: P_00 = 0.5 / (1 + exp(-1/reg))
 * Math.abs(r.plan.get(0, 0) - 0.5 / (1 + Math.exp(-10))) < 1e-9; // => true
 * Math.abs(r.cost - 2 * 0.5 * Math.exp(-10) / (1 + Math.exp(-10))) < 1e-9; // => true
 * ```
 */
export function sinkhorn(a: VectorLike, b: VectorLike, C: DenseInput, options?: SinkhornOptions): SinkhornResult {
  const o = readOptions('sinkhorn', options, SINKHORN_KEYS);
  const full = prepareProblem(a, b, C, o);
  const method = o.method ?? 'log';
  if (method !== 'log' && method !== 'scaling') throw new ArgumentError('method', method, "'log' or 'scaling'");
  const ctl = iterationControls(o, 1e-9, 10000);
  const returnPlan = o.returnPlan ?? true;
  if (typeof returnPlan !== 'boolean') throw new ArgumentError('returnPlan', returnPlan, 'a boolean');
  const eps = o.epsilonScaling ?? false;
  if (eps !== false && method !== 'log') throw new ArgumentError('epsilonScaling', eps, "false with method 'scaling' (epsilon scaling runs in the log domain)");
  const onIteration = checkCallback<SinkhornIterationInfo>(o.onIteration);

  const red = reduceSupport(full);
  const p = red.problem;
  const shift = costShift(p.C, p.n, p.m);
  const G = scaledCost(p.C, shift, p.eta);
  const U = new Float64Array(p.n);
  const V = new Float64Array(p.m);
  const history: SinkhornIterationInfo[] = [];
  const warnings: string[] = [];
  const record = (iteration: number, marginalError: number, eta: number): boolean | void => {
    const info: SinkhornIterationInfo = { iteration, marginalError, reg: 1 / eta };
    history.push(info);
    return onIteration ? onIteration(info) : undefined;
  };
  const loopOpts = { ...ctl, onCheck: (it: number, e: number) => record(it, e, p.eta) };

  let used: 'log' | 'scaling' = method;
  let loop: LoopResult;
  if (eps !== false) {
    const sched = epsilonSchedule(p.eta, p.C, ctl.tol, eps);
    loop = epsilonScalingLoop(p, shift, G, U, V, sched, ctl, record);
  } else if (method === 'scaling') {
    const s = scalingSinkhornLoop(p, G, U, V, loopOpts);
    loop = s;
    if (s.underflow) {
      used = 'log';
      warnings.push(
        `scaling: exp(-C/reg) or the scalings underflowed after ${s.iterations} iteration(s) at reg = ${1 / p.eta}; ` +
          `switched to method 'log' from the last finite iterate`,
      );
      const rest = ctl.maxIter - s.iterations;
      if (rest > 0) {
        const offset = s.iterations;
        const l = logSinkhornLoop(p, G, U, V, { ...ctl, maxIter: rest, onCheck: (it, e) => record(offset + it, e, p.eta) });
        loop = { ...l, iterations: offset + l.iterations };
      }
    }
  } else {
    loop = logSinkhornLoop(p, G, U, V, loopOpts);
  }

  const fin = finishPlan(full, red, shift, G, U, V, returnPlan);
  warnings.push(...fin.warnings);
  const converged = !loop.stopped && fin.marginalError <= ctl.tol;
  if (loop.converged && !converged && !loop.stopped) {
    warnings.push(
      `the stopping check passed (error ${loop.error}) but the exact marginal error of the returned plan is ${fin.marginalError} > tol: ` +
        `tol is below the rounding floor of this problem`,
    );
  }
  return {
    plan: fin.plan,
    x: fin.x,
    y: fin.y,
    cost: fin.cost,
    marginalError: fin.marginalError,
    iterations: loop.iterations,
    converged,
    stopped: loop.stopped,
    reason: converged ? 'converged' : loop.stopped ? 'stopped' : 'maxIter',
    history,
    method: used,
    reg: 1 / full.eta,
    eta: full.eta,
    warnings,
  };
}
