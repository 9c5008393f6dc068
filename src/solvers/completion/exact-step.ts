/**
 * The exact half-step: each problem by its normal equations and a k x k Cholesky factorization.
 *
 * @module
 * @internal
 */
import { asDenseMatrix } from '../../formats/index.js';
import { choSolve, cholesky, gram, matvec } from '../../linalg/index.js';
import { gatheredGramInto } from '../../linalg/dense/gathered-gram.js';
import { gatherRows, type HalfStep, JITTER, largestGroup } from './batch.js';

/** From this rank on, the Gram matrix goes through the blocked matmul kernel (gram) on a gathered copy. */
const BLOCKED_GRAM_RANK = 32;

/**
 * For every group g: F[g] = (AᵀA + λ'I)⁻¹Aᵀb with A = G[idx_g], λ' = λ + 1e-12·trace(AᵀA)/k; an
 * empty group (or an all-zero A) gives F[g] = 0. AᵀA is accumulated row by row for small k, and
 * formed by `gram` on a gathered copy for k ≥ 32. Cost O(|Ω|·k² + count·k³). Returns 0 (no inner
 * iterations).
 * @internal
 */
export function exactHalfStep(h: HalfStep): number {
  const { G, groups, lambda, F } = h;
  const k = G.cols;
  const blocked = k >= BLOCKED_GRAM_RANK;
  const buf = blocked ? new Float64Array(Math.max(1, largestGroup(groups)) * k) : new Float64Array(0);
  const N = { rows: k, cols: k, data: new Float64Array(k * k) };
  let rhs: Float64Array = new Float64Array(k);
  for (let g = 0; g < groups.count; g++) {
    const p0 = groups.ptr[g]!;
    const len = groups.ptr[g + 1]! - p0;
    let trace: number;
    if (blocked) {
      trace = len > 0 ? gatherRows(G, groups.idx, p0, len, buf) : 0;
      if (trace > 0) {
        const A = { rows: len, cols: k, data: buf.subarray(0, len * k) };
        N.data.set(asDenseMatrix(gram(A)).data);
        rhs = matvec(A, groups.val.subarray(p0, p0 + len), true);
      }
    } else {
      trace = gatheredGramInto(G, groups.idx, p0, len, groups.val, N.data, rhs);
    }
    if (!(trace > 0) && lambda === 0) {
      F.fill(0, g * k, (g + 1) * k);
      continue;
    }
    const ridge = lambda + (JITTER * trace) / k;
    for (let t = 0; t < k; t++) N.data[t * k + t]! += ridge;
    F.set(choSolve(cholesky(N), rhs), g * k);
  }
  return 0;
}
