/**
 * The Jacobi (diagonal) preconditioner M = diag(A)⁻¹.
 *
 * @module
 */
import { assertFinite, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { CompressedMatrix } from '../../formats/compressed.js';
import { COOMatrix } from '../../formats/coo.js';
import { asDenseMatrix, type DenseInput, isDenseMatrix, isNdarray } from '../../formats/dense.js';
import type { SparseMatrix } from '../../formats/factories.js';
import type { LinearOperator } from './linear-operator.js';

/** A diagonal preconditioner: a {@link LinearOperator} that multiplies by `inverseDiagonal`. */
export interface JacobiPreconditioner extends LinearOperator {
  /** 1 / Aᵢᵢ (1 where Aᵢᵢ = 0). */
  readonly inverseDiagonal: Float64Array;
}

/**
 * The Jacobi preconditioner M = diag(A)⁻¹ for {@link cg}: M·r = r ⊘ diag(A).
 *
 * Zero diagonal entries (an empty row and column of a positive semi-definite matrix) get the
 * factor 1, so M stays positive definite. O(nnz) to build for sparse A (O(n) for a diagonal
 * vector), O(n) per application.
 *
 * @param A - a square sparse or dense matrix, or its diagonal as a vector
 * @returns a LinearOperator with `matvec(r) = r / diag(A)` and its `inverseDiagonal`
 * @throws {@link ShapeError} when A is not square; {@link ArgumentError} on NaN/Infinity on the diagonal.
 *
 * @example
 * ```ts
 * import { jacobiPreconditioner, csr } from 'sparsity';
 * const M = jacobiPreconditioner(csr([[4, 1], [1, 2]]));
 * Array.from(M.matvec(new Float64Array([4, 4]))); // => [1, 2]
 * Array.from(jacobiPreconditioner([2, 0, 5]).inverseDiagonal); // => [0.5, 1, 0.2]
 * ```
 */
export function jacobiPreconditioner(A: SparseMatrix | DenseInput | VectorLike): JacobiPreconditioner {
  let diag: Float64Array;
  if (A instanceof CompressedMatrix || A instanceof COOMatrix) {
    const [m, n] = A.shape;
    if (m !== n) throw new ShapeError('jacobiPreconditioner', A.shape, A.shape, 'is not square');
    diag = A.diagonal();
  } else if (A instanceof Float64Array || (Array.isArray(A) && (A.length === 0 || typeof A[0] === 'number'))) {
    diag = Float64Array.from(toFloat64(A as VectorLike, 'diagonal'));
  } else if (isNdarray(A) || isDenseMatrix(A) || Array.isArray(A)) {
    const d = asDenseMatrix(A as DenseInput, 'A');
    if (d.rows !== d.cols) throw new ShapeError('jacobiPreconditioner', [d.rows, d.cols], [d.rows, d.cols], 'is not square');
    diag = new Float64Array(d.rows);
    for (let i = 0; i < d.rows; i++) diag[i] = d.data[i * d.cols + i]!;
  } else {
    throw new ArgumentError('A', A, 'a square sparse or dense matrix, or its diagonal');
  }
  assertFinite(diag, 'diag(A)');
  const n = diag.length;
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = diag[i] === 0 ? 1 : 1 / diag[i]!;
  const apply = (r: Float64Array): Float64Array => {
    if (r.length !== n) throw new ShapeError('jacobiPreconditioner', [n, n], r.length);
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = r[i]! * inv[i]!;
    return z;
  };
  return { shape: Object.freeze([n, n]) as readonly [number, number], matvec: apply, rmatvec: apply, inverseDiagonal: inv };
}
