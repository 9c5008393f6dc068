/**
 * Block selection rules: cyclic, random, Lipschitz sampling (block b with probability ∝ L_b), and
 * the greedy Gauss–Southwell family on the current gradient ∇f (the gradient mapping for L1 or
 * x ≥ 0 problems): GS (largest ‖∇_b f‖²), GSL (largest ‖∇_b f‖²/L_b) and GSQ (largest
 * ∇_b fᵀ H_b⁻¹ ∇_b f, the decrease of an exact block Newton step). With variable blocks the rule
 * picks the `blockSize` best single coordinates (GSQ then uses the diagonal of H, the paper's
 * approximation). Each pick costs O(n) (O(n·k) for GSQ with fixed blocks of k).
 *
 * @module
 * @internal
 */
import type { Rng } from '../../core/rng.js';

/** Rule names accepted by {@link bcd}. */
export type BcdSelection = 'cyclic' | 'random' | 'lipschitz' | 'gs' | 'gsl' | 'gsq';

/** Per-block pieces the greedy rules need. @internal */
export interface BlockInfo {
  /** L_b (largest eigenvalue of the block Hessian or its bound). */
  lb: Float64Array;
  /** g ↦ gᵀH_b⁻¹g for each block (GSQ), when available. */
  quad: ((g: Float64Array) => number)[] | null;
}

/** The index of a block of a fixed partition. @internal */
export function pickFixed(
  rule: BcdSelection, it: number, blocks: Int32Array[], info: BlockInfo, G: Float64Array, rng: Rng, cumL: Float64Array | null,
): number {
  const B = blocks.length;
  if (rule === 'cyclic') return it % B;
  if (rule === 'random') return rng.integer(0, B);
  if (rule === 'lipschitz') {
    const u = rng.random() * cumL![B - 1]!;
    let lo = 0;
    let hi = B - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumL![mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  let best = 0;
  let bestScore = -1;
  const gb = new Float64Array(info.quad ? maxBlockLength(blocks) : 0);
  for (let b = 0; b < B; b++) {
    const score = blockScore(rule, b, blocks[b]!, info, G, gb);
    if (score > bestScore) {
      bestScore = score;
      best = b;
    }
  }
  return best;
}

/** The longest block's length. @internal */
export function maxBlockLength(blocks: Int32Array[]): number {
  let m = 0;
  for (const blk of blocks) m = Math.max(m, blk.length);
  return m;
}

/**
 * Score of block b under a greedy rule: ‖G_b‖² (GS), ‖G_b‖²/L_b (GSL) or G_bᵀH_b⁻¹G_b (GSQ, when
 * the inverses are available). `gb` is scratch of at least the block's length. @internal
 */
export function blockScore(rule: BcdSelection, b: number, blk: Int32Array, info: BlockInfo, G: Float64Array, gb: Float64Array): number {
  if (rule === 'gsq' && info.quad) {
    for (let a = 0; a < blk.length; a++) gb[a] = G[blk[a]!]!;
    return info.quad[b]!(gb.subarray(0, blk.length));
  }
  let s = 0;
  for (let a = 0; a < blk.length; a++) s += G[blk[a]!]! * G[blk[a]!]!;
  return rule === 'gs' ? s : s / info.lb[b]!;
}

/** Score of coordinate i for variable blocks: gᵢ² (GS) or gᵢ²/Lᵢ (GSL; GSQ with the diagonal Hessian). @internal */
export function coordinateScore(rule: BcdSelection, g: number, Li: number): number {
  return rule === 'gs' ? g * g : (g * g) / Li;
}

/** A variable block of k coordinates chosen by the rule. @internal */
export function pickVariable(rule: BcdSelection, it: number, k: number, L: Float64Array, G: Float64Array, rng: Rng, cumL: Float64Array): Int32Array {
  const n = L.length;
  k = Math.min(k, n);
  if (rule === 'cyclic') {
    const start = (it * k) % n;
    return Int32Array.from({ length: k }, (_, a) => (start + a) % n);
  }
  if (rule === 'random') return Int32Array.from(rng.sample(n, k));
  if (rule === 'lipschitz') {
    const chosen = new Set<number>();
    const total = cumL[n - 1]!;
    while (chosen.size < k) {
      const u = rng.random() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumL[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      chosen.add(lo);
    }
    return Int32Array.from(chosen);
  }
  // Top k of gᵢ² (GS) or gᵢ²/Lᵢ (GSL; GSQ with the diagonal Hessian Lᵢ): insertion into a short sorted list.
  const idx = new Int32Array(k).fill(-1);
  const val = new Float64Array(k).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = coordinateScore(rule, G[i]!, L[i]!);
    if (s <= val[k - 1]!) continue;
    let a = k - 1;
    while (a > 0 && val[a - 1]! < s) {
      val[a] = val[a - 1]!;
      idx[a] = idx[a - 1]!;
      a--;
    }
    val[a] = s;
    idx[a] = i;
  }
  return idx;
}
