/**
 * `spsolve(A, b)`: solve a sparse linear system by a direct factorization.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import type { CSCMatrix, DenseInput, NdArray, SparseMatrix } from '../../formats/index.js';
import { factorAuto, factorOrSolve, type FactorizedOptions } from './factorized.js';
import { squareCSC } from './input.js';
import { type DirectRHS, isVectorLike, solveRHS } from './rhs.js';

/**
 * Solve A·x = b for a square sparse A (SciPy's `scipy.sparse.linalg.spsolve`): sparse Cholesky
 * when A is symmetric with a positive diagonal and the factorization succeeds, sparse LU with
 * threshold partial pivoting otherwise (see {@link factorized} to reuse the factorization).
 *
 * Cost: one factorization plus two triangular solves per column of b. b may be a vector (the
 * result is a Float64Array), a dense n x k matrix (an ndarray) or a sparse matrix (a CSCMatrix,
 * as SciPy returns for sparse b).
 *
 * @param A - n x n sparse matrix (never modified)
 * @param b - right-hand side(s)
 * @param options - `method`: `'auto'` (default), `'cholesky'` or `'lu'`
 * @throws {@link ShapeError} when A is not square or b has the wrong number of rows;
 *   {@link ArgumentError} when A is singular (naming the column where it was detected), on
 *   NaN/Infinity or an unknown option.
 *
 * @example
 * ```ts
 * import { csr, spsolve } from 'sparsity';
 * const A = csr([[3, 1, 0], [1, 3, 1], [0, 1, 3]]);
 * Array.from(spsolve(A, [4, 5, 4])).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1, 1]
 * const N = csr([[0, 1], [2, 0]]);
 * Array.from(spsolve(N, [1, 4])); // => [2, 1]
 * ```
 */
export function spsolve(A: SparseMatrix, b: VectorLike, options?: FactorizedOptions): Float64Array;
export function spsolve(A: SparseMatrix, b: DenseInput, options?: FactorizedOptions): NdArray;
export function spsolve(A: SparseMatrix, b: SparseMatrix, options?: FactorizedOptions): CSCMatrix;
export function spsolve(A: SparseMatrix, b: DirectRHS, options?: FactorizedOptions): Float64Array | NdArray | CSCMatrix;
export function spsolve(A: SparseMatrix, b: DirectRHS, options?: FactorizedOptions): Float64Array | NdArray | CSCMatrix {
  // Check b's shape before factoring (a mismatch should not cost a factorization).
  const C = squareCSC('spsolve', A);
  const n = C.shape[0];
  if (isVectorLike(b)) {
    // A copy of b (solveRHS checks it is finite); the LU path may solve with it where its
    // factors were computed.
    const x = solveRHS('spsolve', n, b, () => {}) as Float64Array;
    const factor = factorOrSolve('spsolve', C, options, true, x);
    return factor ? factor.solveInPlace(x) : x;
  }
  // The factorization is used once: its WASM memory goes back right after the solve.
  const factor = factorAuto('spsolve', C, options, true);
  try {
    return factor.solve(b);
  } finally {
    factor.dispose();
  }
}
