/**
 * Products of a sparse matrix with dense matrices (several right-hand sides at once): the one body
 * behind `sparseDense`, `denseSparse`, `A.matmul(dense)` / `A.rmatmul(D)` and the block products
 * of sparse linear operators. Check the shapes, choose the orientation (CSR gathers rows of B,
 * CSC scatters), call one kernels dispatcher on row-major data, wrap the result.
 *
 * @module
 */
import { assertFinite, checkDim, toFloat64 } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import type { CompressedMatrix } from '../../formats/compressed.js';
import { type DenseInput, type NdArray, asDenseMatrix, toNdarray } from '../../formats/dense.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { resultZerosFloat64 } from '../../kernels/runtime/result-pool.js';
import { denseTimesColumns, denseTimesRows, spmmGather, spmmScatter } from '../../kernels/spmm/dispatch.js';
import { asCompressed, byRows, linesOf } from './operand.js';
import { spmv } from './spmv.js';
import { readOptions } from '../../core/options.js';

/** C = A·B for a row-major B with `cols` columns, as row-major data (m x cols). @internal */
export function sparseTimesRowMajor(A: CompressedMatrix, b: Float64Array, cols: number): Float64Array {
  const c = resultZerosFloat64(A.shape[0] * cols);
  if (byRows(A)) spmmGather(linesOf(A), b, cols, c, 1, 0);
  else spmmScatter(linesOf(A), b, cols, c, 1, 0);
  return c;
}

/** C = D·A for a row-major D with `rows` rows, as row-major data (rows x n). @internal */
export function rowMajorTimesSparse(d: Float64Array, rows: number, A: CompressedMatrix): Float64Array {
  const c = resultZerosFloat64(rows * A.shape[1]);
  if (byRows(A)) denseTimesRows(d, rows, linesOf(A), c, 1, 0);
  else denseTimesColumns(d, rows, linesOf(A), c, 1, 0);
  return c;
}

/**
 * A·B for a dense B: an `ndarray`/`number[][]` gives an `ndarray`; a row-major Float64Array or
 * number[] of length k·cols with `cols` gives row-major data (without `cols`, a vector: A·x).
 * @internal
 */
export function sparseDenseBody(A: CompressedMatrix, B: DenseInput | Float64Array | readonly number[], cols: number | undefined): NdArray | Float64Array {
  const [m, k] = A.shape;
  if (B instanceof Float64Array || Array.isArray(B) && (B.length === 0 || typeof B[0] === 'number')) {
    if (cols === undefined) return spmv(A as SparseMatrix, B as Float64Array | readonly number[]);
    checkDim('cols', cols);
    const c = cols;
    const b = toFloat64(B as Float64Array | readonly number[], 'B');
    if (b.length !== k * c) throw new ShapeError('matmul', A.shape, [b.length / Math.max(c, 1), c], 'are not aligned (B has the wrong length)');
    return sparseTimesRowMajor(A, b, c);
  }
  const d = asDenseMatrix(B as DenseInput, 'B');
  if (d.rows !== k) throw new ShapeError('matmul', A.shape, [d.rows, d.cols], 'are not aligned');
  return toNdarray({ rows: m, cols: d.cols, data: sparseTimesRowMajor(A, d.data, d.cols) });
}

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
  if (B instanceof Float64Array && options?.cols === undefined) {
    throw new ArgumentError('options.cols', undefined, 'the column count of the row-major Float64Array B');
  }
  return sparseDenseBody(a, B, options?.cols);
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
  const [m, n] = a.shape;
  if (D instanceof Float64Array) {
    assertFinite(D, 'D');
    if (m === 0 ? D.length !== 0 : D.length % m !== 0) throw new ShapeError('rmatmul', [D.length], a.shape, 'are not aligned (length is not a multiple of rows(A))');
    return rowMajorTimesSparse(D, m === 0 ? 0 : D.length / m, a);
  }
  const d = asDenseMatrix(D, 'D');
  if (d.cols !== m) throw new ShapeError('rmatmul', [d.rows, d.cols], a.shape, 'are not aligned');
  return toNdarray({ rows: d.rows, cols: n, data: rowMajorTimesSparse(d.data, d.rows, a) });
}
