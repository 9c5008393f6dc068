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
import { axpyAt, dotAt, hypot2, nrm2At, rsclAt } from '../../kernels/blas1.js';
import { gemm, gemmNN, gemmNT } from './gemm.js';

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
  let beta = hypot2(alpha, xnorm);
  if (alpha >= 0) beta = -beta;
  const tau = (beta - alpha) / beta;
  rsclAt(len - 1, alpha - beta, a, off + 1);
  a[off] = beta;
  return tau;
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
 * Make rows j0..j0+nb−1 of `at` read as the explicit reflector block from column j0 on: zeros
 * before each reflector's position, 1 at it (saving what was there: R entries). Then the block
 * products can run over the whole column range in one matrix product. Undo with {@link restoreV}.
 * @internal
 */
export function patchV(at: Float64Array, m: number, j0: number, nb: number): Float64Array {
  const saved = new Float64Array((nb * (nb + 1)) / 2);
  let q = 0;
  for (let i = 0; i < nb; i++) {
    const o = (j0 + i) * m + j0;
    for (let r = 0; r <= i; r++) {
      saved[q++] = at[o + r]!;
      at[o + r] = r === i ? 1 : 0;
    }
  }
  return saved;
}

/** Undo {@link patchV}. @internal */
export function restoreV(at: Float64Array, m: number, j0: number, nb: number, saved: Float64Array): void {
  let q = 0;
  for (let i = 0; i < nb; i++) {
    const o = (j0 + i) * m + j0;
    for (let r = 0; r <= i; r++) at[o + r] = saved[q++]!;
  }
}

/** op(T)·W into a new nb x p block (T upper triangular nb x nb). */
function tTimes(T: Float64Array, nb: number, W: Float64Array, p: number, trans: boolean): Float64Array {
  if (nb * p < 4096) {
    triMulRows(T, nb, W, p, trans);
    return W;
  }
  const out = new Float64Array(nb * p);
  gemm(trans, false, nb, p, nb, 1, T, 0, nb, W, 0, p, 0, out, 0, p);
  return out;
}

/**
 * Apply (I − V T Vᵀ)ᵀ (trans) or I − V T Vᵀ, V = reflectors j0..j0+nb−1 stored in `at`, to the
 * columns c0..c1−1 of the matrix in transposed storage (rows c0..c1−1 of `at`, which must not
 * overlap the reflectors), rows j0..m−1: W = Vᵀ·C, W ← op(T)·W, C −= V·W, all matrix products.
 * @internal
 */
export function applyBlockToTransposed(
  at: Float64Array, m: number, j0: number, nb: number, T: Float64Array,
  c0: number, c1: number, trans: boolean,
): void {
  const p = c1 - c0;
  if (p <= 0 || nb === 0) return;
  const L = m - j0;
  const saved = patchV(at, m, j0, nb);
  const W = new Float64Array(nb * p);
  gemmNT(nb, p, L, 1, at, j0 * m + j0, m, at, c0 * m + j0, m, W, 0, p);
  const W2 = tTimes(T, nb, W, p, trans);
  // Cᵀ (p x L) −= W2ᵀ·Vᵀ with A(c, i) = W2[i, c].
  gemmNN(p, L, nb, -1, W2, 0, 1, p, at, j0 * m + j0, m, at, c0 * m + j0, m);
  restoreV(at, m, j0, nb, saved);
}

/**
 * Apply (I − V T Vᵀ)ᵀ (trans) or I − V T Vᵀ (V = reflectors j0..j0+nb−1 in `at`, column length
 * m) to rows j0..m−1, columns c0..c1−1 of a row-major matrix B with leading dimension ldb.
 * @internal
 */
export function applyBlockToRowMajor(
  at: Float64Array, m: number, j0: number, nb: number, T: Float64Array,
  b: Float64Array, ldb: number, c0: number, c1: number, trans: boolean,
): void {
  const p = c1 - c0;
  if (p <= 0 || nb === 0) return;
  const L = m - j0;
  const saved = patchV(at, m, j0, nb);
  const W = new Float64Array(nb * p);
  // W = Vᵀ·B_sub with A(i, r) = at[(j0 + i)·m + j0 + r].
  gemmNN(nb, p, L, 1, at, j0 * m + j0, m, 1, b, j0 * ldb + c0, ldb, W, 0, p);
  const W2 = tTimes(T, nb, W, p, trans);
  // B_sub −= V·W2 with A(r, i) = at[(j0 + i)·m + j0 + r].
  gemmNN(L, p, nb, -1, at, j0 * m + j0, 1, m, W2, 0, p, b, j0 * ldb + c0, ldb);
  restoreV(at, m, j0, nb, saved);
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
  applyBlockToTransposed(at, m, j0, w1, T11, j0 + w1, j0 + w, true);
  panelQR(at, m, j0 + w1, w2, tau, T, tOff + w1 * ldt + w1, ldt);
  // T12 = −T11 (V1ᵀ V2) T22, with Y = V1ᵀV2 over rows ≥ j0+w1 (V1 is dense there; V2's
  // triangle is patched to explicit zeros and ones).
  const Y = new Float64Array(w1 * w2);
  const j1 = j0 + w1;
  const saved = patchV(at, m, j1, w2);
  gemmNT(w1, w2, m - j1, 1, at, j0 * m + j1, m, at, j1 * m + j1, m, Y, 0, w2);
  restoreV(at, m, j1, w2, saved);
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
