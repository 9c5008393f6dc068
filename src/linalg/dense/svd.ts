/**
 * Singular value decomposition A = U·diag(σ)·Vᵀ: Householder QR first when A is tall (so the
 * expensive part works on the n x n factor R, and U = Q·U_R is applied in compact-WY blocks),
 * then Golub–Kahan bidiagonalization and the implicit-shift QR iteration on the bidiagonal matrix
 * (LINPACK dsvdc's algorithm), with every column operation on contiguous rows of transposed storage.
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, SparsityError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../../formats/dense.js';
import { axpyAt, dotAt, hypot2, nrm2At, rsclAt } from '../../kernels/blas1.js';
import { allocF64, releaseF64 } from '../../kernels/runtime/memory.js';
import { allocFloat64, checkFloat64Length } from '../../core/alloc.js';
import { qrApplyInPlace, qrDense, qrFree, qrRDense } from './qr.js';
import { optionKeys, readOptions } from '../../core/options.js';

const EPS = 2.220446049250313e-16;
const TINY = 2 ** -966;

/** Rotate rows a and b of x (row length len): (a, b) ← (c·a + s·b, −s·a + c·b). */
function rot(x: Float64Array, len: number, a: number, b: number, c: number, s: number): void {
  const oa = a * len;
  const ob = b * len;
  for (let i = 0; i < len; i++) {
    const xa = x[oa + i]!;
    const xb = x[ob + i]!;
    x[oa + i] = c * xa + s * xb;
    x[ob + i] = c * xb - s * xa;
  }
}

/**
 * SVD of an m x n matrix with m ≥ n given in transposed storage `at` (n x m, row j = column j;
 * overwritten). Returns σ (descending), and when wanted Ut (n x m: row j = left vector j) and
 * Vt (n x n: row j = right vector j). LINPACK dsvdc / JAMA, with transposed storage.
 * @internal
 */
export function svdTall(at: Float64Array, m: number, n: number, wantu: boolean, wantv: boolean): { s: Float64Array; ut: Float64Array | null; vt: Float64Array | null } {
  const nu = Math.min(m, n);
  const s = new Float64Array(Math.min(m + 1, n));
  const ut = wantu ? new Float64Array(nu * m) : null;
  const vt = wantv ? new Float64Array(n * n) : null;
  const e = new Float64Array(n);
  const work = new Float64Array(m);
  const nct = Math.min(m - 1, n);
  const nrt = Math.max(0, Math.min(n - 2, m));
  for (let k = 0; k < Math.max(nct, nrt); k++) {
    const ko = k * m;
    if (k < nct) {
      // Column transformation for column k; the diagonal goes to s[k].
      let sk = nrm2At(m - k, at, ko + k);
      if (sk !== 0) {
        if (at[ko + k]! < 0) sk = -sk;
        rsclAt(m - k, sk, at, ko + k);
        at[ko + k] = at[ko + k]! + 1;
      }
      s[k] = -sk;
    }
    for (let j = k + 1; j < n; j++) {
      const jo = j * m;
      if (k < nct && s[k] !== 0) {
        const t = -dotAt(m - k, at, ko + k, at, jo + k) / at[ko + k]!;
        axpyAt(m - k, t, at, ko + k, at, jo + k);
      }
      e[j] = at[jo + k]!;
    }
    if (ut && k < nct) for (let i = k; i < m; i++) ut[k * m + i] = at[ko + i]!;
    if (k < nrt) {
      // Row transformation for row k; the super-diagonal goes to e[k].
      let ek = nrm2At(n - k - 1, e, k + 1);
      if (ek !== 0) {
        if (e[k + 1]! < 0) ek = -ek;
        rsclAt(n - k - 1, ek, e, k + 1);
        e[k + 1] = e[k + 1]! + 1;
      }
      e[k] = -ek;
      if (k + 1 < m && ek !== 0) {
        work.fill(0, k + 1, m);
        for (let j = k + 1; j < n; j++) axpyAt(m - k - 1, e[j]!, at, j * m + k + 1, work, k + 1);
        for (let j = k + 1; j < n; j++) axpyAt(m - k - 1, -e[j]! / e[k + 1]!, work, k + 1, at, j * m + k + 1);
      }
      if (vt) for (let i = k + 1; i < n; i++) vt[k * n + i] = e[i]!;
    }
  }
  // The final bidiagonal matrix of order p.
  let p = Math.min(n, m + 1);
  if (nct < n) s[nct] = at[nct * m + nct]!;
  if (m < p) s[p - 1] = 0;
  if (nrt + 1 < p) e[nrt] = at[(p - 1) * m + nrt]!;
  e[p - 1] = 0;
  if (ut) {
    for (let j = nct; j < nu; j++) {
      ut.fill(0, j * m, (j + 1) * m);
      ut[j * m + j] = 1;
    }
    for (let k = nct - 1; k >= 0; k--) {
      const ko = k * m;
      if (s[k] !== 0) {
        for (let j = k + 1; j < nu; j++) {
          const t = -dotAt(m - k, ut, ko + k, ut, j * m + k) / ut[ko + k]!;
          axpyAt(m - k, t, ut, ko + k, ut, j * m + k);
        }
        for (let i = k; i < m; i++) ut[ko + i] = -ut[ko + i]!;
        ut[ko + k] = 1 + ut[ko + k]!;
        for (let i = 0; i < k; i++) ut[ko + i] = 0;
      } else {
        ut.fill(0, ko, ko + m);
        ut[ko + k] = 1;
      }
    }
  }
  if (vt) {
    for (let k = n - 1; k >= 0; k--) {
      const ko = k * n;
      if (k < nrt && e[k] !== 0) {
        for (let j = k + 1; j < nu; j++) {
          const t = -dotAt(n - k - 1, vt, ko + k + 1, vt, j * n + k + 1) / vt[ko + k + 1]!;
          axpyAt(n - k - 1, t, vt, ko + k + 1, vt, j * n + k + 1);
        }
      }
      vt.fill(0, ko, ko + n);
      vt[ko + k] = 1;
    }
  }
  // QR iteration on the bidiagonal (s, e).
  const pp = p - 1;
  let iterTotal = 0;
  const maxIter = 75 * Math.max(1, n);
  while (p > 0) {
    let k: number;
    let kase: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]!) <= TINY + EPS * (Math.abs(s[k]!) + Math.abs(s[k + 1]!))) {
        e[k] = 0;
        break;
      }
    }
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]!) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]!) : 0);
        if (Math.abs(s[ks]!) <= TINY + EPS * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k = ks;
      }
    }
    k++;
    if (kase === 1) {
      // Deflate negligible s(p).
      let f = e[p - 2]!;
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = hypot2(s[j]!, f);
        const cs = s[j]! / t;
        const sn = f / t;
        s[j] = t;
        if (j !== k) {
          f = -sn * e[j - 1]!;
          e[j - 1] = cs * e[j - 1]!;
        }
        if (vt) rot(vt, n, j, p - 1, cs, sn);
      }
    } else if (kase === 2) {
      // Split at negligible s(k).
      let f = e[k - 1]!;
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = hypot2(s[j]!, f);
        const cs = s[j]! / t;
        const sn = f / t;
        s[j] = t;
        f = -sn * e[j]!;
        e[j] = cs * e[j]!;
        if (ut) rot(ut, m, j, k - 1, cs, sn);
      }
    } else if (kase === 3) {
      if (++iterTotal > maxIter) throw new SparsityError('svd: the bidiagonal QR iteration did not converge');
      // Shift from the trailing 2 x 2 block.
      const scale = Math.max(Math.abs(s[p - 1]!), Math.abs(s[p - 2]!), Math.abs(e[p - 2]!), Math.abs(s[k]!), Math.abs(e[k]!));
      const sp = s[p - 1]! / scale;
      const spm1 = s[p - 2]! / scale;
      const epm1 = e[p - 2]! / scale;
      const sk = s[k]! / scale;
      const ek = e[k]! / scale;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
      const c = sp * epm1 * (sp * epm1);
      let shift = 0;
      if (b !== 0 || c !== 0) {
        shift = Math.sqrt(b * b + c);
        if (b < 0) shift = -shift;
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      let g = sk * ek;
      for (let j = k; j < p - 1; j++) {
        let t = hypot2(f, g);
        let cs = f / t;
        let sn = g / t;
        if (j !== k) e[j - 1] = t;
        f = cs * s[j]! + sn * e[j]!;
        e[j] = cs * e[j]! - sn * s[j]!;
        g = sn * s[j + 1]!;
        s[j + 1] = cs * s[j + 1]!;
        if (vt) rot(vt, n, j, j + 1, cs, sn);
        t = hypot2(f, g);
        cs = f / t;
        sn = g / t;
        s[j] = t;
        f = cs * e[j]! + sn * s[j + 1]!;
        s[j + 1] = -sn * e[j]! + cs * s[j + 1]!;
        g = sn * e[j + 1]!;
        e[j + 1] = cs * e[j + 1]!;
        if (ut && j < m - 1) rot(ut, m, j, j + 1, cs, sn);
      }
      e[p - 2] = f;
    } else {
      // Convergence: make s[k] non-negative and move it into order.
      if (s[k]! <= 0) {
        s[k] = s[k]! < 0 ? -s[k]! : 0;
        if (vt) for (let i = 0; i <= pp; i++) vt[k * n + i] = -vt[k * n + i]!;
      }
      while (k < pp) {
        if (s[k]! >= s[k + 1]!) break;
        const t = s[k]!;
        s[k] = s[k + 1]!;
        s[k + 1] = t;
        if (vt && k < n - 1) swapRows(vt, n, k, k + 1);
        if (ut && k < m - 1) swapRows(ut, m, k, k + 1);
        k++;
      }
      p--;
    }
  }
  return { s: s.subarray(0, nu).slice(), ut, vt };
}

function swapRows(x: Float64Array, len: number, a: number, b: number): void {
  const oa = a * len;
  const ob = b * len;
  for (let i = 0; i < len; i++) {
    const t = x[oa + i]!;
    x[oa + i] = x[ob + i]!;
    x[ob + i] = t;
  }
}

/** Transpose a rows x cols row-major block into a new array. */
function transposeData(src: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const o = j * rows;
    for (let i = 0; i < rows; i++) out[o + i] = src[i * cols + j]!;
  }
  return out;
}

/** Result of the internal SVD: U (m x k or m x m), σ (k, descending), Vᵀ (k x n or n x n). @internal */
export interface SVDData {
  U: DenseMatrix | null;
  s: Float64Array;
  Vt: DenseMatrix | null;
}

/**
 * SVD of a row-major DenseMatrix. `vectors` false gives σ only; `full` gives square U and Vᵀ.
 * @internal
 */
export function svdDense(A: DenseMatrix, vectors = true, full = false): SVDData {
  const { rows: m, cols: n } = A;
  if (m < n) {
    // SVD of Aᵀ: A = (U Σ Vᵀ)ᵀ.
    const t = svdDense({ rows: n, cols: m, data: transposeData(A.data, m, n) }, vectors, full);
    return { U: t.Vt ? { rows: t.Vt.cols, cols: t.Vt.rows, data: transposeData(t.Vt.data, t.Vt.rows, t.Vt.cols) } : null, s: t.s, Vt: t.U ? { rows: t.U.cols, cols: t.U.rows, data: transposeData(t.U.data, t.U.rows, t.U.cols) } : null };
  }
  if (n === 0) {
    return { U: vectors ? { rows: m, cols: full ? m : 0, data: full ? identity(m) : new Float64Array(0) } : null, s: new Float64Array(0), Vt: vectors ? { rows: 0, cols: 0, data: new Float64Array(0) } : null };
  }
  if (m > n) {
    // QR first: A = Q·R, SVD of the n x n R, U = Q·[U_R; 0].
    const F = qrDense(A, true);
    try {
      const R = qrRDense(F);
      const r = svdTall(transposeData(R.data, n, n), n, n, vectors, vectors);
      if (!vectors) return { U: null, s: r.s, Vt: null };
      const cols = full ? m : n;
      checkFloat64Length('svd', 'entries of U', m * cols);
      const u = allocF64(m * cols);
      // ut rows are the left vectors of R: U_R[i][j] = ut[j*n + i].
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) u[i * cols + j] = r.ut![j * n + i]!;
      if (full) for (let j = n; j < m; j++) u[j * cols + j] = 1;
      qrApplyInPlace(F, { rows: m, cols, data: u }, false);
      return { U: { rows: m, cols, data: releaseF64(u) }, s: r.s, Vt: { rows: n, cols: n, data: r.vt! } };
    } finally {
      qrFree(F);
    }
  }
  const r = svdTall(transposeData(A.data, m, n), m, n, vectors, vectors);
  if (!vectors) return { U: null, s: r.s, Vt: null };
  return { U: { rows: m, cols: n, data: transposeData(r.ut!, n, m) }, s: r.s, Vt: { rows: n, cols: n, data: r.vt! } };
}

function identity(n: number): Float64Array {
  const d = allocFloat64('svd', 'entries of U', n * n);
  for (let i = 0; i < n; i++) d[i * n + i] = 1;
  return d;
}

/** Options of {@link svd}. */
export interface SVDOptions {
  /** Square U (m x m) and Vᵀ (n x n) instead of the thin factors (default false). */
  full?: boolean;
  /** Compute U and Vᵀ (default true); false returns the singular values only. */
  vectors?: boolean;
}

/** Result of {@link svd}. */
export interface SVDResult {
  /** Left singular vectors as columns: m x k (k = min(m, n)), or m x m with `full`. */
  U?: NdArray;
  /** Singular values, descending, length k. */
  s: Float64Array;
  /** Right singular vectors as rows: k x n, or n x n with `full` (NumPy's `Vh`). */
  Vt?: NdArray;
}

/**
 * Singular value decomposition A = U·diag(s)·Vᵀ (NumPy's `linalg.svd`, thin by default),
 * singular values descending.
 *
 * Tall matrices are first reduced by blocked Householder QR; the n x n factor is bidiagonalized
 * and diagonalized by the implicit-shift QR iteration (LINPACK's dsvdc), and U is recovered as
 * Q·U_R in compact-WY blocks. About 2mn² + 12n³ flops with vectors (O(mn²) without).
 * Singular values are accurate to about ε·‖A‖ (absolute), as LAPACK's.
 *
 * @param A - m x n dense matrix
 * @param options - {@link SVDOptions}
 * @returns `{ U, s, Vt }` (`{ s }` with `vectors: false`)
 * @throws {@link ArgumentError} on NaN/Infinity; {@link SparsityError} if the iteration fails to
 *   converge (not observed in practice); {@link ResourceError} when U (m x m with `full`) would
 *   exceed 2^32 entries.
 *
 * @example
 * ```ts
 * import { svd } from 'sparsity';
 * const { U, s, Vt } = svd([[3, 0], [0, -2], [0, 0]]);
 * Array.from(s); // => [3, 2]
 * U.shape; // => [3, 2]
 * Math.abs(U.get(1, 1) * s[1] * Vt.get(1, 1)); // => 2
 * ```
 */
export function svd(A: DenseInput, options: SVDOptions = {}): SVDResult {
  options = readOptions('svd', options, optionKeys<SVDOptions>({ full: true, vectors: true }));
  const vectors = options.vectors ?? true;
  const r = svdDense(asDenseMatrix(A, 'A'), vectors, !!options.full);
  if (!vectors) return { s: r.s };
  return { U: toNdarray(r.U!), s: r.s, Vt: toNdarray(r.Vt!) };
}
