/**
 * Symmetric eigendecomposition: Householder tridiagonalization, implicit QL with Wilkinson-like
 * shifts on the tridiagonal matrix, and the eigenvectors back-transformed through the reflectors
 * in compact-WY blocks (matmul kernel).
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError, SparsityError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../../formats/dense.js';
import { dotAt } from './blas1.js';
import { applyBlockToRowMajor, householderVector } from './householder.js';

/**
 * Reduce a symmetric n x n row-major matrix (copied; both triangles read, the lower one trusted)
 * to tridiagonal form Qᵀ·A·Q = T. Returns the diagonal d, the off-diagonal e (length n − 1), and the
 * reflectors in `at` ((n − 1) x (n − 1), row k = reflector k acting on rows k+1.., with v[k+1] = 1
 * implicit) and `tau`.
 * @internal
 */
export function tridiagonalize(A: DenseMatrix): { d: Float64Array; e: Float64Array; at: Float64Array; tau: Float64Array } {
  const n = A.rows;
  const a = new Float64Array(n * n);
  // Symmetrize from the lower triangle so the full-row updates below see a symmetric matrix.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = A.data[i * n + j]!;
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const m = Math.max(0, n - 1);
  const at = new Float64Array(m * m);
  const tau = new Float64Array(m);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const ko = k * n;
    const L = n - k - 1;
    const t = householderVector(a, ko + k + 1, L);
    tau[k] = t;
    d[k] = a[ko + k]!;
    e[k] = a[ko + k + 1]!;
    // v = [1, a[ko+k+2 ..]] on rows k+1..n−1; keep a copy in `at` (row k, positions k..).
    const vo = ko + k + 1;
    at[k * m + k] = 1;
    for (let r = 1; r < L; r++) at[k * m + k + r] = a[vo + r]!;
    if (t === 0) continue;
    a[vo] = 1;
    // p = τ·A22·v (rows of A22 are contiguous, A22 symmetric).
    let K = 0;
    for (let i = k + 1; i < n; i++) {
      const s = t * dotAt(L, a, i * n + k + 1, a, vo);
      p[i] = s;
      K += s * a[vo + i - k - 1]!;
    }
    K *= t / 2;
    // w = p − K·v ; A22 −= v·wᵀ + w·vᵀ
    for (let i = k + 1; i < n; i++) p[i] = p[i]! - K * a[vo + i - k - 1]!;
    for (let i = k + 1; i < n; i++) {
      const vi = a[vo + i - k - 1]!;
      const wi = p[i]!;
      const io = i * n;
      for (let j = k + 1; j < n; j++) a[io + j] = a[io + j]! - vi * p[j]! - wi * a[vo + j - k - 1]!;
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2]!;
    e[n - 2] = a[(n - 2) * n + n - 1]!;
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1]!;
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

/**
 * Implicit QL on the symmetric tridiagonal (d, e) (EISPACK tql2 as in JAMA), overwriting d with
 * the eigenvalues (unsorted). When `zt` is given (n x n row-major, row i = the i-th basis vector),
 * the rotations are applied to its rows, which stay contiguous.
 * @throws {@link SparsityError} when an eigenvalue needs more than 60 iterations (does not happen
 *   in practice).
 * @internal
 */
export function tql2(d: Float64Array, eIn: Float64Array, zt: Float64Array | null): void {
  const n = d.length;
  if (n === 0) return;
  const e = new Float64Array(n);
  e.set(eIn.subarray(0, n - 1));
  const EPS = 2.220446049250313e-16;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new SparsityError('eigh: the QL iteration did not converge');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          if (zt) {
            const o0 = i * n;
            const o1 = o0 + n;
            for (let k = 0; k < n; k++) {
              const zi1 = zt[o1 + k]!;
              const zi = zt[o0 + k]!;
              zt[o1 + k] = s * zi + c * zi1;
              zt[o0 + k] = c * zi - s * zi1;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > EPS * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
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
  let zt: Float64Array | null = null;
  if (vectors) {
    zt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) zt[i * n + i] = 1;
  }
  tql2(d, e, zt);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x]! - d[y]!);
  const values = Float64Array.from(order, (i) => d[i]!);
  if (!vectors || !zt) return { values, vectors: null };
  // Z (columns = eigenvectors of T, sorted) in row-major, then V = Q·Z.
  const z = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const src = order[c]! * n;
    for (let r = 0; r < n; r++) z[r * n + c] = zt[src + r]!;
  }
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
  return { values, vectors: { rows: n, cols: n, data: z } };
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
  if (options === null || typeof options !== 'object') throw new ArgumentError('options', options, 'an options object');
  const want = options.vectors ?? true;
  const r = eighDense(asDenseMatrix(A, 'A'), want);
  return r.vectors ? { values: r.values, vectors: toNdarray(r.vectors) } : { values: r.values };
}
