/**
 * Elementwise operations on sparse matrices.
 *
 * @module
 */
import { checkNumber } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import type { COOMatrix } from '../../formats/coo.js';
import type { CSCMatrix } from '../../formats/csc.js';
import type { CSRMatrix } from '../../formats/csr.js';
import { type DenseInput, asDenseMatrix } from '../../formats/dense.js';
import { type SparseMatrix, isSparse } from '../../formats/factories.js';
import { type MergeOp, mapValues, mergeLines, multiplyDense, scaleValues } from '../../kernels/elementwise/elementwise.js';
import { asCompressed, byRows, checkSparse, compressedLike, sameFormat } from './operand.js';

/**
 * A ∘ B for sparse operands of the same shape (op 0: +, 1: −, 2: elementwise ×), in A's
 * compressed format (COO as CSR), canonical, exact zeros removed: one merge of sorted lines.
 */
function merge(name: string, A: unknown, B: unknown, op: MergeOp): CSRMatrix | CSCMatrix {
  const a = asCompressed(A);
  const b = sameFormat(name, a, B);
  const nMajor = byRows(a) ? a.shape[0] : a.shape[1];
  const s = a.sumDuplicates();
  return compressedLike(a as CSRMatrix | CSCMatrix, mergeLines({ indptr: s.indptr, indices: s.indices, data: s.data }, { indptr: b.indptr, indices: b.indices, data: b.data }, nMajor, op), a.shape, { canonical: true });
}

/**
 * Sum A + B of two sparse matrices of the same shape, in A's format (COO gives CSR), canonical,
 * entries that cancel to exactly zero removed. O(nnz(A) + nnz(B) + rows + cols).
 *
 * @throws {@link ShapeError} when the shapes differ; {@link ArgumentError} for non-sparse operands.
 *
 * @example
 * ```ts
 * import { csr, add } from 'sparsity';
 * const C = add(csr([[1, 0], [0, 2]]), csr([[0, 3], [0, -2]]));
 * C.nnz; // => 2
 * Array.from(C.toDense().data); // => [1, 3, 0, 0]
 * ```
 */
export function add<M extends CSRMatrix | CSCMatrix>(A: M, B: SparseMatrix): M;
export function add(A: COOMatrix, B: SparseMatrix): CSRMatrix;
export function add(A: SparseMatrix, B: SparseMatrix): SparseMatrix;
export function add(A: SparseMatrix, B: SparseMatrix): SparseMatrix {
  return merge('add', A, checkSparse(B, 'B'), 0);
}

/**
 * Difference A − B (same conventions as {@link add}).
 *
 * @throws {@link ShapeError} when the shapes differ.
 *
 * @example
 * ```ts
 * import { csr, sub } from 'sparsity';
 * const A = csr([[1, 2]]);
 * sub(A, A).nnz; // => 0
 * ```
 */
export function sub<M extends CSRMatrix | CSCMatrix>(A: M, B: SparseMatrix): M;
export function sub(A: COOMatrix, B: SparseMatrix): CSRMatrix;
export function sub(A: SparseMatrix, B: SparseMatrix): SparseMatrix;
export function sub(A: SparseMatrix, B: SparseMatrix): SparseMatrix {
  return merge('sub', A, checkSparse(B, 'B'), 1);
}

/**
 * Elementwise (Hadamard) product A ∘ B with a sparse or dense B of the same shape, as a sparse
 * matrix in A's format (COO gives CSR), canonical, exact zeros removed. O(nnz(A) + nnz(B) + rows + cols).
 *
 * @throws {@link ShapeError} when the shapes differ.
 *
 * @example
 * ```ts
 * import { csr, multiply } from 'sparsity';
 * const C = multiply(csr([[1, 2], [3, 0]]), [[2, 0], [1, 5]]);
 * Array.from(C.toDense().data); // => [2, 0, 3, 0]
 * C.nnz; // => 2
 * ```
 */
export function multiply<M extends CSRMatrix | CSCMatrix>(A: M, B: SparseMatrix | DenseInput): M;
export function multiply(A: COOMatrix, B: SparseMatrix | DenseInput): CSRMatrix;
export function multiply(A: SparseMatrix, B: SparseMatrix | DenseInput): SparseMatrix;
export function multiply(A: SparseMatrix, B: SparseMatrix | DenseInput): SparseMatrix {
  checkSparse(A);
  if (isSparse(B)) return merge('multiply', A, B, 2);
  const a = asCompressed(A);
  const s = a.sumDuplicates();
  const d = asDenseMatrix(B as DenseInput, 'B');
  if (d.rows !== a.shape[0] || d.cols !== a.shape[1]) throw new ShapeError('multiply', a.shape, [d.rows, d.cols]);
  const rows = byRows(a);
  return compressedLike(a as CSRMatrix | CSCMatrix, multiplyDense({ indptr: s.indptr, indices: s.indices, data: s.data }, rows ? a.shape[0] : a.shape[1], d.data, d.cols, rows), a.shape, { canonical: true });
}

/**
 * The matrix times a scalar, s·A, in A's format with A's structure. O(nnz).
 *
 * @throws {@link ArgumentError} when `s` is not a finite number.
 *
 * @example
 * ```ts
 * import { csr, scale } from 'sparsity';
 * Array.from(scale(csr([[1, 0], [0, 2]]), 3).data); // => [3, 6]
 * ```
 */
export function scale<M extends SparseMatrix>(A: M, s: number): M;
export function scale(A: SparseMatrix, s: number): SparseMatrix {
  checkSparse(A);
  checkNumber('s', s);
  return withValues(A, scaleValues(A.data, s));
}

/** A matrix of A's format and structure with new values (structure facts kept). */
function withValues<M extends SparseMatrix>(A: M, data: Float64Array): M {
  return (A as SparseMatrix).withData(data) as M;
}

/**
 * Elementwise absolute value |A| (of the stored values; same format and structure). O(nnz).
 *
 * @throws {@link ArgumentError} for a non-sparse `A`.
 *
 * @example
 * ```ts
 * import { csr, abs } from 'sparsity';
 * Array.from(abs(csr([[-1, 0], [0, 2]])).data); // => [1, 2]
 * ```
 */
export function abs<M extends SparseMatrix>(A: M): M {
  checkSparse(A);
  return withValues(A, mapValues(A.data, Math.abs));
}

/**
 * Elementwise power: each stored value raised to `p` (as SciPy's `A.power(p)`; same format and
 * structure; duplicates are summed first so that the power applies to the matrix entries).
 * O(nnz). p = 0 is refused because it would turn every implicit zero into one.
 *
 * @throws {@link ArgumentError} when `p` is 0 or not finite.
 *
 * @example
 * ```ts
 * import { csr, power } from 'sparsity';
 * Array.from(power(csr([[2, 0], [0, 3]]), 2).data); // => [4, 9]
 * ```
 */
export function power<M extends SparseMatrix>(A: M, p: number): M {
  checkSparse(A);
  checkNumber('p', p);
  if (p === 0) throw new ArgumentError('p', p, 'a nonzero exponent (0 would densify the matrix)');
  const S = A.sumDuplicates() as M;
  return withValues(S, mapValues(S.data, (v) => v ** p));
}
