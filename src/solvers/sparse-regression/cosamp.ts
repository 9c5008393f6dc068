/**
 * CoSaMP, compressive sampling matching pursuit (Needell & Tropp, "CoSaMP: Iterative signal
 * recovery from incomplete and inaccurate samples", Appl. Comput. Harmon. Anal. 2009).
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { nrm2 } from '../../kernels/blas1.js';
import { optCallback, optMaxIter, optTol } from '../../linalg/iterative/common.js';
import { interceptFor, prepareRegression, type DesignInput } from './design.js';
import { refitOnSupport } from './refit.js';
import { checkSparsity, type SparseRegressionResult } from './result.js';
import { restrict, sameSupport, topK, union } from './support.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Options of {@link cosamp}. */
export interface CoSaMPOptions {
  /** Number of nonzero coefficients k (required), 1 ≤ k ≤ d. */
  k: number;
  /** Fit an intercept (centre X implicitly and y). Default true. */
  fitIntercept?: boolean;
  /** Stop when ‖r‖ ≤ tol·‖y‖ (centred). Default 1e-10. */
  tol?: number;
  /** Iteration limit. Default 100. */
  maxIter?: number;
  /** Called after every iteration with `{ iteration, residualNorm, support }`; return false to stop. */
  onIteration?: (info: { iteration: number; residualNorm: number; support: Int32Array }) => boolean | void;
}

const KEYS = optionKeys<CoSaMPOptions>({ k: true, fitIntercept: true, tol: true, maxIter: true, onIteration: true });

/**
 * k-sparse least squares by CoSaMP: each iteration merges the 2k largest entries of the proxy
 * Xᵀr with the current support, solves least squares on the merged set (at most 3k columns),
 * keeps the k largest coefficients and updates the residual r = y − Xw.
 *
 * Stops when ‖r‖ ≤ tol·‖y‖, or when the support repeats without the residual decreasing (a fixed
 * point: converged), or at `maxIter`. The final coefficients are the least-squares refit on the
 * support. Each iteration: two products with X plus a dense QR of an n x 3k block, O(nk²).
 *
 * @param X - n x d design (dense or sparse; only 3k columns are ever copied out dense)
 * @param y - length-n response
 * @param options - {@link CoSaMPOptions}
 * @returns {@link SparseRegressionResult}
 * @throws {@link ArgumentError} for k outside [1, d] or NaN/Infinity; {@link ShapeError} when y's length is not n.
 *
 * @example
 * ```ts
 * import { cosamp } from 'sparsity';
 * const X = [[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 0], [1, 1, 1, 0], [1, 0, 1, 1]];
 * const r = cosamp(X, [3, 0, 1, 4, 4], { k: 2, fitIntercept: false });
 * Array.from(r.support); // => [0, 2]
 * Array.from(r.coef).map((v) => Math.round(v * 1e9) / 1e9); // => [3, 0, 1, 0]
 * ```
 */
export function cosamp(X: DesignInput, y: VectorLike, options: CoSaMPOptions): SparseRegressionResult {
  if (options === undefined || options === null) throw new ArgumentError('options', options, 'an options object');
  options = readOptions('cosamp', options, KEYS);
  const p = prepareRegression(X, y, options.fitIntercept ?? true);
  const { d } = p.design;
  const k = checkSparsity('k', options.k, d);
  const tol = optTol('tol', options.tol, 1e-10);
  const maxIter = optMaxIter(options.maxIter, 100);
  const callback = optCallback<{ iteration: number; residualNorm: number; support: Int32Array }>(options.onIteration);
  const op = p.op;
  const ynorm = nrm2(p.y);

  let w: Float64Array = new Float64Array(d);
  let S: Int32Array = new Int32Array(0);
  let r: Float64Array = Float64Array.from(p.y);
  let rn = ynorm;
  const history: number[] = [];
  let converged = rn <= tol * ynorm;
  let stopped = false;
  let it = 0;
  while (!converged && it < maxIter) {
    it++;
    const proxy = op.rmatvec(r);
    const T = union(topK(proxy, Math.min(2 * k, d)), S);
    const b = refitOnSupport(p, T);
    const Snew = topK(b, k);
    w = refitOnSupport(p, Snew);
    const Xw = op.matvec(w);
    r = p.y.map((v, i) => v - Xw[i]!);
    const rnNew = nrm2(r);
    history.push(rnNew);
    const repeated = sameSupport(Snew, S) && rnNew >= rn * (1 - 1e-12);
    S = Snew;
    rn = rnNew;
    if (callback && callback({ iteration: it, residualNorm: rn, support: S }) === false) {
      stopped = true;
      break;
    }
    if (rn <= tol * ynorm || repeated) converged = true;
  }
  const support = Int32Array.from([...S].filter((j) => w[j] !== 0));
  const result: SparseRegressionResult & { stopped?: boolean } = {
    coef: restrict(w, support), intercept: interceptFor(p, w), support, converged, iterations: it, history,
  };
  if (stopped) result.stopped = true;
  return result;
}
