/**
 * Lasso: the elastic net with l1Ratio = 1.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import type { DesignInput } from './design.js';
import type { PreparedDesign } from './prepared-design.js';
import { ENET_KEYS, type ElasticNetOptions, type ElasticNetResult, enetRun, fitEnet, startingPoint } from './elastic-net.js';
import { checkAlpha, prepareEnet } from './prepare.js';
import { readOptions } from '../../core/options.js';

/** Options of {@link lasso}: those of {@link elasticNet} without `l1Ratio`. */
export type LassoOptions = Omit<ElasticNetOptions, 'l1Ratio'>;

/**
 * Lasso linear regression by coordinate descent, with scikit-learn's objective and duality-gap stop.
 *
 * Minimizes (1/(2n))Σᵢ sᵢ(yᵢ − xᵢᵀw − b)² + α·Σⱼ fⱼ|wⱼ| (sᵢ sample weights rescaled to sum to n,
 * fⱼ penalty factors, default 1) and stops when the duality gap ≤ tol·‖ỹ‖²/n, as scikit-learn's
 * `Lasso`. Solved by working sets with Anderson-extrapolated coordinate descent and gap-safe
 * screening (see {@link elasticNet}).
 *
 * Complexity: O(nnz of the working set's columns) per epoch plus O(nnz(X)) per outer iteration.
 *
 * @param X - n x p design: an `ndarray` / nested arrays, a CSC / CSR / COO sparse matrix, or a
 *   {@link PreparedDesign} from {@link prepareDesign} (reused across calls)
 * @param y - targets, length n
 * @param options - {@link LassoOptions}
 * @returns {@link ElasticNetResult}
 * @throws {@link ShapeError} on mismatched lengths; {@link ArgumentError} on NaN/Infinity, α < 0
 *   or an unknown option.
 *
 * @example
 * ```ts
 * import { lasso } from 'sparsity';
 * // y = 2·x₀ exactly, x₁ orthogonal to it after centring: the slope shrinks by α·n/‖x̃₀‖² = 0.1·4/5.
 * const fit = lasso([[0, 1], [1, 0], [2, 0], [3, 1]], [0, 2, 4, 6], { alpha: 0.1, tol: 1e-12 });
 * Number(fit.coef[0].toFixed(6)); // => 1.92
 * fit.coef[1]; // => 0
 * Number(fit.intercept.toFixed(6)); // => 0.12
 * ```
 */
export function lasso(X: DesignInput | PreparedDesign, y: VectorLike, options: LassoOptions = {}): ElasticNetResult {
  const o = readOptions<Record<string, unknown>>('lasso', options as Record<string, unknown> | undefined, ENET_KEYS.filter((k) => k !== 'l1Ratio'));
  const alpha = checkAlpha(o.alpha, 1);
  const run = enetRun(o);
  const data = prepareEnet('lasso', X, y, o as LassoOptions);
  return fitEnet(data, alpha, 1, run, startingPoint(o.warmStart, data.d.p, 'lasso'));
}
