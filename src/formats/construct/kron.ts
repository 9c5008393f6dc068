/**
 * `kron`: the Kronecker product of two sparse matrices.
 *
 * @module
 */
import { INT32_MAX } from '../../core/array.js';
import { ArgumentError, ResourceError } from '../../core/errors.js';
import { checkNnz } from '../convert.js';
import { CSRMatrix } from '../csr.js';
import { type DenseInput } from '../dense.js';
import { type SparseMatrix, fromDense, isSparse } from '../factories.js';
import { type FormatOptions, type SparseFormat, type SparseOfFormat, convertTo, readFormat } from './output.js';

/** A sparse matrix as CSR, or a dense input converted to CSR. @internal */
export function asCSR(A: SparseMatrix | DenseInput, name: string): CSRMatrix {
  if (isSparse(A)) return A.toCSR();
  if (A === null || typeof A !== 'object') throw new ArgumentError(name, A, 'a sparse matrix or a dense matrix');
  return fromDense(A as DenseInput);
}

/**
 * The Kronecker product A ⊗ B: the (mA·mB) x (nA·nB) block matrix whose block (i, j) is A[i, j]·B,
 * i.e. `(A ⊗ B)[i·mB + k, j·nB + l] = A[i, j]·B[k, l]` (SciPy's `kron`). Every pair of stored
 * entries gives one stored entry, so nnz = nnz(A)·nnz(B) (after summing duplicates of COO inputs).
 *
 * Complexity: O(nnz(A)·nnz(B) + mA·mB).
 *
 * @param A - left factor (sparse, or dense `ndarray` / `number[][]`).
 * @param B - right factor.
 * @param options - `{ format }`: `'csr'` (default; SciPy's is BSR, which this library does not have), `'csc'` or `'coo'`.
 * @throws {@link ResourceError} when the result's shape or nnz exceeds 2^31 - 1.
 * @throws {@link ArgumentError} when an operand is not a matrix or `format` is unknown.
 *
 * @example
 * ```ts
 * import { kron, identity, csr } from 'sparsity';
 * const K = kron(identity(2), csr([[1, 2], [3, 4]]));
 * K.shape; // => [4, 4]
 * K.toDense().data; // => [1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4]
 * kron(csr([[0, 2]]), csr([[1], [5]])).toDense().data; // => [0, 2, 0, 10]
 * ```
 */
export function kron<F extends SparseFormat = 'csr'>(A: SparseMatrix | DenseInput, B: SparseMatrix | DenseInput, options?: FormatOptions<F>): SparseOfFormat<F> {
  const format = readFormat(options, 'csr', 'kron');
  const a = asCSR(A, 'A');
  const b = asCSR(B, 'B');
  const [ma, na] = a.shape;
  const [mb, nb] = b.shape;
  const m = ma * mb;
  const n = na * nb;
  if (m > INT32_MAX) throw new ResourceError('kron', 'rows', m, INT32_MAX);
  if (n > INT32_MAX) throw new ResourceError('kron', 'columns', n, INT32_MAX);
  checkNnz('kron', a.nnz * b.nnz);
  const nnz = a.nnz * b.nnz;
  const indptr = new Int32Array(m + 1);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let q = 0;
  for (let i = 0; i < ma; i++) {
    const as = a.indptr[i]!;
    const ae = a.indptr[i + 1]!;
    for (let k = 0; k < mb; k++) {
      const bs = b.indptr[k]!;
      const be = b.indptr[k + 1]!;
      for (let p = as; p < ae; p++) {
        const off = a.indices[p]! * nb;
        const av = a.data[p]!;
        for (let r = bs; r < be; r++) {
          indices[q] = off + b.indices[r]!;
          data[q++] = av * b.data[r]!;
        }
      }
      indptr[i * mb + k + 1] = q;
    }
  }
  const hint = a.hasCanonicalFormat && b.hasCanonicalFormat ? { canonical: true } : undefined;
  return convertTo(new CSRMatrix({ indptr, indices, data, shape: [m, n] }, hint), format) as SparseOfFormat<F>;
}
