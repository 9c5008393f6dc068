/**
 * Pseudo-inverse, condition number and numerical rank from the singular values.
 *
 * @module
 */
import { checkNumber } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../../formats/dense.js';
import { gemm } from './gemm.js';
import { svdDense } from './svd.js';
import { optionKeys, readOptions } from '../../core/options.js';

const EPS = 2.220446049250313e-16;

/**
 * Moore–Penrose pseudo-inverse of a row-major DenseMatrix: singular values ≤ rcond·σ_max are
 * treated as zero.
 * @internal
 */
export function pinvDense(A: DenseMatrix, rcond = 1e-15): DenseMatrix {
  const { rows: m, cols: n } = A;
  const { U, s, Vt } = svdDense(A, true, false);
  const k = s.length;
  const cutoff = rcond * (k > 0 ? s[0]! : 0);
  // W = diag(s⁺)·Uᵀ (k x m), then A⁺ = Vᵀᵀ·W = V·W.
  const w = new Float64Array(k * m);
  const u = U!.data;
  for (let t = 0; t < k; t++) {
    const st = s[t]!;
    if (!(st > cutoff)) continue;
    const inv = 1 / st;
    for (let i = 0; i < m; i++) w[t * m + i] = u[i * k + t]! * inv;
  }
  const out = new Float64Array(n * m);
  gemm(true, false, n, m, k, 1, Vt!.data, 0, n, w, 0, m, 0, out, 0, m);
  return { rows: n, cols: m, data: out };
}

/**
 * Moore–Penrose pseudo-inverse A⁺ = V·diag(σ⁺)·Uᵀ (NumPy's `linalg.pinv`), with σ⁺ = 1/σ for
 * σ > rcond·σ_max and 0 otherwise.
 *
 * One thin SVD plus an n x k x m product: O(mn·min(m, n)).
 *
 * @param A - m x n dense matrix
 * @param options - `rcond`: relative cutoff (default 1e-15, NumPy's)
 * @returns A⁺ as an n x m ndarray
 * @throws {@link ArgumentError} on NaN/Infinity or a negative rcond.
 *
 * @example
 * ```ts
 * import { pinv } from 'sparsity';
 * const P = pinv([[1, 0], [0, 2], [0, 0]]);
 * P.shape; // => [2, 3]
 * [P.get(0, 0), P.get(1, 1), P.get(1, 2)]; // => [1, 0.5, 0]
 * ```
 */
export function pinv(A: DenseInput, options: { rcond?: number } = {}): NdArray {
  options = readOptions('pinv', options, optionKeys<{ rcond?: number }>({ rcond: true }));
  const rcond = options.rcond === undefined ? 1e-15 : checkNumber('rcond', options.rcond, 0);
  return toNdarray(pinvDense(asDenseMatrix(A, 'A'), rcond));
}

/**
 * The 2-norm condition number σ_max / σ_min (NumPy's `linalg.cond` with its default p).
 *
 * Singular values only: O(mn·min(m, n)). A singular matrix gives `Infinity`.
 *
 * @param A - m x n dense matrix
 * @returns σ_max / σ_min (σ_min over the min(m, n) singular values)
 * @throws {@link ArgumentError} on NaN/Infinity.
 *
 * @example
 * ```ts
 * import { cond } from 'sparsity';
 * cond([[2, 0], [0, 0.5]]); // => 4
 * cond([[1, 1], [1, 1]]) > 1e15; // => true
 * ```
 */
export function cond(A: DenseInput): number {
  const { s } = svdDense(asDenseMatrix(A, 'A'), false);
  if (s.length === 0) return NaN;
  const smin = s[s.length - 1]!;
  return smin === 0 ? Infinity : s[0]! / smin;
}

/** Options of {@link matrixRank}. */
export interface MatrixRankOptions {
  /** Absolute threshold: singular values > tol count. */
  tol?: number;
  /** Relative threshold: singular values > rtol·σ_max count. Default max(m, n)·ε (NumPy's). */
  rtol?: number;
}

/**
 * Numerical rank: the number of singular values above a threshold (NumPy's `linalg.matrix_rank`),
 * by default σ_max·max(m, n)·ε.
 *
 * Singular values only: O(mn·min(m, n)).
 *
 * @param A - m x n dense matrix
 * @param options - {@link MatrixRankOptions} (`tol` wins over `rtol`)
 * @returns the rank
 * @throws {@link ArgumentError} on NaN/Infinity or a negative threshold.
 *
 * @example
 * ```ts
 * import { matrixRank } from 'sparsity';
 * matrixRank([[1, 2], [2, 4], [3, 6]]); // => 1
 * matrixRank([[1, 0], [0, 1e-20]]); // => 1
 * matrixRank([[1, 0], [0, 1e-20]], { tol: 0 }); // => 2
 * ```
 */
export function matrixRank(A: DenseInput, options: MatrixRankOptions = {}): number {
  options = readOptions('matrixRank', options, optionKeys<MatrixRankOptions>({ tol: true, rtol: true }));
  const a = asDenseMatrix(A, 'A');
  const { s } = svdDense(a, false);
  if (s.length === 0) return 0;
  let thresh: number;
  if (options.tol !== undefined) thresh = checkNumber('tol', options.tol, 0);
  else {
    const rtol = options.rtol === undefined ? Math.max(a.rows, a.cols) * EPS : checkNumber('rtol', options.rtol, 0);
    thresh = s[0]! * rtol;
  }
  let r = 0;
  for (let i = 0; i < s.length; i++) if (s[i]! > thresh) r++;
  return r;
}
