/**
 * Reductions of sparse matrices: sums and norms.
 *
 * @module
 */
import { ArgumentError } from '../../core/errors.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { nrm2Kernel } from '../../kernels/blas1.js';
import { lineSums } from '../../kernels/elementwise/elementwise.js';
import { asCompressed } from './operand.js';

/**
 * Sum of the entries: all of them (no axis), per column (`axis = 0`, a Float64Array of length
 * cols) or per row (`axis = 1`, length rows), as NumPy/SciPy. O(nnz + rows + cols).
 *
 * @throws {@link ArgumentError} when `axis` is not 0, 1 or undefined.
 *
 * @example
 * ```ts
 * import { csr, sum } from 'sparsity';
 * const A = csr([[1, 0, 2], [0, 3, 0]]);
 * sum(A); // => 6
 * Array.from(sum(A, 0)); // => [1, 3, 2]
 * Array.from(sum(A, 1)); // => [3, 3]
 * ```
 */
export function sum(A: SparseMatrix): number;
export function sum(A: SparseMatrix, axis: 0 | 1): Float64Array;
export function sum(A: SparseMatrix, axis?: 0 | 1): number | Float64Array {
  const a = asCompressed(A);
  if (axis === undefined) {
    let s = 0;
    for (let p = 0; p < a.data.length; p++) s += a.data[p]!;
    return s;
  }
  if (axis !== 0 && axis !== 1) throw new ArgumentError('axis', axis, '0, 1 or undefined');
  const [m, n] = a.shape;
  const byRow = a.format === 'csr';
  const nMajor = byRow ? m : n;
  const nMinor = byRow ? n : m;
  // Row sums of CSR and column sums of CSC are per line; the others scatter over the minor axis.
  return lineSums(a, nMajor, nMinor, (axis === 1) === byRow);
}

/**
 * Matrix norm: `'fro'` (default) √(Σ a_ij²), `1` the largest column sum of |a_ij|, `Infinity` the
 * largest row sum of |a_ij| (and `-1`, `-Infinity` the smallest), as SciPy's `sparse.linalg.norm`.
 * Duplicates are summed first. The Frobenius norm is computed without overflow or underflow
 * (rescaled when needed). O(nnz + rows + cols).
 *
 * @throws {@link ArgumentError} for any other `ord`.
 *
 * @example
 * ```ts
 * import { csr, norm } from 'sparsity';
 * const A = csr([[3, 0], [-4, 1]]);
 * norm(A); // => Math.sqrt(26)
 * norm(A, 1); // => 7
 * norm(A, Infinity); // => 5
 * ```
 */
export function norm(A: SparseMatrix, ord: 'fro' | 1 | -1 | number = 'fro'): number {
  const a = asCompressed(A).sumDuplicates();
  const [m, n] = a.shape;
  if (ord === 'fro') return nrm2Kernel(a.data);
  if (ord !== 1 && ord !== -1 && ord !== Infinity && ord !== -Infinity) {
    throw new ArgumentError('ord', ord, "'fro', 1, -1, Infinity or -Infinity");
  }
  if (m === 0 || n === 0) return 0;
  const byRow = a.format === 'csr';
  const perRow = ord === Infinity || ord === -Infinity;
  const sums = lineSums(a, byRow ? m : n, byRow ? n : m, perRow === byRow, true);
  let best = ord > 0 ? 0 : Infinity;
  for (let i = 0; i < sums.length; i++) best = ord > 0 ? Math.max(best, sums[i]!) : Math.min(best, sums[i]!);
  return best;
}
