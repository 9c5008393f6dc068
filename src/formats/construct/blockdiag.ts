/**
 * `blockDiag`: a block-diagonal matrix.
 *
 * @module
 */
import { CSRMatrix } from '../csr.js';
import { type FormatOptions, type SparseFormat, type SparseOfFormat, convertTo, readFormat } from './output.js';
import { type Block, concatMajor, hintOf, offsets, sparseBlocks, total } from './stack.js';

/**
 * The block-diagonal matrix diag(A0, A1, ...) (SciPy's `block_diag`): block b occupies the rows and
 * columns after those of the blocks before it; everything off the blocks is zero. Blocks may be
 * rectangular or empty, sparse or dense. The result is COO unless `format` says otherwise (as SciPy).
 *
 * Complexity: O(total nnz + total rows).
 *
 * @param blocks - a non-empty array of matrices.
 * @param options - `{ format: 'coo' (default) | 'csr' | 'csc' }`.
 * @throws {@link ArgumentError} on an empty list, a non-matrix block or an unknown format.
 * @throws {@link ResourceError} when the result exceeds 2^31 - 1 rows, columns or stored entries.
 *
 * @example
 * ```ts
 * import { blockDiag, csr } from 'sparsity';
 * const D = blockDiag([csr([[1, 2]]), [[3], [4]]]);
 * D.shape; // => [3, 3]
 * D.format; // => "coo"
 * D.toDense().data; // => [1, 2, 0, 0, 0, 3, 0, 0, 4]
 * ```
 */
export function blockDiag<F extends SparseFormat = 'coo'>(blocks: readonly Block[], options?: FormatOptions<F>): SparseOfFormat<F> {
  const list = sparseBlocks('blockDiag', blocks);
  const format = readFormat(options, 'coo', 'blockDiag');
  const rowSizes = list.map((B) => B.shape[0]);
  const colSizes = list.map((B) => B.shape[1]);
  const rows = total('blockDiag', 'rows', rowSizes);
  const cols = total('blockDiag', 'columns', colSizes);
  const parts = list.map((B) => B.toCSR());
  const c = concatMajor('blockDiag', parts, rowSizes, offsets(colSizes));
  return convertTo(new CSRMatrix({ ...c, shape: [rows, cols] }, hintOf(parts)), format) as SparseOfFormat<F>;
}
