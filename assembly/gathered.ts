// Preconditioned CGLS over many small least-squares problems whose matrices are row subsets of one
// dense row-major matrix `a` (k columns): the WASM twin of gatheredCglsRange in
// src/linalg/iterative/gathered-cgls.ts, with the same stopping rules; it differs only in
// rounding (two-lane sums; the residual after a solve kept by recurrence). Pointers are byte
// offsets; `rows`, `ptr`, `rOff` are i32 arrays.
import { dot4rows, sub4rows } from './rows4';

@inline function ldf(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function stf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function ldi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function hsum(s: v128): f64 { return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1); }

/** Σ x[t]·y[t], t < n (unaligned pointers). */
@inline function dotk(x: usize, y: usize, n: i32): f64 {
  let s = f64x2.splat(0);
  let t = 0;
  for (; t + 1 < n; t += 2) {
    const o = <usize>t << 3;
    s = f64x2.add(s, f64x2.mul(v128.load(x + o), v128.load(y + o)));
  }
  let r = hsum(s);
  if (t < n) r += ldf(x, t) * ldf(y, t);
  return r;
}

/**
 * Rows ahead of the current four whose cache lines the first pass over a problem (the one with
 * `shift`) requests early; later passes find the problem's rows in cache, where the extra loads
 * only cost (interleaved, k = 64, 2000 problems of 500 rows out of 50000, 3 iterations: AHEAD 4, 8, 16
 * took 0.95, 0.92, 0.89 of the time without the early loads, medians).
 */
const AHEAD: i32 = 16;

/**
 * Loads one word of every cache line of the row at r (rowB bytes) and folds them into `acc`: the
 * rows of a problem are scattered over a factor larger than the caches, so the first pass over
 * them waits on memory unless their lines are requested while earlier rows are computed on.
 */
@inline function touchRow(r: usize, rowB: usize, acc: i64): i64 {
  for (let o: usize = 0; o < rowB; o += 64) acc ^= load<i64>(r + o);
  return acc ^ load<i64>(r + rowB - 8);
}

/**
 * One pass over the rows: qᵢ = aᵢ·v − shiftᵢ (no shift when `shift` is 0), out = Σ qᵢaᵢ (not formed when
 * `out` is 0: then only the dot products run); returns Σ qᵢ². `q4s`: 4 doubles of scratch.
 */
function gpass(a: usize, k: i32, rows: usize, p0: i32, len: i32, v: usize, shift: usize, out: usize, q4s: usize): f64 {
  if (out) memory.fill(out, 0, <usize>k << 3);
  const rowB = <usize>k << 3;
  let qq = 0.0;
  let touched: i64 = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    if (shift && i + AHEAD + 3 < len) {
      touched = touchRow(a + <usize>ldi(rows, p0 + i + AHEAD) * rowB, rowB, touched);
      touched = touchRow(a + <usize>ldi(rows, p0 + i + AHEAD + 1) * rowB, rowB, touched);
      touched = touchRow(a + <usize>ldi(rows, p0 + i + AHEAD + 2) * rowB, rowB, touched);
      touched = touchRow(a + <usize>ldi(rows, p0 + i + AHEAD + 3) * rowB, rowB, touched);
    }
    const o1 = a + <usize>ldi(rows, p0 + i) * rowB;
    const o2 = a + <usize>ldi(rows, p0 + i + 1) * rowB;
    const o3 = a + <usize>ldi(rows, p0 + i + 2) * rowB;
    const o4 = a + <usize>ldi(rows, p0 + i + 3) * rowB;
    dot4rows(o1, o2, o3, o4, v, k, q4s);
    let q1 = ldf(q4s, 0); let q2 = ldf(q4s, 1); let q3 = ldf(q4s, 2); let q4 = ldf(q4s, 3);
    if (shift) {
      q1 -= ldf(shift, p0 + i); q2 -= ldf(shift, p0 + i + 1); q3 -= ldf(shift, p0 + i + 2); q4 -= ldf(shift, p0 + i + 3);
    }
    qq += q1 * q1 + q2 * q2 + q3 * q3 + q4 * q4;
    if (out) sub4rows(o1, o2, o3, o4, -q1, -q2, -q3, -q4, out, k); // out += Σ qᵢaᵢ
  }
  for (; i < len; i++) {
    const o1 = a + <usize>ldi(rows, p0 + i) * rowB;
    let q = dotk(o1, v, k);
    if (shift) q -= ldf(shift, p0 + i);
    qq += q * q;
    if (!out) continue;
    const c = f64x2.splat(q);
    let t = 0;
    for (; t + 1 < k; t += 2) {
      const o = <usize>t << 3;
      v128.store(out + o, f64x2.add(v128.load(out + o), f64x2.mul(c, v128.load(o1 + o))));
    }
    if (t < k) stf(out, t, ldf(out, t) + q * ldf(o1, t));
  }
  store<i64>(q4s, touched); // keeps the early loads (the scratch is not read after the pass)
  return qq;
}

/** Σ (aᵢ·x − bᵢ)² over the problem's rows. */
function gresid(a: usize, k: i32, rows: usize, b: usize, p0: i32, len: i32, x: usize): f64 {
  const rowB = <usize>k << 3;
  let s = 0.0;
  for (let i = 0; i < len; i++) {
    const q = dotk(a + <usize>ldi(rows, p0 + i) * rowB, x, k) - ldf(b, p0 + i);
    s += q * q;
  }
  return s;
}

/** In place: x ← R⁻¹x (trans 0) or R⁻ᵀx (trans 1), R upper triangular k x k, row-major at `R`. */
function gtrsv(R: usize, k: i32, x: usize, trans: i32): void {
  const rowB = <usize>k << 3;
  if (!trans) {
    for (let i = k - 1; i >= 0; i--) {
      const r = R + <usize>i * rowB;
      const s = ldf(x, i) - dotk(r + (<usize>(i + 1) << 3), x + (<usize>(i + 1) << 3), k - i - 1);
      stf(x, i, s / ldf(r, i));
    }
  } else {
    for (let i = 0; i < k; i++) {
      const r = R + <usize>i * rowB;
      const xi = ldf(x, i) / ldf(r, i);
      stf(x, i, xi);
      const c = f64x2.splat(xi);
      let u = i + 1;
      for (; u + 1 < k; u += 2) {
        const o = <usize>u << 3;
        v128.store(x + o, f64x2.sub(v128.load(x + o), f64x2.mul(c, v128.load(r + o))));
      }
      if (u < k) stf(x, u, ldf(x, u) - xi * ldf(r, u));
    }
  }
}

/**
 * First half of applying the preconditioner to the gradient g: returns γ = gᵀ(RᵀR)⁻¹g. With R
 * (`inv` 0, upper triangular at M): s ← R⁻ᵀg and γ = ‖s‖², and {@link precondZ} forms z ← R⁻¹s.
 * With P = (RᵀR)⁻¹ (`inv` 1, full symmetric at M, rows four at a time): z ← P·g and γ = g·z,
 * one product in place of two triangular solves whose every step waits on the previous one.
 */
function precondGamma(M: usize, k: i32, g: usize, s: usize, z: usize, inv: i32): f64 {
  const kb = <usize>k << 3;
  if (!inv) {
    memory.copy(s, g, kb);
    gtrsv(M, k, s, 1);
    return dotk(s, s, k);
  }
  let i = 0;
  for (; i + 3 < k; i += 4) {
    const r = M + <usize>i * kb;
    dot4rows(r, r + kb, r + 2 * kb, r + 3 * kb, g, k, z + (<usize>i << 3));
  }
  for (; i < k; i++) stf(z, i, dotk(M + <usize>i * kb, g, k));
  return dotk(g, z, k);
}

/** Second half (R only): z ← R⁻¹s. */
function precondZ(M: usize, k: i32, s: usize, z: usize, inv: i32): void {
  if (inv) return;
  memory.copy(z, s, <usize>k << 3);
  gtrsv(M, k, z, 0);
}

/**
 * Problem with entries p0..p0+len: CGLS from x (at `x`) with ridge λ and the preconditioner at M (R, or
 * P = (RᵀR)⁻¹ when `inv` is 1); returns the iterations. With `residOut` (not 0), stores ‖A·x − b‖² there at the solution: by recurrence
 * from the warm start's residual (rₙ₊₁ = rₙ − α·A·t, so ‖rₙ₊₁‖² = ‖rₙ‖² − 2α·(Aᵀrₙ)·t + α²‖A·t‖²,
 * with Aᵀr = g + λx), or by one more pass over the rows when the recurrence's terms exceed 1e3
 * times its result (cancellation would then cost more than 1e-12 of it relatively).
 */
function gcgls(a: usize, k: i32, rows: usize, b: usize, p0: i32, len: i32, lambda: f64, M: usize, inv: i32, x: usize,
  tol: f64, maxIter: i32, floor: f64, work: usize, residOut: usize): i32 {
  const kb = <usize>k << 3;
  const g = work; const h = g + kb; const s = h + kb; const z = s + kb; const t = z + kb; const q4s = t + kb;
  let bnorm2 = 0.0;
  for (let i = 0; i < len; i++) { const v = ldf(b, p0 + i); bnorm2 += v * v; }
  memory.copy(t, x, kb);
  const rr = gpass(a, k, rows, p0, len, t, b, g, q4s);
  for (let u = 0; u < k; u++) stf(g, u, -ldf(g, u) - lambda * ldf(t, u));
  let gamma = precondGamma(M, k, g, s, z, inv);
  const stop = Math.max(Math.max(tol * tol * gamma, floor * floor * rr), 1e-30 * bnorm2 * <f64>k);
  let rrNow = rr;
  let terms = 0.0;
  let it = 0;
  if (gamma > stop) {
    // The direction t = R⁻¹p of CGLS on A·R⁻¹ (p its direction there): t = z + β·t, z = (RᵀR)⁻¹g.
    precondZ(M, k, s, z, inv);
    memory.copy(t, z, kb);
    while (it < maxIter) {
      it++;
      const tt = dotk(t, t, k);
      // The last allowed iteration needs only ‖A·t‖² (the step length), not Aᵀ(A·t): the gradient
      // it would update is not used again, so that pass skips its second half.
      const last = it == maxIter;
      const at2 = gpass(a, k, rows, p0, len, t, 0, last ? 0 : h, q4s);
      const delta = at2 + lambda * tt;
      if (!(delta > 0)) break;
      const alpha = gamma / delta;
      let c = 0.0;
      for (let u = 0; u < k; u++) {
        c += (ldf(g, u) + lambda * ldf(x, u)) * ldf(t, u);
        stf(x, u, ldf(x, u) + alpha * ldf(t, u));
      }
      rrNow += alpha * (alpha * at2 - 2 * c);
      terms += Math.abs(2 * alpha * c) + alpha * alpha * at2;
      if (last) break;
      for (let u = 0; u < k; u++) stf(g, u, ldf(g, u) - alpha * (ldf(h, u) + lambda * ldf(t, u)));
      const gammaNew = precondGamma(M, k, g, s, z, inv);
      if (!(gammaNew > stop)) break;
      precondZ(M, k, s, z, inv);
      const beta = gammaNew / gamma;
      gamma = gammaNew;
      for (let u = 0; u < k; u++) stf(t, u, ldf(z, u) + beta * ldf(t, u));
    }
  }
  if (residOut) stf(residOut, 0, rrNow >= 0 && terms <= 1e3 * rrNow ? rrNow : gresid(a, k, rows, b, p0, len, x));
  return it;
}

/**
 * Problems g0 ≤ g < g1: problem g has rows rows[ptr[g]..ptr[g+1]) of `a`, right-hand side b (same
 * range), ridge ridge[g], preconditioner at R + 8·rOff[g] (skipped when rOff[g] < 0): the upper
 * triangular R, or with `inv` 1 the symmetric P = (RᵀR)⁻¹; and its solution in row g of F (warm
 * start in, solution out); resid[g] ← ‖A_g·x_g − b_g‖² when `resid` is not 0. `work`: 5k + 4
 * doubles. Returns the CGLS iterations.
 */
export function gathered_cgls_range(a: usize, k: i32, ptr: usize, rows: usize, b: usize, F: usize, ridge: usize, R: usize,
  rOff: usize, inv: i32, tol: f64, maxIter: i32, floor: f64, work: usize, resid: usize, g0: i32, g1: i32): i32 {
  let its = 0;
  for (let g = g0; g < g1; g++) {
    const ro = ldi(rOff, g);
    if (ro < 0) continue;
    const p0 = ldi(ptr, g);
    const len = ldi(ptr, g + 1) - p0;
    const x = F + <usize>g * (<usize>k << 3);
    its += gcgls(a, k, rows, b, p0, len, ldf(ridge, g), R + (<usize>ro << 3), inv, x, tol, maxIter, floor, work,
      resid ? resid + (<usize>g << 3) : 0);
  }
  return its;
}
