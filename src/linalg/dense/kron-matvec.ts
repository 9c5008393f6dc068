/**
 * Kronecker matrix–vector products by the "vec trick": (A₁ ⊗ … ⊗ A_I)·x as I small matrix
 * products on x reshaped as a tensor, never forming the Kronecker product.
 *
 * @module
 */
import { ArgumentError, ShapeError } from '../../core/errors.js';
import type { VectorLike } from '../../core/array.js';
import type { DenseInput } from '../../formats/dense.js';
import { type CMat, type CVec, cmatmul, fromCVec, toCMat, toCVec } from './complex.js';

function transposePlane(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

/**
 * y = (op(A₁) ⊗ … ⊗ op(A_I))·x with op = identity or (`adjoint`) the conjugate transpose.
 * x is the row-major tensor of shape (n₁, …, n_I) (the first factor's index varies slowest, as in
 * `kron`). A `null` factor is an identity of size `sizes[k]`. Each mode is one matmul
 * Zᵀ = Xᵀ·op(A_k)ᵀ that also rotates the modes, so after I steps the layout is (m₁, …, m_I).
 * Cost Σ_k (Π_{j<k} m_j)(Π_{j≥k} n_j)·m_k flops (times 4 when complex).
 * @internal
 */
export function kronApply(factors: readonly (CMat | null)[], x: CVec, adjoint = false, sizes?: readonly number[]): CVec {
  let cur: CMat = { rows: 0, cols: 0, re: x.re, im: x.im };
  let len = x.re.length;
  for (let k = 0; k < factors.length; k++) {
    const A = factors[k];
    const inK = A ? (adjoint ? A.rows : A.cols) : sizes![k]!;
    const outK = A ? (adjoint ? A.cols : A.rows) : inK;
    const rest = inK === 0 ? 0 : len / inK;
    const X: CMat = { rows: inK, cols: rest, re: cur.re, im: cur.im };
    if (!A) {
      cur = { rows: rest, cols: inK, re: transposePlane(X.re, inK, rest), im: X.im ? transposePlane(X.im, inK, rest) : null };
    } else if (inK === 0 || rest === 0 || outK === 0) {
      cur = { rows: rest, cols: outK, re: new Float64Array(rest * outK), im: X.im || A.im ? new Float64Array(rest * outK) : null };
    } else {
      cur = adjoint ? cmatmul(X, A, true, false, false, true) : cmatmul(X, A, true, true);
    }
    len = rest * outK;
  }
  return { re: cur.re, im: cur.im };
}

function prepare(op: string, factors: readonly DenseInput[], x: VectorLike, options: KronMatvecOptions, adjoint: boolean): { F: CMat[]; v: CVec; complex: boolean } {
  if (options === null || typeof options !== 'object') throw new ArgumentError('options', options, 'an options object');
  for (const key of Object.keys(options)) if (key !== 'complex') throw new ArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'no such option (known: complex)');
  if (!Array.isArray(factors) || factors.length === 0) throw new ArgumentError('factors', factors, 'a non-empty array of matrices');
  const complex = !!options.complex;
  const F = factors.map((A, k) => toCMat(A, `factors[${k}]`, complex));
  const v = toCVec(x, 'x', complex);
  const need = F.reduce((p, A) => p * (adjoint ? A.rows : A.cols), 1);
  if (v.re.length !== need) {
    const shape = [F.reduce((p, A) => p * A.rows, 1), F.reduce((p, A) => p * A.cols, 1)];
    throw new ShapeError(op, adjoint ? [shape[1]!, shape[0]!] : shape, v.re.length);
  }
  return { F, v, complex };
}

/** Options of {@link kronMatvec} and {@link kronMatvecT}. */
export interface KronMatvecOptions {
  /**
   * Complex data: each factor is an mᵢ x 2nᵢ real matrix whose rows hold interleaved (re, im)
   * pairs, and x (and the result) are interleaved (re, im, re, im, …) Float64Arrays. Default false.
   */
  complex?: boolean;
}

/**
 * Kronecker matrix–vector product y = (A₁ ⊗ A₂ ⊗ … ⊗ A_I)·x without forming the product.
 *
 * With x reshaped row-major as the tensor X of shape (n₁, …, n_I), y = vec(X ×₁ A₁ ×₂ … ×_I A_I):
 * I dense matrix products ("vec trick"), about 2·Σ_k (Π_{j≤k} m_j)(Π_{j≥k} n_j) flops instead of
 * 2·Π mᵢ nᵢ (for three 15 x 15 factors: 3·10⁵ instead of 2·10⁷), and no memory beyond two vectors.
 *
 * @param factors - the matrices A₁ … A_I (mᵢ x nᵢ dense; see {@link KronMatvecOptions} for complex)
 * @param x - vector of length Π nᵢ (the first factor's index varies slowest, as in `kron`)
 * @param options - {@link KronMatvecOptions}
 * @returns y of length Π mᵢ (interleaved complex with `complex: true`)
 * @throws {@link ShapeError} when x's length is not Π nᵢ; {@link ArgumentError} on an empty factor
 *   list, an unknown option, NaN/Infinity.
 *
 * @example
 * ```ts
 * import { kronMatvec } from 'sparsity';
 * // [[1, 2]] ⊗ [[1], [3]] = [[1, 2], [3, 6]]
 * Array.from(kronMatvec([[[1, 2]], [[1], [3]]], [1, 1])); // => [3, 9]
 * // complex: (1 + i)·(2 − i) = 3 + i
 * Array.from(kronMatvec([[[1, 1]], [[2, -1]]], [1, 0], { complex: true })); // => [3, 1]
 * ```
 */
export function kronMatvec(factors: readonly DenseInput[], x: VectorLike, options: KronMatvecOptions = {}): Float64Array {
  const { F, v, complex } = prepare('kronMatvec', factors, x, options, false);
  return fromCVec(kronApply(F, v, false), complex);
}

/**
 * Transposed Kronecker product y = (A₁ ⊗ … ⊗ A_I)ᵀ·x (conjugate transpose ᴴ for complex data),
 * without forming the product.
 *
 * (A₁ ⊗ … ⊗ A_I)ᵀ = A₁ᵀ ⊗ … ⊗ A_Iᵀ, applied mode by mode as in {@link kronMatvec}; same cost.
 *
 * @param factors - the matrices A₁ … A_I (mᵢ x nᵢ)
 * @param x - vector of length Π mᵢ
 * @param options - {@link KronMatvecOptions}
 * @returns y of length Π nᵢ
 * @throws {@link ShapeError} when x's length is not Π mᵢ; {@link ArgumentError} on an empty factor
 *   list, an unknown option, NaN/Infinity.
 *
 * @example
 * ```ts
 * import { kronMatvecT } from 'sparsity';
 * Array.from(kronMatvecT([[[1, 2]], [[1], [3]]], [1, 1])); // => [4, 8]
 * // complex: conj(1 + i)·1 = 1 − i
 * Array.from(kronMatvecT([[[1, 1]]], [1, 0], { complex: true })); // => [1, -1]
 * ```
 */
export function kronMatvecT(factors: readonly DenseInput[], x: VectorLike, options: KronMatvecOptions = {}): Float64Array {
  const { F, v, complex } = prepare('kronMatvecT', factors, x, options, true);
  return fromCVec(kronApply(F, v, true), complex);
}
