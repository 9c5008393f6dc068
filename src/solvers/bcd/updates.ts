/**
 * Block updates: the gradient step 1/L_b, the Newton (matrix) step with the block Hessian or its
 * bound (Cholesky), the gradient step with backtracking on L_b, and the exact forest solve by
 * message passing; proximal (soft-threshold) for an L1 penalty and projection for x ≥ 0. With an
 * L1 penalty or x ≥ 0 the Newton step minimizes the block's quadratic model plus the penalty by
 * coordinate descent.
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';
import { choSolve, cholesky } from '../../linalg/index.js';
import { type Forest, forestSolve } from './message-passing.js';

/** Update names accepted by {@link bcd}. */
export type BcdUpdate = 'gradient' | 'newton' | 'linesearch' | 'tree';

/** prox of t·λ|·| (and x ≥ 0) at v. @internal */
export function prox(v: number, tl: number, nonNeg: boolean): number {
  if (nonNeg) return v > tl ? v - tl : 0;
  return v > tl ? v - tl : v < -tl ? v + tl : 0;
}

/** δ = prox_{λ/L}(x_b − g_b/L) − x_b. @internal */
export function gradientStep(x: Float64Array, g: Float64Array, block: Int32Array, L: number, l1: number, nonNeg: boolean, out: Float64Array): void {
  for (let a = 0; a < block.length; a++) {
    const j = block[a]!;
    out[a] = prox(x[j]! - g[j]! / L, l1 / L, nonNeg) - x[j]!;
  }
}

/** The Cholesky factor of a block Hessian, or null when it is not positive definite. @internal */
export function factor(H: DenseMatrix): ReturnType<typeof cholesky> | null {
  try {
    return cholesky(H);
  } catch {
    return null;
  }
}

/**
 * Newton step: δ = −H⁻¹g_b (smooth, unconstrained), else the minimizer of g_bᵀδ + ½δᵀHδ +
 * λ‖x_b + δ‖₁ (x_b + δ ≥ 0) by 50 coordinate-descent sweeps. @internal
 */
export function newtonStep(
  x: Float64Array, g: Float64Array, block: Int32Array, H: DenseMatrix, chol: ReturnType<typeof cholesky> | null,
  l1: number, nonNeg: boolean, out: Float64Array,
): void {
  const k = block.length;
  if (l1 === 0 && !nonNeg && chol) {
    const gb = new Float64Array(k);
    for (let a = 0; a < k; a++) gb[a] = -g[block[a]!]!;
    out.set(choSolve(chol, gb));
    return;
  }
  const h = H.data;
  out.fill(0, 0, k);
  const Hd = new Float64Array(k); // H·δ
  for (let sweep = 0; sweep < 50; sweep++) {
    let moved = 0;
    for (let a = 0; a < k; a++) {
      const haa = h[a * k + a]!;
      if (!(haa > 0)) continue;
      const j = block[a]!;
      const cur = x[j]! + out[a]!;
      const grad = g[j]! + Hd[a]!;
      const nv = prox(cur - grad / haa, l1 / haa, nonNeg);
      const d = nv - cur;
      if (d !== 0) {
        out[a] = out[a]! + d;
        for (let c = 0; c < k; c++) Hd[c] = Hd[c]! + h[c * k + a]! * d;
        moved = Math.max(moved, Math.abs(d));
      }
    }
    if (moved <= 1e-15 * (1 + Math.abs(x[block[0]!]!))) break;
  }
}

/** Exact step on a forest block: δ = −Q_bb⁻¹g_b (block in forest order). @internal */
export function treeStep(g: Float64Array, f: Forest, out: Float64Array): void {
  const k = f.nodes.length;
  const r = new Float64Array(k);
  for (let a = 0; a < k; a++) r[a] = -g[f.nodes[a]!]!;
  forestSolve(f, r, out);
}
