/**
 * Products of a sparse matrix with dense matrices (several right-hand sides at once).
 *
 * @module
 */
import { ArgumentError } from '../../core/errors.js';
import type { DenseInput, NdArray } from '../../formats/dense.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { asCompressed } from './operand.js';
import { readOptions } from '../../core/options.js';

/**
 * Sparse times dense, A·B, for a sparse A (m x k) and a dense B (k x c): an `ndarray` or
 * `number[][]` gives an `ndarray` (m x c); a row-major Float64Array with `{ cols: c }` gives a
 * row-major Float64Array. CSR accumulates rows of B (WASM SIMD over the c columns when it pays);
 * CSC scatters. O(nnz(A)·c + (k + m)·c).
 *
 * @throws {@link ShapeError} when rows(B) !== cols(A); {@link ArgumentError} when B holds NaN/Infinity
 *   or a Float64Array comes without a positive `cols`.
 *
 * @example
 * ```ts
 * import { csr, sparseDense } from 'sparsity';
 * const A = csr([[1, 0, 2], [0, 3, 0]]);
 * const C = sparseDense(A, [[1, 2], [3, 4], [5, 6]]);
 * [C.get(0, 0), C.get(0, 1), C.get(1, 1)]; // => [11, 14, 12]
 * Array.from(sparseDense(A, new Float64Array([1, 2, 3, 4, 5, 6]), { cols: 2 })); // => [11, 14, 9, 12]
 * ```
 */
export function sparseDense(A: SparseMatrix, B: DenseInput, options?: { cols?: undefined }): NdArray;
export function sparseDense(A: SparseMatrix, B: Float64Array, options: { cols: number }): Float64Array;
export function sparseDense(A: SparseMatrix, B: DenseInput | Float64Array, options?: { cols?: number }): NdArray | Float64Array {
  readOptions('sparseDense', options, ['cols']);
  const a = asCompressed(A);
  if (B instanceof Float64Array) {
    if (options?.cols === undefined) throw new ArgumentError('options.cols', undefined, 'the column count of the row-major Float64Array B');
    return a.matmul(B, { cols: options.cols });
  }
  return a.matmul(B);
}

/**
 * Dense times sparse, D·A, for a dense D (r x m) and a sparse A (m x n): an `ndarray` or
 * `number[][]` gives an `ndarray` (r x n); a row-major Float64Array (length a multiple of m)
 * gives a row-major Float64Array. CSR streams each row of D through A (two rows at a time in
 * WASM SIMD); CSC computes dot products with its columns. O(nnz(A)·r + (m + n)·r).
 *
 * @throws {@link ShapeError} when cols(D) !== rows(A).
 *
 * @example
 * ```ts
 * import { csr, denseSparse } from 'sparsity';
 * const A = csr([[1, 0, 2], [0, 3, 0]]);
 * const C = denseSparse([[1, 1], [2, 0]], A);
 * [C.get(0, 0), C.get(0, 1), C.get(0, 2), C.get(1, 2)]; // => [1, 3, 2, 4]
 * ```
 */
export function denseSparse(D: DenseInput, A: SparseMatrix): NdArray;
export function denseSparse(D: Float64Array, A: SparseMatrix): Float64Array;
export function denseSparse(D: DenseInput | Float64Array, A: SparseMatrix): NdArray | Float64Array {
  const a = asCompressed(A);
  return D instanceof Float64Array ? a.rmatmul(D) : a.rmatmul(D);
}
