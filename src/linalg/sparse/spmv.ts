/**
 * Sparse matrix–vector products.
 *
 * @module
 */
import { toFloat64 } from '../../core/array.js';
import { ShapeError } from '../../core/errors.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { type SpmvOptions, checkNoOverlap, spmvScalars } from '../../kernels/options.js';
import { spmvGatherAsync } from '../../kernels/spmv-dispatch.js';
import { checkSparse } from './operand.js';
import { optionKeys, readOptions } from '../../core/options.js';

const SPMV_KEYS = optionKeys<SpmvOptions>({ out: true, alpha: true, beta: true, threads: true });

/**
 * Sparse matrix–vector product y = alpha·A·x + beta·y (by default y = A·x in a new array).
 *
 * CSR runs a row-gather loop (JS, or WASM SIMD, or split over worker threads: see `setBackend`,
 * `setThreads`; the matrix is copied into WASM memory for the call, once per solver call inside
 * `withResidency`, or kept across calls by `pin(A)`); CSC scatters column by column
 * (from 10^6 stored entries with few rows, fixed column blocks scatter into partial vectors that
 * are added in block order, on threads when they are on, with the same result for any thread
 * count); COO loops over its triplets. O(nnz + rows + cols).
 *
 * @param A - a CSR, CSC or COO matrix (m x n).
 * @param x - a vector of length n (Float64Array, or number[] checked for NaN/Infinity).
 * @param options - `{ out, alpha = 1, beta = 0, threads }`: with `out` (length m) the result is
 *   written there and `beta` scales its previous contents; `threads` as in {@link SpmvOptions}.
 * @returns y, of length m (`out` when given).
 * @throws {@link ShapeError} when `x.length !== n` or `out.length !== m`; {@link ArgumentError} for
 *   a non-sparse `A`, bad options, or an `out` sharing memory with x (y is written while x is read).
 *
 * @example
 * ```ts
 * import { csr, spmv } from 'sparsity';
 * const A = csr([[1, 0, 2], [0, 3, 0]]);
 * Array.from(spmv(A, [1, 1, 1])); // => [3, 3]
 * const y = new Float64Array([10, 10]);
 * spmv(A, [1, 1, 1], { out: y, alpha: 2, beta: 0.5 });
 * Array.from(y); // => [11, 11]
 * ```
 */
export function spmv(A: SparseMatrix, x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array {
  readOptions('spmv', options, SPMV_KEYS);
  return checkSparse(A).matvec(x, options);
}

/**
 * Asynchronous {@link spmv}: with threads, the product runs on the worker pool while the calling
 * thread stays free (for servers, or where blocking is not allowed); otherwise it runs at once.
 * Same result as `spmv` (bit for bit with the same backend).
 *
 * @throws {@link ShapeError} as {@link spmv}; rejects when a worker fails.
 *
 * @example
 * ```ts
 * import { csr, spmvAsync } from 'sparsity';
 * const y = await spmvAsync(csr([[2, 0], [1, 1]]), [1, 2], { threads: 2 });
 * Array.from(y); // => [2, 3]
 * ```
 */
export async function spmvAsync(A: SparseMatrix, x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Promise<Float64Array> {
  readOptions('spmvAsync', options, SPMV_KEYS);
  const M = checkSparse(A);
  if (M.format !== 'csr') return M.matvec(x, options);
  const xv = toFloat64(x, 'x', x instanceof Float64Array);
  const [m, n] = M.shape;
  if (xv.length !== n) throw new ShapeError('matvec', M.shape, xv.length);
  const { alpha, beta } = spmvScalars(options);
  checkNoOverlap(options?.out, xv);
  const y = options?.out ?? new Float64Array(m);
  if (y.length !== m) throw new ShapeError('matvec', [m], y.length, 'do not match (out must have one entry per row)');
  await spmvGatherAsync({ indptr: M.indptr, indices: M.indices, data: M.data, nMajor: m, nMinor: n }, xv, y, alpha, options?.out ? beta : 0, options?.threads);
  return y;
}
