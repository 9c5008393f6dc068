// Sparse x dense and dense x sparse products (dense matrices row-major in linear memory).

/**
 * C[i, :] = alpha * Σ_p data[p] B[indices[p], :] + beta * C[i, :] for rows [r0, r1); B is n x k, C is m x k.
 * Four entries go through the output row together: each element still adds their terms one after
 * another in entry order (the rounding of one entry at a time), but the row is loaded and stored
 * once per four entries and the four rows of B are read side by side, which keeps more of their
 * cache misses in flight (the gathers dominate once B outgrows the cache).
 */
export function spmm_csr_dense(indptr: usize, indices: usize, data: usize, B: usize, k: i32, C: usize, r0: i32, r1: i32, alpha: f64, beta: f64): void {
  const rowBytes = <usize>k << 3;
  for (let i = r0; i < r1; i++) {
    const c = C + <usize>i * rowBytes;
    if (beta == 0) memory.fill(c, 0, rowBytes);
    else if (beta != 1) {
      const bv = f64x2.splat(beta);
      let t = 0;
      for (; t + 1 < k; t += 2) v128.store(c + (<usize>t << 3), f64x2.mul(bv, v128.load(c + (<usize>t << 3))));
      if (t < k) store<f64>(c + (<usize>t << 3), beta * load<f64>(c + (<usize>t << 3)));
    }
    const end = load<i32>(indptr + (<usize>(i + 1) << 2));
    let p = load<i32>(indptr + (<usize>i << 2));
    for (; p + 3 < end; p += 4) {
      const d = data + (<usize>p << 3);
      const x = indices + (<usize>p << 2);
      const a0 = alpha * load<f64>(d); const a1 = alpha * load<f64>(d, 8);
      const a2 = alpha * load<f64>(d, 16); const a3 = alpha * load<f64>(d, 24);
      const v0 = f64x2.splat(a0); const v1 = f64x2.splat(a1); const v2 = f64x2.splat(a2); const v3 = f64x2.splat(a3);
      const b0 = B + <usize>load<i32>(x) * rowBytes; const b1 = B + <usize>load<i32>(x, 4) * rowBytes;
      const b2 = B + <usize>load<i32>(x, 8) * rowBytes; const b3 = B + <usize>load<i32>(x, 12) * rowBytes;
      let t = 0;
      for (; t + 1 < k; t += 2) {
        const o = <usize>t << 3;
        let s = f64x2.add(v128.load(c + o), f64x2.mul(v0, v128.load(b0 + o)));
        s = f64x2.add(s, f64x2.mul(v1, v128.load(b1 + o)));
        s = f64x2.add(s, f64x2.mul(v2, v128.load(b2 + o)));
        v128.store(c + o, f64x2.add(s, f64x2.mul(v3, v128.load(b3 + o))));
      }
      if (t < k) {
        const o = <usize>t << 3;
        store<f64>(c + o, (((load<f64>(c + o) + a0 * load<f64>(b0 + o)) + a1 * load<f64>(b1 + o)) + a2 * load<f64>(b2 + o)) + a3 * load<f64>(b3 + o));
      }
    }
    for (; p < end; p++) {
      const a = alpha * load<f64>(data + (<usize>p << 3));
      const av = f64x2.splat(a);
      const b = B + <usize>load<i32>(indices + (<usize>p << 2)) * rowBytes;
      let t = 0;
      for (; t + 1 < k; t += 2) {
        const o = <usize>t << 3;
        v128.store(c + o, f64x2.add(v128.load(c + o), f64x2.mul(av, v128.load(b + o))));
      }
      if (t < k) {
        const o = <usize>t << 3;
        store<f64>(c + o, load<f64>(c + o) + a * load<f64>(b + o));
      }
    }
  }
}

/**
 * C = alpha * D A + beta * C for rows [r0, r1) of D (m x n, row-major) and A (n x p, CSR).
 * Two rows of D go through A together: their partial rows are kept interleaved in `tmp`
 * (2p doubles), so each entry of A costs one f64x2 multiply-add.
 */
export function dense_csr(D: usize, n: i32, indptr: usize, indices: usize, data: usize, p: i32, C: usize, r0: i32, r1: i32, alpha: f64, beta: f64, tmp: usize): void {
  const dRow = <usize>n << 3;
  const cRow = <usize>p << 3;
  let r = r0;
  for (; r + 1 < r1; r += 2) {
    memory.fill(tmp, 0, cRow << 1);
    const d0 = D + <usize>r * dRow;
    const d1 = d0 + dRow;
    for (let k = 0; k < n; k++) {
      const a0 = load<f64>(d0 + (<usize>k << 3));
      const a1 = load<f64>(d1 + (<usize>k << 3));
      if (a0 == 0 && a1 == 0) continue;
      const av = f64x2.replace_lane(f64x2.splat(a0), 1, a1);
      const end = load<i32>(indptr + (<usize>(k + 1) << 2));
      for (let q = load<i32>(indptr + (<usize>k << 2)); q < end; q++) {
        const o = tmp + (<usize>load<i32>(indices + (<usize>q << 2)) << 4);
        v128.store(o, f64x2.add(v128.load(o), f64x2.mul(av, f64x2.splat(load<f64>(data + (<usize>q << 3))))));
      }
    }
    const c0 = C + <usize>r * cRow;
    const c1 = c0 + cRow;
    for (let j = 0; j < p; j++) {
      const v = v128.load(tmp + (<usize>j << 4));
      const o = <usize>j << 3;
      if (beta == 0) {
        store<f64>(c0 + o, alpha * f64x2.extract_lane(v, 0));
        store<f64>(c1 + o, alpha * f64x2.extract_lane(v, 1));
      } else {
        store<f64>(c0 + o, alpha * f64x2.extract_lane(v, 0) + beta * load<f64>(c0 + o));
        store<f64>(c1 + o, alpha * f64x2.extract_lane(v, 1) + beta * load<f64>(c1 + o));
      }
    }
  }
  if (r < r1) {
    // Odd row left: scalar, accumulating in the first p doubles of tmp.
    memory.fill(tmp, 0, cRow);
    const d0 = D + <usize>r * dRow;
    for (let k = 0; k < n; k++) {
      const a0 = load<f64>(d0 + (<usize>k << 3));
      if (a0 == 0) continue;
      const end = load<i32>(indptr + (<usize>(k + 1) << 2));
      for (let q = load<i32>(indptr + (<usize>k << 2)); q < end; q++) {
        const o = tmp + (<usize>load<i32>(indices + (<usize>q << 2)) << 3);
        store<f64>(o, load<f64>(o) + a0 * load<f64>(data + (<usize>q << 3)));
      }
    }
    const c0 = C + <usize>r * cRow;
    for (let j = 0; j < p; j++) {
      const o = <usize>j << 3;
      const v = load<f64>(tmp + o);
      store<f64>(c0 + o, beta == 0 ? alpha * v : alpha * v + beta * load<f64>(c0 + o));
    }
  }
}
