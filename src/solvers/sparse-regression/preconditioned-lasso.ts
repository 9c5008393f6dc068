/**
 * The preconditioned Lasso: transform the rows of the problem with a preconditioner F built from X
 * (Puffer, or none), normalize the columns, let the Lasso path propose supports, and choose α by
 * the cross-validated error of the least-squares refit on the original rows.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError } from '../../core/errors.js';
import type { Seed } from '../../core/rng.js';
import { asDenseMatrix, toNdarray, type DenseInput, type NdArray } from '../../formats/dense.js';
import { lasso } from '../glm/lasso.js';
import { interceptFor, prepareRegression, type DesignInput, type PreparedRegression } from './design.js';
import { identityPreconditioner, normalizeColumns, pufferBasis, pufferPreconditioner, type RowPreconditioner } from './puffer.js';
import { refitOnSupport } from './refit.js';
import type { SparseRegressionResult } from './result.js';
import { chooseSupport, lassoSupportPath } from './support-path.js';
import { nonzeros } from './support.js';
import { toFloat64 } from '../../core/array.js';

/** A user preconditioner: given the centred design and response, return F·X and F·y. */
export type PreconditionerFunction = (X: NdArray, y: Float64Array) => { X: DenseInput; y: VectorLike };

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
  /** Lasso tolerance (default 1e-6). */
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

/** The centred design as a dense matrix (sparse input is densified: the transform is dense anyway). @internal */
export function centredDense(p: PreparedRegression): DenseMatrix {
  const D = p.design.dense();
  if (!p.fitIntercept) return D;
  const { rows, cols } = D;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = D.data[i * cols + j]! - p.xMean[j]!;
  return { rows, cols, data: out };
}

/** Build the requested row preconditioner of the centred design. @internal */
export function makePreconditioner(kind: PreconditionedLassoOptions['preconditioner'], Xc: DenseMatrix, yc: Float64Array): { F: RowPreconditioner; z: Float64Array } {
  if (kind === undefined || kind === 'puffer') {
    const F = pufferPreconditioner(pufferBasis(Xc));
    return { F, z: F.apply(yc) };
  }
  if (kind === 'columnNormalize') return { F: identityPreconditioner(Xc), z: Float64Array.from(yc) };
  if (typeof kind === 'function') {
    const r = kind(toNdarray({ rows: Xc.rows, cols: Xc.cols, data: Float64Array.from(Xc.data) }), Float64Array.from(yc));
    if (r === null || typeof r !== 'object') throw new ArgumentError('preconditioner', r, 'a function returning { X, y }');
    const FX = asDenseMatrix(r.X, 'preconditioner(X).X');
    const z = toFloat64(r.y, 'preconditioner(X).y');
    if (FX.cols !== Xc.cols || z.length !== FX.rows) throw new ArgumentError('preconditioner', `[${FX.rows}, ${FX.cols}] and ${z.length}`, `F·X with ${Xc.cols} columns and F·y with one value per row of F·X`);
    return { F: { name: 'custom', X: FX, apply: () => z }, z };
  }
  throw new ArgumentError('preconditioner', kind, "'puffer', 'columnNormalize' or a function (X, y) => { X, y }");
}

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
  if (options === null || typeof options !== 'object') throw new ArgumentError('options', options, 'an options object');
  const p = prepareRegression(X, y, options.fitIntercept ?? true);
  const refit = options.refit ?? true;
  const tol = options.tol === undefined ? 1e-6 : checkNumber('tol', options.tol, 0);
  const maxIter = options.maxIter === undefined ? 1000 : checkPositiveInt('maxIter', options.maxIter);
  const alphaOpt = options.alpha ?? 'cv';
  if (alphaOpt !== 'cv') checkNumber('alpha', alphaOpt, 0);
  const Xc = centredDense(p);
  const { F, z } = makePreconditioner(options.preconditioner, Xc, p.y);
  const { X: Z, norms } = normalizeColumns(F.X);
  const unscale = (beta: Float64Array) => beta.map((b, j) => (norms[j]! > 0 ? b / norms[j]! : 0));
  let w: Float64Array;
  let alpha: number;
  let converged = true;
  let iterations = 1;
  const history: number[] = [];
  if (alphaOpt === 'cv') {
    const path = lassoSupportPath(Z, z, {
      nAlphas: checkPositiveInt('nAlphas', options.nAlphas ?? 50),
      eps: checkNumber('eps', options.eps ?? 1e-3, 0, 1, true),
      tol, maxIter, maxSupport: Math.max(1, p.design.n - 2),
    });
    if (path.supports.length === 0) {
      w = new Float64Array(p.design.d);
      alpha = 0;
    } else {
      const pick = chooseSupport(p, path.supports, { kind: 'cv', folds: options.cv ?? 5, ...(options.seed === undefined ? {} : { seed: options.seed }) });
      alpha = path.alphas[pick.index]!;
      history.push(...pick.scores);
      iterations = path.supports.length;
      const S = path.supports[pick.index]!;
      if (refit) w = refitOnSupport(p, S);
      else w = unscale(lasso(toNdarray(Z), z, { alpha, fitIntercept: false, tol, maxIter }).coef);
    }
  } else {
    alpha = alphaOpt;
    const fit = lasso(toNdarray(Z), z, { alpha, fitIntercept: false, tol, maxIter });
    converged = fit.converged;
    iterations = fit.iterations;
    history.push(...fit.history);
    w = unscale(fit.coef);
    if (refit) w = refitOnSupport(p, nonzeros(w));
  }
  return { coef: w, intercept: interceptFor(p, w), support: nonzeros(w), converged, iterations, history, alpha, preconditioner: F.name };
}
