/**
 * `vstack`: matrices on top of each other.
 *
 * @module
 */
import { ShapeError } from '../../core/errors.js';
import { CSCMatrix } from '../csc.js';
import { CSRMatrix } from '../csr.js';
import type { SparseMatrix } from '../factories.js';
import { type FormatOptions, type SparseFormat, type SparseOfFormat, convertTo, readFormat } from './output.js';
import { type Block, concatMajor, concatMinor, hintOf, offsets, sparseBlocks, total } from './stack.js';

/**
 * Stack matrices vertically, `[A0; A1; ...]` (SciPy's `vstack`): all blocks have the same number of
 * columns; the result has the sum of their rows. Without `format`, the result is CSR when every
 * block is CSR, CSC when every block is CSC, and COO otherwise (as SciPy). Dense blocks are accepted.
 *
 * Complexity: O(total nnz + rows) (plus conversions of blocks to CSR when needed).
 *
 * @param blocks - a non-empty array of matrices with equal column counts.
 * @param options - `{ format: 'csr' | 'csc' | 'coo' }`.
 * @throws {@link ShapeError} when the column counts differ.
 * @throws {@link ArgumentError} on an empty list, a non-matrix block or an unknown format.
 * @throws {@link ResourceError} when the result exceeds 2^31 - 1 rows or stored entries.
 *
 * @example
 * ```ts
 * import { vstack, csr, identity } from 'sparsity';
 * const V = vstack([identity(2), csr([[5, 6]])]);
 * V.shape; // => [3, 2]
 * V.toDense().data; // => [1, 0, 0, 1, 5, 6]
 * vstack([identity(2, { format: 'csc' }), identity(2, { format: 'csc' })]).format; // => "csc"
 * ```
 */
export function vstack(blocks: readonly Block[], options?: FormatOptions<never>): SparseMatrix;
export function vstack<F extends SparseFormat>(blocks: readonly Block[], options: FormatOptions<F>): SparseOfFormat<F>;
export function vstack(blocks: readonly Block[], options?: FormatOptions): SparseMatrix {
  const list = sparseBlocks('vstack', blocks);
  const cols = list[0]!.shape[1];
  for (const B of list) if (B.shape[1] !== cols) throw new ShapeError('vstack', list[0]!.shape, B.shape, 'have different numbers of columns');
  const allCSR = list.every((B) => B instanceof CSRMatrix);
  const allCSC = list.every((B) => B instanceof CSCMatrix);
  const format = readFormat(options, allCSR ? 'csr' : allCSC ? 'csc' : 'coo', 'vstack');
  const rowSizes = list.map((B) => B.shape[0]);
  const rows = total('vstack', 'rows', rowSizes);
  if (allCSC && format !== 'csr') {
    // Each column is the columns of the blocks one after another.
    const parts = list as CSCMatrix[];
    const c = concatMinor('vstack', parts, cols, offsets(rowSizes));
    return convertTo(new CSCMatrix({ ...c, shape: [rows, cols] }, hintOf(parts)), format);
  }
  const parts = list.map((B) => B.toCSR());
  const c = concatMajor('vstack', parts, rowSizes, null);
  return convertTo(new CSRMatrix({ ...c, shape: [rows, cols] }, hintOf(parts)), format);
}
