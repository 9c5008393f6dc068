/**
 * Gap-safe screening and working-set scores for the elastic net (Fercoq, Gramfort, Salmon 2015;
 * Massias, Gramfort, Salmon 2018).
 *
 * With the dual point θ = s·r and gap G, the dual optimum lies in the ball ‖θ − θ*‖ ≤ √(2G)
 * (the dual is 1-strongly concave), so feature j is zero at every optimum when
 * s·|xⱼᵀr| + ‖xⱼ‖·√(2G) < λ₁fⱼ. The working-set score is the distance of θ to feature j's
 * constraint, (λ₁fⱼ − s·|xⱼᵀr|)/‖xⱼ‖: the smaller, the more j violates optimality.
 *
 * @module
 * @internal
 */
import type { EnetTerms } from './duality-gap.js';

/**
 * Mark newly screened features in `screened` (only when λ₂ = 0 and every fⱼ > 0, where the test
 * is safe); features with wⱼ ≠ 0 are never screened. Returns how many are screened in all. @internal
 */
export function gapSafeScreen(
  t: EnetTerms, w: Float64Array, grad: Float64Array, colSq: Float64Array, scale: number, gap: number, screened: Uint8Array,
): number {
  const p = w.length;
  let count = 0;
  const safe = t.l2 === 0 && t.pf.every((f) => f > 0);
  const radius = Math.sqrt(2 * gap);
  for (let j = 0; j < p; j++) {
    if (!screened[j] && safe && w[j] === 0) {
      const a = t.positive ? scale * grad[j]! : scale * Math.abs(grad[j]!);
      if (a + radius * Math.sqrt(colSq[j]!) < t.l1 * t.pf[j]!) screened[j] = 1;
    }
    count += screened[j]!;
  }
  return count;
}

/**
 * Working set: every nonzero or unpenalized feature, then the unscreened ones of smallest score,
 * `size` in all (fewer if fewer remain). Returned in increasing index order. @internal
 */
export function selectWorkingSet(
  t: EnetTerms, w: Float64Array, grad: Float64Array, colSq: Float64Array, scale: number, screened: Uint8Array, size: number,
): Int32Array {
  const p = w.length;
  const forced: number[] = [];
  const cand: number[] = [];
  const score = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (screened[j] || colSq[j] === 0) continue;
    if (w[j] !== 0 || t.pf[j] === 0) {
      forced.push(j);
      continue;
    }
    const a = t.l2 === 0 ? grad[j]! : grad[j]! - t.l2 * w[j]!;
    const c = scale * (t.positive ? a : Math.abs(a));
    score[j] = (t.l1 * t.pf[j]! - c) / Math.sqrt(colSq[j]!);
    cand.push(j);
  }
  const extra = Math.max(0, Math.min(cand.length, size - forced.length));
  if (extra < cand.length) cand.sort((a, b) => score[a]! - score[b]! || a - b);
  const ws = forced.concat(cand.slice(0, extra));
  ws.sort((a, b) => a - b);
  return Int32Array.from(ws);
}
