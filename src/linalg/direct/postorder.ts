/**
 * Postorder of a forest given by parent pointers (depth first, children in increasing order), so
 * that every subtree occupies a contiguous range ending at its root. O(n), no recursion.
 *
 * @module
 * @internal
 */

/** post[k] = the node visited k-th. @internal */
export function postorder(parent: Int32Array): Int32Array {
  const n = parent.length;
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  // Children lists in increasing order (push in decreasing order).
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j]!;
    if (p === -1) continue;
    next[j] = head[p]!;
    head[p] = j;
  }
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -1) continue;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const v = stack[top]!;
      const c = head[v]!;
      if (c === -1) {
        top--;
        post[k++] = v;
      } else {
        head[v] = next[c]!;
        stack[++top] = c;
      }
    }
  }
  return post;
}
