/**
 * Dense least squares min ‖A·x − b‖₂ by Householder QR, with the numerical rank checked from the
 * singular values of R and a minimum-norm SVD solution when A is rank-deficient.
 *
 * @module
 */
import { checkNumber, toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, isDenseMatrix, isNdarray, type NdArray, toNdarray } from '../../formats/dense.js';
import { gemm } from './gemm.js';
import { qrApplyInPlace, qrDense, qrRDense } from './qr.js';
import { svdDense } from './svd.js';
import { solveTriangularInPlace } from './triangular.js';
import { optionKeys, readOptions } from '../../core/options.js';

const EPS = 2.220446049250313e-16;

/** Internal result of {@link lstsqDense}. @internal */
export interface LstsqData {
  x: DenseMatrix;
  residuals: Float64Array;
  rank: number;
  s: Float64Array;
}

function transpose(a: DenseMatrix): DenseMatrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let j = 0; j < a.cols; j++) for (let i = 0; i < a.rows; i++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  return { rows: a.cols, cols: a.rows, data: out };
}

/**
 * min ‖A·X − B‖ for row-major A (m x n) and B (m x p). Full rank: QR solution; rank < min(m, n)
 * (singular values of R ≤ rcond·σ_max): minimum-norm solution through the SVD of R.
 * @internal
 */
export function lstsqDense(A: DenseMatrix, B: DenseMatrix, rcond?: number): LstsqData {
  const { rows: m, cols: n } = A;
  if (B.rows !== m) throw new ShapeError('lstsq', [m, n], [B.rows, B.cols], 'are not aligned');
  const p = B.cols;
  const tol = rcond ?? EPS * Math.max(m, n);
  const k = Math.min(m, n);
  if (k === 0) return { x: { rows: n, cols: p, data: new Float64Array(n * p) }, residuals: new Float64Array(0), rank: 0, s: new Float64Array(0) };
  const tall = m >= n;
  // Tall: A = Q·R (R n x n). Wide: Aᵀ = Q·R (R m x m), A = Rᵀ·Qᵀ.
  const F = qrDense(tall ? A : transpose(A));
  const R = qrRDense(F);
  const sv = svdDense(R, false).s;
  const cutoff = tol * sv[0]!;
  let rank = 0;
  for (let i = 0; i < k; i++) if (sv[i]! > cutoff) rank++;
  const x = new Float64Array(n * p);
  let residuals = new Float64Array(0);
  if (tall) {
    // c = Qᵀ·B (m x p); the top n rows drive x, the bottom m − n rows are the residual.
    const c = { rows: m, cols: p, data: B.data.slice() };
    qrApplyInPlace(F, c, true);
    const top = { rows: n, cols: p, data: c.data.slice(0, n * p) };
    if (rank === n) {
      solveTriangularInPlace(R, top, false, false);
      x.set(top.data);
      if (m > n) {
        residuals = new Float64Array(p);
        for (let i = n; i < m; i++) for (let j = 0; j < p; j++) residuals[j] = residuals[j]! + c.data[i * p + j]! ** 2;
      }
    } else {
      // R = U Σ Vᵀ: x = V Σ⁺ Uᵀ (Qᵀb)[:n].
      minNormSolve(R, top, cutoff, x, false);
    }
  } else if (rank === m) {
    // A = Rᵀ Qᵀ: x = Q·R⁻ᵀ·b (minimum norm).
    const y = { rows: n, cols: p, data: new Float64Array(n * p) };
    const rb = { rows: m, cols: p, data: B.data.slice() };
    solveTriangularInPlace(R, rb, false, true);
    y.data.set(rb.data);
    qrApplyInPlace(F, y, false);
    x.set(y.data);
  } else {
    // A = Rᵀ Qᵀ = V_R Σ U_Rᵀ Qᵀ: x = Q·U_R·Σ⁺·V_Rᵀ·b.
    const z = new Float64Array(m * p);
    minNormSolve(R, { rows: m, cols: p, data: B.data.slice() }, cutoff, z, true);
    const y = { rows: n, cols: p, data: new Float64Array(n * p) };
    y.data.set(z);
    qrApplyInPlace(F, y, false);
    x.set(y.data);
  }
  return { x: { rows: n, cols: p, data: x }, residuals, rank, s: sv };
}

/**
 * out = M⁺·rhs for square M = U Σ Vᵀ (or (Mᵀ)⁺·rhs with `transposed`), dropping σ ≤ cutoff.
 */
function minNormSolve(M: DenseMatrix, rhs: DenseMatrix, cutoff: number, out: Float64Array, transposed: boolean): void {
  const k = M.rows;
  const p = rhs.cols;
  const { U, s, Vt } = svdDense(M, true, false);
  // M⁺ = V Σ⁺ Uᵀ; (Mᵀ)⁺ = U Σ⁺ Vᵀ.
  const left = transposed ? U!.data : null; // out = U Σ⁺ (Vt·rhs)
  const w = new Float64Array(k * p);
  if (transposed) gemm(false, false, k, p, k, 1, Vt!.data, 0, k, rhs.data, 0, p, 0, w, 0, p);
  else gemm(true, false, k, p, k, 1, U!.data, 0, k, rhs.data, 0, p, 0, w, 0, p);
  for (let t = 0; t < k; t++) {
    const st = s[t]!;
    const f = st > cutoff ? 1 / st : 0;
    for (let j = 0; j < p; j++) w[t * p + j] = w[t * p + j]! * f;
  }
  if (transposed) gemm(false, false, k, p, k, 1, left!, 0, k, w, 0, p, 0, out, 0, p);
  else gemm(true, false, k, p, k, 1, Vt!.data, 0, k, w, 0, p, 0, out, 0, p);
}

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /** Singular values of A ≤ rcond·σ_max count as zero. Default ε·max(m, n) (NumPy's). */
  rcond?: number;
}

/** Result of {@link lstsq}. */
export interface LstsqResult<X> {
  /** The (minimum-norm when rank-deficient) least-squares solution: length n, or n x p. */
  x: X;
  /**
   * Squared residual norms ‖b − A·x‖² per right-hand side when A has full column rank and
   * m > n; empty otherwise (NumPy's convention).
   */
  residuals: Float64Array;
  /** Numerical rank of A. */
  rank: number;
  /** rank < min(m, n): the solution is the minimum-norm one among many. */
  rankDeficient: boolean;
  /** Singular values of A, descending. */
  singularValues: Float64Array;
}

/**
 * Least-squares solution of A·x ≈ b (NumPy's `linalg.lstsq`) by Householder QR, with rank
 * detection: the singular values of the triangular factor give the numerical rank, and a
 * rank-deficient A gets the minimum-norm solution (through the SVD of R) and is reported by
 * `rank` / `rankDeficient` instead of a silently wrong answer.
 *
 * Full rank and m ≥ n: x = R⁻¹·(Qᵀb)[:n]. Wide A (m < n): minimum-norm x = Q·R⁻ᵀ·b from the QR of
 * Aᵀ. O(mn·min(m, n)) for the QR plus O(min(m, n)³) for the singular values.
 *
 * @param A - m x n dense matrix
 * @param b - length-m vector (x is a Float64Array) or m x p matrix (x is an n x p ndarray)
 * @param options - {@link LstsqOptions}
 * @returns {@link LstsqResult}
 * @throws {@link ShapeError} when b does not have m rows; {@link ArgumentError} on NaN/Infinity.
 *
 * @example
 * ```ts
 * import { lstsq } from 'sparsity';
 * const r = lstsq([[1, 0], [1, 1], [1, 2]], [1, 3, 5]);
 * Array.from(r.x).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 2]
 * r.rank; // => 2
 * // Two equal columns: rank 1, the minimum-norm solution splits the weight.
 * const d = lstsq([[1, 1], [2, 2]], [1, 2]);
 * d.rankDeficient; // => true
 * Array.from(d.x).map((v) => Math.round(v * 1e12) / 1e12); // => [0.5, 0.5]
 * ```
 */
export function lstsq(A: DenseInput, b: VectorLike, options?: LstsqOptions): LstsqResult<Float64Array>;
export function lstsq(A: DenseInput, b: DenseInput, options?: LstsqOptions): LstsqResult<NdArray>;
export function lstsq(A: DenseInput, b: VectorLike | DenseInput, options: LstsqOptions = {}): LstsqResult<Float64Array | NdArray> {
  options = readOptions('lstsq', options, optionKeys<LstsqOptions>({ rcond: true }));
  const a = asDenseMatrix(A, 'A');
  const rcond = options.rcond === undefined ? undefined : checkNumber('rcond', options.rcond, 0);
  const isVec = b instanceof Float64Array || ArrayBuffer.isView(b) || (Array.isArray(b) && (b.length === 0 || typeof b[0] === 'number'));
  let B: DenseMatrix;
  if (isVec) {
    const v = toFloat64(b as VectorLike, 'b');
    if (v.length !== a.rows) throw new ShapeError('lstsq', [a.rows, a.cols], v.length);
    B = { rows: v.length, cols: 1, data: v };
  } else {
    if (!isNdarray(b) && !isDenseMatrix(b) && !Array.isArray(b)) throw new ArgumentError('b', b, 'a vector or a dense matrix');
    B = asDenseMatrix(b as DenseInput, 'b');
  }
  const r = lstsqDense(a, B, rcond);
  const k = Math.min(a.rows, a.cols);
  return {
    x: isVec ? r.x.data : toNdarray(r.x),
    residuals: r.residuals,
    rank: r.rank,
    rankDeficient: r.rank < k,
    singularValues: r.s,
  };
}
