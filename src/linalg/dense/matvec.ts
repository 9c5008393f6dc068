/**
 * Dense matrix–vector products y = A·x and y = Aᵀ·x.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput } from '../../formats/dense.js';
import { axpyAt, dotAt } from '../../kernels/blas1.js';

/**
 * y = A·x for a row-major DenseMatrix (row dot products). `out` (length rows) is overwritten when given.
 * @throws {@link ShapeError} when `x.length !== A.cols`.
 * @internal
 */
export function matvecDense(A: DenseMatrix, x: Float64Array, out?: Float64Array): Float64Array {
  const { rows, cols, data } = A;
  if (x.length !== cols) throw new ShapeError('matvec', [rows, cols], x.length);
  const y = out ?? new Float64Array(rows);
  for (let i = 0; i < rows; i++) y[i] = dotAt(cols, data, i * cols, x, 0);
  return y;
}

/**
 * y = Aᵀ·x for a row-major DenseMatrix (row axpys, contiguous). `out` (length cols) is overwritten.
 * @throws {@link ShapeError} when `x.length !== A.rows`.
 * @internal
 */
export function rmatvecDense(A: DenseMatrix, x: Float64Array, out?: Float64Array): Float64Array {
  const { rows, cols, data } = A;
  if (x.length !== rows) throw new ShapeError('rmatvec', [cols, rows], x.length);
  const y = out ?? new Float64Array(cols);
  if (out) y.fill(0);
  for (let i = 0; i < rows; i++) axpyAt(cols, x[i]!, data, i * cols, y, 0);
  return y;
}

/**
 * Dense matrix–vector product: y = A·x, or y = Aᵀ·x with `transpose`.
 *
 * yᵢ = Σⱼ Aᵢⱼ xⱼ. O(mn) time.
 *
 * @param A - m x n dense matrix (`ndarray`, `number[][]` or DenseMatrix)
 * @param x - vector of length n (m with `transpose`)
 * @param transpose - compute Aᵀ·x instead
 * @returns a new Float64Array of length m (n with `transpose`)
 * @throws {@link ShapeError} when the lengths do not match; {@link ArgumentError} on NaN/Infinity.
 *
 * @example
 * ```ts
 * import { matvec } from 'sparsity';
 * Array.from(matvec([[1, 2], [3, 4]], [1, 1])); // => [3, 7]
 * Array.from(matvec([[1, 2], [3, 4]], [1, 1], true)); // => [4, 6]
 * ```
 */
export function matvec(A: DenseInput, x: VectorLike, transpose = false): Float64Array {
  const a = asDenseMatrix(A, 'A');
  const xv = toFloat64(x, 'x');
  return transpose ? rmatvecDense(a, xv) : matvecDense(a, xv);
}
