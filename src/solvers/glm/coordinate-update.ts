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

/** Distance of −∇ⱼ (g = x̃ⱼᵀr) to the subdifferential of feature j's penalty: its optimality violation. @internal */
export function violation(t: EnetTerms, w: Float64Array, j: number, g: number): number {
  const a = g - t.l2 * w[j]!;
  const thr = t.l1 * t.pf[j]!;
  const wj = w[j]!;
  if (wj !== 0) return Math.abs(a - (wj > 0 ? thr : -thr));
  return t.positive ? Math.max(a - thr, 0) : Math.max(Math.abs(a) - thr, 0);
}
