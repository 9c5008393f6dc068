/**
 * The Lasso / elastic-net regularization path, warm-started from α_max down.
 *
 * @module
 */
import { checkDim, checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import type { DesignInput } from './design.js';
import type { PreparedDesign } from './prepared-design.js';
import { ENET_KEYS, type ElasticNetOptions, type EnetRun, enetRun, fitEnet, startingPoint } from './elastic-net.js';
import { alphaMax, type EnetData, prepareEnet, releaseEnet } from './prepare.js';
import { readOptions } from '../../core/options.js';
import { alphaGrid } from './alpha-grid.js';
import { initialState, releaseState } from './working-set.js';

/** Options of {@link lassoPath}: those of {@link elasticNet} (except α) plus the grid. */
export interface LassoPathOptions extends Omit<ElasticNetOptions, 'alpha'> {
  /** The α values, solved in the order given (scikit-learn passes them decreasing); overrides the grid. */
  alphas?: VectorLike;
  /** Number of α on the default grid (default 100). */
  nAlphas?: number;
  /** Grid from α_max down to eps·α_max, log-spaced (default 1e-3). */
  eps?: number;
  /**
   * End the path after the first α whose solution has more than `maxActive` nonzero coefficients
   * (that α is the last one returned): a caller needing only the first supports skips the rest.
   */
  maxActive?: number;
  /** Called after each α with its index and coefficients (do not modify them); `true` ends the path there. */
  stopWhen?: (k: number, coef: Float64Array) => boolean;
}

/** Result of {@link lassoPath}. */
export interface LassoPathResult {
  /**
   * The α values solved, in order (fewer than requested when `maxActive`, `stopWhen` or
   * `onIteration` ended the path early; every array below has the same length).
   */
  alphas: Float64Array;
  /** coefs[k]: the coefficients (length p) at alphas[k]. */
  coefs: Float64Array[];
  /** intercepts[k] (zeros without `fitIntercept`). */
  intercepts: Float64Array;
  /** Certified duality gap at each α (of the 1/(2n)-scaled objective). */
  dualityGaps: Float64Array;
  /** Coordinate-descent epochs at each α. */
  iterations: Int32Array;
  /** Whether each α reached its gap tolerance. */
  converged: boolean[];
  /** The path ended before the last α (`maxActive`, `stopWhen`, or `onIteration` returning false). */
  stopped: boolean;
}

const PATH_KEYS = [...ENET_KEYS.filter((k) => k !== 'alpha'), 'alphas', 'nAlphas', 'eps', 'maxActive', 'stopWhen'];

/**
 * Lasso (or elastic-net, with `l1Ratio` < 1) path: one fit per α, each warm-started from the previous.
 *
 * The default grid is nAlphas values log-spaced from α_max = maxⱼ|x̃ⱼᵀỹ|/(n·l1Ratio·fⱼ) (all
 * coefficients zero) down to eps·α_max, as scikit-learn's `lasso_path` / `enet_path`; with
 * unpenalized features (fⱼ = 0) ỹ is first replaced by the residual of their least-squares fit
 * (nonnegative under `positive`), as glmnet does, so that at l1Ratio 1 the penalized coefficients
 * are all zero at α_max and not below it. Each α is
 * solved to the duality gap ≤ tol·‖ỹ‖²/n by working sets with gap-safe screening and
 * Anderson-extrapolated coordinate descent (see {@link elasticNet}), so the gap at every α is
 * certified. Unlike scikit-learn's `lasso_path`, an intercept is fitted by default
 * (`fitIntercept: false` reproduces it exactly on any X).
 *
 * For many paths on the same X (cross-validation, chunks of a grid continued by `warmStart`),
 * pass a {@link PreparedDesign} from {@link prepareDesign} instead of X: the design is then built
 * once. `maxActive` / `stopWhen` end the path early, once the support is large enough.
 *
 * Complexity: per α, O(nnz(X)) per outer iteration plus the working-set epochs.
 *
 * @param X - n x p design: an `ndarray` / nested arrays, a CSC / CSR / COO sparse matrix, or a
 *   {@link PreparedDesign} from {@link prepareDesign} (reused across calls)
 * @param y - targets, length n
 * @param options - {@link LassoPathOptions}
 * @returns {@link LassoPathResult}
 * @throws {@link ShapeError} on mismatched lengths; {@link ArgumentError} on NaN/Infinity, a
 *   negative α, nAlphas < 1, eps outside (0, 1], l1Ratio outside (0, 1] or an unknown option.
 *
 * @example
 * ```ts
 * import { lassoPath } from 'sparsity';
 * const X = [[1, 0, 1], [0, 1, 1], [1, 1, 0], [2, 1, 1], [0, 2, 1]];
 * const path = lassoPath(X, [1, 2, 2, 4, 3], { nAlphas: 5, tol: 1e-10 });
 * path.alphas.length; // => 5
 * path.coefs[0].every((w) => w === 0); // => true
 * path.dualityGaps.every((g) => g < 1e-9); // => true
 * ```
 */
export function lassoPath(X: DesignInput | PreparedDesign, y: VectorLike, options: LassoPathOptions = {}): LassoPathResult {
  const o = readOptions<Record<string, unknown>>('lassoPath', options as Record<string, unknown> | undefined, PATH_KEYS);
  const l1Ratio = o.l1Ratio === undefined ? 1 : checkNumber('l1Ratio', o.l1Ratio, 0, 1, true);
  const run = enetRun(o);
  const maxActive = o.maxActive === undefined ? Infinity : checkDim('lassoPath options.maxActive', o.maxActive, Number.MAX_SAFE_INTEGER);
  const stopWhen = o.stopWhen as LassoPathOptions['stopWhen'];
  if (stopWhen !== undefined && typeof stopWhen !== 'function') {
    throw new ArgumentError('lassoPath options.stopWhen', stopWhen, 'a function (k, coef) => boolean');
  }
  const data = prepareEnet('lassoPath', X, y, o as LassoPathOptions);
  try {
    return solvePath(data, o, l1Ratio, run, maxActive, stopWhen);
  } finally {
    releaseEnet(data);
  }
}

/** The path on prepared data (the options already checked but for the grid). */
function solvePath(
  data: EnetData, o: Record<string, unknown>, l1Ratio: number, run: EnetRun, maxActive: number, stopWhen: LassoPathOptions['stopWhen'],
): LassoPathResult {
  let alphas: Float64Array;
  if (o.alphas !== undefined) {
    alphas = toFloat64(o.alphas as VectorLike, 'alphas').slice();
    for (let k = 0; k < alphas.length; k++) if (alphas[k]! < 0) throw new ArgumentError(`alphas[${k}]`, alphas[k], 'a finite number ≥ 0');
  } else {
    const nAlphas = o.nAlphas === undefined ? 100 : checkPositiveInt('nAlphas', o.nAlphas);
    const eps = o.eps === undefined ? 1e-3 : checkNumber('eps', o.eps, 0, 1, true);
    const amax = alphaMax(data, l1Ratio, run.positive);
    alphas = alphaGrid(amax, nAlphas, eps);
  }
  const p = data.d.p;
  const K = alphas.length;
  const coefs: Float64Array[] = [];
  const intercepts = new Float64Array(K);
  const dualityGaps = new Float64Array(K);
  const iterations = new Int32Array(K);
  const converged: boolean[] = [];
  let stopped = false;
  // One running state along the path: each α starts from the previous solution, its residual and
  // the gradient of the previous α's last gap check (no recomputation).
  const w = startingPoint(o.warmStart, p, 'lassoPath');
  const state = initialState(data.d, data.y, w);
  try {
    for (let k = 0; k < K; k++) {
      const fit = fitEnet(data, alphas[k]!, l1Ratio, run, w, state);
      coefs.push(fit.coef);
      intercepts[k] = fit.intercept;
      dualityGaps[k] = fit.dualityGap;
      iterations[k] = fit.iterations;
      converged.push(fit.converged);
      if (k === K - 1) break;
      if (fit.stopped || (maxActive < p && countNonzero(fit.coef) > maxActive) || (stopWhen && stopWhen(k, fit.coef))) {
        stopped = true;
        break;
      }
    }
  } finally {
    releaseState(state);
  }
  const m = coefs.length;
  if (m < K) {
    return {
      alphas: alphas.slice(0, m), coefs, intercepts: intercepts.slice(0, m), dualityGaps: dualityGaps.slice(0, m),
      iterations: iterations.slice(0, m), converged, stopped,
    };
  }
  return { alphas, coefs, intercepts, dualityGaps, iterations, converged, stopped };
}

function countNonzero(w: Float64Array): number {
  let c = 0;
  for (let j = 0; j < w.length; j++) if (w[j] !== 0) c++;
  return c;
}
