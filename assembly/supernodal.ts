import { dot4rows } from './rows4';

// Kernels of the supernodal Cholesky factorization on row-major blocks in linear memory (byte
// pointers, leading dimensions in elements): the right-side triangular solve of a panel's rows
// below its diagonal block, and the scatter of a descendant's update into its target supernode.

/**
 * X ← X·T⁻ᵀ for X m x n (rows at x) and T n x n lower triangular with a nonzero diagonal (rows at
 * t), both with leading dimension ld: substitution by columns, four rows at a time so each row of
 * T is loaded once per four rows; X(i, j) = (X(i, j) − X(i, :j)·T(j, :j)) / T(j, j). `out`: 4
 * doubles of scratch for the dot products.
 */
export function trsm_rows_lower_t(m: i32, n: i32, x: usize, t: usize, ld: i32, out: usize): void {
  const ldB = <usize>ld << 3;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = x + <usize>i * ldB;
    const a1 = a0 + ldB;
    const a2 = a1 + ldB;
    const a3 = a2 + ldB;
    for (let j = 0; j < n; j++) {
      const tj = t + <usize>j * ldB;
      dot4rows(a0, a1, a2, a3, tj, j, out);
      const o = <usize>j << 3;
      const inv = 1.0 / load<f64>(tj + o);
      store<f64>(a0 + o, (load<f64>(a0 + o) - load<f64>(out)) * inv);
      store<f64>(a1 + o, (load<f64>(a1 + o) - load<f64>(out + 8)) * inv);
      store<f64>(a2 + o, (load<f64>(a2 + o) - load<f64>(out + 16)) * inv);
      store<f64>(a3 + o, (load<f64>(a3 + o) - load<f64>(out + 24)) * inv);
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
