/**
 * Sparse triangular solves.
 *
 * @module
 */
import { toFloat64 } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { type DenseInput, type NdArray, asDenseMatrix, toNdarray } from '../../formats/dense.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { trisolveCsr } from '../../kernels/trisolve/trisolve.js';
import { checkSparse } from './operand.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Options of {@link spsolveTriangular}. */
export interface TriangularOptions {
  /** Use the lower triangle and forward substitution (default true); false: upper, backward. */
  lower?: boolean;
  /** Take the diagonal as all ones (stored diagonal entries are ignored). Default false. */
  unitDiagonal?: boolean;
}

/**
 * Solve L·x = b for a sparse triangular L (as SciPy's `spsolve_triangular`), by forward
 * (`lower`, default) or backward substitution over the rows of L (CSC and COO are converted to
 * CSR). Only the chosen triangle is read, like LAPACK's `trtrs`: entries on the other side of the
 * diagonal are ignored. Duplicates add up. `b` may be a vector (gives a Float64Array) or a dense
 * matrix of several right-hand sides (`ndarray` / `number[][]`, gives an `ndarray`).
 * O(nnz(L)·k + n·k) for k right-hand sides.
 *
 * @throws {@link ShapeError} when L is not square or b has the wrong length; {@link ArgumentError}
 *   on a zero (or missing) diagonal entry (L singular), naming the row.
 *
 * @example
 * ```ts
 * import { csr, spsolveTriangular } from 'sparsity';
 * const L = csr([[2, 0, 0], [1, 1, 0], [0, 3, 4]]);
 * Array.from(spsolveTriangular(L, [2, 3, 10])); // => [1, 2, 1]
 * Array.from(spsolveTriangular(L.transpose(), [2, 3, 4], { lower: false })); // => [1, 0, 1]
 * ```
 */
export function spsolveTriangular(L: SparseMatrix, b: Float64Array | readonly number[], options?: TriangularOptions): Float64Array;
export function spsolveTriangular(L: SparseMatrix, b: DenseInput, options?: TriangularOptions): NdArray;
export function spsolveTriangular(L: SparseMatrix, b: Float64Array | readonly number[] | DenseInput, options: TriangularOptions = {}): Float64Array | NdArray {
  readOptions('spsolveTriangular', options, optionKeys<TriangularOptions>({ lower: true, unitDiagonal: true }));
  const A = checkSparse(L, 'L').toCSR();
  const [n, n2] = A.shape;
  if (n !== n2) throw new ShapeError('spsolveTriangular', A.shape, [n, n], 'do not match (L must be square)');
  const lower = options.lower ?? true;
  const unit = options.unitDiagonal ?? false;
  if (typeof lower !== 'boolean') throw new ArgumentError('lower', lower, 'a boolean');
  if (typeof unit !== 'boolean') throw new ArgumentError('unitDiagonal', unit, 'a boolean');
  const vector = b instanceof Float64Array || (Array.isArray(b) && (b.length === 0 || typeof b[0] === 'number'));
  let X: Float64Array;
  let k = 1;
  if (vector) {
    X = Float64Array.from(toFloat64(b as Float64Array | readonly number[], 'b'));
    if (X.length !== n) throw new ShapeError('spsolveTriangular', A.shape, X.length);
  } else {
    const d = asDenseMatrix(b as DenseInput, 'b');
    if (d.rows !== n) throw new ShapeError('spsolveTriangular', A.shape, [d.rows, d.cols]);
    X = d.data.slice();
    k = d.cols;
  }
  const r = trisolveCsr(A.indptr, A.indices, A.data, n, X, k, lower, unit, true);
  if (r >= 0) throw new ArgumentError(`L[${r}][${r}]`, 0, 'a nonzero diagonal entry (L is singular)');
  return vector ? X : toNdarray({ rows: n, cols: k, data: X });
}
