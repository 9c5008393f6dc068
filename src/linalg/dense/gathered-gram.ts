/**
 * Normal equations of a least-squares problem whose matrix is a row subset of a shared dense
 * matrix: N = A[rows]ᵀA[rows] and c = A[rows]ᵀb, accumulated from the shared matrix (no gathered
 * copy), for loops over many small problems (alternating least squares, column-wise imputation).
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';

/**
 * N (k x k, row-major, full symmetric) ← Σᵢ aᵢaᵢᵀ and c (length k) ← Σᵢ bᵢ·aᵢ over aᵢ = A[rows[p0 + i]],
 * bᵢ = b[p0 + i], i < len. Only the lower triangle is accumulated, four rows aᵢ at a time (one
 * load and store of N per four multiply-adds: this loop is the whole cost of an exact ALS step),
 * then mirrored: len·k²/2 multiply-adds. Returns trace(N) = Σ‖aᵢ‖².
 * @internal
 */
export function gatheredGramInto(
  A: DenseMatrix, rows: Int32Array, p0: number, len: number, b: Float64Array, N: Float64Array, c: Float64Array,
): number {
  const k = A.cols;
  const a = A.data;
  N.fill(0, 0, k * k);
  c.fill(0, 0, k);
  let i = 0;
  for (; i + 3 < len; i += 4) {
    const o1 = rows[p0 + i]! * k;
    const o2 = rows[p0 + i + 1]! * k;
    const o3 = rows[p0 + i + 2]! * k;
    const o4 = rows[p0 + i + 3]! * k;
    const b1 = b[p0 + i]!;
    const b2 = b[p0 + i + 1]!;
    const b3 = b[p0 + i + 2]!;
    const b4 = b[p0 + i + 3]!;
    for (let t = 0; t < k; t++) {
      const x1 = a[o1 + t]!;
      const x2 = a[o2 + t]!;
      const x3 = a[o3 + t]!;
      const x4 = a[o4 + t]!;
      c[t]! += b1 * x1 + b2 * x2 + b3 * x3 + b4 * x4;
      const r = t * k;
      for (let u = 0; u <= t; u++) N[r + u]! += x1 * a[o1 + u]! + x2 * a[o2 + u]! + x3 * a[o3 + u]! + x4 * a[o4 + u]!;
    }
  }
  for (; i < len; i++) {
    const o = rows[p0 + i]! * k;
    const bi = b[p0 + i]!;
    for (let t = 0; t < k; t++) {
      const x = a[o + t]!;
      c[t]! += bi * x;
      const r = t * k;
      for (let u = 0; u <= t; u++) N[r + u]! += x * a[o + u]!;
    }
  }
  let trace = 0;
  for (let t = 0; t < k; t++) {
    trace += N[t * k + t]!;
    for (let u = 0; u < t; u++) N[u * k + t] = N[t * k + u]!;
  }
  return trace;
}
