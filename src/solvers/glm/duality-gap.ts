/**
 * The elastic-net duality gap of scikit-learn's coordinate descent (`enet_coordinate_descent`),
 * with glmnet's penalty factors (scaling feature j's whole penalty) and the one-sided dual of
 * positive coefficients.
 *
 * Primal (scaled by n): P(w) = ½‖r‖² + Σⱼ fⱼ(λ₁|wⱼ| + ½λ₂wⱼ²), r = y − Xw. The ridge part is the
 * least-squares term of the augmented data [X; diag(√(λ₂fⱼ))], [y; 0], whose residual is
 * [r; −√(λ₂fⱼ)·wⱼ]; the dual point is that residual scaled into the dual feasible set
 * |xⱼᵀr − λ₂fⱼwⱼ|·s ≤ λ₁fⱼ, s = min(1, λ₁ / maxⱼ |xⱼᵀr − λ₂fⱼwⱼ|/fⱼ), and the gap is
 * P(w) − D(θ) = ½(1 + s²)(‖r‖² + λ₂Σfⱼwⱼ²) + λ₁Σfⱼ|wⱼ| − s·rᵀy ≥ P(w) − P(w*).
 *
 * @module
 * @internal
 */

/** The elastic-net problem in n-scaled form: feature j's penalty is fⱼ(λ₁|wⱼ| + ½λ₂wⱼ²). @internal */
export interface EnetTerms {
  /** λ₁ = n·α·l1Ratio. */
  readonly l1: number;
  /** λ₂ = n·α·(1 − l1Ratio). */
  readonly l2: number;
  /** Per-feature penalty factors fⱼ ≥ 0, scaling both terms (0: unpenalized, no ridge either). */
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
  // The terms in locals: V8 reloaded them per feature.
  const pf = t.pf;
  const l2 = t.l2;
  const positive = t.positive;
  let dualNorm = 0;
  let l1norm = 0;
  let ww = 0;
  for (let j = 0; j < p; j++) {
    const wj = w[j]!;
    const f = pf[j]!;
    if (f > 0) {
      l1norm += f * Math.abs(wj);
      ww += f * wj * wj;
      const a = grad[j]! - l2 * f * wj;
      const q = (positive ? a : Math.abs(a)) / f;
      if (q > dualNorm) dualNorm = q;
    }
  }
  const scale = dualNorm > t.l1 ? t.l1 / dualNorm : 1;
  const primal = 0.5 * rr + t.l1 * l1norm + 0.5 * t.l2 * ww;
  const gap = 0.5 * rr * (1 + scale * scale) + t.l1 * l1norm - scale * ry + 0.5 * t.l2 * (1 + scale * scale) * ww;
  return { gap: Math.max(gap, 0), primal, scale };
}
