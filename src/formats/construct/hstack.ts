/**
 * `hstack`: matrices side by side.
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
 * Stack matrices horizontally, `[A0, A1, ...]` (SciPy's `hstack`): all blocks have the same number
 * of rows; the result has the sum of their columns. Without `format`, the result is CSR when every
 * block is CSR, CSC when every block is CSC, and COO otherwise (as SciPy). Dense blocks are accepted.
 *
 * Complexity: O(total nnz + rows·blocks) (plus conversions of blocks to CSR when needed).
 *
 * @param blocks - a non-empty array of matrices with equal row counts.
 * @param options - `{ format: 'csr' | 'csc' | 'coo' }`.
 * @throws {@link ShapeError} when the row counts differ.
 * @throws {@link ArgumentError} on an empty list, a non-matrix block or an unknown format.
 * @throws {@link ResourceError} when the result exceeds 2^31 - 1 columns or stored entries.
 *
 * @example
 * ```ts
 * import { hstack, csr, identity } from 'sparsity';
 * const H = hstack([identity(2), csr([[5], [6]])]);
 * H.shape; // => [2, 3]
 * H.format; // => "csr"
 * H.toDense().data; // => [1, 0, 5, 0, 1, 6]
 * ```
 */
export function hstack(blocks: readonly Block[], options?: FormatOptions<never>): SparseMatrix;
export function hstack<F extends SparseFormat>(blocks: readonly Block[], options: FormatOptions<F>): SparseOfFormat<F>;
export function hstack(blocks: readonly Block[], options?: FormatOptions): SparseMatrix {
  const list = sparseBlocks('hstack', blocks);
  const rows = list[0]!.shape[0];
  for (const B of list) if (B.shape[0] !== rows) throw new ShapeError('hstack', list[0]!.shape, B.shape, 'have different numbers of rows');
  const allCSR = list.every((B) => B instanceof CSRMatrix);
  const allCSC = list.every((B) => B instanceof CSCMatrix);
  const format = readFormat(options, allCSR ? 'csr' : allCSC ? 'csc' : 'coo', 'hstack');
  const colSizes = list.map((B) => B.shape[1]);
  const cols = total('hstack', 'columns', colSizes);
  if (allCSC && format !== 'csr') {
    // Columns one after another: concatenate the CSC arrays.
    const parts = list as CSCMatrix[];
    const c = concatMajor('hstack', parts, colSizes, null);
    return convertTo(new CSCMatrix({ ...c, shape: [rows, cols] }, hintOf(parts)), format);
  }
  const parts = list.map((B) => B.toCSR());
  const c = concatMinor('hstack', parts, rows, offsets(colSizes));
  return convertTo(new CSRMatrix({ ...c, shape: [rows, cols] }, hintOf(parts)), format);
}
