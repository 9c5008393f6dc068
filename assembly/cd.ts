// Cyclic coordinate-descent epochs of the elastic net over a design in linear memory (all pointers
// are byte offsets): CSC, and dense column-major. Each mirrors its JS epoch of
// src/solvers/glm/working-set.ts operation for operation (the CSC one with sequential sums, the
// dense one with blas1's dot and axpy, as the JS epoch calls them), so the backends give
// bit-identical iterates. The update itself is coordinate-update.ts's, in the two helpers below.
import { axpy, dot } from './blas1';

/** Optimality violation of feature j (coordinate-update.ts `violation`): g = x̃ⱼᵀr, thr = λ₁fⱼ, l2 = λ₂fⱼ. */
@inline function violationOf(g: f64, wj: f64, thr: f64, l2: f64, positive: i32): f64 {
  const ag = g - l2 * wj;
  if (wj != 0) return abs(ag - (wj > 0 ? thr : -thr));
  if (positive) return max(ag - thr, 0.0);
  return max(abs(ag) - thr, 0.0);
}

/** The coordinate's new value (coordinate-update.ts `coordinateValue`), cs = ‖x̃ⱼ‖². */
@inline function coordinateValueOf(g: f64, wj: f64, cs: f64, thr: f64, l2: f64, positive: i32): f64 {
  const z = g + cs * wj;
  const den = cs + l2;
  if (z > thr) return (z - thr) / den;
  if (z < -thr && !positive) return (z + thr) / den;
  return 0.0;
}
/**
 * sⱼᵀr for the stored values of column j, entries a..e of the CSC arrays: a sequential sum in
 * storage order, as the JS products (columnDot, the CSC product Xᵀr) sum it.
 */
@inline function columnSum(indices: usize, data: usize, a: usize, e: usize, r: usize): f64 {
  let s = 0.0;
  for (let q = a; q < e; q++) s += load<f64>(data + (q << 3)) * load<f64>(r + (<usize>load<i32>(indices + (q << 2)) << 3));
  return s;
}
//
// Column j is sⱼ − μⱼ·v (implicit centring): x̃ⱼᵀr = sⱼᵀrs − μⱼ·T with T = vᵀrs, and a move by δ
// updates rs −= δ·sⱼ, T −= δ·μⱼ·vv, c += δ·μⱼ. T and c are read from and written back to st[0..1].

/**
 * Visit the m features ws[0..m) in order: gradient g = x̃ⱼᵀr, optimality violation, soft-threshold
 * update (one-sided when `positive`), residual scatter. Writes the working set's new values
 * w[ws[k]] to vals[k] (the iterate Anderson extrapolation records: no gather pass over w after
 * the epoch). Returns the largest violation seen just before each update.
 */
export function enet_epoch_csc(
  indptr: usize, indices: usize, data: usize, colSq: usize, mu: usize, pf: usize, ws: usize, m: i32,
  rs: usize, w: usize, vals: usize, st: usize, l1: f64, l2: f64, positive: i32, vv: f64,
): f64 {
  let T = load<f64>(st);
  let c = load<f64>(st, 8);
  let worst = 0.0;
  for (let k = 0; k < m; k++) {
    const j = <usize>load<i32>(ws + (<usize>k << 2));
    const cs = load<f64>(colSq + (j << 3));
    const wj = load<f64>(w + (j << 3));
    const out = vals + (<usize>k << 3);
    store<f64>(out, wj);
    if (cs == 0) continue;
    const a = <usize>load<i32>(indptr + (j << 2));
    const e = <usize>load<i32>(indptr + (j << 2), 4);
    const s = columnSum(indices, data, a, e, rs);
    const muj = load<f64>(mu + (j << 3));
    const g = s - muj * T;
    const f = load<f64>(pf + (j << 3));
    const v = violationOf(g, wj, l1 * f, l2 * f, positive);
    if (v > worst) worst = v;
    const nw = coordinateValueOf(g, wj, cs, l1 * f, l2 * f, positive);
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
      store<f64>(out, nw);
    }
  }
  store<f64>(st, T);
  store<f64>(st, c, 8);
  return worst;
}

/**
 * The same epoch over a dense, already centred design: column j at X + j·n·8 (n doubles), the
 * residual r (n doubles) updated in place. Returns the largest violation seen just before each
 * update.
 */
export function enet_epoch_dense(
  X: usize, n: i32, colSq: usize, pf: usize, ws: usize, m: i32, r: usize, w: usize, l1: f64, l2: f64, positive: i32,
): f64 {
  const colBytes = <usize>n << 3;
  let worst = 0.0;
  for (let k = 0; k < m; k++) {
    const j = <usize>load<i32>(ws + (<usize>k << 2));
    const col = X + j * colBytes;
    const cs = load<f64>(colSq + (j << 3));
    if (cs == 0) continue;
    const g = dot(col, r, n);
    const wj = load<f64>(w + (j << 3));
    const f = load<f64>(pf + (j << 3));
    const v = violationOf(g, wj, l1 * f, l2 * f, positive);
    if (v > worst) worst = v;
    const nw = coordinateValueOf(g, wj, cs, l1 * f, l2 * f, positive);
    if (nw != wj) {
      const a = -(nw - wj);
      if (a != 0) axpy(a, col, r, n);
      store<f64>(w + (j << 3), nw);
    }
  }
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
    const s = columnSum(indices, data, <usize>load<i32>(indptr + (jj << 2)), <usize>load<i32>(indptr + (jj << 2), 4), r);
    store<f64>(out + (jj << 3), s);
  }
}

/** out[j] = sⱼᵀr for the m columns j = idx[k] only (csc_gemv_t's sums; the other entries of out untouched). */
export function csc_gemv_t_at(indptr: usize, indices: usize, data: usize, idx: usize, m: i32, r: usize, out: usize): void {
  for (let k = 0; k < m; k++) {
    const j = <usize>load<i32>(idx + (<usize>k << 2));
    const s = columnSum(indices, data, <usize>load<i32>(indptr + (j << 2)), <usize>load<i32>(indptr + (j << 2), 4), r);
    store<f64>(out + (j << 3), s);
  }
}
