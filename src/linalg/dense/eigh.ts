/**
 * Symmetric eigendecomposition: Householder tridiagonalization, implicit QL with Wilkinson-like
 * shifts on the tridiagonal matrix, and the eigenvectors back-transformed through the reflectors
 * in compact-WY blocks (matmul kernel).
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../../formats/dense.js';
import { allocF64, discardF64, releaseF64 } from '../../kernels/runtime/memory.js';
import { axpyAt, dotAt } from '../../kernels/blas1.js';
import { gemmNN } from './gemm.js';
import { applyBlockToRowMajor, householderVector } from './householder.js';
import { tql2 } from './tql2.js';
import { tridiagonalEig } from './tridiagonal-dc.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Panel width of the blocked tridiagonalization. */
const TB = 32;

/**
 * p[r0..n) += A22·v for the symmetric trailing block A22 = A[r0.., r0..] stored in the upper
 * triangle of row-major `a` (row i holds A[i, i..]): one pass, each row giving a dot product and
 * an axpy.
 */
function symvUpper(a: Float64Array, n: number, r0: number, v: Float64Array, p: Float64Array): void {
  for (let i = r0; i < n; i++) {
    const io = i * n;
    const vi = v[i]!;
    let s = a[io + i]! * vi;
    let j = i + 1;
    for (; j + 1 < n; j += 2) {
      const t0 = a[io + j]!;
      const t1 = a[io + j + 1]!;
      s += t0 * v[j]! + t1 * v[j + 1]!;
      p[j] = p[j]! + t0 * vi;
      p[j + 1] = p[j + 1]! + t1 * vi;
    }
    if (j < n) {
      const t0 = a[io + j]!;
      s += t0 * v[j]!;
      p[j] = p[j]! + t0 * vi;
    }
    p[i] = p[i]! + s;
  }
}

/**
 * Reduce a symmetric n x n row-major matrix (lower triangle read) to tridiagonal form
 * Qᵀ·A·Q = T by blocked Householder reflections (LAPACK dsytrd/dlatrd): within a panel of 32
 * columns each reflector needs one symmetric matrix–vector product with the not-yet-updated
 * trailing matrix plus low-rank corrections, and the trailing matrix gets one rank-64 update per
 * panel through the matmul kernel. About 4n³/3 flops, half of them in the matmul.
 * Returns the diagonal d, the off-diagonal e (length n − 1), and the reflectors in `at`
 * ((n − 1) x (n − 1), row k = reflector k acting on rows k+1.., with v[k+1] = 1 explicit) and `tau`.
 * @internal
 */
export function tridiagonalize(A: DenseMatrix): { d: Float64Array; e: Float64Array; at: Float64Array; tau: Float64Array } {
  const n = A.rows;
  // Upper-triangle storage: row i holds A[i, i..] (= column i of the lower triangle).
  const a = allocF64(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[j * n + i] = A.data[i * n + j]!;
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const m = Math.max(0, n - 1);
  const at = new Float64Array(m * m);
  const tau = new Float64Array(m);
  const p = new Float64Array(n);
  const cv = new Float64Array(TB);
  const cw = new Float64Array(TB);
  for (let k0 = 0; k0 < n - 2; k0 += TB) {
    const nb = Math.min(TB, n - 2 - k0);
    const Vt = new Float64Array(nb * n);
    const Wt = new Float64Array(nb * n);
    for (let i = 0; i < nb; i++) {
      const k = k0 + i;
      const ko = k * n;
      // Bring row k (= column k) up to date with the panel's earlier reflectors.
      for (let t = 0; t < i; t++) {
        axpyAt(n - k, -Wt[t * n + k]!, Vt, t * n + k, a, ko + k);
        axpyAt(n - k, -Vt[t * n + k]!, Wt, t * n + k, a, ko + k);
      }
      const L = n - k - 1;
      const tk = householderVector(a, ko + k + 1, L);
      tau[k] = tk;
      d[k] = a[ko + k]!;
      e[k] = a[ko + k + 1]!;
      // v on rows k+1..n−1, kept in Vt row i and in `at` row k.
      const vo = i * n;
      Vt[vo + k + 1] = 1;
      for (let j = k + 2; j < n; j++) Vt[vo + j] = a[ko + j]!;
      at[k * m + k] = 1;
      for (let j = k + 2; j < n; j++) at[k * m + j - 1] = a[ko + j]!;
      if (tk === 0) continue;
      // w = τ (A22 v − V (Wᵀv) − W (Vᵀv)) − (τ/2)(wᵀv)·v over rows k+1..
      p.fill(0, k + 1, n);
      symvUpper(a, n, k + 1, Vt.subarray(vo), p);
      for (let t = 0; t < i; t++) {
        cw[t] = dotAt(L, Wt, t * n + k + 1, Vt, vo + k + 1);
        cv[t] = dotAt(L, Vt, t * n + k + 1, Vt, vo + k + 1);
      }
      for (let t = 0; t < i; t++) {
        axpyAt(L, -cw[t]!, Vt, t * n + k + 1, p, k + 1);
        axpyAt(L, -cv[t]!, Wt, t * n + k + 1, p, k + 1);
      }
      let K = 0;
      for (let j = k + 1; j < n; j++) {
        p[j] = p[j]! * tk;
        K += p[j]! * Vt[vo + j]!;
      }
      K *= tk / 2;
      for (let j = k + 1; j < n; j++) Wt[vo + j] = p[j]! - K * Vt[vo + j]!;
    }
    // Trailing update A22 −= V·Wᵀ + W·Vᵀ on rows/columns ≥ k0 + nb (upper part, by row blocks).
    const r0 = k0 + nb;
    for (let i0 = r0; i0 < n; i0 += 64) {
      const rows = Math.min(64, n - i0);
      const cols = n - i0;
      gemmNN(rows, cols, nb, -1, Vt, i0, 1, n, Wt, i0, n, a, i0 * n + i0, n);
      gemmNN(rows, cols, nb, -1, Wt, i0, 1, n, Vt, i0, n, a, i0 * n + i0, n);
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 2] = a[(n - 2) * n + n - 1]!;
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1]!;
  discardF64(a);
  return { d, e, at, tau };
}

/**
 * T factor (nb x nb upper triangular) of the compact-WY form of reflectors j0..j0+nb−1 stored as
 * rows of `at` (row length m, v_j[j] = 1 explicit, zeros before j) (LAPACK dlarft).
 * @internal
 */
export function larft(at: Float64Array, m: number, j0: number, nb: number, tau: Float64Array): Float64Array {
  const T = new Float64Array(nb * nb);
  const z = new Float64Array(nb);
  for (let t = 0; t < nb; t++) {
    const j = j0 + t;
    const tj = tau[j]!;
    T[t * nb + t] = tj;
    if (t === 0 || tj === 0) continue;
    // z_i = v_iᵀ v_j over rows ≥ j (v_j is zero before j).
    for (let i = 0; i < t; i++) z[i] = dotAt(m - j, at, (j0 + i) * m + j, at, j * m + j);
    for (let i = 0; i < t; i++) {
      let s = 0;
      for (let l = i; l < t; l++) s += T[i * nb + l]! * z[l]!;
      T[i * nb + t] = -tj * s;
    }
  }
  return T;
}

/** Block width for the back-transformation. */
const NB = 32;

/**
 * Eigen-decomposition of a symmetric row-major DenseMatrix (lower triangle read): eigenvalues
 * ascending and, unless `vectors` is false, the orthonormal eigenvectors as the columns of an
 * n x n row-major matrix.
 * @internal
 */
export function eighDense(A: DenseMatrix, vectors = true): { values: Float64Array; vectors: DenseMatrix | null } {
  const n = A.rows;
  if (A.cols !== n) throw new ShapeError('eigh', [A.rows, A.cols], [A.rows, A.cols], 'is not square');
  const { d, e, at, tau } = tridiagonalize(A);
  if (!vectors) {
    tql2(d, e, null);
    return { values: Float64Array.from(d).sort(), vectors: null };
  }
  // Eigenvectors of T by divide and conquer (columns of z, ascending), then V = Q·Z.
  const { w: values, Q: zq } = tridiagonalEig(d, e);
  const z = allocF64(n * n);
  z.set(zq);
  const m = n - 1;
  const nRef = Math.max(0, n - 2);
  // Reflector k acts on rows k+1..: in `at` it is row k with v[k] = 1 at column k (offset by one row).
  const blocks: { j0: number; nb: number }[] = [];
  for (let j0 = 0; j0 < nRef; j0 += NB) blocks.push({ j0, nb: Math.min(NB, nRef - j0) });
  for (let b = blocks.length - 1; b >= 0; b--) {
    const { j0, nb } = blocks[b]!;
    const T = larft(at, m, j0, nb, tau);
    // Rows 1..n−1 of Z form the target (offset by one row: row r of the subproblem is row r+1).
    applyBlockToRowMajor(at, m, j0, nb, T, z.subarray(n), n, 0, n, false);
  }
  return { values, vectors: { rows: n, cols: n, data: releaseF64(z) } };
}

/** Result of {@link eigh}. */
export interface EighResult {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Orthonormal eigenvectors as columns (n x n): column i belongs to values[i]. Absent with `vectors: false`. */
  vectors?: NdArray;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix (NumPy's `linalg.eigh`): A = V·diag(λ)·Vᵀ.
 *
 * Householder tridiagonalization (4n³/3 flops), implicit QL with shifts on the tridiagonal matrix
 * (rotations applied to contiguous rows), and back-transformation of the eigenvectors through the
 * reflectors in compact-WY blocks (matmul kernel). Only the lower triangle of A is read.
 * Eigenvalues come in ascending order; eigenvectors are orthonormal to rounding.
 *
 * @param A - n x n symmetric matrix
 * @param options - `vectors: false` computes eigenvalues only (O(n²) after the reduction)
 * @returns `{ values, vectors }`
 * @throws {@link ShapeError} when A is not square; {@link ArgumentError} on NaN/Infinity.
 *
 * @example
 * ```ts
 * import { eigh } from 'sparsity';
 * const { values, vectors } = eigh([[2, 1], [1, 2]]);
 * Array.from(values).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 3]
 * Math.abs(vectors.get(0, 1) * vectors.get(1, 1)) - 0.5 < 1e-12; // => true
 * ```
 */
export function eigh(A: DenseInput, options: { vectors?: boolean } = {}): EighResult {
  options = readOptions('eigh', options, optionKeys<{ vectors?: boolean }>({ vectors: true }));
  const want = options.vectors ?? true;
  const r = eighDense(asDenseMatrix(A, 'A'), want);
  return r.vectors ? { values: r.values, vectors: toNdarray(r.vectors) } : { values: r.values };
}
