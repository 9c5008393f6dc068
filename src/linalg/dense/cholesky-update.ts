/**
 * Updates of a lower Cholesky factor L (A = L·Lᵀ) without refactoring: rank-one update and
 * downdate (A ± x·xᵀ), appending a row and column to A, and deleting one. Each costs O(k²) for a
 * k x k factor instead of the O(k³) of a fresh factorization, which is what methods that walk
 * through nested supports need (OMP, refits along a Lasso path, active-set methods).
 *
 * The factor lives in a row-major buffer with leading dimension `ld` (its capacity), so that it can
 * grow in place: entry (i, j) is `L[i * ld + j]`, and only the leading k x k lower triangle is used.
 *
 * @module
 */
import { dotAt } from '../../kernels/blas1.js';
import { solveTriangularVecInPlace } from './triangular.js';

/**
 * L·Lᵀ + sign·x·xᵀ in place on the m x m trailing block that starts at row and column `off`
 * (the whole factor when off = 0). x (length m, read from `xo`) is overwritten. The classical
 * sweep of hyperbolic (downdate) or plane (update) rotations, O(m²).
 * @returns true; false when a downdate would make the matrix indefinite (L is then partly
 *   modified and must be refactored).
 * @internal
 */
export function choleskyRankOne(L: Float64Array, ld: number, off: number, m: number, x: Float64Array, xo: number, sign: 1 | -1): boolean {
  for (let i = 0; i < m; i++) {
    const ii = (off + i) * ld + off + i;
    const lii = L[ii]!;
    const xi = x[xo + i]!;
    const r2 = lii * lii + sign * xi * xi;
    if (!(r2 > 0)) return false;
    const r = Math.sqrt(r2);
    const c = r / lii;
    const s = xi / lii;
    L[ii] = r;
    for (let j = i + 1; j < m; j++) {
      const ji = (off + j) * ld + off + i;
      const lji = (L[ji]! + sign * s * x[xo + j]!) / c;
      L[ji] = lji;
      x[xo + j] = c * x[xo + j]! - s * lji;
    }
  }
  return true;
}

/**
 * Append a row and column to A: given the k x k factor L of A, the cross terms a = A[0..k-1, k]
 * and the new diagonal entry A[k, k], write row k of the (k+1) x (k+1) factor: l = L⁻¹·a and
 * L[k, k] = √(A[k, k] − ‖l‖²). O(k²).
 * @param rtol - the new column counts as dependent on the others when A[k, k] − ‖l‖² ≤ rtol·A[k, k]
 * @returns true; false when the new column is (numerically) dependent: row k is then left
 *   unspecified and the factor is still the valid k x k one.
 * @internal
 */
export function choleskyAppend(L: Float64Array, ld: number, k: number, a: ArrayLike<number>, diag: number, rtol = 1e-12): boolean {
  const row = new Float64Array(k);
  for (let t = 0; t < k; t++) row[t] = a[t]!;
  solveTriangularVecInPlace({ rows: k, cols: ld, data: L }, row, true, false);
  const rest = diag - dotAt(k, row, 0, row, 0);
  if (!(rest > rtol * diag)) return false;
  L.set(row, k * ld);
  L[k * ld + k] = Math.sqrt(rest);
  return true;
}

/**
 * Delete row and column j of A from its k x k factor L, in place: rows below j move up one,
 * columns right of j move left one, and the trailing block absorbs the removed column by a
 * rank-one update (L₂₂·L₂₂ᵀ + l·lᵀ, l = L[j+1.., j]). The result is the (k−1) x (k−1) factor of A
 * without j. O((k − j)²) for the update plus the row moves.
 * @internal
 */
export function choleskyDelete(L: Float64Array, ld: number, k: number, j: number): void {
  const m = k - 1 - j;
  const l = new Float64Array(m);
  for (let i = 0; i < m; i++) l[i] = L[(j + 1 + i) * ld + j]!;
  for (let i = j + 1; i < k; i++) {
    const src = i * ld;
    const dst = (i - 1) * ld;
    // Columns before j keep their place; columns j+1..i move left by one.
    L.copyWithin(dst, src, src + j);
    L.copyWithin(dst + j, src + j + 1, src + i + 1);
    L.fill(0, dst + i, dst + ld);
  }
  L.fill(0, (k - 1) * ld, (k - 1) * ld + ld);
  if (m > 0) choleskyRankOne(L, ld, j, m, l, 0, 1);
}
