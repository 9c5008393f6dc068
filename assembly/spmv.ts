// SpMV kernels over raw CSR arrays in linear memory (pointers are byte offsets).

/** y[i] = alpha * sum_p data[p] * x[indices[p]] + beta * y[i] for rows [r0, r1). beta == 0 ignores y. */
export function spmv_csr(indptr: usize, indices: usize, data: usize, x: usize, y: usize, r0: i32, r1: i32, alpha: f64, beta: f64): void {
  let pStart = load<i32>(indptr + (<usize>r0 << 2));
  for (let i = r0; i < r1; i++) {
    const pEnd = load<i32>(indptr + (<usize>(i + 1) << 2));
    let acc = f64x2.splat(0);
    let p = pStart;
    for (; p + 1 < pEnd; p += 2) {
      const j0 = load<i32>(indices + (<usize>p << 2));
      const j1 = load<i32>(indices + (<usize>p << 2), 4);
      let xv = f64x2.splat(load<f64>(x + (<usize>j0 << 3)));
      xv = f64x2.replace_lane(xv, 1, load<f64>(x + (<usize>j1 << 3)));
      acc = f64x2.add(acc, f64x2.mul(v128.load(data + (<usize>p << 3)), xv));
    }
    let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
    if (p < pEnd) s += load<f64>(data + (<usize>p << 3)) * load<f64>(x + (<usize>load<i32>(indices + (<usize>p << 2)) << 3));
    const yp = y + (<usize>i << 3);
    if (beta == 0) store<f64>(yp, alpha * s);
    else store<f64>(yp, alpha * s + beta * load<f64>(yp));
    pStart = pEnd;
  }
}

/** Scalar variant for comparison. */
export function spmv_csr_scalar(indptr: usize, indices: usize, data: usize, x: usize, y: usize, r0: i32, r1: i32): void {
  let pStart = load<i32>(indptr + (<usize>r0 << 2));
  for (let i = r0; i < r1; i++) {
    const pEnd = load<i32>(indptr + (<usize>(i + 1) << 2));
    let s: f64 = 0;
    for (let p = pStart; p < pEnd; p++) {
      s += load<f64>(data + (<usize>p << 3)) * load<f64>(x + (<usize>load<i32>(indices + (<usize>p << 2)) << 3));
    }
    store<f64>(y + (<usize>i << 3), s);
    pStart = pEnd;
  }
}
