/**
 * `factorized(A)`: factor once, solve many times, with Cholesky when A is symmetric positive
 * definite and LU otherwise.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { ArgumentError, DisposedError } from '../../core/index.js';
import { installDispose } from '../../core/dispose.js';
import type { CSCMatrix, DenseInput, NdArray, SparseMatrix } from '../../formats/index.js';
import { SparseCholesky, choleskyChecked } from './cholesky.js';
import { choleskySolveOnce } from './cholesky-solve-once.js';
import { squareCSC } from './input.js';
import { symmetryOf } from './pattern.js';
import { readOptions } from '../../core/options.js';
import { type SparseLU, spluChecked } from './lu.js';
import type { DirectRHS } from './rhs.js';

/** Which factorization {@link factorized} and {@link spsolve} use. */
export type DirectMethod = 'auto' | 'cholesky' | 'lu';

/** Options of {@link factorized} and {@link spsolve}. */
export interface FactorizedOptions {
  /**
   * `'auto'` (default): Cholesky when A is symmetric (values included) with a positive diagonal
   * and the factorization succeeds, else LU; `'cholesky'` or `'lu'` to force one.
   */
  method?: DirectMethod;
}

/** The solver returned by {@link factorized}: x = A⁻¹b for a vector, dense or sparse b. */
export interface FactorizedSolve {
  (b: VectorLike): Float64Array;
  (b: DenseInput): NdArray;
  (b: SparseMatrix): CSCMatrix;
  (b: DirectRHS): Float64Array | NdArray | CSCMatrix;
  /** The factorization that was used. */
  readonly method: 'cholesky' | 'lu';
  /** The factor object itself. */
  readonly factor: SparseCholesky | SparseLU;
  /**
   * Release the factorization now (also `using solve = factorized(A)` where the runtime has
   * `Symbol.dispose`): the factor's WASM memory goes back at once (see {@link SparseLU.dispose},
   * {@link SparseCholesky.dispose}); afterwards the solver throws {@link DisposedError}. Idempotent.
   */
  dispose(): void;
}

/**
 * Factor A with the method chosen as documented in {@link FactorizedOptions}. `checked`: A is
 * the result of `squareCSC` already (its checks are not repeated).
 * @internal
 */
export function factorAuto(fn: string, A: SparseMatrix, options: FactorizedOptions | undefined, checked = false): SparseCholesky | SparseLU {
  return factorOrSolve(fn, A, options, checked)!;
}

/**
 * {@link factorAuto}, or with `rhs` (a length-n Float64Array) the factorization that may solve
 * A·x = rhs itself (see {@link choleskySolveOnce}, {@link spluChecked}): null when it did (rhs
 * holds x), else the factor (rhs untouched).
 * @internal
 */
export function factorOrSolve(fn: string, A: SparseMatrix, options: FactorizedOptions | undefined, checked = false, rhs?: Float64Array): SparseCholesky | SparseLU | null {
  const opts = readOptions<Record<string, unknown>>(fn, options as Record<string, unknown> | undefined, ['method']);
  const method = opts.method ?? 'auto';
  if (method !== 'auto' && method !== 'cholesky' && method !== 'lu') throw new ArgumentError('method', method, "'auto', 'cholesky' or 'lu'");
  const C = checked ? (A as CSCMatrix) : squareCSC(fn, A);
  if (method === 'cholesky') return choleskyChecked(C, 'auto');
  // One symmetry pass serves both the Cholesky test (values) and LU's ordering choice (pattern).
  const symmetry = method === 'auto' ? symmetryOf(C) : undefined;
  if (symmetry?.values) {
    // A is symmetric: its off-diagonal pattern is the graph that AMD orders. With rhs, the
    // factorization may solve A·x = rhs itself (no factor object), else it may hand back AMD's order.
    const once = rhs ? choleskySolveOnce(C, rhs) : undefined;
    if (once === true) return null;
    if (once !== false) {
      try {
        return choleskyChecked(C, 'auto', 'symmetric', once);
      } catch (e) {
        if (!(e instanceof ArgumentError)) throw e;
      }
    }
    // Not positive definite: LU.
  }
  return spluChecked(C, undefined, rhs, symmetry);
}

/**
 * Factor A once and return a function that solves A·x = b (SciPy's
 * `scipy.sparse.linalg.factorized`). Cholesky (P·A·Pᵀ = L·Lᵀ) is used when A is symmetric with a
 * positive diagonal and turns out positive definite, LU with partial pivoting otherwise.
 *
 * Cost: one factorization (see {@link choleskySparse}, {@link splu}); each call is two triangular
 * solves, O(nnz(L) + nnz(U)).
 *
 * @param A - n x n sparse matrix (never modified; later changes to it do not affect the solver)
 * @param options - `method`: `'auto'` (default), `'cholesky'` or `'lu'`
 * @returns `solve(b)` for a vector (Float64Array), dense matrix (ndarray) or sparse matrix (CSC);
 *   `solve.method` says which factorization was used and `solve.factor` holds it
 * @throws {@link ShapeError} when A is not square or b does not fit; {@link ArgumentError} when A is
 *   singular (naming the column), not positive definite with `method: 'cholesky'`, holds
 *   NaN/Infinity, or on an unknown option.
 *
 * @example
 * ```ts
 * import { csc, factorized } from 'sparsity';
 * const solve = factorized(csc([[4, 1], [1, 3]]));
 * solve.method; // => 'cholesky'
 * Array.from(solve([5, 4])).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1]
 * factorized(csc([[1, 2], [3, 4]])).method; // => 'lu'
 * ```
 */
export function factorized(A: SparseMatrix, options?: FactorizedOptions): FactorizedSolve {
  const factor = factorAuto('factorized', A, options);
  let disposed = false;
  const solve = ((b: DirectRHS) => {
    if (disposed) throw new DisposedError('factorized solver', 'its factorization was freed (factor A again)');
    return factor.solve(b);
  }) as FactorizedSolve;
  Object.defineProperty(solve, 'method', { value: factor instanceof SparseCholesky ? 'cholesky' : 'lu', enumerable: true });
  Object.defineProperty(solve, 'factor', { value: factor, enumerable: true });
  const dispose = (): void => {
    disposed = true;
    factor.dispose();
  };
  Object.defineProperty(solve, 'dispose', { value: dispose });
  installDispose(solve, dispose);
  return solve;
}
