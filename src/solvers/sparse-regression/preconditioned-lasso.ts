/**
 * The preconditioned Lasso: transform the rows of the problem with a preconditioner F built from X
 * (Puffer, or none), normalize the columns, let the Lasso path propose supports, and choose α by
 * the cross-validated error of the least-squares refit on the original rows.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import type { Seed } from '../../core/rng.js';
import { toNdarray } from '../../formats/dense.js';
import { lasso } from '../glm/lasso.js';
import { interceptFor, prepareRegression, type DesignInput } from './design.js';
import { refitOnSupport } from './refit.js';
import type { SparseRegressionResult } from './result.js';
import { centredDense, maxRefitSupport, ratioGrid, selectRefit, type ProblemTransform } from './support-path.js';
import { nonzeros } from './support.js';
import { customTransform, identityTransform, pufferTransform, type PreconditionerFunction } from './transforms.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Options of {@link preconditionedLasso}. */
export interface PreconditionedLassoOptions {
  /** `'puffer'` (default): F = U·D⁻¹·Uᵀ; `'columnNormalize'`: no row transform; or a function. */
  preconditioner?: 'puffer' | 'columnNormalize' | PreconditionerFunction;
  /** A fixed α for the Lasso on the transformed, column-normalized problem, or `'cv'` (default). */
  alpha?: number | 'cv';
  /** Least squares on the selected support, on the original rows (default true). */
  refit?: boolean;
  /** Folds for `'cv'` (default 5). */
  cv?: number;
  /** Shuffle rows with this seed before making folds (default: contiguous folds). */
  seed?: Seed;
  /** Path length for `'cv'` (default 50). */
  nAlphas?: number;
  /** α_min/α_max of the path (default 1e-3). */
  eps?: number;
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
  /** Lasso tolerance, scikit-learn's duality-gap rule (default 1e-4). */
  tol?: number;
  /** Lasso epoch limit per α (default 1000). */
  maxIter?: number;
}

/** Result of {@link preconditionedLasso}. */
export interface PreconditionedLassoResult extends SparseRegressionResult {
  /** The α used (on the transformed, column-normalized problem). */
  alpha: number;
  /** The preconditioner's name. */
  preconditioner: string;
}

/** The transform a `preconditioner` option names. @internal */
export function transformFor(kind: PreconditionedLassoOptions['preconditioner']): ProblemTransform {
  if (kind === undefined || kind === 'puffer') return pufferTransform(0);
  if (kind === 'columnNormalize') return identityTransform;
  if (typeof kind === 'function') return customTransform(kind);
  throw new ArgumentError('preconditioner', kind, "'puffer', 'columnNormalize' or a function (X, y) => { X, y }");
}

const KEYS = optionKeys<PreconditionedLassoOptions>({ preconditioner: true, alpha: true, refit: true, cv: true, seed: true, nAlphas: true, eps: true, fitIntercept: true, tol: true, maxIter: true });

/**
 * Lasso after a row preconditioner F built from X: min_β (1/2r)‖F·y − F·X·D⁻¹β‖² + α‖β‖₁ with D the
 * column norms of F·X, coefficients w = D⁻¹β, then (with `refit`) least squares on supp(w) on the
 * original rows. With `alpha: 'cv'` the Lasso path only proposes supports and the one whose refit
 * has the least K-fold cross-validated error on the original rows is kept (without `refit`, α is
 * chosen the same way and the Lasso's own coefficients at that α are returned).
 *
 * The Puffer transform (Jia & Rohe 2015) makes the columns of F·X orthonormal when n ≥ d, so the
 * Lasso's irrepresentable condition holds whatever the correlation of X; it amplifies the noise
 * along small singular directions, which is why α is judged on the original rows. Cost: one thin
 * SVD O(nd·min(n, d)), one Lasso path, and K least-squares refits per candidate support.
 * Sparse X is densified (F·X is dense).
 *
 * @param X - n x d design
 * @param y - length-n response
 * @param options - {@link PreconditionedLassoOptions}
 * @returns {@link PreconditionedLassoResult}
 * @throws {@link ArgumentError} on a bad preconditioner, α < 0, NaN/Infinity; {@link ShapeError} when y's length is not n.
 *
 * @example
 * ```ts
 * import { preconditionedLasso, makeSparseRegression } from 'sparsity';
 * const p = makeSparseRegression({ n: 200, d: 50, k: 4, design: 'ar1', rho: 0.95, noise: 0.05, seed: 2 });
 * const r = preconditionedLasso(p.X, p.y);
 * Array.from(r.support).join() === Array.from(p.support).join(); // => true
 * ```
 */
export function preconditionedLasso(X: DesignInput, y: VectorLike, options: PreconditionedLassoOptions = {}): PreconditionedLassoResult {
  options = readOptions('preconditionedLasso', options, KEYS);
  const fitIntercept = options.fitIntercept ?? true;
  const p = prepareRegression(X, y, fitIntercept);
  const yv = toFloat64(y, 'y');
  const refit = options.refit ?? true;
  const tol = options.tol === undefined ? 1e-4 : checkNumber('tol', options.tol, 0);
  const maxIter = options.maxIter === undefined ? 1000 : checkPositiveInt('maxIter', options.maxIter);
  const alphaOpt = options.alpha ?? 'cv';
  if (alphaOpt !== 'cv') checkNumber('alpha', alphaOpt, 0);
  const transform = transformFor(options.preconditioner);
  if (alphaOpt === 'cv') {
    const eps = checkNumber('eps', options.eps ?? 1e-3, 0, 1, true);
    const settings = {
      transform, ratios: ratioGrid(checkPositiveInt('nAlphas', options.nAlphas ?? 50), eps), fitIntercept, tol, maxIter,
      maxSupport: maxRefitSupport(p.design.n, p.design.d), refit,
    };
    const sel = selectRefit(X, yv, settings, { kind: 'cv', folds: options.cv ?? 5, ...(options.seed === undefined ? {} : { seed: options.seed }) });
    return {
      coef: sel.coef, intercept: sel.intercept, support: nonzeros(sel.coef), converged: true, iterations: sel.points,
      history: Array.from(sel.scores), alpha: sel.alpha, preconditioner: sel.name,
    };
  }
  const { Z, z, norms, name } = transform(centredDense(p), p.y);
  const fit = lasso(toNdarray(Z), z, { alpha: alphaOpt, fitIntercept: false, tol, maxIter });
  let w: Float64Array = fit.coef.map((b, j) => (norms[j]! > 0 ? b / norms[j]! : 0));
  if (refit) w = refitOnSupport(p, nonzeros(w));
  return {
    coef: w, intercept: interceptFor(p, w), support: nonzeros(w), converged: fit.converged, iterations: fit.iterations,
    history: fit.history, alpha: alphaOpt, preconditioner: name,
  };
}
