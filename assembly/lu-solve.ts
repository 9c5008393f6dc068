// The transposed LU solve on factors in linear memory (CSC, L's unit diagonal first and U's
// diagonal last in each column): y ← L⁻ᵀ·U⁻ᵀ·y, the loops of SparseLU's transposed solve in
// src/linalg/direct/lu.ts with the same operations in the same order (lu_solve in
// sparse-simplicial.ts is the untransposed one).

@inline function ld32(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function ld64(base: usize, i: i32): f64 { return load<f64>(base + (<usize>i << 3)); }

export function lu_solve_t(lp: usize, li: usize, lx: usize, up: usize, ui: usize, ux: usize, y: usize, n: i32): void {
  for (let j: i32 = 0; j < n; j++) {
    const d = ld32(up, j + 1) - 1;
    let s = ld64(y, j);
    for (let p = ld32(up, j); p < d; p++) s -= ld64(ux, p) * ld64(y, ld32(ui, p));
    store<f64>(y + (<usize>j << 3), s / ld64(ux, d));
  }
  for (let j = n - 1; j >= 0; j--) {
    let s = ld64(y, j);
    const end = ld32(lp, j + 1);
    for (let p = ld32(lp, j) + 1; p < end; p++) s -= ld64(lx, p) * ld64(y, ld32(li, p));
    store<f64>(y + (<usize>j << 3), s);
  }
}
