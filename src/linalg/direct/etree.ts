/**
 * Elimination tree of a symmetric matrix (Liu's algorithm with path compression; Davis, "Direct
 * Methods for Sparse Linear Systems", §4.1): parent[j] is the row index of the first off-diagonal
 * nonzero in column j of the Cholesky factor L, or -1 for a root. O(nnz · α(n)).
 *
 * @module
 * @internal
 */

/**
 * Elimination tree from the upper triangle in compressed-column form (column k lists rows i ≤ k;
 * entries with i ≥ k are ignored, so the full symmetric pattern may be given too).
 * @internal
 */
export function etree(n: number, ptr: Int32Array, idx: Int32Array): Int32Array {
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    for (let p = ptr[k]!; p < ptr[k + 1]!; p++) {
      // Walk from i to the root of its current subtree, pointing every node on the path at k.
      let i = idx[p]!;
      while (i !== -1 && i < k) {
        const next = ancestor[i]!;
        ancestor[i] = k;
        if (next === -1) {
          parent[i] = k;
          break;
        }
        i = next;
      }
    }
  }
  return parent;
}
