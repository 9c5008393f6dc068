// Symbolic analysis of the simplicial Cholesky factorization over raw arrays in linear memory:
// the loops of permutedLower (upper triangle), etree, transposePattern, postorder and colCounts in
// src/linalg/direct/ (which describe the methods), in the same order, so both backends give the
// same arrays. Pointers are byte offsets of i32 arrays.

@inline function ld(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function st(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }

/**
 * For A (n x n CSC ap/ai, lower triangle read) and the order pinv (old -> new): the upper triangle
 * of P·A·Pᵀ by columns (cp: n + 1, ci/amap: nnz(A) room, amap the positions in A), its
 * elimination tree (parent) and the column counts of its factor (colcount, diagonal included).
 * work: 8·n + 2 + nnz(A) ints of scratch.
 */
export function simplicial_counts(ap: usize, ai: usize, pinv: usize, cp: usize, ci: usize, amap: usize, parent: usize, colcount: usize, work: usize, n: i32): void {
  const nn = <usize>n << 2;
  const pos = work; // n + 1
  const ancestor = pos + nn + 4;
  const head = ancestor + nn;
  const next = head + nn;
  const post = next + nn;
  const stack = post + nn;
  const first = stack + nn;
  const lowptr = first + nn; // n + 1
  const lowidx = lowptr + nn + 4;

  // Upper triangle of P·A·Pᵀ: entry (i, j), i ≥ j, of A goes to column max(pinv i, pinv j), row
  // min(...). Two passes over A: count the columns, then place the entries.
  for (let j: i32 = 0; j <= n; j++) st(cp, j, 0);
  for (let pass: i32 = 0; pass < 2; pass++) {
    if (pass == 1) {
      for (let j: i32 = 0; j < n; j++) {
        st(cp, j + 1, ld(cp, j + 1) + ld(cp, j));
        st(pos, j, ld(cp, j));
      }
    }
    for (let j: i32 = 0; j < n; j++) {
      const c = ld(pinv, j);
      for (let p = ld(ap, j); p < ld(ap, j + 1); p++) {
        const i = ld(ai, p);
        if (i < j) continue;
        const r = ld(pinv, i);
        const lo = r < c ? r : c;
        const hi = r < c ? c : r;
        if (pass == 0) {
          st(cp, hi + 1, ld(cp, hi + 1) + 1);
          continue;
        }
        const q = ld(pos, hi);
        st(pos, hi, q + 1);
        st(ci, q, lo);
        st(amap, q, p);
      }
    }
  }

  // Elimination tree (path compression through ancestor).
  for (let k: i32 = 0; k < n; k++) {
    st(parent, k, -1);
    st(ancestor, k, -1);
  }
  for (let k: i32 = 0; k < n; k++) {
    for (let p = ld(cp, k); p < ld(cp, k + 1); p++) {
      let i = ld(ci, p);
      while (i != -1 && i < k) {
        const nx = ld(ancestor, i);
        st(ancestor, i, k);
        if (nx == -1) {
          st(parent, i, k);
          break;
        }
        i = nx;
      }
    }
  }

  // Lower triangle by columns (the transpose).
  const nnz = ld(cp, n);
  for (let j: i32 = 0; j <= n; j++) st(lowptr, j, 0);
  for (let p: i32 = 0; p < nnz; p++) {
    const r = ld(ci, p) + 1;
    st(lowptr, r, ld(lowptr, r) + 1);
  }
  for (let j: i32 = 0; j < n; j++) {
    st(lowptr, j + 1, ld(lowptr, j + 1) + ld(lowptr, j));
    st(pos, j, ld(lowptr, j));
  }
  for (let j: i32 = 0; j < n; j++) {
    for (let p = ld(cp, j); p < ld(cp, j + 1); p++) {
      const r = ld(ci, p);
      const q = ld(pos, r);
      st(pos, r, q + 1);
      st(lowidx, q, j);
    }
  }

  // Postorder (children in increasing order, depth first).
  for (let j: i32 = 0; j < n; j++) {
    st(head, j, -1);
    st(next, j, -1);
  }
  for (let j = n - 1; j >= 0; j--) {
    const p = ld(parent, j);
    if (p == -1) continue;
    st(next, j, ld(head, p));
    st(head, p, j);
  }
  let k: i32 = 0;
  for (let root: i32 = 0; root < n; root++) {
    if (ld(parent, root) != -1) continue;
    let top: i32 = 0;
    st(stack, 0, root);
    while (top >= 0) {
      const v = ld(stack, top);
      const c = ld(head, v);
      if (c == -1) {
        top--;
        st(post, k++, v);
      } else {
        st(head, v, ld(next, c));
        st(stack, ++top, c);
      }
    }
  }

  // Column counts (skeleton leaves and least common ancestors); head, next, stack reused as
  // maxfirst, prevleaf, ancestor; delta accumulates in colcount.
  const delta = colcount;
  const maxfirst = head;
  const prevleaf = next;
  const anc = stack;
  for (let j: i32 = 0; j < n; j++) {
    st(first, j, -1);
    st(maxfirst, j, -1);
    st(prevleaf, j, -1);
    st(anc, j, j);
  }
  for (let t: i32 = 0; t < n; t++) {
    let j = ld(post, t);
    st(delta, j, ld(first, j) == -1 ? 1 : 0);
    for (; j != -1 && ld(first, j) == -1; j = ld(parent, j)) st(first, j, t);
  }
  for (let t: i32 = 0; t < n; t++) {
    const j = ld(post, t);
    const pj = ld(parent, j);
    if (pj != -1) st(delta, pj, ld(delta, pj) - 1);
    const fj = ld(first, j);
    for (let p = ld(lowptr, j); p < ld(lowptr, j + 1); p++) {
      const i = ld(lowidx, p);
      if (i <= j || fj <= ld(maxfirst, i)) continue;
      st(maxfirst, i, fj);
      const jprev = ld(prevleaf, i);
      st(prevleaf, i, j);
      st(delta, j, ld(delta, j) + 1);
      if (jprev == -1) continue;
      let q = jprev;
      while (q != ld(anc, q)) q = ld(anc, q);
      for (let s = jprev; s != q;) {
        const sp = ld(anc, s);
        st(anc, s, q);
        s = sp;
      }
      st(delta, q, ld(delta, q) - 1);
    }
    if (pj != -1) st(anc, j, pj);
  }
  for (let j: i32 = 0; j < n; j++) {
    const pj = ld(parent, j);
    if (pj != -1) st(delta, pj, ld(delta, pj) + ld(delta, j));
  }
}
