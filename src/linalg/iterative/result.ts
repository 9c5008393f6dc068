/**
 * The result fields shared by the Krylov solvers of square systems.
 *
 * @module
 */

/**
 * What {@link gmres}, {@link bicgstab} and {@link minres} all return, beside their own fields
 * (SciPy's `info`, and the estimates each method keeps).
 */
export interface KrylovResult {
  /** The approximate solution (a new array; x0 is not modified). */
  x: Float64Array;
  /** The stopping test was met by the returned x. */
  converged: boolean;
  /** Iterations done (see each solver for what one iteration is). */
  iterations: number;
  /** ‖b − A·x‖ of the returned x (the solver's recurrence value or estimate; see each solver). */
  residualNorm: number;
  /** The residual norm before the first iteration (history[0]) and after each: length iterations + 1. */
  history: number[];
  /** `onIteration` returned false. */
  stopped: boolean;
  /** Why the solver stopped. */
  reason: 'converged' | 'maxIter' | 'stopped' | 'breakdown';
}
