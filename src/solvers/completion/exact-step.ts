/**
 * The exact half-step: each problem by its normal equations and a k x k Cholesky factorization.
 *
 * @module
 * @internal
 */
import { asDenseMatrix } from '../../formats/index.js';
import { choSolve, cholesky, gram, matvec } from '../../linalg/index.js';
import { gatherRows, type HalfStep, JITTER, largestGroup } from './batch.js';

/**
 * For every group g: F[g] = (AᵀA + λ'I)⁻¹Aᵀb with A = G[idx_g] (gathered into one reused buffer),
 * λ' = λ + 1e-12·trace(AᵀA)/k; an empty group (or an all-zero A) gives F[g] = 0.
 * Cost O(|Ω|·k² + count·k³). Returns 0 (no inner iterations).
 * @internal
 */
export function exactHalfStep(h: HalfStep): number {
  const { G, groups, lambda, F } = h;
  const k = G.cols;
  const buf = new Float64Array(Math.max(1, largestGroup(groups)) * k);
  for (let g = 0; g < groups.count; g++) {
    const p0 = groups.ptr[g]!;
    const len = groups.ptr[g + 1]! - p0;
    const fro = len > 0 ? gatherRows(G, groups.idx, p0, len, buf) : 0;
    if (!(fro > 0) && lambda === 0) {
      F.fill(0, g * k, (g + 1) * k);
      continue;
    }
    const A = { rows: len, cols: k, data: buf.subarray(0, len * k) };
    const N = asDenseMatrix(gram(A));
    const ridge = lambda + (JITTER * fro) / k;
    for (let t = 0; t < k; t++) N.data[t * k + t]! += ridge;
    const rhs = matvec(A, groups.val.subarray(p0, p0 + len), true);
    F.set(choSolve(cholesky(N), rhs), g * k);
  }
  return 0;
}
