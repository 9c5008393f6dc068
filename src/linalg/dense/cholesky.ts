/**
 * Cholesky factorization A = L·Lᵀ (blocked, right-looking) and solves with it.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, isDenseMatrix, isNdarray, type NdArray, toNdarray } from '../../formats/dense.js';
import { dotAt } from '../../kernels/blas1.js';
import { gemmNT } from './gemm.js';
import { solveRightLowerTransStridedInPlace, solveTriangularInPlace, solveTriangularVecInPlace } from './triangular.js';
import { optionKeys, readOptions } from '../../core/options.js';

const NB = 64;

function notPD(j: number, v: number): ArgumentError {
  return new ArgumentError(
    `A (pivot ${j})`, v,
    `a symmetric positive definite matrix: the pivot of row/column ${j} (leading minor of order ${j + 1}) must be positive`,
  );
}

const UPPER_KEYS = optionKeys<{ upper?: boolean }>({ upper: true });

/**
 * Lower Cholesky factor L (A = L·Lᵀ) of a row-major symmetric positive definite DenseMatrix;
 * only the lower triangle of A is read. The upper triangle of the result is zero.
 * @throws {@link ArgumentError} naming the first non-positive pivot.
 * @internal
 */
export function choleskyDense(A: DenseMatrix): DenseMatrix {
  const n = A.rows;
  if (A.cols !== n) throw new ShapeError('cholesky', [A.rows, A.cols], [A.rows, A.cols], 'is not square');
  const l = new Float64Array(n * n);
  const a = A.data;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) l[i * n + j] = a[i * n + j]!;
  const fail = choleskyPanelInPlace(n, n, l, 0, n);
  if (fail >= 0) throw notPD(fail, l[fail * n + fail]!);
  // Clear the strict upper triangle (the blocked update wrote into the diagonal blocks' upper part).
  for (let i = 0; i < n; i++) l.fill(0, i * n + i + 1, (i + 1) * n);
  return { rows: n, cols: n, data: l };
}

/**
 * Cholesky factorization of an h x w panel in place (h ≥ w; row-major at `off` with leading
 * dimension `ld`): the top w x w block A11 becomes its lower factor L11 (A11 = L11·L11ᵀ) and the
 * rows below become L21 = A21·L11⁻ᵀ, which is what a supernode of a sparse Cholesky factor needs.
 * With h = w this is the dense Cholesky factorization. Only the lower triangle of A11 is read; its
 * strict upper triangle is left with intermediate values. Blocked right-looking: diagonal blocks of
 * 64 columns are factored left-looking, the rows below each one by a blocked triangular solve
 * ({@link solveRightLowerTransStridedInPlace}), and the trailing update runs in the matmul kernel.
 * O(w²(h − w/3)) flops.
 * @returns -1 on success, else the first column j whose pivot is not positive (its value is left
 *   at the diagonal position of j).
 * @internal
 */
export function choleskyPanelInPlace(h: number, w: number, l: Float64Array, off: number, ld: number): number {
  for (let k0 = 0; k0 < w; k0 += NB) {
    const nb = Math.min(NB, w - k0);
    const r0 = k0 + nb;
    // Factor the diagonal block (left-looking within the block; earlier blocks already applied).
    for (let j = k0; j < r0; j++) {
      const jo = off + j * ld;
      let d = l[jo + j]! - dotAt(j - k0, l, jo + k0, l, jo + k0);
      if (!(d > 0)) {
        l[jo + j] = d;
        return j;
      }
      d = Math.sqrt(d);
      l[jo + j] = d;
      const inv = 1 / d;
      for (let i = j + 1; i < r0; i++) {
        const io = off + i * ld;
        l[io + j] = (l[io + j]! - dotAt(j - k0, l, io + k0, l, jo + k0)) * inv;
      }
    }
    // The block's columns in every row below it: X = A21·L11⁻ᵀ.
    if (h > r0) solveRightLowerTransStridedInPlace(h - r0, nb, l, off + r0 * ld + k0, off + k0 * ld + k0, ld);
    // Trailing update: A22 −= L21·L21ᵀ (lower triangle of the square part by row blocks, then
    // the rows below the square part in one product).
    for (let ib = r0; ib < w; ib += NB) {
      const mb = Math.min(NB, w - ib);
      gemmNT(mb, ib + mb - r0, nb, -1, l, off + ib * ld + k0, ld, l, off + r0 * ld + k0, ld, l, off + ib * ld + r0, ld);
    }
    if (h > w && r0 < w) gemmNT(h - w, w - r0, nb, -1, l, off + w * ld + k0, ld, l, off + r0 * ld + k0, ld, l, off + w * ld + r0, ld);
  }
  return -1;
}

/**
 * Cholesky factorization A = L·Lᵀ of a symmetric positive definite matrix (NumPy's
 * `linalg.cholesky`: lower factor; `{ upper: true }` returns U = Lᵀ with A = UᵀU as SciPy's default).
 *
 * Blocked right-looking algorithm, n³/3 flops mostly in the matmul kernel. Only the lower
 * triangle of A is read (symmetry is not checked).
 *
 * @param A - n x n symmetric positive definite matrix
 * @param options - `upper`: return Lᵀ
 * @returns L (or U) as an ndarray
 * @throws {@link ShapeError} when A is not square; {@link ArgumentError} naming the failing pivot
 *   (row/column and the value found) when A is not positive definite, or on NaN/Infinity.
 *
 * @example
 * ```ts
 * import { cholesky } from 'sparsity';
 * const L = cholesky([[4, 2], [2, 5]]);
 * [L.get(0, 0), L.get(1, 0), L.get(1, 1), L.get(0, 1)]; // => [2, 1, 2, 0]
 * let message = '';
 * try { cholesky([[1, 2], [2, 1]]); } catch (e) { message = e.message; }
 * message.includes('pivot 1'); // => true
 * ```
 */
export function cholesky(A: DenseInput, options: { upper?: boolean } = {}): NdArray {
  options = readOptions('cholesky', options, UPPER_KEYS);
  const L = choleskyDense(asDenseMatrix(A, 'A'));
  if (!options.upper) return toNdarray(L);
  const n = L.rows;
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) u[j * n + i] = L.data[i * n + j]!;
  return toNdarray({ rows: n, cols: n, data: u });
}

/**
 * Solve A·x = b for a small row-major n x n symmetric positive definite A held in a Float64Array
 * (only its lower triangle is read): A is overwritten by its Cholesky factor and b by x, with no
 * allocation, for solvers that factor a small system many times. O(n³/3).
 * @returns false when A is not numerically positive definite (A and b are then partly overwritten).
 * @internal
 */
export function choSolveInPlace(n: number, a: Float64Array, b: Float64Array): boolean {
  if (choleskyPanelInPlace(n, n, a, 0, n) >= 0) return false;
  const L = { rows: n, cols: n, data: a };
  solveTriangularVecInPlace(L, b, true, false);
  solveTriangularVecInPlace(L, b, true, true);
  return true;
}

/**
 * Solve A·x = b given the lower Cholesky factor L of A (L·Lᵀ·x = b). O(n²) per right-hand side.
 * @internal
 */
export function choSolveVec(L: DenseMatrix, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  solveTriangularVecInPlace(L, x, true, false);
  solveTriangularVecInPlace(L, x, true, true);
  return x;
}

/**
 * Solve A·x = b with A = L·Lᵀ from {@link cholesky} (SciPy's `cho_solve`): a forward and a back
 * substitution, O(n²) per right-hand side.
 *
 * @param L - the lower factor from `cholesky(A)` (with `{ upper: true }`, pass the upper factor)
 * @param b - vector of length n (returns a Float64Array) or n x p matrix (returns an ndarray)
 * @param options - `upper`: L is the upper factor U (A = UᵀU)
 * @throws {@link ShapeError} when the sizes differ; {@link ArgumentError} on a zero diagonal or NaN.
 *
 * @example
 * ```ts
 * import { cholesky, choSolve } from 'sparsity';
 * const L = cholesky([[4, 2], [2, 5]]);
 * Array.from(choSolve(L, [6, 7])); // => [1, 1]
 * ```
 */
export function choSolve(L: DenseInput, b: VectorLike, options?: { upper?: boolean }): Float64Array;
export function choSolve(L: DenseInput, b: DenseInput, options?: { upper?: boolean }): NdArray;
export function choSolve(L: DenseInput, b: VectorLike | DenseInput, options: { upper?: boolean } = {}): Float64Array | NdArray {
  options = readOptions('choSolve', options, UPPER_KEYS);
  const f = asDenseMatrix(L, 'L');
  const n = f.rows;
  if (f.cols !== n) throw new ShapeError('choSolve', [f.rows, f.cols], [f.rows, f.cols], 'is not square');
  for (let i = 0; i < n; i++) if (f.data[i * n + i] === 0) throw new ArgumentError(`L[${i}][${i}]`, 0, 'a nonzero diagonal entry');
  const upper = !!options.upper;
  // A = L Lᵀ: solve L y = b, Lᵀ x = y. A = Uᵀ U: solve Uᵀ y = b, U x = y.
  if (b instanceof Float64Array || ArrayBuffer.isView(b) || (Array.isArray(b) && (b.length === 0 || typeof b[0] === 'number'))) {
    const x = Float64Array.from(toFloat64(b as VectorLike, 'b'));
    if (x.length !== n) throw new ShapeError('choSolve', [n, n], x.length);
    solveTriangularVecInPlace(f, x, !upper, upper);
    solveTriangularVecInPlace(f, x, !upper, !upper);
    return x;
  }
  if (!isNdarray(b) && !isDenseMatrix(b) && !Array.isArray(b)) throw new ArgumentError('b', b, 'a vector or a dense matrix');
  const B = asDenseMatrix(b as DenseInput, 'b');
  if (B.rows !== n) throw new ShapeError('choSolve', [n, n], [B.rows, B.cols], 'are not aligned');
  const X = { rows: B.rows, cols: B.cols, data: B.data.slice() };
  solveTriangularInPlace(f, X, !upper, upper);
  solveTriangularInPlace(f, X, !upper, !upper);
  return toNdarray(X);
}
