/**
 * Gap-safe screening and working-set scores for the elastic net (Fercoq, Gramfort, Salmon 2015;
 * Massias, Gramfort, Salmon 2018).
 *
 * The ridge part is least squares on augmented data (duality-gap.ts): column j is
 * x̂ⱼ = [xⱼ; √(λ₂fⱼ)·eⱼ], ‖x̂ⱼ‖² = ‖xⱼ‖² + λ₂fⱼ, and the dual point θ̂ = s·[r; −√(λ₂fⱼ)w] has
 * x̂ⱼᵀθ̂ = s·xⱼᵀr where wⱼ = 0. The dual is 1-strongly concave and θ̂ is feasible, so the dual
 * optimum lies in the ball ‖θ̂ − θ̂*‖ ≤ √(2G) (G the gap), and feature j is zero at every optimum
 * when s·|xⱼᵀr| + ‖x̂ⱼ‖·√(2G) < λ₁fⱼ. Feasibility includes the unpenalized features' constraints
 * x̂ⱼᵀθ̂ = 0 (≤ 0 under `positive`): the driver minimizes over them exactly before each gap
 * (unpenalized-block.ts), so the test holds with such features too; they are never screened
 * themselves (the block minimization owns them). The working-set score is the distance of θ to
 * feature j's constraint, (λ₁fⱼ − s·|xⱼᵀr|)/‖xⱼ‖: the smaller, the more j violates optimality.
 *
 * @module
 * @internal
 */
import type { EnetTerms } from './duality-gap.js';
import { violation } from './coordinate-update.js';

/** Scratch of {@link scoreFeatures} and {@link selectWorkingSet}, length p each. @internal */
export interface ScoreScratch {
  /** Candidates (unscreened zero penalized features) in increasing order, and their scores. */
  cand: Int32Array;
  score: Float64Array;
  /** A copy of the scores for the quickselect. */
  copy: Float64Array;
  /** Membership of the working set (the forced features are marked by the scoring pass). */
  inWs: Uint8Array;
  /** How many candidates the last pass found. */
  nCand: number;
}

/** What the scoring pass found. @internal */
export interface ScoreSummary {
  /** Features screened in all. */
  screened: number;
  /** Nonzero or unpenalized features (the support the working set is sized from). */
  nnz: number;
  /** Largest optimality violation over the unscreened features. */
  worst: number;
}

/** Scratch for p features. @internal */
export function scoreScratch(p: number): ScoreScratch {
  return { cand: new Int32Array(p), score: new Float64Array(p), copy: new Float64Array(p), inWs: new Uint8Array(p), nCand: 0 };
}

/**
 * One pass over the features at the dual point θ = s·r with the full gradient `grad` = X̃ᵀr
 * (`colNorm`: √colSq):
 * gap-safe screening when `gap` > 0 (features with wⱼ ≠ 0 or fⱼ = 0 are never screened), the
 * count of nonzero or unpenalized features, the
 * largest violation of the unscreened ones, and the working-set scores. Unscreened nonzero or
 * unpenalized features are marked in scratch.inWs (they are always in the set); the other
 * unscreened ones with a nonzero column are the candidates. O(p). @internal
 */
export function scoreFeatures(
  t: EnetTerms, w: Float64Array, grad: Float64Array, colSq: Float64Array, colNorm: Float64Array, scale: number, gap: number,
  screened: Uint8Array, scratch: ScoreScratch,
): ScoreSummary {
  const p = w.length;
  const pf = t.pf;
  // The terms in locals: V8 reloaded them per feature (this pass was 7% of the sparse
  // 20000 x 50000 path's CPU time).
  const l1 = t.l1;
  const l2 = t.l2;
  const positive = t.positive;
  const screen = gap > 0;
  const radius = Math.sqrt(2 * gap);
  const { cand, score, inWs } = scratch;
  inWs.fill(0);
  let count = 0;
  let nnz = 0;
  let worst = 0;
  let nCand = 0;
  for (let j = 0; j < p; j++) {
    const wj = w[j]!;
    const f = pf[j]!;
    const gj = grad[j]!;
    if (wj !== 0 || f === 0) nnz++;
    if (!screened[j] && screen && wj === 0 && f > 0) {
      const a = positive ? scale * gj : scale * Math.abs(gj);
      // ‖x̂ⱼ‖ = √(‖xⱼ‖² + λ₂fⱼ), which is colNorm[j] itself when λ₂ = 0.
      const norm = l2 === 0 ? colNorm[j]! : Math.sqrt(colSq[j]! + l2 * f);
      if (a + radius * norm < l1 * f) screened[j] = 1;
    }
    if (screened[j]) {
      count++;
      continue;
    }
    const v = violation(t, w, j, gj);
    if (v > worst) worst = v;
    if (colSq[j] === 0) continue;
    if (wj !== 0 || f === 0) {
      inWs[j] = 1;
      continue;
    }
    const c = scale * (positive ? gj : Math.abs(gj));
    cand[nCand] = j;
    score[nCand++] = (l1 * f - c) / colNorm[j]!;
  }
  scratch.nCand = nCand;
  return { screened: count, nnz, worst };
}

/**
 * The working set after {@link scoreFeatures}: the marked features, then the candidates of
 * smallest score, `size` in all (fewer if fewer remain). Returned in increasing index order. @internal
 */
export function selectWorkingSet(p: number, size: number, scratch: ScoreScratch): Int32Array {
  const { cand, score, copy, inWs, nCand } = scratch;
  let forced = 0;
  for (let j = 0; j < p; j++) forced += inWs[j]!;
  const extra = Math.max(0, Math.min(nCand, size - forced));
  if (extra > 0) {
    // The extra-th smallest score by quickselect (O(nCand)), then every candidate strictly below
    // it and enough ties at it (lowest indices first).
    copy.set(score.subarray(0, nCand));
    const cut = kthSmallest(copy.subarray(0, nCand), extra - 1);
    let taken = 0;
    for (let k = 0; k < nCand; k++) if (score[k]! < cut) {
      inWs[cand[k]!] = 1;
      taken++;
    }
    for (let k = 0; k < nCand && taken < extra; k++) if (score[k] === cut) {
      inWs[cand[k]!] = 1;
      taken++;
    }
  }
  const ws = new Int32Array(forced + extra);
  for (let j = 0, k = 0; j < p; j++) if (inWs[j]) ws[k++] = j;
  return ws;
}

/** The k-th smallest entry (0-based) of a (scratch, reordered) array: Hoare quickselect. @internal */
export function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
