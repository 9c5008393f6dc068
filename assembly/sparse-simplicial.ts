// Numeric phases of the simplicial sparse factorizations over raw arrays in linear memory (all
// pointers are byte offsets; i32 index arrays, f64 values). The same loops, in the same order of
// operations, are the JS fallbacks in src/linalg/direct/cholesky-simplicial.ts and lu-simplicial.ts,
// which also describe the array layouts; both backends give bit-identical factors.

@inline function ld32(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function st32(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }
@inline function ld64(base: usize, i: i32): f64 { return load<f64>(base + (<usize>i << 3)); }
@inline function st64(base: usize, i: i32, v: f64): void { store<f64>(base + (<usize>i << 3), v); }

/**
 * x[li[p]] -= lx[p]·a for p in [p0, end): the sparse update of both factorizations, four entries
 * per step with the products taken two at a time (f64x2: the same IEEE products as one at a time);
 * the rows of one column are distinct, so the updates never touch the same x.
 */
@inline function scatterSub(x: usize, li: usize, lx: usize, p0: i32, end: i32, a: f64): void {
  let pi = li + (<usize>p0 << 2);
  let px = lx + (<usize>p0 << 3);
  const pend = li + (<usize>end << 2);
  const av = f64x2.splat(a);
  for (; pi + 12 < pend; pi += 16, px += 32) {
    const v01 = f64x2.mul(v128.load(px), av);
    const v23 = f64x2.mul(v128.load(px, 16), av);
    const x0 = x + (<usize>load<i32>(pi) << 3);
    const x1 = x + (<usize>load<i32>(pi, 4) << 3);
    const x2 = x + (<usize>load<i32>(pi, 8) << 3);
    const x3 = x + (<usize>load<i32>(pi, 12) << 3);
    store<f64>(x0, load<f64>(x0) - f64x2.extract_lane(v01, 0));
    store<f64>(x1, load<f64>(x1) - f64x2.extract_lane(v01, 1));
    store<f64>(x2, load<f64>(x2) - f64x2.extract_lane(v23, 0));
    store<f64>(x3, load<f64>(x3) - f64x2.extract_lane(v23, 1));
  }
  for (; pi < pend; pi += 4, px += 8) {
    const x0 = x + (<usize>load<i32>(pi) << 3);
    store<f64>(x0, load<f64>(x0) - load<f64>(px) * a);
  }
}

/**
 * Row subtree of k in the elimination tree (CSparse's cs_ereach, etree.ts's `ereach`): the nodes
 * reached from the rows of column k of the upper triangle cp/ci, in topological order in
 * s[top..n); returns top. mark is stamped with k.
 */
@inline function ereach(cp: usize, ci: usize, parent: usize, s: usize, mark: usize, k: i32, n: i32): i32 {
  let top = n;
  st32(mark, k, k);
  const pe = ld32(cp, k + 1);
  for (let p = ld32(cp, k); p < pe; p++) {
    let i = ld32(ci, p);
    let len: i32 = 0;
    while (ld32(mark, i) != k) {
      st32(s, len++, i);
      st32(mark, i, k);
      i = ld32(parent, i);
    }
    while (len > 0) st32(s, --top, ld32(s, --len));
  }
  return top;
}

/**
 * Up-looking Cholesky. cp/ci/cx: upper triangle of P·A·Pᵀ by columns; parent: elimination tree;
 * lp: column pointers of L; li/lx: its rows and values (written); next: lp[0..n) on entry;
 * x: n zeros; s: n ints; mark: n ints, none equal to a step index. Returns -1, or the step k whose
 * pivot d is not positive (d left in x[k]).
 */
export function chol_simplicial(cp: usize, ci: usize, cx: usize, parent: usize, lp: usize, li: usize, lx: usize, next: usize, x: usize, s: usize, mark: usize, n: i32): i32 {
  for (let k: i32 = 0; k < n; k++) {
    const pe = ld32(cp, k + 1);
    for (let p = ld32(cp, k); p < pe; p++) st64(x, ld32(ci, p), ld64(cx, p));
    const top = ereach(cp, ci, parent, s, mark, k, n);
    let d = ld64(x, k);
    st64(x, k, 0);
    for (let t = top; t < n; t++) {
      const j = ld32(s, t);
      const lkj = ld64(x, j) / ld64(lx, ld32(lp, j));
      st64(x, j, 0);
      const end = ld32(next, j);
      scatterSub(x, li, lx, ld32(lp, j) + 1, end, lkj);
      d -= lkj * lkj;
      st32(li, end, k);
      st64(lx, end, lkj);
      st32(next, j, end + 1);
    }
    if (!(d > 0)) {
      st64(x, k, d);
      return k;
    }
    const p = ld32(next, k);
    st32(next, k, p + 1);
    st32(li, p, k);
    st64(lx, p, Math.sqrt(d));
  }
  return -1;
}

/**
 * Left-looking LU with diagonal pivots on the Cholesky structure of A + Aᵀ. First the structure:
 * cp/ci: upper triangle of P·(A + Aᵀ)·Pᵀ by columns, parent: its elimination tree, lp: its
 * column pointers; li (L's rows, diagonal first), up/ui (U's columns: row subtree, then the
 * diagonal) are written, with next = lp[0..n), s and mark (n ints, none equal to a step index) as
 * work. Then the values: ap/ai/ax: A (CSC); perm: column order; pinv: its inverse (rows); lx/ux
 * (written); x: n zeros. Exact zeros are not kept: each column is compacted as it is computed
 * (next[k] becomes the end of L's column k, which the later updates read), and at the end L's
 * columns are moved together, lp and up becoming the final column pointers. urow: n zeros (kept
 * entries per row of U); flops[0] is set to the flops of the kept entries. Returns -1, or the step
 * whose pivot fails the threshold test |u_kk| ≥ tol·max_{i≥k} |x_i| (or is zero).
 */
export function lu_simplicial(cp: usize, ci: usize, parent: usize, ap: usize, ai: usize, ax: usize, perm: usize, pinv: usize, lp: usize, li: usize, up: usize, ui: usize, lx: usize, ux: usize, x: usize, s: usize, mark: usize, next: usize, urow: usize, flops: usize, n: i32, tol: f64): i32 {
  let unz: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    const top = ereach(cp, ci, parent, s, mark, k, n);
    st32(up, k, unz);
    for (let t = top; t < n; t++) {
      const j = ld32(s, t);
      st32(ui, unz++, j);
      const q = ld32(next, j);
      st32(li, q, k);
      st32(next, j, q + 1);
    }
    st32(ui, unz++, k);
    const q = ld32(next, k);
    st32(li, q, k);
    st32(next, k, q + 1);
  }
  st32(up, n, unz);
  let uo: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    const col = ld32(perm, k);
    const ape = ld32(ap, col + 1);
    for (let p = ld32(ap, col); p < ape; p++) st64(x, ld32(pinv, ld32(ai, p)), ld64(ax, p));
    const q0 = ld32(up, k);
    const uend = ld32(up, k + 1) - 1;
    st32(up, k, uo);
    for (let q = q0; q < uend; q++) {
      const j = ld32(ui, q);
      const ujk = ld64(x, j);
      st64(x, j, 0);
      if (ujk == 0) continue;
      st32(ui, uo, j);
      st64(ux, uo++, ujk);
      st32(urow, j, ld32(urow, j) + 1);
      scatterSub(x, li, lx, ld32(lp, j) + 1, ld32(next, j), ujk);
    }
    const pivot = ld64(x, k);
    st64(x, k, 0);
    const l0 = ld32(lp, k);
    const lend = ld32(lp, k + 1);
    let amax = Math.abs(pivot);
    for (let p = l0 + 1; p < lend; p++) {
      const v = Math.abs(ld64(x, ld32(li, p)));
      if (v > amax) amax = v;
    }
    if (pivot == 0 || !(Math.abs(pivot) >= tol * amax)) return k;
    st32(ui, uo, k);
    st64(ux, uo++, pivot);
    st64(lx, l0, 1);
    const inv = 1 / pivot;
    let m = l0 + 1;
    for (let p = l0 + 1; p < lend; p++) {
      const i = ld32(li, p);
      const v = ld64(x, i) * inv;
      st64(x, i, 0);
      if (v == 0) continue;
      st32(li, m, i);
      st64(lx, m++, v);
    }
    st32(next, k, m);
  }
  st32(up, n, uo);
  let lo: i32 = 0;
  let f: f64 = 0;
  for (let j: i32 = 0; j < n; j++) {
    const p0 = ld32(lp, j);
    const pe = ld32(next, j);
    st32(lp, j, lo);
    for (let p = p0; p < pe; p++) {
      st32(li, lo, ld32(li, p));
      st64(lx, lo++, ld64(lx, p));
    }
    const lc = <f64>(pe - p0 - 1);
    f += lc * <f64>(2 * ld32(urow, j) + 1);
  }
  st32(lp, n, lo);
  st64(flops, 0, f);
  return -1;
}

/**
 * y ← (L·Lᵀ)⁻¹·y for a simplicial factor: lp/li/lx are L by columns (diagonal first), y has n
 * entries. The loops of SparseCholesky's simplicial solve (src/linalg/direct/cholesky.ts).
 */
export function chol_simplicial_solve(lp: usize, li: usize, lx: usize, y: usize, n: i32): void {
  for (let j: i32 = 0; j < n; j++) {
    const p0 = ld32(lp, j);
    const yj = ld64(y, j) / ld64(lx, p0);
    st64(y, j, yj);
    if (yj == 0) continue;
    scatterSub(y, li, lx, p0 + 1, ld32(lp, j + 1), yj);
  }
  for (let j = n - 1; j >= 0; j--) {
    const p0 = ld32(lp, j);
    const pe = ld32(lp, j + 1);
    let t = ld64(y, j);
    for (let p = p0 + 1; p < pe; p++) t -= ld64(lx, p) * ld64(y, ld32(li, p));
    st64(y, j, t / ld64(lx, p0));
  }
}

/**
 * y ← U⁻¹·L⁻¹·y for an LU factor: lp/li/lx are L by columns (unit diagonal stored first),
 * up/ui/ux U by columns (diagonal last), y has n entries. The loops of SparseLU's solve
 * (src/linalg/direct/lu.ts).
 */
export function lu_solve(lp: usize, li: usize, lx: usize, up: usize, ui: usize, ux: usize, y: usize, n: i32): void {
  for (let j: i32 = 0; j < n; j++) {
    const yj = ld64(y, j);
    if (yj == 0) continue;
    scatterSub(y, li, lx, ld32(lp, j) + 1, ld32(lp, j + 1), yj);
  }
  for (let j = n - 1; j >= 0; j--) {
    const d = ld32(up, j + 1) - 1;
    const yj = ld64(y, j) / ld64(ux, d);
    st64(y, j, yj);
    if (yj == 0) continue;
    scatterSub(y, ui, ux, ld32(up, j), d, yj);
  }
}

/**
 * Crout LU with diagonal pivots for a matrix whose pattern is symmetric with the diagonal stored:
 * L and Uᵀ both fill the Cholesky structure of A, so they are computed together, each entry of
 * that structure holding the pair (L(i,j), U(j,i)) and each update taking both with one index
 * and one two-wide multiply. Step k finishes column k of L and row k of U: x = (A(i,k), A(k,i))
 * for i ≥ k, less (L(i,j)·U(j,k), U(j,i)·L(k,j)) for every column j < k with L(k,j) in the
 * structure (both products, so the two lanes of the pivot x_k are equal); the columns j wait in
 * linked lists under the next row they update (head, link; cur[j] is the position of that row).
 *
 * cp/ci: upper triangle of P·A·Pᵀ by columns, parent: its elimination tree, lp: its column
 * pointers (nnzL = lp[n]); perm: column order, pinv: its inverse; ap/ai/ax: A (CSC, canonical).
 * Written: Lp/Li/Lx (L by columns, unit diagonal first, rows ascending), Up/Ui/Ux (U by columns,
 * rows ascending, diagonal last), exact zeros dropped; flops[0] the flops of the kept entries
 * (as lu_simplicial counts them). scratch: 16·nnzL + 16·n + 8·nnz(A) + 4·nnzL + 20·n bytes.
 * Returns -1, or the step whose pivot fails the threshold test |u_kk| ≥ tol·max_{i>k} |x_i| (or
 * is zero).
 */
export function lu_crout(cp: usize, ci: usize, parent: usize, lp: usize, perm: usize, pinv: usize, ap: usize, ai: usize, ax: usize, Lp: usize, Li: usize, Lx: usize, Up: usize, Ui: usize, Ux: usize, flops: usize, scratch: usize, n: i32, tol: f64): i32 {
  const nnzL = ld32(lp, n);
  const v2 = scratch;
  const x2 = v2 + (<usize>nnzL << 4);
  const rx = x2 + (<usize>n << 4);
  const li = rx + (<usize>ld32(ap, n) << 3);
  const s = li + (<usize>nnzL << 2);
  const mark = s + (<usize>n << 2);
  const cur = mark + (<usize>n << 2);
  const head = cur + (<usize>n << 2);
  const link = head + (<usize>n << 2);
  const zero = f64x2.splat(0);
  for (let k: i32 = 0; k < n; k++) {
    st32(mark, k, -1);
    st32(head, k, -1);
    st32(cur, k, ld32(ap, k));
    v128.store(x2 + (<usize>k << 4), zero);
  }
  // Row i of A has the indices of column i (the pattern is symmetric): its values in rx.
  for (let j: i32 = 0; j < n; j++) {
    const pe = ld32(ap, j + 1);
    for (let p = ld32(ap, j); p < pe; p++) {
      const i = ld32(ai, p);
      const q = ld32(cur, i);
      st64(rx, q, ld64(ax, p));
      st32(cur, i, q + 1);
    }
  }
  // The structure: row k of column j for every j in the row subtree of k (rows ascending).
  for (let k: i32 = 0; k < n; k++) st32(cur, k, ld32(lp, k));
  for (let k: i32 = 0; k < n; k++) {
    const top = ereach(cp, ci, parent, s, mark, k, n);
    for (let t = top; t < n; t++) {
      const j = ld32(s, t);
      const q = ld32(cur, j);
      st32(li, q, k);
      st32(cur, j, q + 1);
    }
    const q = ld32(cur, k);
    st32(li, q, k);
    st32(cur, k, q + 1);
  }
  for (let k: i32 = 0; k < n; k++) {
    const col = ld32(perm, k);
    const ape = ld32(ap, col + 1);
    for (let p = ld32(ap, col); p < ape; p++) {
      const r = ld32(pinv, ld32(ai, p));
      if (r < k) continue;
      const xa = x2 + (<usize>r << 4);
      store<f64>(xa, ld64(ax, p));
      store<f64>(xa, ld64(rx, p), 8);
    }
    let j = ld32(head, k);
    while (j >= 0) {
      const nj = ld32(link, j);
      const p = ld32(cur, j);
      const end = ld32(lp, j + 1);
      const a = v128.load(v2 + (<usize>p << 4));
      if (v128.any_true(a)) {
        // (U(j,k), L(k,j)): lane 0 multiplies L(i,j), lane 1 U(j,i).
        const m = v128.shuffle<f64>(a, a, 1, 0);
        let q = p;
        for (; q + 1 < end; q += 2) {
          const xa = x2 + (<usize>ld32(li, q) << 4);
          const xb = x2 + (<usize>ld32(li, q + 1) << 4);
          const va = v2 + (<usize>q << 4);
          const da = f64x2.mul(v128.load(va), m);
          const db = f64x2.mul(v128.load(va, 16), m);
          v128.store(xa, f64x2.sub(v128.load(xa), da));
          v128.store(xb, f64x2.sub(v128.load(xb), db));
        }
        if (q < end) {
          const xa = x2 + (<usize>ld32(li, q) << 4);
          v128.store(xa, f64x2.sub(v128.load(xa), f64x2.mul(v128.load(v2 + (<usize>q << 4)), m)));
        }
      }
      if (p + 1 < end) {
        st32(cur, j, p + 1);
        const r = ld32(li, p + 1);
        st32(link, j, ld32(head, r));
        st32(head, r, j);
      }
      j = nj;
    }
    const l0 = ld32(lp, k);
    const lend = ld32(lp, k + 1);
    const xk = x2 + (<usize>k << 4);
    const pivot = load<f64>(xk);
    v128.store(xk, zero);
    let amax = Math.abs(pivot);
    for (let q = l0 + 1; q < lend; q++) {
      const v = Math.abs(load<f64>(x2 + (<usize>ld32(li, q) << 4)));
      if (v > amax) amax = v;
    }
    if (pivot == 0 || !(Math.abs(pivot) >= tol * amax)) return k;
    const inv = 1 / pivot;
    st64(v2, 2 * l0, 1);
    st64(v2, 2 * l0 + 1, pivot);
    for (let q = l0 + 1; q < lend; q++) {
      const xa = x2 + (<usize>ld32(li, q) << 4);
      const vo = v2 + (<usize>q << 4);
      store<f64>(vo, load<f64>(xa) * inv);
      store<f64>(vo, load<f64>(xa, 8), 8);
      v128.store(xa, zero);
    }
    if (l0 + 1 < lend) {
      st32(cur, k, l0 + 1);
      const r = ld32(li, l0 + 1);
      st32(link, k, ld32(head, r));
      st32(head, r, k);
    }
  }
  // L by columns and the counts of U's columns (in Up[i + 1]), dropping exact zeros.
  for (let j: i32 = 0; j <= n; j++) st32(Up, j, 0);
  let lo: i32 = 0;
  let f: f64 = 0;
  for (let j: i32 = 0; j < n; j++) {
    st32(Lp, j, lo);
    st32(Li, lo, j);
    st64(Lx, lo++, 1);
    let ur: i32 = 0;
    const qe = ld32(lp, j + 1);
    for (let q = ld32(lp, j) + 1; q < qe; q++) {
      const i = ld32(li, q);
      const lv = ld64(v2, 2 * q);
      if (lv != 0) {
        st32(Li, lo, i);
        st64(Lx, lo++, lv);
      }
      if (ld64(v2, 2 * q + 1) != 0) {
        ur++;
        st32(Up, i + 1, ld32(Up, i + 1) + 1);
      }
    }
    const lc = <f64>(lo - ld32(Lp, j) - 1);
    f += lc * <f64>(2 * ur + 1);
  }
  st32(Lp, n, lo);
  st64(flops, 0, f);
  // U by columns: column i takes U(j, i) from column j of the pairs (j ascending), then U(i, i).
  for (let i: i32 = 0; i < n; i++) {
    const c = ld32(Up, i) + ld32(Up, i + 1) + 1;
    st32(Up, i + 1, c);
    st32(cur, i, ld32(Up, i));
  }
  for (let j: i32 = 0; j < n; j++) {
    const q0 = ld32(lp, j);
    const qe = ld32(lp, j + 1);
    for (let q = q0 + 1; q < qe; q++) {
      const uv = ld64(v2, 2 * q + 1);
      if (uv == 0) continue;
      const i = ld32(li, q);
      const t = ld32(cur, i);
      st32(Ui, t, j);
      st64(Ux, t, uv);
      st32(cur, i, t + 1);
    }
    const d = ld32(Up, j + 1) - 1;
    st32(Ui, d, j);
    st64(Ux, d, ld64(v2, 2 * q0 + 1));
  }
  return -1;
}
