/**
 * Sparse matrix–vector products y = alpha·op(A)·x + beta·y, op(A) = A or Aᵀ: the one body behind
 * `spmv`, `spmvAsync` and the `matvec` / `rmatvec` methods. Check the inputs, choose the
 * orientation (a CSR row or a CSC column is a "line": lines gather for A·x of CSR and Aᵀ·x of
 * CSC, scatter otherwise), call one kernels dispatcher, return y.
 *
 * @module
 */
import { toFloat64 } from '../../core/array.js';
import { ShapeError } from '../../core/errors.js';
import type { CompressedMatrix } from '../../formats/compressed.js';
import { COOMatrix } from '../../formats/coo.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { prescaleOutput } from '../../kernels/elementwise/elementwise.js';
import { resultZerosFloat64 } from '../../kernels/runtime/result-pool.js';
import { spmvGather, spmvGatherAsync, spmvScatter } from '../../kernels/spmv/dispatch.js';
import { spmvCooJs } from '../../kernels/spmv/rows.js';
import { type SpmvOptions, checkNoOverlap, spmvScalars } from './options.js';
import { byRows, checkSparse, linesOf } from './operand.js';
import { optionKeys, readOptions } from '../../core/options.js';

const SPMV_KEYS = optionKeys<SpmvOptions>({ out: true, alpha: true, beta: true, threads: true });

/** A checked product: operands, output and scalars (beta is 0 unless `out` was given). */
interface SpmvCall {
  A: SparseMatrix;
  x: Float64Array;
  y: Float64Array;
  alpha: number;
  beta: number;
  threads: number | 'auto' | undefined;
  /** The product reads the lines of a compressed A in gather form. */
  gather: boolean;
}

/** Check the inputs of y = alpha·op(A)·x + beta·y and choose the orientation. */
function prepare(A: SparseMatrix, x: Float64Array | ArrayLike<number>, options: SpmvOptions | undefined, transposed: boolean, fn: string): SpmvCall {
  readOptions(fn, options, SPMV_KEYS);
  const M = checkSparse(A);
  const xv = toFloat64(x, 'x', x instanceof Float64Array);
  const [m, n] = M.shape;
  const [rows, cols] = transposed ? [n, m] : [m, n];
  const op = transposed ? 'rmatvec' : 'matvec';
  if (xv.length !== cols) throw new ShapeError(op, transposed ? [n, m] : M.shape, xv.length);
  const { alpha, beta } = spmvScalars(options);
  checkNoOverlap(options?.out, xv);
  const y = options?.out ?? resultZerosFloat64(rows);
  if (y.length !== rows) throw new ShapeError(op, [rows], y.length, `do not match (out must have one entry per ${transposed ? 'column' : 'row'})`);
  const gather = M instanceof COOMatrix ? false : byRows(M as CompressedMatrix) !== transposed;
  return { A: M, x: xv, y, alpha, beta: options?.out ? beta : 0, threads: options?.threads, gather };
}

/** Run a checked product on one thread or the pool (synchronously). */
function run(c: SpmvCall, transposed: boolean): Float64Array {
  const { A, x, y, alpha, beta } = c;
  if (A instanceof COOMatrix) {
    A.checkIndices();
    prescaleOutput(y, beta);
    if (transposed) spmvCooJs(A.col, A.row, A.data, x, y, alpha);
    else spmvCooJs(A.row, A.col, A.data, x, y, alpha);
  } else if (c.gather) {
    spmvGather(linesOf(A as CompressedMatrix), x, y, alpha, beta, c.threads);
  } else {
    spmvScatter(linesOf(A as CompressedMatrix), x, y, alpha, beta, c.threads);
  }
  return y;
}

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
  return run(prepare(A, x, options, false, 'spmv'), false);
}

/**
 * Transposed product y = alpha·Aᵀ·x + beta·y (the body of `A.rmatvec`), same conventions as
 * {@link spmv} with the roles of rows and columns exchanged. O(nnz + rows + cols). @internal
 */
export function spmvTransposed(A: SparseMatrix, x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array {
  return run(prepare(A, x, options, true, 'rmatvec'), true);
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
  const c = prepare(A, x, options, false, 'spmvAsync');
  if (!c.gather) return run(c, false);
  await spmvGatherAsync(linesOf(c.A as CompressedMatrix), c.x, c.y, c.alpha, c.beta, c.threads);
  return c.y;
}
