/**
 * The elastic-net coordinate update shared by the working-set and covariance-mode drivers, for
 * feature j's penalty fⱼ(λ₁|wⱼ| + ½λ₂wⱼ²) (glmnet's penalty factors scale both terms).
 *
 * @module
 * @internal
 */
import type { EnetTerms } from './duality-gap.js';

/**
 * New value of coordinate j from g = x̃ⱼᵀr, its current value wⱼ and cs = ‖x̃ⱼ‖²: the minimizer
 * of the objective along j, a soft-threshold at λ₁fⱼ scaled by 1/(cs + λ₂fⱼ) (one-sided when
 * coefficients are positive). @internal
 */
export function coordinateValue(t: EnetTerms, cs: number, j: number, g: number, wj: number): number {
  const z = g + cs * wj;
  const f = t.pf[j]!;
  const thr = t.l1 * f;
  const den = cs + t.l2 * f;
  if (z > thr) return (z - thr) / den;
  if (z < -thr && !t.positive) return (z + thr) / den;
  return 0;
}

/** Distance of −∇ⱼ (g = x̃ⱼᵀr) to the subdifferential of feature j's penalty: its optimality violation. @internal */
export function violation(t: EnetTerms, w: Float64Array, j: number, g: number): number {
  const f = t.pf[j]!;
  const wj = w[j]!;
  const a = g - t.l2 * f * wj;
  const thr = t.l1 * f;
  if (wj !== 0) return Math.abs(a - (wj > 0 ? thr : -thr));
  return t.positive ? Math.max(a - thr, 0) : Math.max(Math.abs(a) - thr, 0);
}

/** Feature j's penalty fⱼ(λ₁|v| + ½λ₂v²) at value v. @internal */
export function penaltyAt(t: EnetTerms, j: number, v: number): number {
  return v === 0 ? 0 : t.pf[j]! * (t.l1 * Math.abs(v) + 0.5 * t.l2 * v * v);
}
