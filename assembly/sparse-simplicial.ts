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

/** Address of L(e + 1.., jj)'s first value: column jj of a chain jj..e past its own chain rows. */
@inline function chainValues(lp: usize, lx: usize, jj: i32, e: i32): usize {
  return lx + (<usize>(ld32(lp, jj) + 1 + e - jj) << 3);
}

/**
 * x2[R[i]] -= Σ_t L(R[i], j + t)·u_t over the chain j..e of L, whose columns share the rows R
 * below e (h of them, those of L(:, e)), for two columns interleaved in x2 (row r at x2 + 16r),
 * with the chain's w pairs of U values in ub. Four chain columns per step, each L value loaded
 * once for both columns; each row takes its updates in column order.
 */
@inline function chainUpdate2(x2: usize, lp: usize, lx: usize, rows: usize, h: i32, ub: usize, j: i32, e: i32): void {
  const w = e - j + 1;
  let t: i32 = 0;
  for (; t + 4 <= w; t += 4) {
    const j0 = j + t;
    const p0 = chainValues(lp, lx, j0, e);
    const p1 = chainValues(lp, lx, j0 + 1, e);
    const p2 = chainValues(lp, lx, j0 + 2, e);
    const p3 = chainValues(lp, lx, j0 + 3, e);
    const b = ub + (<usize>t << 4);
    const u0 = v128.load(b);
    const u1 = v128.load(b, 16);
    const u2 = v128.load(b, 32);
    const u3 = v128.load(b, 48);
    for (let i: i32 = 0; i < h; i++) {
      const o = <usize>i << 3;
      const xa = x2 + (<usize>ld32(rows, i) << 4);
      let a = v128.load(xa);
      a = f64x2.sub(a, f64x2.mul(v128.load64_splat(p0 + o), u0));
      a = f64x2.sub(a, f64x2.mul(v128.load64_splat(p1 + o), u1));
      a = f64x2.sub(a, f64x2.mul(v128.load64_splat(p2 + o), u2));
      a = f64x2.sub(a, f64x2.mul(v128.load64_splat(p3 + o), u3));
      v128.store(xa, a);
    }
  }
  for (; t < w; t++) {
    const jj = j + t;
    columnUpdate2(x2, lx, rows, ld32(lp, jj) + 1 + e - jj, h, v128.load(ub + (<usize>t << 4)));
  }
}

/** x2[rows[i]] -= lx[p0 + i]·u for i < h, both interleaved columns (u: their two multipliers). */
@inline function columnUpdate2(x2: usize, lx: usize, rows: usize, p0: i32, h: i32, u: v128): void {
  const pv = lx + (<usize>p0 << 3);
  for (let i: i32 = 0; i < h; i++) {
    const xa = x2 + (<usize>ld32(rows, i) << 4);
    v128.store(xa, f64x2.sub(v128.load(xa), f64x2.mul(v128.load64_splat(pv + (<usize>i << 3)), u)));
  }
}

/**
 * Pivot test and L's column k from x, whose row r is at xs + (r << shift) (shift 3: one column;
 * 4: one column of two interleaved); returns false when the pivot fails the threshold test. The
 * pivot goes to ux[upos]; the entries read are zeroed.
 */
@inline function finishColumn(xs: usize, shift: usize, lp: usize, li: usize, lx: usize, ux: usize, upos: i32, k: i32, tol: f64): bool {
  const pivot = load<f64>(xs + (<usize>k << shift));
  store<f64>(xs + (<usize>k << shift), 0);
  const l0 = ld32(lp, k);
  const lend = ld32(lp, k + 1);
  let amax = Math.abs(pivot);
  for (let p = l0 + 1; p < lend; p++) {
    const v = Math.abs(load<f64>(xs + (<usize>ld32(li, p) << shift)));
    if (v > amax) amax = v;
  }
  if (pivot == 0 || !(Math.abs(pivot) >= tol * amax)) return false;
  st64(ux, upos, pivot);
  st64(lx, l0, 1);
  const inv = 1 / pivot;
  for (let p = l0 + 1; p < lend; p++) {
    const xa = xs + (<usize>ld32(li, p) << shift);
    st64(lx, p, load<f64>(xa) * inv);
    store<f64>(xa, 0);
  }
  return true;
}

/**
 * Left-looking LU with diagonal pivots on the Cholesky structure of A + Aᵀ. First the structure:
 * cp/ci: upper triangle of P·(A + Aᵀ)·Pᵀ by columns, parent: its elimination tree, lp: its
 * column pointers; li (L's rows, ascending, diagonal first) and up/ui (U's columns: rows
 * ascending, the diagonal last) are written, with next = lp[0..n), s and mark (n ints, none equal
 * to a step index) as work. Then the values: ap/ai/ax: A (CSC); perm: column order; pinv: its
 * inverse (rows); lx/ux (written); x: n zeros. U's rows are taken in ascending order (a
 * topological order of the elimination tree), by chains j..e of columns whose structures nest
 * (L(:, j) = {j} ∪ L(:, j + 1), the fundamental supernodes, kept in mark): the chain's own rows
 * first, one column at a time, then its shared rows below e. Two columns k, k + 1 of one chain
 * are computed together, interleaved in x2 (32n bytes of scratch: the two columns, then the
 * chain's U values in pairs), over the union of their U rows. Exact zeros
 * are dropped at the end (the chains need the full structure while factoring), lp and up becoming
 * the final column pointers. urow: n zeros (kept entries per row of U); flops[0] is set to the
 * flops of the kept entries. Returns -1, or the step whose pivot fails the threshold test
 * |u_kk| ≥ tol·max_{i≥k} |x_i| (or is zero).
 */
export function lu_simplicial(cp: usize, ci: usize, parent: usize, ap: usize, ai: usize, ax: usize, perm: usize, pinv: usize, lp: usize, li: usize, up: usize, ui: usize, lx: usize, ux: usize, x: usize, s: usize, mark: usize, next: usize, urow: usize, flops: usize, x2: usize, n: i32, tol: f64): i32 {
  let unz: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    const top = ereach(cp, ci, parent, s, mark, k, n);
    st32(up, k, unz);
    unz += n - top + 1;
    for (let t = top; t < n; t++) {
      const j = ld32(s, t);
      const q = ld32(next, j);
      st32(li, q, k);
      st32(next, j, q + 1);
    }
    const q = ld32(next, k);
    st32(li, q, k);
    st32(next, k, q + 1);
  }
  st32(up, n, unz);
  // U's rows by a transpose of L's structure (ascending), s as the fill positions; then the
  // chain ends in mark.
  for (let k: i32 = 0; k < n; k++) st32(s, k, ld32(up, k));
  for (let j: i32 = 0; j < n; j++) {
    const pe = ld32(lp, j + 1);
    for (let p = ld32(lp, j) + 1; p < pe; p++) {
      const k = ld32(li, p);
      const q = ld32(s, k);
      st32(ui, q, j);
      st32(s, k, q + 1);
    }
    st32(ui, ld32(up, j + 1) - 1, j);
  }
  for (let j = n - 1; j >= 0; j--) {
    const c = ld32(lp, j + 1) - ld32(lp, j);
    st32(mark, j, j + 1 < n && ld32(parent, j) == j + 1 && c == ld32(lp, j + 2) - ld32(lp, j + 1) + 1 ? ld32(mark, j + 1) : j);
  }
  memory.fill(x2, 0, <usize>n << 4);
  const ub = x2 + (<usize>n << 4);
  for (let k: i32 = 0; k < n; k++) {
    if (k + 1 < n && ld32(mark, k) > k) {
      // Columns k and k + 1 (one chain) together, interleaved in x2, over the union of their
      // U rows below k: each L value loaded serves both.
      for (let c: i32 = 0; c < 2; c++) {
        const col = ld32(perm, k + c);
        const ape = ld32(ap, col + 1);
        for (let p = ld32(ap, col); p < ape; p++) store<f64>(x2 + (<usize>ld32(pinv, ld32(ai, p)) << 4) + (<usize>c << 3), ld64(ax, p));
      }
      let a = ld32(up, k);
      const aend = ld32(up, k + 1) - 1;
      let b = ld32(up, k + 1);
      const bend = ld32(up, k + 2) - 2;
      while (a < aend || b < bend) {
        let j: i32;
        if (a < aend) {
          j = ld32(ui, a);
          if (b < bend && ld32(ui, b) < j) j = ld32(ui, b);
        } else {
          j = ld32(ui, b);
        }
        let e = ld32(mark, j);
        if (e >= k) e = k - 1;
        for (let jj = j; jj <= e; jj++) {
          const xp = x2 + (<usize>jj << 4);
          const u = v128.load(xp);
          v128.store(xp, f64x2.splat(0));
          v128.store(ub + (<usize>(jj - j) << 4), u);
          const u0 = f64x2.extract_lane(u, 0);
          const u1 = f64x2.extract_lane(u, 1);
          if (a < aend && ld32(ui, a) == jj) st64(ux, a++, u0);
          if (b < bend && ld32(ui, b) == jj) st64(ux, b++, u1);
          if (jj == e || (u0 == 0 && u1 == 0)) continue;
          const p0 = ld32(lp, jj) + 1;
          for (let p = p0; p < p0 + e - jj; p++) {
            const xa = x2 + (<usize>ld32(li, p) << 4);
            v128.store(xa, f64x2.sub(v128.load(xa), f64x2.mul(v128.load64_splat(lx + (<usize>p << 3)), u)));
          }
        }
        const re = ld32(lp, e + 1);
        const rs = ld32(lp, e) + 1;
        if (e == j) {
          const u = v128.load(ub);
          if (f64x2.extract_lane(u, 0) != 0 || f64x2.extract_lane(u, 1) != 0) columnUpdate2(x2, lx, li + (<usize>rs << 2), rs, re - rs, u);
        } else {
          chainUpdate2(x2, lp, lx, li + (<usize>rs << 2), re - rs, ub, j, e);
        }
      }
      if (!finishColumn(x2, 4, lp, li, lx, ux, aend, k, tol)) return k;
      // Column k + 1 takes column k's update last (row k, its last U row).
      const xk = x2 + (<usize>k << 4) + 8;
      const u = load<f64>(xk);
      store<f64>(xk, 0);
      st64(ux, bend, u);
      if (u != 0) {
        const l0 = ld32(lp, k) + 1;
        const lend = ld32(lp, k + 1);
        for (let p = l0; p < lend; p++) {
          const xa = x2 + (<usize>ld32(li, p) << 4) + 8;
          store<f64>(xa, load<f64>(xa) - ld64(lx, p) * u);
        }
      }
      if (!finishColumn(x2 + 8, 4, lp, li, lx, ux, bend + 1, k + 1, tol)) return k + 1;
      k++;
      continue;
    }
    const col = ld32(perm, k);
    const ape = ld32(ap, col + 1);
    for (let p = ld32(ap, col); p < ape; p++) st64(x, ld32(pinv, ld32(ai, p)), ld64(ax, p));
    const uend = ld32(up, k + 1) - 1;
    let q = ld32(up, k);
    while (q < uend) {
      // Chain j..e of U(:, k)'s rows (all present: each one's parent is the next).
      const j = ld32(ui, q);
      let e = ld32(mark, j);
      if (e >= k) e = k - 1;
      for (let jj = j; jj <= e; jj++) {
        const u = ld64(x, jj);
        st64(x, jj, 0);
        st64(ux, q + jj - j, u);
        if (u == 0 || jj == e) continue;
        const p0 = ld32(lp, jj) + 1;
        for (let p = p0; p < p0 + e - jj; p++) {
          const r = ld32(li, p);
          st64(x, r, ld64(x, r) - ld64(lx, p) * u);
        }
      }
      const re = ld32(lp, e + 1);
      const rs = ld32(lp, e) + 1;
      if (e == j) {
        const u = ld64(ux, q);
        if (u != 0) scatterSub(x, li, lx, rs, re, u);
      } else {
        // Each column's own rows below e are R, in the same order: one update per column.
        for (let jj = j; jj <= e; jj++) scatterSub(x, li, lx, ld32(lp, jj) + 1 + e - jj, ld32(lp, jj + 1), ld64(ux, q + jj - j));
      }
      q += e - j + 1;
    }
    if (!finishColumn(x, 3, lp, li, lx, ux, uend, k, tol)) return k;
  }
  // Drop exact zeros (U: diagonal last kept; L: diagonal first kept), counting U's per row.
  let uo: i32 = 0;
  let q0: i32 = 0;
  for (let k: i32 = 0; k < n; k++) {
    const qe = ld32(up, k + 1) - 1;
    st32(up, k, uo);
    for (let q = q0; q < qe; q++) {
      const v = ld64(ux, q);
      if (v == 0) continue;
      const j = ld32(ui, q);
      st32(ui, uo, j);
      st64(ux, uo++, v);
      st32(urow, j, ld32(urow, j) + 1);
    }
    st32(ui, uo, k);
    st64(ux, uo++, ld64(ux, qe));
    q0 = qe + 1;
  }
  st32(up, n, uo);
  let lo: i32 = 0;
  let f: f64 = 0;
  let p0: i32 = 0;
  for (let j: i32 = 0; j < n; j++) {
    const pe = ld32(lp, j + 1);
    st32(lp, j, lo);
    st32(li, lo, j);
    st64(lx, lo++, 1);
    for (let p = p0 + 1; p < pe; p++) {
      const v = ld64(lx, p);
      if (v == 0) continue;
      st32(li, lo, ld32(li, p));
      st64(lx, lo++, v);
    }
    f += <f64>(lo - ld32(lp, j) - 1) * <f64>(2 * ld32(urow, j) + 1);
    p0 = pe;
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
 * b ← A⁻¹·b for A[perm][:, perm] = L·Lᵀ, a simplicial factor (lp/li/lx as in
 * chol_simplicial_solve): y = b[perm] (n entries of work), the two triangular solves, b[perm] = y.
 */
export function chol_simplicial_solve_perm(lp: usize, li: usize, lx: usize, perm: usize, b: usize, y: usize, n: i32): void {
  for (let k: i32 = 0; k < n; k++) st64(y, k, ld64(b, ld32(perm, k)));
  chol_simplicial_solve(lp, li, lx, y, n);
  for (let k: i32 = 0; k < n; k++) st64(b, ld32(perm, k), ld64(y, k));
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
