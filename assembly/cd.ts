// One cyclic coordinate-descent epoch of the elastic net over a CSC design in linear memory (all
// pointers are byte offsets). Mirrors the JS epoch of src/solvers/glm/working-set.ts operation for
// operation (sequential sums, no SIMD), so both backends give bit-identical iterates.
//
// Column j is sⱼ − μⱼ·v (implicit centring): x̃ⱼᵀr = sⱼᵀrs − μⱼ·T with T = vᵀrs, and a move by δ
// updates rs −= δ·sⱼ, T −= δ·μⱼ·vv, c += δ·μⱼ. T and c are read from and written back to st[0..1].

/**
 * Visit the m features ws[0..m) in order: gradient g = x̃ⱼᵀr, optimality violation, soft-threshold
 * update for the penalty fⱼ(l1|wⱼ| + ½l2wⱼ²) (one-sided when `positive`), residual scatter.
 * Returns the largest violation seen just before each update.
 */
export function enet_epoch_csc(
  indptr: usize, indices: usize, data: usize, colSq: usize, mu: usize, pf: usize, ws: usize, m: i32,
  rs: usize, w: usize, st: usize, l1: f64, l2: f64, positive: i32, vv: f64,
): f64 {
  let T = load<f64>(st);
  let c = load<f64>(st, 8);
  let worst = 0.0;
  for (let k = 0; k < m; k++) {
    const j = <usize>load<i32>(ws + (<usize>k << 2));
    const cs = load<f64>(colSq + (j << 3));
    if (cs == 0) continue;
    const wj = load<f64>(w + (j << 3));
    const a = <usize>load<i32>(indptr + (j << 2));
    const e = <usize>load<i32>(indptr + (j << 2), 4);
    let s = 0.0;
    for (let q = a; q < e; q++) s += load<f64>(data + (q << 3)) * load<f64>(rs + (<usize>load<i32>(indices + (q << 2)) << 3));
    const muj = load<f64>(mu + (j << 3));
    const g = s - muj * T;
    const f = load<f64>(pf + (j << 3));
    const thr = l1 * f;
    const ag = g - l2 * f * wj;
    let v: f64;
    if (wj != 0) v = abs(ag - (wj > 0 ? thr : -thr));
    else if (positive) v = max(ag - thr, 0.0);
    else v = max(abs(ag) - thr, 0.0);
    if (v > worst) worst = v;
    const z = g + cs * wj;
    const den = cs + l2 * f;
    let nw = 0.0;
    if (z > thr) nw = (z - thr) / den;
    else if (z < -thr && !positive) nw = (z + thr) / den;
    if (nw != wj) {
      const delta = nw - wj;
      for (let q = a; q < e; q++) {
        const p = rs + (<usize>load<i32>(indices + (q << 2)) << 3);
        store<f64>(p, load<f64>(p) - delta * load<f64>(data + (q << 3)));
      }
      if (muj != 0) {
        T -= delta * muj * vv;
        c += delta * muj;
      }
      store<f64>(w + (j << 3), nw);
    }
  }
  store<f64>(st, T);
  store<f64>(st, c, 8);
  return worst;
}

/** z[i] += a[k]·sⱼ[i] for the m columns j = idx[k] (the stored values; centring is the caller's). */
export function csc_scatter(indptr: usize, indices: usize, data: usize, idx: usize, a: usize, m: i32, z: usize): void {
  for (let k = 0; k < m; k++) {
    const j = <usize>load<i32>(idx + (<usize>k << 2));
    const ak = load<f64>(a + (<usize>k << 3));
    const e = <usize>load<i32>(indptr + (j << 2), 4);
    for (let q = <usize>load<i32>(indptr + (j << 2)); q < e; q++) {
      const p = z + (<usize>load<i32>(indices + (q << 2)) << 3);
      store<f64>(p, load<f64>(p) + ak * load<f64>(data + (q << 3)));
    }
  }
}

/**
 * out[j] = sⱼᵀr for the p columns (the stored values; centring is the caller's), each a sequential
 * sum in storage order, as the JS product does (bit-identical results).
 */
export function csc_gemv_t(indptr: usize, indices: usize, data: usize, p: i32, r: usize, out: usize): void {
  for (let j = 0; j < p; j++) {
    const jj = <usize>j;
    const e = <usize>load<i32>(indptr + (jj << 2), 4);
    let s = 0.0;
    for (let q = <usize>load<i32>(indptr + (jj << 2)); q < e; q++) s += load<f64>(r + (<usize>load<i32>(indices + (q << 2)) << 3)) * load<f64>(data + (q << 3));
    store<f64>(out + (jj << 3), s);
  }
}
