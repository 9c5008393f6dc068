/**
 * Argument checks and orientation helpers shared by the sparse products: what a product needs
 * from a matrix (its compressed lines, in the kernels' terms) and how it builds a result in the
 * operand's format.
 *
 * @module
 * @internal
 */
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { type CompressedHint, CompressedMatrix } from '../../formats/compressed.js';
import type { Compressed } from '../../formats/convert.js';
import { CSCMatrix } from '../../formats/csc.js';
import { CSRMatrix } from '../../formats/csr.js';
import { type SparseMatrix, isSparse } from '../../formats/factories.js';
import type { Lines } from '../../kernels/spmv/dispatch.js';

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

/** True for CSR (lines are rows), false for CSC (lines are columns). @internal */
export function byRows(A: CompressedMatrix): boolean {
  return A.format === 'csr';
}

/** The compressed arrays of `A` with their line counts, as the kernels take them. @internal */
export function linesOf(A: CompressedMatrix): Lines {
  const [m, n] = A.shape;
  const rows = byRows(A);
  return { indptr: A.indptr, indices: A.indices, data: A.data, nMajor: rows ? m : n, nMinor: rows ? n : m };
}

/** A matrix in `like`'s format (CSR or CSC) from compressed arrays along that format's lines. @internal */
export function compressedLike<M extends CompressedMatrix>(like: M, c: Compressed, shape: readonly [number, number], hint?: CompressedHint): M {
  const init = { indptr: c.indptr, indices: c.indices, data: c.data, shape };
  return (byRows(like) ? new CSRMatrix(init, hint) : new CSCMatrix(init, hint)) as unknown as M;
}

/** `B` in `A`'s compressed format, canonical, after checking that the shapes match. @internal */
export function sameFormat(op: string, A: CompressedMatrix, B: unknown): CompressedMatrix {
  const b = checkSparse(B, 'B');
  if (b.shape[0] !== A.shape[0] || b.shape[1] !== A.shape[1]) throw new ShapeError(op, A.shape, b.shape);
  return (byRows(A) ? b.toCSR() : b.toCSC()).sumDuplicates();
}
