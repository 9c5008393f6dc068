// Kernels of the supernodal Cholesky factorization on row-major blocks in linear memory (byte
// pointers, leading dimensions in elements): the right-side triangular solve of a panel's rows
// below its diagonal block, and the scatter of a descendant's update into its target supernode.

/**
 * X ← X·T⁻ᵀ for X m x n (rows at x) and T n x n lower triangular with a nonzero diagonal (rows at
 * t), both with leading dimension ld: substitution by columns, four rows at a time so each row of
 * T is loaded once per four rows; X(i, j) = (X(i, j) − X(i, :j)·T(j, :j)) / T(j, j).
 */
export function trsm_rows_lower_t(m: i32, n: i32, x: usize, t: usize, ld: i32): void {
  const ldB = <usize>ld << 3;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = x + <usize>i * ldB;
    const a1 = a0 + ldB;
    const a2 = a1 + ldB;
    const a3 = a2 + ldB;
    for (let j = 0; j < n; j++) {
      const tj = t + <usize>j * ldB;
      let s0 = f64x2.splat(0); let s1 = f64x2.splat(0); let s2 = f64x2.splat(0); let s3 = f64x2.splat(0);
      let p = 0;
      for (; p + 1 < j; p += 2) {
        const o = <usize>p << 3;
        const y = v128.load(tj + o);
        s0 = f64x2.add(s0, f64x2.mul(v128.load(a0 + o), y));
        s1 = f64x2.add(s1, f64x2.mul(v128.load(a1 + o), y));
        s2 = f64x2.add(s2, f64x2.mul(v128.load(a2 + o), y));
        s3 = f64x2.add(s3, f64x2.mul(v128.load(a3 + o), y));
      }
      let d0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
      let d1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
      let d2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
      let d3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
      if (p < j) {
        const o = <usize>p << 3;
        const y = load<f64>(tj + o);
        d0 += load<f64>(a0 + o) * y; d1 += load<f64>(a1 + o) * y; d2 += load<f64>(a2 + o) * y; d3 += load<f64>(a3 + o) * y;
      }
      const o = <usize>j << 3;
      const inv = 1.0 / load<f64>(tj + o);
      store<f64>(a0 + o, (load<f64>(a0 + o) - d0) * inv);
      store<f64>(a1 + o, (load<f64>(a1 + o) - d1) * inv);
      store<f64>(a2 + o, (load<f64>(a2 + o) - d2) * inv);
      store<f64>(a3 + o, (load<f64>(a3 + o) - d3) * inv);
    }
  }
  for (; i < m; i++) {
    const a0 = x + <usize>i * ldB;
    for (let j = 0; j < n; j++) {
      const tj = t + <usize>j * ldB;
      let d = 0.0;
      for (let p = 0; p < j; p++) d += load<f64>(a0 + (<usize>p << 3)) * load<f64>(tj + (<usize>p << 3));
      const o = <usize>j << 3;
      store<f64>(a0 + o, (load<f64>(a0 + o) - d) / load<f64>(tj + o));
    }
  }
}

/**
 * Subtract the lower trapezoid of W (m x k, rows of length k at w) from the target block:
 * L[rowOff[i] + col[j]] −= W(i, j) for j ≤ min(i, k − 1), where rowOff (m entries) and col
 * (k entries) hold element offsets into the array at l, stored as doubles (they come from JS
 * arrays of the same kind). With `consecutive`, col[j] = col[0] + j and only col[0] is read.
 */
export function scatter_sub_lower(m: i32, k: i32, w: usize, l: usize, rowOff: usize, col: usize, consecutive: bool): void {
  const c0 = <usize>(<i32>load<f64>(col)) << 3;
  for (let i = 0; i < m; i++) {
    const ro = l + (<usize>(<i32>load<f64>(rowOff + (<usize>i << 3))) << 3);
    const wo = w + <usize>i * (<usize>k << 3);
    const jmax = i < k ? i + 1 : k;
    if (consecutive) {
      const dst = ro + c0;
      let j = 0;
      for (; j + 1 < jmax; j += 2) {
        const o = <usize>j << 3;
        v128.store(dst + o, f64x2.sub(v128.load(dst + o), v128.load(wo + o)));
      }
      if (j < jmax) {
        const o = <usize>j << 3;
        store<f64>(dst + o, load<f64>(dst + o) - load<f64>(wo + o));
      }
    } else {
      for (let j = 0; j < jmax; j++) {
        const dst = ro + (<usize>(<i32>load<f64>(col + (<usize>j << 3))) << 3);
        store<f64>(dst, load<f64>(dst) - load<f64>(wo + (<usize>j << 3)));
      }
    }
  }
}
