/**
 * Elastic net by coordinate descent with scikit-learn's objective and duality-gap stop.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { createRng, type Seed } from '../../core/rng.js';
import type { DesignInput } from './design.js';
import type { PreparedDesign } from './prepared-design.js';
import type { EnetTerms } from './duality-gap.js';
import { checkAlpha, type EnetData, interceptOf, prepareEnet, releaseEnet } from './prepare.js';
import { type EnetOutcome, type EnetState, initialState, releaseState, solveEnet } from './working-set.js';
import { readOptions, optBool, optChoice } from '../../core/options.js';

/** How coordinates are visited: working sets (default), or plain epochs over all features as scikit-learn. */
export type EnetSelection = 'working-set' | 'cyclic' | 'random';

/** What `onIteration` receives after each outer iteration of the least-squares models. */
export interface EnetIterationInfo {
  /** Outer iterations so far (working-set solves, or epochs for `'cyclic'` / `'random'`). */
  iteration: number;
  /** Coordinate-descent epochs so far. */
  epochs: number;
  /** Duality gap of the objective (the 1/(2n)-scaled one). */
  dualityGap: number;
  /** Features in the working set just solved. */
  workingSetSize: number;
  /** Features eliminated by gap-safe screening. */
  screened: number;
}

/** Options of {@link elasticNet} (scikit-learn's `ElasticNet` parameters in camelCase, plus glmnet's `penaltyFactor`). */
export interface ElasticNetOptions {
  /** Penalty strength α ≥ 0 (default 1). */
  alpha?: number;
  /** Mix between L1 (1) and L2 (0), in [0, 1] (default 0.5). */
  l1Ratio?: number;
  /** Fit an unpenalized intercept (default true); sparse X is centred implicitly, never densified. */
  fitIntercept?: boolean;
  /** Stop when the duality gap ≤ tol·‖ỹ‖²/n (ỹ the centred, weighted target), scikit-learn's rule (default 1e-4). */
  tol?: number;
  /** Limit on coordinate-descent epochs (default 1000). */
  maxIter?: number;
  /** Constrain coefficients to be ≥ 0 (default false). */
  positive?: boolean;
  /** Initial coefficients (length p); not modified. */
  warmStart?: VectorLike;
  /** `'working-set'` (default), `'cyclic'` or `'random'` (epochs over all features, as scikit-learn). */
  selection?: EnetSelection;
  /** Seed of the `'random'` order. */
  seed?: Seed;
  /** Per-sample weights ≥ 0 (rescaled to sum to n, as scikit-learn). */
  sampleWeight?: VectorLike;
  /**
   * Per-feature penalty factors fⱼ ≥ 0 (glmnet's `penalty.factor`): each scales feature j's whole
   * penalty, ridge included; 0 leaves a feature unpenalized. Used as given (glmnet rescales them
   * to sum to p: pass f·p/Σf with alpha = glmnet's λ to match it).
   */
  penaltyFactor?: VectorLike;
  /** Called after each outer iteration; return `false` to stop. */
  onIteration?: (info: EnetIterationInfo) => boolean | void;
}

/** Result of {@link elasticNet} and {@link lasso}. */
export interface ElasticNetResult {
  /** Coefficients w (length p). */
  coef: Float64Array;
  /** Intercept b (0 without `fitIntercept`). */
  intercept: number;
  /** Objective (1/(2n))Σsᵢ(yᵢ − xᵢᵀw − b)² + α·Σfⱼ(l1Ratio·|wⱼ| + ½(1 − l1Ratio)wⱼ²) at the result. */
  objective: number;
  /** Certified duality gap of that objective: objective − optimum ≤ dualityGap. */
  dualityGap: number;
  /** dualityGap ≤ tol·‖ỹ‖²/n was reached. */
  converged: boolean;
  /** Coordinate-descent epochs done. */
  iterations: number;
  /** Duality gap after each outer iteration (the first entry is at the starting point). */
  history: number[];
  /** `onIteration` returned false. */
  stopped: boolean;
}

export const ENET_KEYS = [
  'alpha', 'l1Ratio', 'fitIntercept', 'tol', 'maxIter', 'positive', 'warmStart', 'selection', 'seed', 'sampleWeight',
  'penaltyFactor', 'onIteration',
] as const;

/** Checked solver settings shared by elasticNet, lasso and lassoPath. @internal */
export interface EnetRun {
  tol: number;
  maxIter: number;
  positive: boolean;
  selection: EnetSelection;
  seed: Seed | undefined;
  onIteration: ((info: EnetIterationInfo) => boolean | void) | undefined;
}

/** Validate the solver settings. @internal */
export function enetRun(o: Record<string, unknown>): EnetRun {
  const onIteration = o.onIteration;
  if (onIteration !== undefined && typeof onIteration !== 'function') throw new ArgumentError('onIteration', onIteration, 'a function (info) => boolean | void');
  return {
    tol: o.tol === undefined ? 1e-4 : checkNumber('tol', o.tol, 0),
    maxIter: o.maxIter === undefined ? 1000 : checkPositiveInt('maxIter', o.maxIter),
    positive: optBool('positive', o.positive, false),
    selection: optChoice('selection', o.selection, ['working-set', 'cyclic', 'random'] as const, 'working-set'),
    seed: o.seed as Seed | undefined,
    onIteration: onIteration as EnetRun['onIteration'],
  };
}

/**
 * Fit at one (α, l1Ratio) on prepared data, from coefficients w0, or from `state` (a path's
 * running state, updated in place: the result's coef is then a copy). @internal
 */
export function fitEnet(data: EnetData, alpha: number, l1Ratio: number, run: EnetRun, w0: Float64Array, state?: EnetState): ElasticNetResult {
  const { d } = data;
  const n = d.n;
  const t: EnetTerms = { l1: n * alpha * l1Ratio, l2: n * alpha * (1 - l1Ratio), pf: data.pf, positive: run.positive };
  const s = state ?? initialState(d, data.y, w0);
  const tolAbs = run.tol * data.yy;
  const rng = run.selection === 'random' ? createRng(run.seed) : null;
  const cb = run.onIteration;
  let out: EnetOutcome;
  try {
    out = solveEnet(t, d, data.y, s, {
      tolAbs,
      maxEpochs: run.maxIter,
      workingSets: run.selection === 'working-set',
      order: rng ? (m: number) => rng.permutation(m) : undefined,
      onProgress: cb
        ? (i) => cb({ iteration: i.iteration, epochs: i.epochs, dualityGap: i.gap / n, workingSetSize: i.workingSetSize, screened: i.screened })
        : undefined,
    });
  } finally {
    if (!state) releaseState(s);
  }
  return {
    coef: state ? s.w.slice() : s.w,
    intercept: interceptOf(data, s.w),
    objective: out.primal / n,
    dualityGap: out.gap / n,
    converged: out.converged,
    iterations: out.epochs,
    history: out.history.map((g) => g / n),
    stopped: out.stopped,
  };
}

/** Check warmStart (length p, finite) or zeros. @internal */
export function startingPoint(v: unknown, p: number, op: string): Float64Array {
  if (v === undefined) return new Float64Array(p);
  const w = toFloat64(v as VectorLike, 'warmStart');
  if (w.length !== p) throw new ShapeError(op, p, w.length, 'do not match (X columns vs warmStart length)');
  return w.slice();
}

/**
 * Elastic-net linear regression by coordinate descent, with scikit-learn's objective, defaults
 * and duality-gap stopping rule.
 *
 * Minimizes (1/(2n))Σᵢ sᵢ(yᵢ − xᵢᵀw − b)² + α·Σⱼ fⱼ(ρ|wⱼ| + ½(1 − ρ)wⱼ²) (ρ = l1Ratio, sᵢ the
 * sample weights rescaled to sum to n, fⱼ the penalty factors, 1 by default: scikit-learn's
 * objective, and glmnet's with its factors not rescaled). With `fitIntercept` the columns
 * and y are centred (a sparse X implicitly, so it stays sparse) and b = ȳ − x̄ᵀw. Stops when the
 * duality gap ≤ tol·‖ỹ‖²/n. The default `'working-set'` selection solves growing working sets
 * (the support plus the most violating features) by cyclic coordinate descent with Anderson
 * extrapolation and gap-safe screening; `'cyclic'` / `'random'` run scikit-learn's plain epochs.
 *
 * Complexity: O(nnz(X)) per epoch over all features; working-set epochs cost O(nnz of the set's
 * columns), and each outer iteration one O(nnz(X)) product Xᵀr for the gap.
 *
 * @param X - n x p design: an `ndarray` / nested arrays, a CSC / CSR / COO sparse matrix, or a
 *   {@link PreparedDesign} from {@link prepareDesign} (reused across calls)
 * @param y - targets, length n
 * @param options - {@link ElasticNetOptions}
 * @returns {@link ElasticNetResult}; non-convergence gives `converged: false`
 * @throws {@link ShapeError} when y, sampleWeight, penaltyFactor or warmStart do not match X;
 *   {@link ArgumentError} on NaN/Infinity in X or y, α < 0, l1Ratio outside [0, 1], negative
 *   weights, an unknown selection or an unknown option.
 *
 * @example
 * ```ts
 * import { elasticNet } from 'sparsity';
 * const X = [[1, 0], [0, 1], [1, 1], [2, 1]];
 * const fit = elasticNet(X, [1, 2, 3, 4], { alpha: 0.1, l1Ratio: 0.5, tol: 1e-10 });
 * fit.converged; // => true
 * fit.dualityGap < 1e-9; // => true
 * fit.coef.length; // => 2
 * ```
 */
export function elasticNet(X: DesignInput | PreparedDesign, y: VectorLike, options: ElasticNetOptions = {}): ElasticNetResult {
  const o = readOptions<Record<string, unknown>>('elasticNet', options as Record<string, unknown> | undefined, ENET_KEYS);
  const alpha = checkAlpha(o.alpha, 1);
  const l1Ratio = o.l1Ratio === undefined ? 0.5 : checkNumber('l1Ratio', o.l1Ratio, 0, 1);
  const run = enetRun(o);
  const data = prepareEnet('elasticNet', X, y, o as ElasticNetOptions);
  try {
    return fitEnet(data, alpha, l1Ratio, run, startingPoint(o.warmStart, data.d.p, 'elasticNet'));
  } finally {
    releaseEnet(data);
  }
}
