/**
 * Sparse–sparse matrix products (SpGEMM): the one body behind `spgemm`, `spgemmWithStats`,
 * `spgemmAsync` and `A.matmul(B)` for sparse B. Check the operands, orient them for the CSR
 * kernel (CSC through Cᵀ = Bᵀ·Aᵀ), call the kernel, wrap the result in A's format.
 *
 * @module
 */
import { ShapeError } from '../../core/errors.js';
import type { CompressedMatrix } from '../../formats/compressed.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { type CsrArrays, type SpgemmKernelResult, type SpgemmStats, spgemmKernel, spgemmKernelAsync } from '../../kernels/spgemm/spgemm.js';
import { type SpgemmOptions, checkSpgemmOptions } from './options.js';
import { asCompressed, byRows, checkSparse, compressedLike } from './operand.js';
import { optionKeys, readOptions } from '../../core/options.js';

const SPGEMM_KEYS = optionKeys<SpgemmOptions>({ accumulator: true, sorted: true, threads: true });

/** Operands of A·B in CSR-kernel orientation, and how to wrap the kernel's result. */
interface SpgemmCall {
  left: CsrArrays;
  right: CsrArrays;
  m: number;
  k: number;
  n: number;
  wrap: (r: SpgemmKernelResult) => CompressedMatrix;
}

/**
 * Check A·B and orient it: for CSR, A's rows times B converted to CSR; for CSC, the transpose
 * identity Cᵀ = Bᵀ·Aᵀ (B converted to CSC, whose arrays are the CSR arrays of Bᵀ).
 */
function prepare(fn: string, A: SparseMatrix, B: SparseMatrix, options: SpgemmOptions | undefined): SpgemmCall {
  readOptions(fn, options, SPGEMM_KEYS);
  const a = asCompressed(A);
  checkSparse(B, 'B');
  checkSpgemmOptions(options);
  const [m, k] = a.shape;
  if (B.shape[0] !== k) throw new ShapeError('matmul', a.shape, B.shape, 'are not aligned');
  const n = B.shape[1];
  const shape: [number, number] = [m, n];
  const wrap = (r: SpgemmKernelResult): CompressedMatrix =>
    compressedLike(a, { indptr: r.indptr, indices: r.indices, data: r.data }, shape, { canonical: r.sorted });
  const own = { indptr: a.indptr, indices: a.indices, data: a.data };
  if (byRows(a)) {
    const b = B.toCSR();
    return { left: own, right: { indptr: b.indptr, indices: b.indices, data: b.data }, m, k, n, wrap };
  }
  const b = B.toCSC();
  return { left: { indptr: b.indptr, indices: b.indices, data: b.data }, right: own, m: n, k, n: m, wrap };
}

/**
 * Sparse matrix product C = A·B (SpGEMM), row by row (Gustavson).
 *
 * For each row i, flops(i) = Σ_{k ∈ A(i,:)} nnz(B(k,:)) partial products are merged as they are
 * produced, in a per-row accumulator: an open-addressing hash table (next power of two ≥
 * 2·flops(i) slots, multiplicative hash, linear probing) or a dense accumulator (stamped,
 * reused across rows without clearing). `'auto'` uses the dense one for results with up to 2^17
 * columns (measured faster there) and beyond that whenever the row's table would reach 1/16 of
 * the column count. A symbolic pass counts each row, prefix sums place the rows, and a numeric
 * pass fills them; rows are split over threads by prefix-summed flops. Inputs may be unsorted or
 * hold duplicates. Entries that sum to exactly zero are dropped (as SciPy does); explicit zeros
 * are otherwise kept.
 *
 * Formats: CSR (and COO, converted) gives CSR; CSC gives CSC through the transpose identity
 * Cᵀ = Bᵀ·Aᵀ; B is converted to A's format.
 *
 * Complexity O(flops + nnz(C) + rows) time (plus O(nnz(C)·log) for sorting), O(nnz(C) + cols)
 * memory per thread.
 *
 * @param A - m x k sparse matrix.
 * @param B - k x n sparse matrix.
 * @param options - `{ accumulator: 'auto' | 'hash' | 'dense', sorted = true, threads }`
 *   ({@link SpgemmOptions}); with `sorted: false` rows keep the order in which columns first
 *   appeared and the result is marked non-canonical.
 * @throws {@link ShapeError} when cols(A) !== rows(B); {@link ResourceError} (before allocating)
 *   when nnz(C) would exceed 2^31 − 1 or memory; {@link ArgumentError} on bad options.
 *
 * @example
 * ```ts
 * import { csr, spgemm } from 'sparsity';
 * const A = csr([[1, 2], [0, 3]]);
 * const C = spgemm(A, A);
 * Array.from(C.toDense().data); // => [1, 8, 0, 9]
 * // exact cancellation is dropped: [1, 1] · [[1], [-1]] = 0
 * spgemm(csr([[1, 1]]), csr([[1], [-1]])).nnz; // => 0
 * ```
 */
export function spgemm<M extends CompressedMatrix>(A: M, B: SparseMatrix, options?: SpgemmOptions): M;
export function spgemm(A: SparseMatrix, B: SparseMatrix, options?: SpgemmOptions): CompressedMatrix;
export function spgemm(A: SparseMatrix, B: SparseMatrix, options?: SpgemmOptions): CompressedMatrix {
  return spgemmWithStats(A, B, options).matrix;
}

/**
 * {@link spgemm} that also reports what it did: flops, how many rows used the hash and the dense
 * accumulator, nnz(C), the backend and the thread count.
 *
 * @throws as {@link spgemm}.
 *
 * @example
 * ```ts
 * import { csr, spgemmWithStats } from 'sparsity';
 * const A = csr([[1, 2], [0, 3]]);
 * const { matrix, stats } = spgemmWithStats(A, A, { accumulator: 'hash' });
 * matrix.nnz; // => 3
 * stats.flops; // => 4
 * stats.hashRows; // => 2
 * ```
 */
export function spgemmWithStats(A: SparseMatrix, B: SparseMatrix, options?: SpgemmOptions): { matrix: CompressedMatrix; stats: SpgemmStats } {
  const o = prepare('spgemm', A, B, options);
  const r = spgemmKernel(o.left, o.right, o.m, o.k, o.n, options);
  return { matrix: o.wrap(r), stats: r.stats };
}

/**
 * Asynchronous {@link spgemm}: the parallel passes run on the worker pool while the calling thread
 * stays free. Same result as `spgemm` with the same options.
 *
 * @throws as {@link spgemm}; rejects when a worker fails.
 *
 * @example
 * ```ts
 * import { csr, spgemmAsync } from 'sparsity';
 * const A = csr([[1, 2], [0, 3]]);
 * const C = await spgemmAsync(A, A, { threads: 2 });
 * C.get(0, 1); // => 8
 * ```
 */
export async function spgemmAsync(A: SparseMatrix, B: SparseMatrix, options?: SpgemmOptions): Promise<CompressedMatrix> {
  const o = prepare('spgemmAsync', A, B, options);
  return o.wrap(await spgemmKernelAsync(o.left, o.right, o.m, o.k, o.n, options));
}
