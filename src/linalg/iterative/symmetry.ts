/**
 * A cheap randomized test that an operator is symmetric, for the routines that assume it (`eigsh`).
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { dotAt, nrm2 } from '../../kernels/blas1.js';
import type { LinearOperator } from './linear-operator.js';

/**
 * Relative asymmetry tolerated: |uᵀAv − vᵀAu| ≤ SYMMETRY_TOL·(‖u‖‖Av‖ + ‖v‖‖Au‖). Rounding in the
 * two products of a symmetric A stays below n·ε times that scale (2e-10 at n = 10⁶), while a
 * nonsymmetric part K = (A − Aᵀ)/2 gives 2·uᵀKv, of the order ‖K‖ for random u, v.
 */
const SYMMETRY_TOL = 1e-8;

/**
 * Test uᵀ(Av) = vᵀ(Au) for two fixed pseudo-random vectors u, v (two products with A, O(n) more).
 * A nonsymmetric A is caught with probability 1 unless its asymmetry is below SYMMETRY_TOL
 * relative to ‖A‖; the vectors come from a fixed seed, so the verdict is reproducible.
 * @throws {@link ArgumentError} naming `op` when A is not symmetric
 * @internal
 */
export function checkSymmetric(A: LinearOperator, op: string): void {
  const n = A.shape[0];
  const rng = createRng('symmetry-check');
  const u = rng.fillUniform(new Float64Array(n), -1, 1);
  const v = rng.fillUniform(new Float64Array(n), -1, 1);
  // Each product is read before the next (an operator may reuse its output buffer).
  const Av = A.matvec(v);
  const uAv = dotAt(n, u, 0, Av, 0);
  const nAv = nrm2(Av);
  const Au = A.matvec(u);
  const d = Math.abs(uAv - dotAt(n, v, 0, Au, 0));
  const scale = nrm2(u) * nAv + nrm2(v) * nrm2(Au);
  if (!(d <= SYMMETRY_TOL * scale)) {
    throw new ArgumentError('A', `an operator with |uᵀAv − vᵀAu| / (‖u‖‖Av‖ + ‖v‖‖Au‖) = ${(d / scale).toExponential(2)} for random u, v`,
      `a symmetric matrix (${op} assumes A = Aᵀ; for a nonsymmetric A use svd/randomizedSvd, or symmetrize (A + Aᵀ)/2)`);
  }
}
