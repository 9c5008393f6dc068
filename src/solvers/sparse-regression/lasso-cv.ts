/**
 * Lasso with α chosen by K-fold cross-validation, scikit-learn's `LassoCV`: one warm-started Lasso
 * path per fold on a common α grid, the mean held-out squared error per α, the α that minimizes it,
 * and a final Lasso on all rows at that α.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { checkNumber, checkPositiveInt } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import type { Seed } from '../../core/rng.js';
import { lasso } from '../glm/lasso.js';
import { lassoPath } from '../glm/lasso-path.js';
import { designRows, pick, prepareRegression, type DesignInput } from './design.js';
import { crossValidatePath } from './cross-validate.js';
import { kFold } from './folds.js';
import { nonzeros } from './support.js';
import { optionKeys, readOptions } from '../../core/options.js';
import { alphaGrid } from '../glm/alpha-grid.js';
import { alphaMax, prepareEnet, releaseEnet } from '../glm/prepare.js';

/** Options of {@link lassoCv}. */
export interface LassoCVOptions {
  /** Number of α on the grid, log-spaced from α_max down to eps·α_max. Default 100. */
  nAlphas?: number;
  /** Ratio α_min/α_max of the grid. Default 1e-3. */
  eps?: number;
  /** An explicit grid (any order; used in decreasing order) instead of nAlphas/eps. */
  alphas?: VectorLike;
  /** Number of folds (contiguous, as scikit-learn's KFold without shuffling). Default 5. */
  cv?: number;
  /** Shuffle the rows with this seed before splitting into folds. Default: no shuffle. */
  seed?: Seed;
  /** Fit an intercept. Default true. */
  fitIntercept?: boolean;
  /** Lasso tolerance (scikit-learn's duality-gap rule). Default 1e-4. */
  tol?: number;
  /** Lasso epoch limit per α. Default 1000. */
  maxIter?: number;
}

/** Result of {@link lassoCv}. */
export interface LassoCVResult {
  /** The α with the least mean held-out squared error. */
  alpha: number;
  /** The grid, decreasing. */
  alphas: Float64Array;
  /** Mean held-out squared error per α (over folds). */
  mseMean: Float64Array;
  /** Held-out squared error per α (rows) and fold (columns): alphas.length x cv, row-major. */
  msePath: Float64Array;
  /** Coefficients of the final Lasso on all rows at `alpha`. */
  coef: Float64Array;
  /** Its intercept. */
  intercept: number;
  /** Its support (ascending). */
  support: Int32Array;
  /** Its certified duality gap. */
  dualityGap: number;
  /** The final Lasso met its tolerance. */
  converged: boolean;
  /** Epochs of the final Lasso. */
  iterations: number;
  /** The final Lasso's duality gap per outer iteration. */
  history: number[];
}

/**
 * α_max = ‖X̃ᵀỹ‖∞/n (X̃, ỹ centred when fitting an intercept): the smallest α whose Lasso solution
 * is zero. @internal
 */
export function lassoAlphaMax(X: DesignInput, y: VectorLike, fitIntercept: boolean): number {
  const data = prepareEnet('lassoCv', X, y, { fitIntercept });
  try {
    return alphaMax(data, 1, false);
  } finally {
    releaseEnet(data); // the design's WASM copy was made for this call only
  }
}

const KEYS = optionKeys<LassoCVOptions>({ nAlphas: true, eps: true, alphas: true, cv: true, seed: true, fitIntercept: true, tol: true, maxIter: true });

/**
 * Cross-validated Lasso: the objective of {@link lasso} at the α of the grid that minimizes the
 * mean squared error on held-out folds, with scikit-learn's `LassoCV` grid, folds and selection
 * (ties go to the larger α). Dense and sparse designs; a sparse X is never densified.
 *
 * Cost: cv + 1 Lasso paths on the grid (each warm-started from the previous α) and one more Lasso.
 *
 * @param X - n x d design (dense or sparse)
 * @param y - length-n response
 * @param options - {@link LassoCVOptions}
 * @returns {@link LassoCVResult}
 * @throws {@link ArgumentError} for cv outside [2, n], nAlphas < 1, eps outside (0, 1), NaN/Infinity;
 * {@link ShapeError} when y's length is not n.
 *
 * @example
 * ```ts
 * import { lassoCv, makeSparseRegression } from 'sparsity';
 * const p = makeSparseRegression({ n: 100, d: 30, k: 3, noise: 0.1, seed: 5 });
 * const r = lassoCv(p.X, p.y, { nAlphas: 30 });
 * r.alphas.length; // => 30
 * r.support.length >= 3; // => true
 * ```
 */
export function lassoCv(X: DesignInput, y: VectorLike, options: LassoCVOptions = {}): LassoCVResult {
  options = readOptions('lassoCv', options, KEYS);
  const fitIntercept = options.fitIntercept ?? true;
  const prepared = prepareRegression(X, y, fitIntercept);
  const n = prepared.design.n;
  const yv = Float64Array.from(y as ArrayLike<number>);
  const tol = options.tol === undefined ? 1e-4 : checkNumber('tol', options.tol, 0);
  const maxIter = options.maxIter === undefined ? 1000 : checkPositiveInt('maxIter', options.maxIter);
  let alphas: Float64Array;
  if (options.alphas !== undefined) {
    alphas = Float64Array.from(options.alphas as ArrayLike<number>).sort().reverse();
    for (const a of alphas) checkNumber('alphas', a, 0);
  } else {
    const nAlphas = checkPositiveInt('nAlphas', options.nAlphas ?? 100);
    const eps = checkNumber('eps', options.eps ?? 1e-3, 0, 1, true);
    if (eps >= 1) throw new ArgumentError('eps', eps, 'a value in (0, 1)');
    alphas = alphaGrid(lassoAlphaMax(X, yv, fitIntercept), nAlphas, eps);
  }
  const folds = kFold(n, options.cv ?? 5, options.seed);
  const { msePath, mseMean, best } = crossValidatePath(prepared.design, X, yv, folds, alphas.length,
    (train) => lassoPath(designRows(X, train), pick(yv, train), { alphas, fitIntercept, tol, maxIter }));
  const alpha = alphas[best]!;
  const fit = lasso(X, yv, { alpha, fitIntercept, tol, maxIter });
  return {
    alpha, alphas, mseMean, msePath, coef: fit.coef, intercept: fit.intercept, support: nonzeros(fit.coef),
    dualityGap: fit.dualityGap, converged: fit.converged, iterations: fit.iterations, history: fit.history,
  };
}
