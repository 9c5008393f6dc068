/**
 * The elastic-net coordinate update shared by the working-set and covariance-mode drivers.
 *
 * @module
 * @internal
 */
import type { EnetTerms } from './duality-gap.js';

/**
 * New value of coordinate j from g = x̃ⱼᵀr, its current value wⱼ and cs = ‖x̃ⱼ‖²: the minimizer
 * of the objective along j, a soft-threshold (one-sided when coefficients are positive). @internal
 */
export function coordinateValue(t: EnetTerms, cs: number, j: number, g: number, wj: number): number {
  const z = g + cs * wj;
  const thr = t.l1 * t.pf[j]!;
  const den = cs + t.l2;
  if (z > thr) return (z - thr) / den;
  if (z < -thr && !t.positive) return (z + thr) / den;
  return 0;
}
