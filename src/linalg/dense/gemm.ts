/**
 * The dense matrix-multiply kernels behind `matmul`, `gram`, the blocked Householder updates and
 * the randomized methods, on row-major Float64Array storage with offsets and leading dimensions
 * (so they work on submatrices in place).
 *
 * - {@link gemmNN}: C += α·A·B with B's rows contiguous; A is read by scalars through two strides,
 *   so op(A) = Aᵀ costs nothing. Register block: 2 rows of C x 4 rows of B (16 flops per 6
 *   loads/stores), blocked over k and n so the slice of B in use stays in cache.
 * - {@link gemmNT}: C += α·A·Bᵀ with the rows of A and B contiguous along k: 2 x 4 blocks of dot
 *   products, blocked over k. Best when C is small and k long (Vᵀ·C in QR).
 *
 * Large products go to the WASM SIMD kernel (`kernels/dense/gemm.ts`) when the backend allows; these
 * loops are the JS backend and the fallback.
 *
 * @module
 * @internal
 */
import { gemmWasm } from '../../kernels/dense/gemm.js';

const KC = 128;
const NC = 256;
const KC_DOT = 256;

/**
 * C[m x n] += α·A·B with A(i, p) = a[aOff + i·sai + p·sap] and B(p, j) = b[bOff + p·ldb + j].
 * @internal
 */
export function gemmNN(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, sai: number, sap: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  if ((sap === 1 || sai === 1) && gemmWasm(sap !== 1, false, m, n, k, alpha, a, aOff, sap === 1 ? sai : sap, b, bOff, ldb, c, cOff, ldc)) return;
  if (k <= KC && n <= NC) {
    kernelNN(m, n, k, alpha, a, aOff, sai, sap, b, bOff, ldb, c, cOff, ldc);
    return;
  }
  for (let jj = 0; jj < n; jj += NC) {
    const nb = Math.min(NC, n - jj);
    for (let pp = 0; pp < k; pp += KC) {
      const kb = Math.min(KC, k - pp);
      kernelNN(m, nb, kb, alpha, a, aOff + pp * sap, sai, sap, b, bOff + pp * ldb + jj, ldb, c, cOff + jj, ldc);
    }
  }
}

function kernelNN(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, sai: number, sap: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const c0 = cOff + i * ldc;
    const c1 = c0 + ldc;
    const r0 = aOff + i * sai;
    const r1 = r0 + sai;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const q0 = p * sap;
      const q1 = q0 + sap;
      const q2 = q1 + sap;
      const q3 = q2 + sap;
      const a00 = alpha * a[r0 + q0]!;
      const a01 = alpha * a[r0 + q1]!;
      const a02 = alpha * a[r0 + q2]!;
      const a03 = alpha * a[r0 + q3]!;
      const a10 = alpha * a[r1 + q0]!;
      const a11 = alpha * a[r1 + q1]!;
      const a12 = alpha * a[r1 + q2]!;
      const a13 = alpha * a[r1 + q3]!;
      const b0 = bOff + p * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) {
        const x = b[b0 + j]!;
        const y = b[b1 + j]!;
        const z = b[b2 + j]!;
        const w = b[b3 + j]!;
        c[c0 + j] = c[c0 + j]! + (a00 * x + a01 * y + a02 * z + a03 * w);
        c[c1 + j] = c[c1 + j]! + (a10 * x + a11 * y + a12 * z + a13 * w);
      }
    }
    for (; p < k; p++) {
      const a0 = alpha * a[r0 + p * sap]!;
      const a1 = alpha * a[r1 + p * sap]!;
      const bo = bOff + p * ldb;
      for (let j = 0; j < n; j++) {
        const x = b[bo + j]!;
        c[c0 + j] = c[c0 + j]! + a0 * x;
        c[c1 + j] = c[c1 + j]! + a1 * x;
      }
    }
  }
  if (i < m) {
    const c0 = cOff + i * ldc;
    const r0 = aOff + i * sai;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a00 = alpha * a[r0 + p * sap]!;
      const a01 = alpha * a[r0 + (p + 1) * sap]!;
      const a02 = alpha * a[r0 + (p + 2) * sap]!;
      const a03 = alpha * a[r0 + (p + 3) * sap]!;
      const b0 = bOff + p * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) {
        c[c0 + j] = c[c0 + j]! + (a00 * b[b0 + j]! + a01 * b[b1 + j]! + a02 * b[b2 + j]! + a03 * b[b3 + j]!);
      }
    }
    for (; p < k; p++) {
      const a0 = alpha * a[r0 + p * sap]!;
      const bo = bOff + p * ldb;
      for (let j = 0; j < n; j++) c[c0 + j] = c[c0 + j]! + a0 * b[bo + j]!;
    }
  }
}

/**
 * C[m x n] += α·A·Bᵀ with A m x k (rows contiguous, leading dimension lda) and B n x k (ldb):
 * blocks of 2 x 4 dot products, blocked over k.
 * @internal
 */
export function gemmNT(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  if (gemmWasm(false, true, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc)) return;
  for (let pp = 0; pp < k; pp += KC_DOT) {
    const kb = Math.min(KC_DOT, k - pp);
    kernelNT(m, n, kb, alpha, a, aOff + pp, lda, b, bOff + pp, ldb, c, cOff, ldc);
  }
}

function kernelNT(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * lda;
    const a1 = a0 + lda;
    const c0 = cOff + i * ldc;
    const c1 = c0 + ldc;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bOff + j * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = a[a0 + p]!;
        const x1 = a[a1 + p]!;
        let y = b[b0 + p]!;
        s00 += x0 * y;
        s10 += x1 * y;
        y = b[b1 + p]!;
        s01 += x0 * y;
        s11 += x1 * y;
        y = b[b2 + p]!;
        s02 += x0 * y;
        s12 += x1 * y;
        y = b[b3 + p]!;
        s03 += x0 * y;
        s13 += x1 * y;
      }
      c[c0 + j] = c[c0 + j]! + alpha * s00;
      c[c0 + j + 1] = c[c0 + j + 1]! + alpha * s01;
      c[c0 + j + 2] = c[c0 + j + 2]! + alpha * s02;
      c[c0 + j + 3] = c[c0 + j + 3]! + alpha * s03;
      c[c1 + j] = c[c1 + j]! + alpha * s10;
      c[c1 + j + 1] = c[c1 + j + 1]! + alpha * s11;
      c[c1 + j + 2] = c[c1 + j + 2]! + alpha * s12;
      c[c1 + j + 3] = c[c1 + j + 3]! + alpha * s13;
    }
    for (; j < n; j++) {
      const b0 = bOff + j * ldb;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0; p < k; p++) {
        const y = b[b0 + p]!;
        s0 += a[a0 + p]! * y;
        s1 += a[a1 + p]! * y;
      }
      c[c0 + j] = c[c0 + j]! + alpha * s0;
      c[c1 + j] = c[c1 + j]! + alpha * s1;
    }
  }
  if (i < m) {
    const a0 = aOff + i * lda;
    const c0 = cOff + i * ldc;
    for (let j = 0; j < n; j++) {
      const b0 = bOff + j * ldb;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[a0 + p]! * b[b0 + p]!;
      c[c0 + j] = c[c0 + j]! + alpha * s;
    }
  }
}

/** Copy the transpose of a rows x cols block (leading dimension ld) into a new contiguous array. @internal */
export function packTranspose(rows: number, cols: number, src: Float64Array, off: number, ld: number): Float64Array {
  const out = new Float64Array(rows * cols);
  const B = 8;
  for (let ii = 0; ii < rows; ii += B) {
    const iEnd = Math.min(ii + B, rows);
    for (let j = 0; j < cols; j++) {
      const o = j * rows;
      for (let i = ii; i < iEnd; i++) out[o + i] = src[off + i * ld + j]!;
    }
  }
  return out;
}

/** C[m x n] ← β·C (β = 0 clears, ignoring NaN in C). @internal */
export function scaleBlock(m: number, n: number, beta: number, c: Float64Array, cOff: number, ldc: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const co = cOff + i * ldc;
    if (beta === 0) c.fill(0, co, co + n);
    else for (let j = 0; j < n; j++) c[co + j] = c[co + j]! * beta;
  }
}

/**
 * General C ← α·op(A)·op(B) + β·C, op(X) = X or Xᵀ, row-major with leading dimensions.
 * op(A) is m x k, op(B) is k x n, C is m x n.
 * @internal
 */
export function gemm(
  transA: boolean, transB: boolean,
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  beta: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  scaleBlock(m, n, beta, c, cOff, ldc);
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  if (!transB) {
    // A(i, p) = a[i·lda + p], or a[p·lda + i] when transposed.
    gemmNN(m, n, k, alpha, a, aOff, transA ? 1 : lda, transA ? lda : 1, b, bOff, ldb, c, cOff, ldc);
    return;
  }
  if (!transA && m < 64) {
    // Few rows: dot products over contiguous rows, no packing.
    gemmNT(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    return;
  }
  // Pack Bᵀ (k x n) once and use the faster axpy-form kernel.
  const bt = packTranspose(n, k, b, bOff, ldb);
  gemmNN(m, n, k, alpha, a, aOff, transA ? 1 : lda, transA ? lda : 1, bt, 0, n, c, cOff, ldc);
}
