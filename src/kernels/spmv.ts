/**
 * Plain-TypeScript SpMV loops over raw compressed arrays (the JS backend).
 *
 * `gather`: y[i] = sum_p data[p] * x[indices[p]] over line i (CSR times x, or CSC transposed times x).
 * `scatter`: y[indices[p]] += data[p] * x[i] (CSR transposed times x, or CSC times x).
 *
 * @module
 * @internal
 */

/** y = A·x for compressed lines (CSR matvec); y is overwritten. @internal */
export function spmvGatherJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  x: Float64Array,
  y: Float64Array,
  nMajor: number,
): void {
  for (let i = 0; i < nMajor; i++) {
    let s = 0;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) s += data[p]! * x[indices[p]!]!;
    y[i] = s;
  }
}

/** y += Aᵀ·x for compressed lines (CSR rmatvec); y is accumulated into (zero it first). @internal */
export function spmvScatterJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  x: Float64Array,
  y: Float64Array,
  nMajor: number,
): void {
  for (let i = 0; i < nMajor; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) y[indices[p]!]! += data[p]! * xi;
  }
}
