/**
 * Sparse x dense and dense x sparse products on raw arrays (dense matrices row-major), plain
 * TypeScript; `assembly/spmm.ts` holds the SIMD versions with the same summation order.
 *
 * @module
 * @internal
 */

/**
 * C[i, :] = alpha·Σ_p data[p]·B[indices[p], :] + beta·C[i, :] for lines i in [r0, r1) of a
 * compressed matrix (CSR·dense; B is n x k, C is m x k). beta = 0 does not read C. @internal
 */
export function spmmGatherJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  B: Float64Array,
  k: number,
  C: Float64Array,
  r0: number,
  r1: number,
  alpha: number,
  beta: number,
): void {
  for (let i = r0; i < r1; i++) {
    const c = i * k;
    if (beta === 0) C.fill(0, c, c + k);
    else if (beta !== 1) for (let t = 0; t < k; t++) C[c + t]! *= beta;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const a = alpha * data[p]!;
      const b = indices[p]! * k;
      for (let t = 0; t < k; t++) C[c + t]! += a * B[b + t]!;
    }
  }
}

/**
 * C[indices[p], :] += alpha·data[p]·B[i, :] for lines i in [r0, r1) (CSC·dense, or CSRᵀ·dense);
 * the caller has applied beta to C. @internal
 */
export function spmmScatterJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  B: Float64Array,
  k: number,
  C: Float64Array,
  r0: number,
  r1: number,
  alpha: number,
): void {
  for (let i = r0; i < r1; i++) {
    const b = i * k;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const a = alpha * data[p]!;
      const c = indices[p]! * k;
      for (let t = 0; t < k; t++) C[c + t]! += a * B[b + t]!;
    }
  }
}

/**
 * C = alpha·D·A + beta·C for rows [r0, r1) of D (m x n row-major) and A (n x p, CSR): each row of
 * C accumulates D[r, k]·A[k, :] in `tmp` (length p), in increasing k. Entries of D equal to zero
 * are skipped (as the SIMD kernel does). @internal
 */
export function denseCsrJs(
  D: Float64Array,
  n: number,
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  p: number,
  C: Float64Array,
  r0: number,
  r1: number,
  alpha: number,
  beta: number,
  tmp: Float64Array,
): void {
  for (let r = r0; r < r1; r++) {
    tmp.fill(0, 0, p);
    const d = r * n;
    for (let k = 0; k < n; k++) {
      const a = D[d + k]!;
      if (a === 0) continue;
      const end = indptr[k + 1]!;
      for (let q = indptr[k]!; q < end; q++) tmp[indices[q]!]! += a * data[q]!;
    }
    const c = r * p;
    if (beta === 0) for (let j = 0; j < p; j++) C[c + j] = alpha * tmp[j]!;
    else for (let j = 0; j < p; j++) C[c + j] = alpha * tmp[j]! + beta * C[c + j]!;
  }
}

/**
 * C[r, j] = alpha·Σ_q D[r, indices[q]]·data[q] over the entries q of line j of a compressed
 * matrix, + beta·C[r, j], for rows [r0, r1) of D (dense·CSC: line j is column j of A). @internal
 */
export function denseCscJs(
  D: Float64Array,
  n: number,
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  p: number,
  C: Float64Array,
  r0: number,
  r1: number,
  alpha: number,
  beta: number,
): void {
  for (let r = r0; r < r1; r++) {
    const d = r * n;
    const c = r * p;
    for (let j = 0; j < p; j++) {
      let s = 0;
      const end = indptr[j + 1]!;
      for (let q = indptr[j]!; q < end; q++) s += D[d + indices[q]!]! * data[q]!;
      C[c + j] = beta === 0 ? alpha * s : alpha * s + beta * C[c + j]!;
    }
  }
}
