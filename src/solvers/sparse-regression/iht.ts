/**
 * Normalized iterative hard thresholding (Blumensath & Davies, "Normalized iterative hard
 * thresholding: guaranteed stability and performance", IEEE J. Sel. Topics Signal Process. 2010).
 *
 * @module
 */
import { checkNumber, type VectorLike } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { dot, nrm2 } from '../../kernels/blas1.js';
import { optCallback, optMaxIter, optTol } from '../../linalg/iterative/common.js';
import { interceptFor, prepareRegression, type DesignInput } from './design.js';
import { checkSparsity, type SparseRegressionResult } from './result.js';
import { restrict, sameSupport, topK } from './support.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Options of {@link iht}. */
export interface IHTOptions {
  /** Number of nonzero coefficients k (required), 1 ≤ k ≤ d. */
  k: number;
  /**
   * `'normalized'` (default): the step μ = ‖g_Γ‖²/‖X_Γ g_Γ‖² on the current support Γ, shrunk when
   * the support changes until it satisfies NIHT's stability condition; or a fixed positive step.
   */
  step?: 'normalized' | number;
  /** Fit an intercept (centre X implicitly and y). Default true. */
  fitIntercept?: boolean;
  /** Stop when ‖w⁺ − w‖ ≤ tol·‖w⁺‖. Default 1e-10. */
  tol?: number;
  /** Iteration limit. Default 1000. */
  maxIter?: number;
  /** Called after every iteration with `{ iteration, residualNorm, support }`; return false to stop. */
  onIteration?: (info: { iteration: number; residualNorm: number; support: Int32Array }) => boolean | void;
}

/** NIHT's step-shrink constants: ω = (1 − c)‖Δ‖²/‖XΔ‖², μ ← μ/(κ(1 − c)) (κ > 1/(1 − c)). */
const C = 0.01;
const KAPPA = 2;

const KEYS = optionKeys<IHTOptions>({ k: true, step: true, fitIntercept: true, tol: true, maxIter: true, onIteration: true });

/**
 * k-sparse least squares min ‖y − Xw − b‖² subject to ‖w‖₀ ≤ k by normalized iterative hard
 * thresholding: w ← H_k(w + μ·Xᵀ(y − Xw)), where H_k keeps the k largest entries in magnitude.
 *
 * The normalized step makes the iteration independent of the scale of X and guarantees that the
 * residual never increases; at a fixed point the coefficients are the least-squares fit on their
 * support. Each iteration costs two products with X (O(nnz(X)) or O(nd)) plus O(d log d) for the
 * thresholding. IHT works best on well-conditioned designs; on strongly correlated ones prefer
 * {@link sparseRegression}.
 *
 * @param X - n x d design (dense `ndarray`/`number[][]` or a sparse matrix; never densified)
 * @param y - length-n response
 * @param options - {@link IHTOptions}
 * @returns {@link SparseRegressionResult}
 * @throws {@link ArgumentError} for k outside [1, d], a bad step, NaN/Infinity; {@link ShapeError} when y's length is not n.
 *
 * @example
 * ```ts
 * import { iht } from 'sparsity';
 * const X = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]];
 * const r = iht(X, [2, 0, -1, 1], { k: 2, fitIntercept: false });
 * Array.from(r.support); // => [0, 2]
 * Array.from(r.coef).map((v) => Math.round(v * 1e9) / 1e9); // => [2, 0, -1]
 * ```
 */
export function iht(X: DesignInput, y: VectorLike, options: IHTOptions): SparseRegressionResult {
  if (options === undefined || options === null) throw new ArgumentError('options', options, 'an options object');
  options = readOptions('iht', options, KEYS);
  const p = prepareRegression(X, y, options.fitIntercept ?? true);
  const { d } = p.design;
  const k = checkSparsity('k', options.k, d);
  const step = options.step ?? 'normalized';
  if (step !== 'normalized' && (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step))) {
    throw new ArgumentError('step', step, "'normalized' or a positive number");
  }
  if (typeof step === 'number') checkNumber('step', step, 0, Infinity, true);
  const tol = optTol('tol', options.tol, 1e-10);
  const maxIter = optMaxIter(options.maxIter, 1000);
  const callback = optCallback<{ iteration: number; residualNorm: number; support: Int32Array }>(options.onIteration);
  const op = p.op;

  let w: Float64Array = new Float64Array(d);
  let r: Float64Array = Float64Array.from(p.y);
  let g = op.rmatvec(r);
  let S = topK(g, k);
  const history: number[] = [];
  let converged = false;
  let stopped = false;
  let it = 0;
  while (it < maxIter) {
    it++;
    let mu: number;
    if (step === 'normalized') {
      const gS = restrict(g, S);
      const XgS = op.matvec(gS);
      const den = dot(XgS, XgS);
      mu = den > 0 ? dot(gS, gS) / den : 0;
    } else mu = step;
    const trial = (m: number) => {
      const z = Float64Array.from(w);
      for (let j = 0; j < d; j++) z[j] = z[j]! + m * g[j]!;
      const T = topK(z, k);
      return { T, wn: restrict(z, T) };
    };
    let { T, wn } = trial(mu);
    if (step === 'normalized' && !sameSupport(T, S)) {
      // Shrink μ until μ ≤ ω = (1 − c)‖Δ‖²/‖XΔ‖² (Blumensath & Davies, Algorithm 2).
      for (let guard = 0; guard < 60; guard++) {
        const delta = wn.map((v, j) => v - w[j]!);
        const Xd = op.matvec(delta);
        const den = dot(Xd, Xd);
        const omega = den > 0 ? (1 - C) * dot(delta, delta) / den : Infinity;
        if (mu <= omega) break;
        mu /= KAPPA * (1 - C);
        ({ T, wn } = trial(mu));
      }
    }
    let change = 0;
    for (let j = 0; j < d; j++) change += (wn[j]! - w[j]!) ** 2;
    w = wn;
    S = T;
    const Xw = op.matvec(w);
    r = p.y.map((v, i) => v - Xw[i]!);
    g = op.rmatvec(r);
    const rn = nrm2(r);
    history.push(rn);
    if (callback && callback({ iteration: it, residualNorm: rn, support: S }) === false) {
      stopped = true;
      break;
    }
    const wnorm = nrm2(w);
    if (Math.sqrt(change) <= tol * Math.max(wnorm, Number.MIN_VALUE)) {
      converged = true;
      break;
    }
  }
  const support = Int32Array.from([...S].filter((j) => w[j] !== 0));
  const result: SparseRegressionResult & { stopped?: boolean } = {
    coef: w, intercept: interceptFor(p, w), support, converged, iterations: it, history,
  };
  if (stopped) result.stopped = true;
  return result;
}
