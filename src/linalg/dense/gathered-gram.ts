/**
 * Normal equations of a least-squares problem whose matrix is a row subset of a shared dense
 * matrix: N = A[rows]ᵀA[rows] and c = A[rows]ᵀb, accumulated row by row (no gathered copy), for
 * loops over many small problems (alternating least squares, column-wise imputation).
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';
import { axpyAt } from '../../kernels/blas1.js';

/**
 * N (k x k, row-major, full symmetric) ← Σᵢ aᵢaᵢᵀ and c (length k) ← Σᵢ bᵢ·aᵢ over aᵢ = A[rows[p0 + i]],
 * bᵢ = b[p0 + i], i < len. Only the lower triangle is accumulated (row t of N gets aₜ·a[0..t]), then
 * mirrored: len·k²/2 multiply-adds. Returns trace(N) = Σ‖aᵢ‖².
 * @internal
 */
export function gatheredGramInto(
  A: DenseMatrix, rows: Int32Array, p0: number, len: number, b: Float64Array, N: Float64Array, c: Float64Array,
): number {
  const k = A.cols;
  const a = A.data;
  N.fill(0, 0, k * k);
  c.fill(0, 0, k);
  for (let i = 0; i < len; i++) {
    const o = rows[p0 + i]! * k;
    axpyAt(k, b[p0 + i]!, a, o, c, 0);
    for (let t = 0; t < k; t++) axpyAt(t + 1, a[o + t]!, a, o, N, t * k);
  }
  let trace = 0;
  for (let t = 0; t < k; t++) {
    trace += N[t * k + t]!;
    for (let u = 0; u < t; u++) N[u * k + t] = N[t * k + u]!;
  }
  return trace;
}
