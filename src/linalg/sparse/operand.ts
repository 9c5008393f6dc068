/**
 * Argument checks shared by the sparse functions.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/errors.js';
import { CompressedMatrix } from '../../formats/compressed.js';
import { type SparseMatrix, isSparse } from '../../formats/factories.js';

/** Throw ArgumentError unless `A` is a CSR, CSC or COO matrix of this library. @internal */
export function checkSparse(A: unknown, name = 'A'): SparseMatrix {
  if (!isSparse(A)) throw new ArgumentError(name, A, 'a sparse matrix (CSR, CSC or COO)');
  return A;
}

/** `A` as a compressed matrix (COO converted to CSR). @internal */
export function asCompressed(A: unknown, name = 'A'): CompressedMatrix {
  const s = checkSparse(A, name);
  return s instanceof CompressedMatrix ? s : s.toCSR();
}
