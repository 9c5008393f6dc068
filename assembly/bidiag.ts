// One Golub–Kahan bidiagonalization step of LSQR on a dense row-major m x n matrix A, fused into a
// single pass over A: for each row i, t = A_i·v, u_i ← t − alpha·u_i, and out += u_i·A_i. The row
// is read twice but the second read hits L1, so A streams through memory once instead of twice.
// Returns ‖u‖² (the new u). `out` (n doubles) is overwritten.

export function dense_bidiag_step(A: usize, m: i32, n: i32, v: usize, alpha: f64, u: usize, out: usize): f64 {
  const rowB = <usize>n << 3;
  const zero = f64x2.splat(0);
  let p = 0;
  for (; p + 1 < n; p += 2) v128.store(out + (<usize>p << 3), zero);
  if (p < n) store<f64>(out + (<usize>p << 3), 0.0);
  let ss: f64 = 0;
  for (let i = 0; i < m; i++) {
    const row = A + <usize>i * rowB;
    let s0 = zero;
    let s1 = zero;
    p = 0;
    for (; p + 3 < n; p += 4) {
      const o = <usize>p << 3;
      s0 = f64x2.add(s0, f64x2.mul(v128.load(row + o), v128.load(v + o)));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(row + o + 16), v128.load(v + o + 16)));
    }
    for (; p + 1 < n; p += 2) {
      const o = <usize>p << 3;
      s0 = f64x2.add(s0, f64x2.mul(v128.load(row + o), v128.load(v + o)));
    }
    const s = f64x2.add(s0, s1);
    let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    if (p < n) t += load<f64>(row + (<usize>p << 3)) * load<f64>(v + (<usize>p << 3));
    const ua = u + (<usize>i << 3);
    const ui = t - alpha * load<f64>(ua);
    store<f64>(ua, ui);
    ss += ui * ui;
    const us = f64x2.splat(ui);
    p = 0;
    for (; p + 1 < n; p += 2) {
      const o = <usize>p << 3;
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(us, v128.load(row + o))));
    }
    if (p < n) {
      const o = <usize>p << 3;
      store<f64>(out + o, load<f64>(out + o) + ui * load<f64>(row + o));
    }
  }
  return ss;
}
