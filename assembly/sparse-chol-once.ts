// spsolve's Cholesky route for one right-hand side (src/linalg/direct/cholesky-solve-once.ts, which
// describes the arrays): the set-up of the simplicial factorization, the factorization and the
// permuted solve in one call on arrays already in linear memory. The set-up loops are those of
// cholesky-simplicial.ts's factorSimplicial and SparseCholesky.solveInPlace. Pointers are byte
// offsets; i32 index arrays, f64 values.
import { chol_simplicial, chol_simplicial_solve_perm } from './sparse-simplicial';
import { amd_order } from './amd';
import { simplicial_counts } from './sparse-symbolic';

@inline function ld32(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function st32(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }
@inline function ld64(base: usize, i: i32): f64 { return load<f64>(base + (<usize>i << 3)); }
@inline function st64(base: usize, i: i32, v: f64): void { store<f64>(base + (<usize>i << 3), v); }

/**
 * cp/ci/amap/parent/colcount: simplicial_counts' output for the order perm (n entries); ax: A's
 * values (amap indexes them); b: n values, overwritten with x = A⁻¹b when the factorization
 * succeeds. Written: lp (n + 1), li/lx (nnz(L)), next/s/mark (n), x/y (n), cx (cp[n]). Returns
 * -1, or the step k whose pivot is not positive (b untouched).
 */
export function chol_solve_once(cp: usize, ci: usize, amap: usize, parent: usize, colcount: usize, ax: usize, perm: usize, b: usize,
  lp: usize, li: usize, lx: usize, next: usize, x: usize, s: usize, mark: usize, cx: usize, y: usize, n: i32): i32 {
  st32(lp, 0, 0);
  for (let j: i32 = 0; j < n; j++) {
    const p = ld32(lp, j);
    st32(next, j, p);
    st32(lp, j + 1, p + ld32(colcount, j));
    st64(x, j, 0);
    st32(mark, j, -1);
  }
  const nnzC = ld32(cp, n);
  for (let p: i32 = 0; p < nnzC; p++) st64(cx, p, ld64(ax, ld32(amap, p)));
  const fail = chol_simplicial(cp, ci, cx, parent, lp, li, lx, next, x, s, mark, n);
  if (fail >= 0) return fail;
  chol_simplicial_solve_perm(lp, li, lx, perm, b, y, n);
  return -1;
}

/**
 * The ordering and the symbolic counts of spsolve's Cholesky route, on A's pattern copied once:
 * for A (n x n CSC ap/ai with a symmetric pattern), its pattern without the diagonal in gp/gi
 * (n + 1 and nnz(A) ints; the lists of pattern.ts's offDiagonalPattern), AMD's order of it in perm
 * and its inverse in pinv (n each), then simplicial_counts for that order (cp, ci, amap, parent,
 * colcount, as there). work: scratch for both (the larger of amd_order's and simplicial_counts').
 * Returns 0, or 1 when iwlen is too small for AMD (nothing after it done).
 */
export function chol_order_counts(ap: usize, ai: usize, gp: usize, gi: usize, perm: usize, pinv: usize, cp: usize, ci: usize, amap: usize, parent: usize, colcount: usize,
  work: usize, n: i32, iwlen: i32, denseLimit: i32): i32 {
  let q: i32 = 0;
  st32(gp, 0, 0);
  for (let j: i32 = 0; j < n; j++) {
    const pe = ld32(ap, j + 1);
    for (let p = ld32(ap, j); p < pe; p++) {
      const i = ld32(ai, p);
      if (i != j) st32(gi, q++, i);
    }
    st32(gp, j + 1, q);
  }
  if (amd_order(gp, gi, perm, work, n, iwlen, denseLimit) != 0) return 1;
  for (let k: i32 = 0; k < n; k++) st32(pinv, ld32(perm, k), k);
  simplicial_counts(ap, ai, pinv, cp, ci, amap, parent, colcount, work, n);
  return 0;
}
