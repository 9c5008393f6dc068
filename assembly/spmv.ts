// SpMV kernels over raw CSR arrays in linear memory (all pointers are byte offsets).
// Mirrors src/kernels/spmv/rows.ts: two partial sums per row, s0 over the even positions of the row
// and s1 over the odd ones, added at the end, exactly like the JS loop, so both backends give
// bit-identical results.

/**
 * Rows [r0, r1) of y = alpha * A x (+ beta * y when `readY`): four entries per step, alternating
 * between s0 and s1, then one pair and one single entry. Inlined with `readY` a constant, so the row
 * loop carries no test of beta (10% faster on rows of ~2 entries, bench/ab/spmv-kernel.mjs).
 */
@inline function gatherRows(indptr: usize, indices: usize, data: usize, x: usize, y: usize, r0: i32, r1: i32, alpha: f64, beta: f64, readY: bool): void {
  const p0 = <usize>load<i32>(indptr + (<usize>r0 << 2));
  let ip = indices + (p0 << 2);
  let dp = data + (p0 << 3);
  let pp = indptr + (<usize>(r0 + 1) << 2);
  let yp = y + (<usize>r0 << 3);
  const yEnd = y + (<usize>r1 << 3);
  while (yp < yEnd) {
    const ipEnd = indices + (<usize>load<i32>(pp) << 2);
    let s0: f64 = 0;
    let s1: f64 = 0;
    for (; ip + 12 < ipEnd; ip += 16, dp += 32) {
      s0 += load<f64>(dp) * load<f64>(x + (<usize>load<i32>(ip) << 3));
      s1 += load<f64>(dp, 8) * load<f64>(x + (<usize>load<i32>(ip, 4) << 3));
      s0 += load<f64>(dp, 16) * load<f64>(x + (<usize>load<i32>(ip, 8) << 3));
      s1 += load<f64>(dp, 24) * load<f64>(x + (<usize>load<i32>(ip, 12) << 3));
    }
    if (ip + 4 < ipEnd) {
      s0 += load<f64>(dp) * load<f64>(x + (<usize>load<i32>(ip) << 3));
      s1 += load<f64>(dp, 8) * load<f64>(x + (<usize>load<i32>(ip, 4) << 3));
      ip += 8;
      dp += 16;
    }
    if (ip < ipEnd) {
      s0 += load<f64>(dp) * load<f64>(x + (<usize>load<i32>(ip) << 3));
      ip += 4;
      dp += 8;
    }
    const s = s0 + s1;
    if (readY) store<f64>(yp, alpha * s + beta * load<f64>(yp));
    else store<f64>(yp, alpha * s);
    yp += 8;
    pp += 4;
  }
}

/**
 * y[i] = alpha * (A x)[i] + beta * y[i] for rows [r0, r1); beta == 0 does not read y.
 * Scalar loads walking pointers: the gathers of x are scalar anyway, and packing them into f64x2
 * lanes cost more than it saved (6-10% slower in bench/ab/spmv-staging.mjs's matrices, A/B in one process).
 */
export function spmv_csr(indptr: usize, indices: usize, data: usize, x: usize, y: usize, r0: i32, r1: i32, alpha: f64, beta: f64): void {
  if (beta == 0) gatherRows(indptr, indices, data, x, y, r0, r1, alpha, 0, false);
  else gatherRows(indptr, indices, data, x, y, r0, r1, alpha, beta, true);
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
