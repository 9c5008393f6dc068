/**
 * Explicit cross-call residency of a matrix in WASM memory (the inspector–executor pattern of
 * MKL's `mkl_sparse_optimize` / `mkl_sparse_update_values`).
 *
 * By default every product copies what the WASM kernels need and frees it when the call returns
 * (an iterative solver shares one copy over its iterations), so a result always reflects the
 * values in the arrays at the time of the call. A caller who multiplies the same matrix many
 * times across separate calls can pin it: the copy then stays in WASM memory, every product with
 * that matrix reuses it, and the caller promises to call `updateValues()` after changing values.
 *
 * @module
 */
import { installDispose } from '../../core/dispose.js';
import { ArgumentError } from '../../core/errors.js';
import type { CompressedMatrix } from '../../formats/compressed.js';
import { type SparseMatrix, isSparse } from '../../formats/factories.js';
import { type ResidentHold, holdResident } from '../../kernels/runtime/wasm/resident.js';

/** A matrix held in WASM memory across calls, from {@link pin}. */
export interface PinnedMatrix<M extends SparseMatrix = SparseMatrix> {
  /** The pinned matrix (products with it, through any function, reuse the held copy). */
  readonly matrix: M;
  /** True once {@link PinnedMatrix.release} (or `Symbol.dispose`) ran. */
  readonly released: boolean;
  /** Bytes of WASM memory held (0 without WASM, when memory was short, or for COO). */
  readonly bytes: number;
  /**
   * Copy the matrix's current values into the held copy, after changing `matrix.data` in place;
   * with `data` (length nnz), first write those values into `matrix.data`. The sparsity pattern
   * (`indptr`, `indices`) must not change while pinned: pin the new matrix instead.
   * O(nnz).
   * @throws {@link ArgumentError} when `data` has the wrong length or holds NaN/Infinity, or the handle was released.
   */
  updateValues(data?: ArrayLike<number>): void;
  /** Free the held copy (products copy per call again). Idempotent. */
  release(): void;
  // `Symbol.dispose` (for `using P = pin(A)`) is installed on the handle where the runtime has it;
  // it is left out of this type so that consumers compiling without the esnext.disposable lib
  // still type-check the published declarations.
}

const finalizer = new FinalizationRegistry<ResidentHold>((h) => h.release());

/**
 * Keep a sparse matrix's arrays in WASM memory across calls, so repeated products (SpMV, sparse
 * times dense, SpGEMM, solvers) skip copying it; returns a handle to refresh and release it.
 *
 * Without a pin, each product copies the matrix into WASM memory (or runs the JS loop) and frees
 * the copy when it returns, so a result always reflects the values at the time of the call. With
 * a pin, products use the held copy: after changing `A.data` in place, call
 * `P.updateValues()` (O(nnz) copy); the pattern must not change. Under `'auto'` a pinned CSR/CSC
 * matrix runs on the WASM kernels from its first product. A pin of a COO matrix holds nothing
 * (COO products run in JS). Holding costs 12·nnz + 4·(lines + 1) bytes of WASM memory until
 * `release()`, `Symbol.dispose` (`using P = pin(A)`), or garbage collection of the handle.
 *
 * @param A - a CSR, CSC or COO matrix.
 * @returns the handle ({@link PinnedMatrix}).
 * @throws {@link ArgumentError} when `A` is not a sparse matrix of this library.
 *
 * @example
 * ```ts
 * import { csr, pin, spmv } from 'sparsity';
 * const A = csr([[1, 2], [0, 3]]);
 * const P = pin(A);
 * Array.from(spmv(A, [1, 1])); // => [3, 3]
 * A.data[0] = 5;
 * P.updateValues();              // the held copy follows the change
 * Array.from(spmv(A, [1, 1])); // => [7, 3]
 * P.updateValues([1, 1, 1]);     // new values, same pattern
 * Array.from(P.matrix.matvec([1, 1])); // => [2, 1]
 * P.release();
 * P.released; // => true
 * ```
 */
export function pin<M extends SparseMatrix>(A: M): PinnedMatrix<M> {
  if (!isSparse(A)) throw new ArgumentError('A', A, 'a sparse matrix (CSR, CSC or COO)');
  const compressed = A.format !== 'coo' ? (A as unknown as CompressedMatrix) : null;
  const hold = compressed ? holdResident([compressed.indptr, compressed.indices, compressed.data]) : null;
  const handle: PinnedMatrix<M> = {
    matrix: A,
    get released() {
      return released;
    },
    get bytes() {
      return hold && !released ? hold.bytes : 0;
    },
    updateValues(data?: ArrayLike<number>) {
      if (released) throw new ArgumentError('pin', 'released', 'a handle that was not released (pin the matrix again)');
      if (data !== undefined) {
        if (data === null || typeof data !== 'object' || data.length !== A.data.length) {
          throw new ArgumentError('data', data, `an array of length nnz = ${A.data.length}`);
        }
        for (let p = 0; p < data.length; p++) {
          const v = data[p]!;
          if (typeof v !== 'number' || v - v !== 0) throw new ArgumentError(`data[${p}]`, v, 'a finite number');
        }
        A.data.set(data);
      }
      hold?.refresh([A.data]);
    },
    release() {
      if (released) return;
      released = true;
      if (hold) {
        finalizer.unregister(handle);
        hold.release();
      }
    },
  };
  installDispose(handle, () => handle.release());
  let released = false;
  if (hold) finalizer.register(handle, hold, handle);
  return handle;
}
