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

/**
 * Pattern of row k of the Cholesky factor L (Davis §4.2, CSparse's `cs_ereach`): the nodes j < k
 * reached by walking up the elimination tree from each row i < k of column k of the upper triangle
 * (`ptr`/`idx`, column k lists rows i ≤ k) until a node already visited. They are written to
 * s[top..n) in topological order (every node before its ancestors); returns top. `mark` must not
 * hold k for any node on entry (it is stamped with k, k itself included). O(|L(k, :)|).
 * @internal
 */
export function ereach(k: number, ptr: Int32Array, idx: Int32Array, parent: Int32Array, s: Int32Array, mark: Int32Array): number {
  let top = s.length;
  mark[k] = k;
  for (let p = ptr[k]!; p < ptr[k + 1]!; p++) {
    let i = idx[p]!;
    if (i > k) continue;
    let len = 0;
    for (; mark[i] !== k; i = parent[i]!) {
      s[len++] = i;
      mark[i] = k;
    }
    while (len > 0) s[--top] = s[--len]!;
  }
  return top;
}
