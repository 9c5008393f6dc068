/**
 * Plain-TypeScript SpMV loops over raw compressed arrays (the JS backend). Every function here is
 * self-contained (no references outside its body): the worker pool ships their source text to
 * its threads, so the same loop runs on the main thread and in the workers.
 *
 * `gather`: y[i] = alpha * sum_p data[p] * x[indices[p]] + beta * y[i] over lines i in [r0, r1)
 * (CSR times x, or CSC transposed times x). `scatter`: y[indices[p]] += alpha * data[p] * x[i]
 * (CSR transposed times x, or CSC times x).
 *
 * @module
 * @internal
 */

/**
 * y[i] = alpha·(A·x)[i] + beta·y[i] for lines i in [r0, r1) of compressed arrays (CSR matvec).
 * With beta = 0, y is not read (NaN in y does not propagate), as in BLAS. @internal
 */
export function spmvGatherRangeJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  x: Float64Array,
  y: Float64Array,
  r0: number,
  r1: number,
  alpha: number,
  beta: number,
): void {
  let p = indptr[r0]! | 0;
  for (let i = r0; i < r1; i++) {
    const end = indptr[i + 1]! | 0;
    let s0 = 0;
    let s1 = 0;
    // Two partial sums: shorter floating-point dependency chains (same order in every backend run).
    for (; p + 1 < end; p += 2) {
      s0 += data[p]! * x[indices[p]!]!;
      s1 += data[p + 1]! * x[indices[p + 1]!]!;
    }
    if (p < end) {
      s0 += data[p]! * x[indices[p]!]!;
      p++;
    }
    const s = s0 + s1;
    y[i] = beta === 0 ? alpha * s : alpha * s + beta * y[i]!;
  }
}

/**
 * y[indices[p]] += alpha·data[p]·x[i] for lines i in [r0, r1) (CSR rmatvec, CSC matvec); the
 * caller has already applied beta to y. @internal
 */
export function spmvScatterRangeJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  x: Float64Array,
  y: Float64Array,
  r0: number,
  r1: number,
  alpha: number,
): void {
  for (let i = r0; i < r1; i++) {
    const xi = alpha * x[i]!;
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) y[indices[p]!]! += data[p]! * xi;
  }
}

/** y = A·x for compressed lines (CSR matvec); y is overwritten. @internal */
export function spmvGatherJs(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  x: Float64Array,
  y: Float64Array,
  nMajor: number,
): void {
  spmvGatherRangeJs(indptr, indices, data, x, y, 0, nMajor, 1, 0);
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
  spmvScatterRangeJs(indptr, indices, data, x, y, 0, nMajor, 1);
}

/**
 * y[row[p]] += alpha·data[p]·x[col[p]] over COO triplets (duplicates add up); the caller has
 * already applied beta to y. @internal
 */
export function spmvCooJs(row: Int32Array, col: Int32Array, data: Float64Array, x: Float64Array, y: Float64Array, alpha: number): void {
  for (let p = 0; p < data.length; p++) y[row[p]!]! += alpha * data[p]! * x[col[p]!]!;
}
