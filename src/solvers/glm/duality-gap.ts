/**
 * The elastic-net duality gap of scikit-learn's coordinate descent (`enet_coordinate_descent`),
 * with glmnet's penalty factors and the one-sided dual of positive coefficients.
 *
 * Primal (scaled by n): P(w) = ½‖r‖² + λ₁Σⱼ fⱼ|wⱼ| + ½λ₂‖w‖², r = y − Xw. The dual point is the
 * residual scaled into the dual feasible set, θ = s·r with s = min(1, λ₁ / maxⱼ |xⱼᵀr − λ₂wⱼ|/fⱼ),
 * and the gap is P(w) − D(θ) = ½(1 + s²)‖r‖² + λ₁Σfⱼ|wⱼ| − s·rᵀy + ½λ₂(1 + s²)‖w‖² ≥ P(w) − P(w*).
 *
 * @module
 * @internal
 */

/** The elastic-net problem in n-scaled form. @internal */
export interface EnetTerms {
  /** λ₁ = n·α·l1Ratio. */
  readonly l1: number;
  /** λ₂ = n·α·(1 − l1Ratio). */
  readonly l2: number;
  /** Per-feature penalty factors fⱼ ≥ 0. */
  readonly pf: Float64Array;
  /** Coefficients constrained to be ≥ 0. */
  readonly positive: boolean;
}

/** Gap, primal value and the dual scaling s of the current point. @internal */
export interface GapInfo {
  gap: number;
  primal: number;
  scale: number;
}

/**
 * Duality gap from the full gradient `grad` = Xᵀr, ‖r‖², rᵀy and w. O(p).
 * Features with fⱼ = 0 (unpenalized) do not enter the dual scaling. @internal
 */
export function enetGap(t: EnetTerms, w: Float64Array, grad: Float64Array, rr: number, ry: number): GapInfo {
  const p = w.length;
  let dualNorm = 0;
  let l1norm = 0;
  let ww = 0;
  for (let j = 0; j < p; j++) {
    const wj = w[j]!;
    const f = t.pf[j]!;
    l1norm += f * Math.abs(wj);
    ww += wj * wj;
    if (f > 0) {
      const a = grad[j]! - t.l2 * wj;
      const q = (t.positive ? a : Math.abs(a)) / f;
      if (q > dualNorm) dualNorm = q;
    }
  }
  const scale = dualNorm > t.l1 ? t.l1 / dualNorm : 1;
  const primal = 0.5 * rr + t.l1 * l1norm + 0.5 * t.l2 * ww;
  const gap = 0.5 * rr * (1 + scale * scale) + t.l1 * l1norm - scale * ry + 0.5 * t.l2 * (1 + scale * scale) * ww;
  return { gap: Math.max(gap, 0), primal, scale };
}
