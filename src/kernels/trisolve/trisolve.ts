/**
 * Triangular solves with a compressed (CSR) matrix by substitution, for one or several
 * right-hand sides stored row-major.
 *
 * @module
 * @internal
 */

/**
 * Solve L·X = B in place in `X` (which holds B on entry; n x k row-major), L n x n CSR,
 * canonical or not (duplicates add up). `lower`: forward substitution over the entries left of
 * the diagonal; otherwise backward substitution over the entries right of it. Entries on the
 * other side of the diagonal are ignored when `ignoreOther`, else reported. Returns -1 on success,
 * or the row of the first zero pivot (`-2 - row` for an entry on the wrong side). O(nnz·k). @internal
 */
export function trisolveCsr(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  n: number,
  X: Float64Array,
  k: number,
  lower: boolean,
  unitDiagonal: boolean,
  ignoreOther: boolean,
): number {
  const acc = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    const i = lower ? t : n - 1 - t;
    let diag = 0;
    acc.fill(0);
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
      const j = indices[p]!;
      const v = data[p]!;
      if (j === i) diag += v;
      else if (lower ? j < i : j > i) {
        const r = j * k;
        for (let c = 0; c < k; c++) acc[c]! += v * X[r + c]!;
      } else if (!ignoreOther && v !== 0) return -2 - i;
    }
    if (unitDiagonal) diag = 1;
    if (diag === 0) return i;
    const r = i * k;
    for (let c = 0; c < k; c++) X[r + c] = (X[r + c]! - acc[c]!) / diag;
  }
  return -1;
}
