/**
 * Householder reflectors and compact-WY block reflectors on the transposed ("column-major")
 * storage used inside QR: row j of `at` (length m) holds column j of the m x n matrix, so each
 * reflector and each column it acts on is contiguous.
 *
 * A block of nb reflectors H_j = I − τ_j v_j v_jᵀ (v_j[j] = 1, zero above) is applied as
 * H_{j0}···H_{j0+nb−1} = I − V T Vᵀ (Schreiber–Van Loan compact WY, T upper triangular), so almost
 * all flops go through the blocked matmul kernel.
 *
 * @module
 * @internal
 */
import { axpyAt, dotAt, nrm2At } from './blas1.js';
import { gemm } from './gemm.js';

/**
 * Generate a reflector for x = a[off .. off+len): returns τ and overwrites a[off] with β and
 * a[off+1 ..] with v[1..] so that H·x = β·e₁ (LAPACK dlarfg; τ = 0 when x[1..] = 0).
 * @internal
 */
export function householderVector(a: Float64Array, off: number, len: number): number {
  if (len <= 1) return 0;
  const alpha = a[off]!;
  const xnorm = nrm2At(len - 1, a, off + 1);
  if (xnorm === 0) return 0;
  let beta = Math.hypot(alpha, xnorm);
  if (alpha >= 0) beta = -beta;
  const tau = (beta - alpha) / beta;
  const scale = 1 / (alpha - beta);
  for (let p = off + 1; p < off + len; p++) a[p] = a[p]! * scale;
  a[off] = beta;
  return tau;
}

/**
 * Explicit copy of the reflectors j0..j0+nb−1 as an nb x L row-major block (L = m − j0), with the
 * implicit unit diagonal and zeros above it written out.
 * @internal
 */
export function explicitV(at: Float64Array, m: number, j0: number, nb: number): Float64Array {
  const L = m - j0;
  const vt = new Float64Array(nb * L);
  for (let i = 0; i < nb; i++) {
    const src = (j0 + i) * m + j0;
    const dst = i * L;
    vt[dst + i] = 1;
    for (let r = i + 1; r < L; r++) vt[dst + r] = at[src + r]!;
  }
  return vt;
}

/** W ← Tᵀ·W (trans) or T·W, T nb x nb upper triangular, W nb x p row-major. @internal */
export function triMulRows(T: Float64Array, nb: number, W: Float64Array, p: number, trans: boolean): void {
  if (trans) {
    for (let i = nb - 1; i >= 0; i--) {
      const wi = i * p;
      const tii = T[i * nb + i]!;
      for (let c = 0; c < p; c++) W[wi + c] = W[wi + c]! * tii;
      for (let l = 0; l < i; l++) axpyAt(p, T[l * nb + i]!, W, l * p, W, wi);
    }
  } else {
    for (let i = 0; i < nb; i++) {
      const wi = i * p;
      const tii = T[i * nb + i]!;
      for (let c = 0; c < p; c++) W[wi + c] = W[wi + c]! * tii;
      for (let l = i + 1; l < nb; l++) axpyAt(p, T[i * nb + l]!, W, l * p, W, wi);
    }
  }
}

/**
 * Apply (I − V T Vᵀ)ᵀ (trans) or I − V T Vᵀ to the columns c0..c1−1 of the matrix in transposed
 * storage (rows c0..c1−1 of `at`), rows j0..m−1. `vt` is {@link explicitV}'s block.
 * @internal
 */
export function applyBlockToTransposed(
  at: Float64Array, m: number, j0: number, nb: number, vt: Float64Array, T: Float64Array,
  c0: number, c1: number, trans: boolean,
): void {
  const p = c1 - c0;
  if (p <= 0 || nb === 0) return;
  const L = m - j0;
  // W = Vᵀ C (nb x p), C = columns c0..c1 of A = rows of at, read transposed.
  const W = new Float64Array(nb * p);
  gemm(false, true, nb, p, L, 1, vt, 0, L, at, c0 * m + j0, m, 0, W, 0, p);
  triMulRows(T, nb, W, p, trans);
  // Cᵀ −= Wᵀ Vᵀ  (p x L)
  gemm(true, false, p, L, nb, -1, W, 0, p, vt, 0, L, 1, at, c0 * m + j0, m);
}

/**
 * Apply (I − V T Vᵀ)ᵀ (trans) or I − V T Vᵀ to rows j0..m−1, columns c0..c1−1 of a row-major
 * matrix B with leading dimension ldb.
 * @internal
 */
export function applyBlockToRowMajor(
  m: number, j0: number, nb: number, vt: Float64Array, T: Float64Array,
  b: Float64Array, ldb: number, c0: number, c1: number, trans: boolean,
): void {
  const p = c1 - c0;
  if (p <= 0 || nb === 0) return;
  const L = m - j0;
  const W = new Float64Array(nb * p);
  gemm(false, false, nb, p, L, 1, vt, 0, L, b, j0 * ldb + c0, ldb, 0, W, 0, p);
  triMulRows(T, nb, W, p, trans);
  gemm(true, false, L, p, nb, -1, vt, 0, L, W, 0, p, 1, b, j0 * ldb + c0, ldb);
}

/** Columns narrower than this are factored by the unblocked (level-2) loop. */
const BASE = 8;

/**
 * Recursive QR of the panel of columns j0..j0+w−1 (rows j0..m−1) in transposed storage
 * (Elmroth–Gustavson / LAPACK dgeqrt3): overwrites the panel with R and the reflectors, writes τ
 * and the w x w triangular factor T (row-major, leading dimension ldt, at tOff).
 * @internal
 */
export function panelQR(
  at: Float64Array, m: number, j0: number, w: number, tau: Float64Array,
  T: Float64Array, tOff: number, ldt: number,
): void {
  if (w <= BASE) {
    for (let t = 0; t < w; t++) {
      const j = j0 + t;
      const len = m - j;
      const vOff = j * m + j;
      const tj = householderVector(at, vOff, len);
      tau[j] = tj;
      // Apply H_j to the remaining panel columns.
      if (tj !== 0) {
        for (let c = j + 1; c < j0 + w; c++) {
          const cOff = c * m + j;
          const s = tj * (at[cOff]! + dotAt(len - 1, at, vOff + 1, at, cOff + 1));
          at[cOff] = at[cOff]! - s;
          axpyAt(len - 1, -s, at, vOff + 1, at, cOff + 1);
        }
      }
      // T(0:t, t) = −τ_j T(0:t, 0:t) (V(:, 0:t)ᵀ v_j)
      T[tOff + t * ldt + t] = tj;
      if (t > 0) {
        const z = new Float64Array(t);
        for (let i = 0; i < t; i++) {
          const iOff = (j0 + i) * m + j;
          z[i] = at[iOff]! + dotAt(len - 1, at, iOff + 1, at, vOff + 1);
        }
        for (let i = 0; i < t; i++) {
          let s = 0;
          for (let l = i; l < t; l++) s += T[tOff + i * ldt + l]! * z[l]!;
          T[tOff + i * ldt + t] = -tj * s;
        }
      }
    }
    return;
  }
  const w1 = w >> 1;
  const w2 = w - w1;
  panelQR(at, m, j0, w1, tau, T, tOff, ldt);
  const T11 = new Float64Array(w1 * w1);
  for (let i = 0; i < w1; i++) for (let l = i; l < w1; l++) T11[i * w1 + l] = T[tOff + i * ldt + l]!;
  const v1 = explicitV(at, m, j0, w1);
  applyBlockToTransposed(at, m, j0, w1, v1, T11, j0 + w1, j0 + w, true);
  panelQR(at, m, j0 + w1, w2, tau, T, tOff + w1 * ldt + w1, ldt);
  // T12 = −T11 (V1ᵀ V2) T22
  const v2 = explicitV(at, m, j0 + w1, w2);
  const L2 = m - j0 - w1;
  const Y = new Float64Array(w1 * w2);
  // V1 restricted to rows j0+w1.. is the tail of v1's rows (columns w1.. of the explicit block).
  gemm(false, true, w1, w2, L2, 1, v1, w1, m - j0, v2, 0, L2, 0, Y, 0, w2);
  // Y ← T11 Y
  triMulRows(T11, w1, Y, w2, false);
  // Y ← −Y T22
  for (let i = 0; i < w1; i++) {
    for (let t = w2 - 1; t >= 0; t--) {
      let s = 0;
      for (let l = 0; l <= t; l++) s += Y[i * w2 + l]! * T[tOff + (w1 + l) * ldt + w1 + t]!;
      T[tOff + i * ldt + w1 + t] = -s;
    }
  }
}
