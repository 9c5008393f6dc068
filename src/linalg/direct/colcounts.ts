/**
 * Column counts of the Cholesky factor without forming it (Gilbert, Ng, Peyton 1994; Davis,
 * "Direct Methods for Sparse Linear Systems", §4.5). Row i of L is the row subtree of i in the
 * elimination tree, whose leaves are found from A's pattern with the first-descendant numbers;
 * each leaf adds one to its column and the least common ancestor of consecutive leaves (found with
 * a union–find over the postorder) subtracts one. Summing these differences up the tree gives
 * |L(:, j)|, the diagonal included. O(nnz · α(n)).
 *
 * @module
 * @internal
 */

/**
 * Counts from the lower triangle in compressed-column form (column j lists rows i ≥ j; rows ≤ j
 * are ignored), the elimination tree and a postorder of it.
 * @internal
 */
export function colCounts(n: number, ptr: Int32Array, idx: Int32Array, parent: Int32Array, post: Int32Array): Int32Array {
  const delta = new Int32Array(n);
  const first = new Int32Array(n).fill(-1);
  const maxfirst = new Int32Array(n).fill(-1);
  const prevleaf = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let j = post[k]!;
    delta[j] = first[j] === -1 ? 1 : 0; // a leaf of the etree
    for (; j !== -1 && first[j] === -1; j = parent[j]!) first[j] = k;
  }
  for (let i = 0; i < n; i++) ancestor[i] = i;
  for (let k = 0; k < n; k++) {
    const j = post[k]!;
    if (parent[j] !== -1) delta[parent[j]!]!--;
    for (let p = ptr[j]!; p < ptr[j + 1]!; p++) {
      const i = idx[p]!;
      // Is j a leaf of row subtree i?
      if (i <= j || first[j]! <= maxfirst[i]!) continue;
      maxfirst[i] = first[j]!;
      const jprev = prevleaf[i]!;
      prevleaf[i] = j;
      delta[j]!++;
      if (jprev === -1) continue;
      // Subsequent leaf: subtract at the least common ancestor of jprev and j.
      let q = jprev;
      while (q !== ancestor[q]) q = ancestor[q]!;
      for (let s = jprev; s !== q;) {
        const sp = ancestor[s]!;
        ancestor[s] = q;
        s = sp;
      }
      delta[q]!--;
    }
    if (parent[j] !== -1) ancestor[j] = parent[j]!;
  }
  for (let j = 0; j < n; j++) if (parent[j] !== -1) delta[parent[j]!]! += delta[j]!;
  return delta;
}
