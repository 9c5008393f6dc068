/**
 * Householder QR: blocked (compact WY, recursive panels), with Q kept in factored form so Qᵀ·B
 * and Q·B cost O(mnp) without ever forming Q.
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ResourceError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, isDenseMatrix, isNdarray, type NdArray, toNdarray } from '../../formats/dense.js';
import { allocF64, discardF64, releaseF64 } from '../../kernels/runtime/memory.js';
import { axpyAt, dotAt } from '../../kernels/blas1.js';
import { applyBlockToRowMajor, applyBlockToTransposed, panelQR } from './householder.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Panel width of the blocked factorization. */
const NB = 96;

/**
 * A Householder QR factorization in compact form (LAPACK's geqrf output, transposed):
 * `at` is n x m row-major = the factored m x n matrix column by column; column j holds R(0..j, j)
 * on and above the diagonal and the reflector v_j (v_j[j] = 1 implicit) below it. `tau` has the
 * k = min(m, n) reflector scalars; `blocks` the compact-WY factors of each panel.
 * @internal
 */
export interface QRFactors {
  readonly rows: number;
  readonly cols: number;
  readonly at: Float64Array;
  readonly tau: Float64Array;
  /** Per panel: first reflector, width, T (width x width, upper triangular). */
  readonly blocks: readonly { j0: number; nb: number; T: Float64Array }[];
}

/**
 * Householder QR of a row-major DenseMatrix (A is not modified). O(2mn² − 2n³/3) flops, most of
 * them in the blocked matmul. With `resident`, the factor may stay in WASM memory (no copy out):
 * the caller must pass it to {@link qrFree} when done.
 * @internal
 */
export function qrDense(A: DenseMatrix, resident = false): QRFactors {
  const { rows: m, cols: n, data } = A;
  // Transposed copy: row j = column j of A.
  // Work in WASM memory when the SIMD kernels are in use, so the block updates need no copies.
  const at = allocF64(m * n, false);
  const B = 32;
  for (let ii = 0; ii < m; ii += B) {
    const iEnd = Math.min(ii + B, m);
    for (let jj = 0; jj < n; jj += B) {
      const jEnd = Math.min(jj + B, n);
      for (let i = ii; i < iEnd; i++) {
        const so = i * n;
        for (let j = jj; j < jEnd; j++) at[j * m + i] = data[so + j]!;
      }
    }
  }
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const blocks: { j0: number; nb: number; T: Float64Array }[] = [];
  for (let j0 = 0; j0 < k; j0 += NB) {
    const nb = Math.min(NB, k - j0);
    const T = new Float64Array(nb * nb);
    panelQR(at, m, j0, nb, tau, T, 0, nb);
    blocks.push({ j0, nb, T });
    if (j0 + nb < n) applyBlockToTransposed(at, m, j0, nb, T, j0 + nb, n, true);
  }
  return { rows: m, cols: n, at: resident ? at : releaseF64(at), tau, blocks };
}

/** Free the WASM block of a factor made with `qrDense(A, true)` (no-op otherwise). @internal */
export function qrFree(F: QRFactors): void {
  discardF64(F.at);
}

/**
 * Qᵀ·B (or Q·B when `transpose` is false) for B with m rows (row-major, p columns), in place
 * on B's data. Uses the compact-WY blocks: O(4mkp) flops.
 * @internal
 */
export function qrApplyInPlace(F: QRFactors, B: DenseMatrix, transpose: boolean): DenseMatrix {
  const { rows: m } = F;
  if (B.rows !== m) throw new ShapeError(transpose ? 'applyQT' : 'applyQ', [m, m], [B.rows, B.cols], 'are not aligned');
  const p = B.cols;
  if (p === 1) {
    qrApplyVecInPlace(F, B.data, transpose);
    return B;
  }
  const order = transpose ? F.blocks : [...F.blocks].reverse();
  for (const { j0, nb, T } of order) {
    applyBlockToRowMajor(F.at, m, j0, nb, T, B.data, p, 0, p, transpose);
  }
  return B;
}

/**
 * Qᵀ·b (or Q·b) for a vector of length m, in place, reflector by reflector (contiguous). O(4mk).
 * @internal
 */
export function qrApplyVecInPlace(F: QRFactors, b: Float64Array, transpose: boolean): Float64Array {
  const { rows: m, at, tau } = F;
  if (b.length !== m) throw new ShapeError(transpose ? 'applyQT' : 'applyQ', [m, m], b.length);
  const k = tau.length;
  for (let t = 0; t < k; t++) {
    const j = transpose ? t : k - 1 - t;
    const tj = tau[j]!;
    if (tj === 0) continue;
    const vOff = j * m + j;
    const len = m - j;
    const s = tj * (b[j]! + dotAt(len - 1, at, vOff + 1, b, j + 1));
    b[j] = b[j]! - s;
    axpyAt(len - 1, -s, at, vOff + 1, b, j + 1);
  }
  return b;
}

/** Qᵀ·B as a new DenseMatrix (B not modified). @internal */
export function qrApplyQTDense(F: QRFactors, B: DenseMatrix): DenseMatrix {
  return qrApplyInPlace(F, { rows: B.rows, cols: B.cols, data: B.data.slice() }, true);
}

/** Q·B as a new DenseMatrix (B not modified). @internal */
export function qrApplyQDense(F: QRFactors, B: DenseMatrix): DenseMatrix {
  return qrApplyInPlace(F, { rows: B.rows, cols: B.cols, data: B.data.slice() }, false);
}

/**
 * The R factor: k x n upper triangular (k = min(m, n)), or m x n with `complete`.
 * @internal
 */
export function qrRDense(F: QRFactors, complete = false): DenseMatrix {
  const { rows: m, cols: n, at } = F;
  const k = Math.min(m, n);
  const r = complete ? m : k;
  const out = new Float64Array(r * n);
  for (let i = 0; i < k; i++) {
    const o = i * n;
    for (let j = i; j < n; j++) out[o + j] = at[j * m + i]!;
  }
  return { rows: r, cols: n, data: out };
}

/**
 * Q explicitly: m x k (`reduced`, k = min(m, n)) or m x m (`complete`), by applying the blocks
 * to [I; 0] from the last to the first, skipping the columns each block leaves untouched.
 * @throws {@link ResourceError} when Q would hold more than 2^31 − 1 entries.
 * @internal
 */
export function qrQDense(F: QRFactors, complete = false): DenseMatrix {
  const { rows: m, cols: n } = F;
  const k = Math.min(m, n);
  const c = complete ? m : k;
  if (m * c > 2147483647) throw new ResourceError('qr', 'Q entries', m * c, 2147483647);
  const q = allocF64(m * c);
  for (let i = 0; i < c; i++) q[i * c + i] = 1;
  for (let b = F.blocks.length - 1; b >= 0; b--) {
    const { j0, nb, T } = F.blocks[b]!;
    // Columns < j0 of the partial product are still unit vectors e_i (i < j0), untouched by
    // reflectors acting on rows ≥ j0. With `complete`, all columns ≥ j0 are touched.
    applyBlockToRowMajor(F.at, m, j0, nb, T, q, c, j0, c, false);
  }
  return { rows: m, cols: c, data: releaseF64(q) };
}

/** Options of {@link qr}. */
export interface QROptions {
  /**
   * `'reduced'` (default): Q m x k, R k x n with k = min(m, n). `'complete'`: Q m x m, R m x n.
   * `'r'`: only R (k x n), Q is not formed.
   */
  mode?: 'reduced' | 'complete' | 'r';
}

/** Result of {@link qr}: `Q` (absent in mode `'r'`) and upper-triangular `R`. */
export interface QRResult {
  /** Orthonormal columns (m x k, or m x m in mode `'complete'`); undefined in mode `'r'`. */
  Q?: NdArray;
  /** Upper triangular (trapezoidal for wide A) factor. */
  R: NdArray;
}

/**
 * Householder QR decomposition A = Q·R, as `numpy.linalg.qr`.
 *
 * Blocked Householder (panels of 32 columns factored recursively, compact-WY updates), so most of
 * the 2mn² − 2n³/3 flops run in the blocked matmul; forming Q costs about as much again. R may
 * have negative diagonal entries (as LAPACK's). Use {@link qrFactor} to keep Q implicit.
 *
 * @param A - m x n dense matrix
 * @param options - {@link QROptions}
 * @returns `{ Q, R }` as ndarrays (`{ R }` in mode `'r'`)
 * @throws {@link ArgumentError} on NaN/Infinity or an unknown mode; {@link ResourceError} when a
 *   complete Q would be too large.
 *
 * @example
 * ```ts
 * import { qr } from 'sparsity';
 * const { Q, R } = qr([[3, 1], [4, 2]]);
 * Math.abs(R.get(0, 0)); // => 5
 * Math.round((Q.get(0, 0) * R.get(0, 1) + Q.get(0, 1) * R.get(1, 1)) * 1e12) / 1e12; // => 1
 * qr([[1, 2], [3, 4], [5, 6]], { mode: 'r' }).R.shape; // => [2, 2]
 * ```
 */
export function qr(A: DenseInput, options: QROptions = {}): QRResult {
  options = readOptions('qr', options, optionKeys<QROptions>({ mode: true }));
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete' && mode !== 'r') {
    throw new ArgumentError('mode', mode, "'reduced', 'complete' or 'r'");
  }
  const F = qrDense(asDenseMatrix(A, 'A'), true);
  try {
    const R = toNdarray(qrRDense(F, mode === 'complete'));
    if (mode === 'r') return { R };
    return { Q: toNdarray(qrQDense(F, mode === 'complete')), R };
  } finally {
    qrFree(F);
  }
}

/**
 * A Householder QR factorization kept in factored form: apply Q or Qᵀ, get R, solve least squares,
 * without forming Q. Made by {@link qrFactor}.
 *
 * @example
 * ```ts
 * import { qrFactor } from 'sparsity';
 * const f = qrFactor([[1, 0], [0, 1], [1, 1]]);
 * f.shape; // => [3, 2]
 * const qtb = f.applyQT([1, 1, 1]);
 * Array.from(f.applyQ(qtb)).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1, 1]
 * ```
 */
export class QRFactorization {
  /** @internal */
  readonly factors: QRFactors;

  /** @internal */
  constructor(factors: QRFactors) {
    this.factors = factors;
  }

  /** `[m, n]` of the factored matrix. */
  get shape(): [number, number] {
    return [this.factors.rows, this.factors.cols];
  }

  /** The reflector scalars τ (length min(m, n)). */
  get tau(): Float64Array {
    return this.factors.tau.slice();
  }

  /**
   * Qᵀ·B for a vector (length m, returns Float64Array) or a dense matrix with m rows (returns an
   * ndarray). O(4mkp) for p right-hand sides; Q is never formed.
   * @throws {@link ShapeError} when B does not have m rows.
   */
  applyQT(B: VectorLike): Float64Array;
  applyQT(B: DenseInput): NdArray;
  applyQT(B: VectorLike | DenseInput): Float64Array | NdArray {
    return applyFactored(this.factors, B, true);
  }

  /**
   * Q·B for a vector (length m; a vector of length k = min(m, n) is padded with zeros, so
   * `applyQ` inverts `applyQT` of the reduced factor) or a dense matrix with m rows.
   * @throws {@link ShapeError} when B does not have m rows.
   */
  applyQ(B: VectorLike): Float64Array;
  applyQ(B: DenseInput): NdArray;
  applyQ(B: VectorLike | DenseInput): Float64Array | NdArray {
    return applyFactored(this.factors, B, false);
  }

  /** R: k x n upper triangular (m x n with `complete`). */
  R(complete = false): NdArray {
    return toNdarray(qrRDense(this.factors, complete));
  }

  /** Q formed explicitly: m x k (m x m with `complete`). */
  Q(complete = false): NdArray {
    return toNdarray(qrQDense(this.factors, complete));
  }
}

function isVectorInput(B: unknown): B is VectorLike {
  if (B instanceof Float64Array) return true;
  if (ArrayBuffer.isView(B)) return true;
  return Array.isArray(B) && (B.length === 0 || typeof B[0] === 'number');
}

function applyFactored(F: QRFactors, B: VectorLike | DenseInput, transpose: boolean): Float64Array | NdArray {
  const m = F.rows;
  const k = F.tau.length;
  if (isVectorInput(B)) {
    const v = toFloat64(B, 'B');
    let b: Float64Array;
    if (v.length === m) b = Float64Array.from(v);
    else if (!transpose && v.length === k) {
      b = new Float64Array(m);
      b.set(v);
    } else throw new ShapeError(transpose ? 'applyQT' : 'applyQ', [m, m], v.length);
    return qrApplyVecInPlace(F, b, transpose);
  }
  if (!isNdarray(B) && !isDenseMatrix(B) && !Array.isArray(B)) throw new ArgumentError('B', B, 'a vector or a dense matrix');
  const d = asDenseMatrix(B as DenseInput, 'B');
  return toNdarray(qrApplyInPlace(F, { rows: d.rows, cols: d.cols, data: d.data.slice() }, transpose));
}

/**
 * Householder QR in factored form: a {@link QRFactorization} whose `applyQT`, `applyQ`, `R()` and
 * `Q()` never form Q unless asked (SciPy's `qr(mode='raw')` with helpers).
 *
 * O(2mn² − 2n³/3) to factor; O(4mnp) per Qᵀ·B with p right-hand sides.
 *
 * @param A - m x n dense matrix
 * @returns the factorization
 * @throws {@link ArgumentError} on NaN/Infinity.
 *
 * @example
 * ```ts
 * import { qrFactor } from 'sparsity';
 * const f = qrFactor([[3, 0], [4, 5]]);
 * Math.abs(f.R().get(0, 0)); // => 5
 * Array.from(f.applyQT([3, 4])).map((v) => Math.round(Math.abs(v) * 1e12) / 1e12); // => [5, 0]
 * ```
 */
export function qrFactor(A: DenseInput): QRFactorization {
  return new QRFactorization(qrDense(asDenseMatrix(A, 'A')));
}

/**
 * Qᵀ·B with Q from {@link qrFactor}, without forming Q (same as `f.applyQT(B)`).
 *
 * @param f - the factorization
 * @param B - vector of length m or dense matrix with m rows
 * @returns Float64Array for a vector, ndarray for a matrix
 * @throws {@link ShapeError} when B does not have m rows.
 *
 * @example
 * ```ts
 * import { qrFactor, applyQT } from 'sparsity';
 * const f = qrFactor([[1], [1]]);
 * Math.abs(applyQT(f, [1, 1])[0]) * Math.SQRT1_2; // => 1
 * ```
 */
export function applyQT(f: QRFactorization, B: VectorLike): Float64Array;
export function applyQT(f: QRFactorization, B: DenseInput): NdArray;
export function applyQT(f: QRFactorization, B: VectorLike | DenseInput): Float64Array | NdArray {
  if (!(f instanceof QRFactorization)) throw new ArgumentError('f', f, 'a QRFactorization from qrFactor()');
  return applyFactored(f.factors, B, true);
}

/**
 * Q·B with Q from {@link qrFactor}, without forming Q (same as `f.applyQ(B)`).
 *
 * @param f - the factorization
 * @param B - vector of length m (or k = min(m, n), zero-padded) or dense matrix with m rows
 * @returns Float64Array for a vector, ndarray for a matrix
 * @throws {@link ShapeError} when B does not have m rows.
 *
 * @example
 * ```ts
 * import { qrFactor, applyQ, applyQT } from 'sparsity';
 * const f = qrFactor([[2, 1], [1, 3], [0, 1]]);
 * const y = applyQ(f, applyQT(f, [1, 2, 3]));
 * Array.from(y).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 2, 3]
 * ```
 */
export function applyQ(f: QRFactorization, B: VectorLike): Float64Array;
export function applyQ(f: QRFactorization, B: DenseInput): NdArray;
export function applyQ(f: QRFactorization, B: VectorLike | DenseInput): Float64Array | NdArray {
  if (!(f instanceof QRFactorization)) throw new ArgumentError('f', f, 'a QRFactorization from qrFactor()');
  return applyFactored(f.factors, B, false);
}
