/**
 * Concatenation of compressed matrices, shared by `hstack`, `vstack` and `blockDiag`.
 *
 * @module
 * @internal
 */
import { INT32_MAX } from '../../core/array.js';
import { ArgumentError, ResourceError } from '../../core/errors.js';
import { type CompressedHint } from '../compressed.js';
import { type Compressed, checkNnz } from '../convert.js';
import { CSCMatrix } from '../csc.js';
import { CSRMatrix } from '../csr.js';
import { type DenseInput } from '../dense.js';
import { type SparseMatrix, fromDense, isSparse } from '../factories.js';

/** What the stacking functions accept as blocks: sparse matrices, or dense ones (converted). */
export type Block = SparseMatrix | DenseInput;

/** Check a non-empty list of blocks and return them as sparse matrices. @internal */
export function sparseBlocks(op: string, blocks: readonly Block[]): SparseMatrix[] {
  if (!Array.isArray(blocks) || blocks.length === 0) throw new ArgumentError('blocks', blocks, `a non-empty array of matrices for ${op}`);
  return blocks.map((B, k) => {
    if (isSparse(B)) return B;
    if (B === null || typeof B !== 'object') throw new ArgumentError(`blocks[${k}]`, B, 'a sparse or dense matrix');
    return fromDense(B as DenseInput);
  });
}

/** Sum of sizes with an int32 check. @internal */
export function total(op: string, what: string, sizes: number[]): number {
  const s = sizes.reduce((a, b) => a + b, 0);
  if (s > INT32_MAX) throw new ResourceError(op, what, s, INT32_MAX);
  return s;
}

/** A hint for the result: canonical when every part is. @internal */
export function hintOf(parts: readonly (CSRMatrix | CSCMatrix)[]): CompressedHint | undefined {
  return parts.every((p) => p.hasCanonicalFormat) ? { canonical: true } : undefined;
}

/**
 * Lines of all parts one after another (the major axis grows); part b's minor indices are shifted
 * by `minorOffsets[b]` (or not at all). @internal
 */
export function concatMajor(op: string, parts: readonly (CSRMatrix | CSCMatrix)[], majorSizes: number[], minorOffsets: number[] | null): Compressed {
  const nMajor = total(op, 'the number of lines', majorSizes);
  const nnz = parts.reduce((s, p) => s + p.nnz, 0);
  checkNnz(op, nnz);
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let line = 0;
  let q = 0;
  parts.forEach((P, b) => {
    const off = minorOffsets ? minorOffsets[b]! : 0;
    const base = q;
    const len = P.nnz;
    if (off === 0) indices.set(P.indices, q);
    else for (let p = 0; p < len; p++) indices[q + p] = P.indices[p]! + off;
    data.set(P.data, q);
    q += len;
    for (let k = 0; k < majorSizes[b]!; k++) indptr[++line] = base + P.indptr[k + 1]!;
  });
  return { indptr, indices, data };
}

/**
 * Line k of the result is line k of every part, side by side (the minor axis grows); part b's
 * minor indices are shifted by `minorOffsets[b]`. All parts have `nMajor` lines. @internal
 */
export function concatMinor(op: string, parts: readonly (CSRMatrix | CSCMatrix)[], nMajor: number, minorOffsets: number[]): Compressed {
  const nnz = parts.reduce((s, p) => s + p.nnz, 0);
  checkNnz(op, nnz);
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let q = 0;
  for (let k = 0; k < nMajor; k++) {
    for (let b = 0; b < parts.length; b++) {
      const P = parts[b]!;
      const off = minorOffsets[b]!;
      const end = P.indptr[k + 1]!;
      for (let p = P.indptr[k]!; p < end; p++) {
        indices[q] = P.indices[p]! + off;
        data[q++] = P.data[p]!;
      }
    }
    indptr[k + 1] = q;
  }
  return { indptr, indices, data };
}

/** Running offsets 0, s0, s0+s1, ... @internal */
export function offsets(sizes: number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const v of sizes) {
    out.push(s);
    s += v;
  }
  return out;
}
