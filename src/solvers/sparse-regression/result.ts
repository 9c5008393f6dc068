/**
 * The result every sparse-regression method returns, and the checks of the options they share.
 *
 * @module
 */
import { checkPositiveInt } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';

/** What the sparse-regression methods return. */
export interface SparseRegressionResult {
  /** Coefficients w (length d), zero off the support. */
  coef: Float64Array;
  /** The intercept b (0 without `fitIntercept`): predictions are X·w + b. */
  intercept: number;
  /** Ascending indices of the nonzero coefficients. */
  support: Int32Array;
  /** The method's own stopping rule was met. */
  converged: boolean;
  /** Iterations made (outer iterations; see each method). */
  iterations: number;
  /** Per iteration: the residual norm ‖y − X·w − b‖₂ of the centred problem. */
  history: number[];
}

/** Sparsity level k: an integer in [1, d]. @internal */
export function checkSparsity(name: string, k: unknown, d: number): number {
  const v = checkPositiveInt(name, k);
  if (v > d) throw new ArgumentError(name, k, `an integer in [1, ${d}] (the number of features)`);
  return v;
}
