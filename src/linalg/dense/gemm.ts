/**
 * The dense matrix-multiply kernel behind `matmul`, `gram`, the blocked Householder updates and the
 * randomized methods: C ← α·op(A)·op(B) + β·C on row-major Float64Array storage with leading
 * dimensions, so it works on submatrices in place.
 *
 * The inner kernel updates two rows of C from four rows of B at a time (a 2x4 register block: six
 * loads/stores per 16 flops), and the loops are blocked over k and n so the slice of B being reused
 * stays in cache.
 *
 * @module
 * @internal
 */

/** Block sizes: a KC x NC slice of B (256 KiB) is reused across all rows of A. */
const KC = 128;
const NC = 256;

/**
 * C[m x n] += α·A[m x k]·B[k x n] on row-major storage with leading dimensions (no transposes).
 * @internal
 */
export function gemmNNAcc(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  if (k <= KC && n <= NC) {
    kernel(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    return;
  }
  for (let jj = 0; jj < n; jj += NC) {
    const nb = Math.min(NC, n - jj);
    for (let pp = 0; pp < k; pp += KC) {
      const kb = Math.min(KC, k - pp);
      kernel(m, nb, kb, alpha, a, aOff + pp, lda, b, bOff + pp * ldb + jj, ldb, c, cOff + jj, ldc);
    }
  }
}

function kernel(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const c0 = cOff + i * ldc;
    const c1 = c0 + ldc;
    const r0 = aOff + i * lda;
    const r1 = r0 + lda;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a00 = alpha * a[r0 + p]!;
      const a01 = alpha * a[r0 + p + 1]!;
      const a02 = alpha * a[r0 + p + 2]!;
      const a03 = alpha * a[r0 + p + 3]!;
      const a10 = alpha * a[r1 + p]!;
      const a11 = alpha * a[r1 + p + 1]!;
      const a12 = alpha * a[r1 + p + 2]!;
      const a13 = alpha * a[r1 + p + 3]!;
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
      const a0 = alpha * a[r0 + p]!;
      const a1 = alpha * a[r1 + p]!;
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
    const r0 = aOff + i * lda;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a00 = alpha * a[r0 + p]!;
      const a01 = alpha * a[r0 + p + 1]!;
      const a02 = alpha * a[r0 + p + 2]!;
      const a03 = alpha * a[r0 + p + 3]!;
      const b0 = bOff + p * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) {
        c[c0 + j] = c[c0 + j]! + (a00 * b[b0 + j]! + a01 * b[b1 + j]! + a02 * b[b2 + j]! + a03 * b[b3 + j]!);
      }
    }
    for (; p < k; p++) {
      const a0 = alpha * a[r0 + p]!;
      const bo = bOff + p * ldb;
      for (let j = 0; j < n; j++) c[c0 + j] = c[c0 + j]! + a0 * b[bo + j]!;
    }
  }
}

/** Copy the transpose of a rows x cols block (leading dimension ld) into a new contiguous array. @internal */
export function packTranspose(rows: number, cols: number, src: Float64Array, off: number, ld: number): Float64Array {
  const out = new Float64Array(rows * cols);
  const B = 32;
  for (let ii = 0; ii < rows; ii += B) {
    const iEnd = Math.min(ii + B, rows);
    for (let jj = 0; jj < cols; jj += B) {
      const jEnd = Math.min(jj + B, cols);
      for (let i = ii; i < iEnd; i++) {
        const so = off + i * ld;
        for (let j = jj; j < jEnd; j++) out[j * rows + i] = src[so + j]!;
      }
    }
  }
  return out;
}

/**
 * General C ← α·op(A)·op(B) + β·C, op(X) = X or Xᵀ, row-major with leading dimensions.
 * op(A) is m x k, op(B) is k x n, C is m x n. Transposed operands are packed once (O(mk) or O(kn)).
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
  if (beta !== 1) {
    for (let i = 0; i < m; i++) {
      const co = cOff + i * ldc;
      if (beta === 0) c.fill(0, co, co + n);
      else for (let j = 0; j < n; j++) c[co + j] = c[co + j]! * beta;
    }
  }
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  let A = a;
  let ao = aOff;
  let la = lda;
  if (transA) {
    // A is stored k x m.
    A = packTranspose(k, m, a, aOff, lda);
    ao = 0;
    la = k;
  }
  let B = b;
  let bo = bOff;
  let lb = ldb;
  if (transB) {
    // B is stored n x k.
    B = packTranspose(n, k, b, bOff, ldb);
    bo = 0;
    lb = n;
  }
  gemmNNAcc(m, n, k, alpha, A, ao, la, B, bo, lb, c, cOff, ldc);
}
