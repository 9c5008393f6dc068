/**
 * `identity`: the sparse identity matrix.
 *
 * @module
 */
import { checkDim } from '../../core/array.js';
import { CSRMatrix } from '../csr.js';
import { type FormatOptions, type SparseFormat, type SparseOfFormat, convertTo, readFormat } from './output.js';

/**
 * The n x n identity matrix I (ones on the diagonal), as CSR unless `format` says otherwise
 * (SciPy's `eye_array(n)`; SciPy's default format there is DIA, which this library does not have).
 *
 * Complexity: O(n).
 *
 * @param n - the order (a non-negative integer).
 * @param options - `{ format: 'csr' | 'csc' | 'coo' }` (default `'csr'`).
 * @throws {@link ArgumentError} when `n` is not a non-negative int32 integer or `format` is unknown.
 *
 * @example
 * ```ts
 * import { identity } from 'sparsity';
 * const I = identity(3);
 * I.nnz; // => 3
 * I.get(1, 1); // => 1
 * identity(2, { format: 'coo' }).format; // => "coo"
 * ```
 */
export function identity<F extends SparseFormat = 'csr'>(n: number, options?: FormatOptions<F>): SparseOfFormat<F> {
  checkDim('n', n);
  const format = readFormat(options, 'csr', 'identity');
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    indptr[i + 1] = i + 1;
    indices[i] = i;
  }
  const A = new CSRMatrix({ indptr, indices, data: new Float64Array(n).fill(1), shape: [n, n] }, { canonical: true });
  return convertTo(A, format) as SparseOfFormat<F>;
}
