/**
 * Dense matrix products: `matmul` (C = A·B, cache-blocked) and `gram` (AᵀA, symmetric blocks only).
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../../formats/dense.js';
import { gemm, gemmNN, packTranspose } from './gemm.js';
import { optionKeys, readOptions } from '../../core/options.js';
import { allocFloat64 } from '../../core/alloc.js';

/**
 * C = op(A)·op(B) for row-major DenseMatrices (op = transpose when the flag is set).
 * @throws {@link ShapeError} when the inner dimensions differ.
 * @internal
 */
export function matmulDense(A: DenseMatrix, B: DenseMatrix, transA = false, transB = false): DenseMatrix {
  const m = transA ? A.cols : A.rows;
  const k = transA ? A.rows : A.cols;
  const kb = transB ? B.cols : B.rows;
  const n = transB ? B.rows : B.cols;
  if (k !== kb) throw new ShapeError('matmul', [m, k], [kb, n], 'are not aligned');
  const out = allocFloat64('matmul', 'C entries', m * n);
  gemm(transA, transB, m, n, k, 1, A.data, 0, A.cols, B.data, 0, B.cols, 0, out, 0, n);
  return { rows: m, cols: n, data: out };
}

/** Block size of the symmetric product. */
const GB = 64;

/**
 * AᵀA (n x n) for a row-major m x n DenseMatrix, computing only blocks on and above the diagonal
 * and mirroring: about m·n² flops.
 * @internal
 */
export function gramDense(A: DenseMatrix): DenseMatrix {
  const { rows: m, cols: n, data } = A;
  const out = allocFloat64('gram', 'entries of AᵀA', n * n);
  if (m === 0 || n === 0) return { rows: n, cols: n, data: out };
  for (let ib = 0; ib < n; ib += GB) {
    const nbI = Math.min(GB, n - ib);
    // Pack the columns ib..ib+nbI of A transposed once per block row (contiguous scalars for the kernel).
    const at = packTranspose(m, nbI, data, ib, n);
    // C[ib.., ib..n] = A[:, ib..]ᵀ A[:, ib..n]
    gemmNN(nbI, n - ib, m, 1, at, 0, m, 1, data, ib, n, out, ib * n + ib, n);
  }
  // Mirror the upper triangle (the diagonal blocks were computed in full).
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[i * n + j] = out[j * n + i]!;
  return { rows: n, cols: n, data: out };
}

/**
 * Dense matrix product C = A·B (NumPy's `A @ B`), cache-blocked.
 *
 * Cᵢⱼ = Σₚ Aᵢₚ Bₚⱼ: 2mkn flops in a register-blocked kernel (2 rows x 4 inner steps) over 128 x
 * 256 blocks of B, so the working set stays in cache.
 *
 * @param A - m x k dense matrix
 * @param B - k x n dense matrix
 * @param options - `transA` / `transB` use Aᵀ / Bᵀ instead (no copy of the operand is made)
 * @returns C as an m x n ndarray
 * @throws {@link ShapeError} when the inner dimensions differ; {@link ArgumentError} on NaN/Infinity;
 *   {@link ResourceError} when C cannot be allocated (more than 2^32 entries, or out of memory).
 *
 * @example
 * ```ts
 * import { matmul } from 'sparsity';
 * const C = matmul([[1, 2], [3, 4]], [[5], [6]]);
 * C.shape; // => [2, 1]
 * C.get(1, 0); // => 39
 * matmul([[1, 2], [3, 4]], [[1, 0], [0, 1]], { transA: true }).get(0, 1); // => 3
 * ```
 */
export function matmul(A: DenseInput, B: DenseInput, options: { transA?: boolean; transB?: boolean } = {}): NdArray {
  options = readOptions('matmul', options, optionKeys<{ transA?: boolean; transB?: boolean }>({ transA: true, transB: true }));
  return toNdarray(matmulDense(asDenseMatrix(A, 'A'), asDenseMatrix(B, 'B'), !!options.transA, !!options.transB));
}

/**
 * The Gram matrix AᵀA (n x n, symmetric), computed blockwise on and above the diagonal only.
 *
 * (AᵀA)ᵢⱼ = Σₖ Aₖᵢ Aₖⱼ: about mn² flops (half of a general product).
 *
 * @param A - m x n dense matrix
 * @returns AᵀA as an n x n ndarray (exactly symmetric)
 * @throws {@link ArgumentError} on NaN/Infinity; {@link ResourceError} when AᵀA cannot be allocated.
 *
 * @example
 * ```ts
 * import { gram } from 'sparsity';
 * const G = gram([[1, 2], [3, 4]]);
 * [G.get(0, 0), G.get(0, 1), G.get(1, 0), G.get(1, 1)]; // => [10, 14, 14, 20]
 * ```
 */
export function gram(A: DenseInput): NdArray {
  return toNdarray(gramDense(asDenseMatrix(A, 'A')));
}
