// SpMV kernels over raw CSR arrays in linear memory (all pointers are byte offsets).
// Mirrors src/kernels/spmv/rows.ts: lane 0 sums the even positions of a row and lane 1 the odd ones,
// exactly like the JS loop's two partial sums, so both backends give bit-identical results.

/** y[i] = alpha * (A x)[i] + beta * y[i] for rows [r0, r1); beta == 0 does not read y. */
export function spmv_csr(indptr: usize, indices: usize, data: usize, x: usize, y: usize, r0: i32, r1: i32, alpha: f64, beta: f64): void {
  let p = load<i32>(indptr + (<usize>r0 << 2));
  for (let i = r0; i < r1; i++) {
    const end = load<i32>(indptr + (<usize>(i + 1) << 2));
    let acc = f64x2.splat(0);
    for (; p + 1 < end; p += 2) {
      const ip = indices + (<usize>p << 2);
      const j0 = load<i32>(ip);
      const j1 = load<i32>(ip, 4);
      let xv = f64x2.splat(load<f64>(x + (<usize>j0 << 3)));
      xv = f64x2.replace_lane(xv, 1, load<f64>(x + (<usize>j1 << 3)));
      acc = f64x2.add(acc, f64x2.mul(v128.load(data + (<usize>p << 3)), xv));
    }
    let s0 = f64x2.extract_lane(acc, 0);
    if (p < end) {
      s0 += load<f64>(data + (<usize>p << 3)) * load<f64>(x + (<usize>load<i32>(indices + (<usize>p << 2)) << 3));
      p++;
    }
    const s = s0 + f64x2.extract_lane(acc, 1);
    const yp = y + (<usize>i << 3);
    if (beta == 0) store<f64>(yp, alpha * s);
    else store<f64>(yp, alpha * s + beta * load<f64>(yp));
  }
}

/** y[indices[p]] += alpha * data[p] * x[i] for rows [r0, r1) (transposed product; y pre-scaled). */
export function spmv_csr_t(indptr: usize, indices: usize, data: usize, x: usize, y: usize, r0: i32, r1: i32, alpha: f64): void {
  for (let i = r0; i < r1; i++) {
    const xi = alpha * load<f64>(x + (<usize>i << 3));
    const end = load<i32>(indptr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(indptr + (<usize>i << 2)); p < end; p++) {
      const yp = y + (<usize>load<i32>(indices + (<usize>p << 2)) << 3);
      store<f64>(yp, load<f64>(yp) + load<f64>(data + (<usize>p << 3)) * xi);
    }
  }
}
