/**
 * The result fields shared by the Krylov solvers of square systems.
 *
 * @module
 */
import type { IterativeResult } from '../../core/options.js';

/**
 * What {@link gmres}, {@link bicgstab} and {@link minres} all return, beside their own fields
 * (SciPy's `info`, and the estimates each method keeps).
 */
export interface KrylovResult extends IterativeResult<'converged' | 'maxIter' | 'stopped' | 'breakdown', number> {
  /** The approximate solution (a new array; x0 is not modified). */
  x: Float64Array;
  /** ‖b − A·x‖ of the returned x (the solver's recurrence value or estimate; see each solver). */
  residualNorm: number;
}
