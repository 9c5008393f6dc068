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
import { gemmNN, gemmNT } from './gemm.js';

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
 * Apply (I − V T Vᵀ)ᵀ (trans) or I − V T Vᵀ, V = reflectors j0..j0+nb−1 stored in `at`, to the
 * columns c0..c1−1 of the matrix in transposed storage (rows c0..c1−1 of `at`, which must not
 * overlap the reflectors), rows j0..m−1. The unit-triangular top of V is handled by small loops,
 * the dense rest by the matmul kernels reading `at` in place.
 * @internal
 */
export function applyBlockToTransposed(
  at: Float64Array, m: number, j0: number, nb: number, T: Float64Array,
  c0: number, c1: number, trans: boolean,
): void {
  const p = c1 - c0;
  if (p <= 0 || nb === 0) return;
  const top = j0 + nb;
  const Lb = m - top;
  const W = new Float64Array(nb * p);
  // W = Vᵀ·C: triangle rows j0..top−1, then the dense rows top..m−1.
  for (let i = 0; i < nb; i++) {
    const vi = (j0 + i) * m + j0;
    for (let c = 0; c < p; c++) {
      const ci = (c0 + c) * m + j0;
      let s = at[ci + i]!;
      for (let r = i + 1; r < nb; r++) s += at[vi + r]! * at[ci + r]!;
      W[i * p + c] = s;
    }
  }
  gemmNT(nb, p, Lb, 1, at, j0 * m + top, m, at, c0 * m + top, m, W, 0, p);
  triMulRows(T, nb, W, p, trans);
  // C −= V·W: dense rows by the kernel (A(c, i) = W[i, c]), then the triangle.
  gemmNN(p, Lb, nb, -1, W, 0, 1, p, at, j0 * m + top, m, at, c0 * m + top, m);
  for (let c = 0; c < p; c++) {
    const ci = (c0 + c) * m + j0;
    for (let r = 0; r < nb; r++) {
      let s = W[r * p + c]!;
      for (let i = 0; i < r; i++) s += W[i * p + c]! * at[(j0 + i) * m + j0 + r]!;
      at[ci + r] = at[ci + r]! - s;
    }
  }
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
  const top = j0 + nb;
  const Lb = m - top;
  const W = new Float64Array(nb * p);
  for (let i = 0; i < nb; i++) {
    const vi = (j0 + i) * m + j0;
    const wi = i * p;
    const bi = (j0 + i) * ldb + c0;
    for (let c = 0; c < p; c++) W[wi + c] = b[bi + c]!;
    for (let r = i + 1; r < nb; r++) axpyAt(p, at[vi + r]!, b, (j0 + r) * ldb + c0, W, wi);
  }
  gemmNN(nb, p, Lb, 1, at, j0 * m + top, m, 1, b, top * ldb + c0, ldb, W, 0, p);
  triMulRows(T, nb, W, p, trans);
  gemmNN(Lb, p, nb, -1, at, j0 * m + top, 1, m, W, 0, p, b, top * ldb + c0, ldb);
  for (let r = 0; r < nb; r++) {
    const br = (j0 + r) * ldb + c0;
    axpyAt(p, -1, W, r * p, b, br);
    for (let i = 0; i < r; i++) axpyAt(p, -at[(j0 + i) * m + j0 + r]!, W, i * p, b, br);
  }
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
  // T12 = −T11 (V1ᵀ V2) T22. Y = V1ᵀV2 over rows ≥ j0+w1: V2's unit triangle, then dense rows.
  const Y = new Float64Array(w1 * w2);
  const j1 = j0 + w1;
  for (let i = 0; i < w1; i++) {
    const vi = (j0 + i) * m;
    for (let t = 0; t < w2; t++) {
      const vt = (j1 + t) * m;
      let s = at[vi + j1 + t]!;
      for (let r = j1 + t + 1; r < j0 + w; r++) s += at[vi + r]! * at[vt + r]!;
      Y[i * w2 + t] = s;
    }
  }
  gemmNT(w1, w2, m - j0 - w, 1, at, j0 * m + j0 + w, m, at, j1 * m + j0 + w, m, Y, 0, w2);
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
