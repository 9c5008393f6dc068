// Fused vector kernels of the Krylov solvers (GMRES, BiCGSTAB, MINRES) on f64 vectors in linear
// memory. Sums keep eight partial sums (four f64x2 accumulators a0..a3 over blocks of eight
// entries, so the additions do not wait on each other) s0..s7; leftover pairs go to s0, s1, a last
// odd term to s0, and the total is ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)). The JS loops in
// src/kernels/krylov/fused.ts add in exactly this order, so both backends give bit-identical iterates.

/** ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), with s0 given (lane 0 of a0 plus the odd term). */
// @ts-ignore: decorator
@inline function total(s0: f64, a0: v128, a1: v128, a2: v128, a3: v128): f64 {
  return ((s0 + hi(a0)) + (lo(a1) + hi(a1))) + ((lo(a2) + hi(a2)) + (lo(a3) + hi(a3)));
}

// @ts-ignore: decorator
@inline function lo(v: v128): f64 {
  return f64x2.extract_lane(v, 0);
}

// @ts-ignore: decorator
@inline function hi(v: v128): f64 {
  return f64x2.extract_lane(v, 1);
}

/** t = y − a x at byte offset o (stored into y); returns t. */
// @ts-ignore: decorator
@inline function axpyAt(av: v128, x: usize, y: usize, o: usize): v128 {
  const t = f64x2.sub(v128.load(y + o), f64x2.mul(av, v128.load(x + o)));
  v128.store(y + o, t);
  return t;
}

/** t = (y − a x) − b u at byte offset o (stored into y); returns t. */
// @ts-ignore: decorator
@inline function axpy2At(av: v128, x: usize, bv: v128, u: usize, y: usize, o: usize): v128 {
  const t = f64x2.sub(f64x2.sub(v128.load(y + o), f64x2.mul(av, v128.load(x + o))), f64x2.mul(bv, v128.load(u + o)));
  v128.store(y + o, t);
  return t;
}

/** y −= a x in place; returns Σ y[i] z[i] over the updated y (z may be y: then ‖y‖²). */
export function axpy_dot(a: f64, x: usize, y: usize, z: usize, n: i32): f64 {
  const av = f64x2.splat(a);
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(axpyAt(av, x, y, o), v128.load(z + o)));
    a1 = f64x2.add(a1, f64x2.mul(axpyAt(av, x, y, o + 16), v128.load(z + o + 16)));
    a2 = f64x2.add(a2, f64x2.mul(axpyAt(av, x, y, o + 32), v128.load(z + o + 32)));
    a3 = f64x2.add(a3, f64x2.mul(axpyAt(av, x, y, o + 48), v128.load(z + o + 48)));
  }
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(axpyAt(av, x, y, o), v128.load(z + o)));
  }
  let s = lo(a0);
  if (i < n) {
    const o = <usize>i << 3;
    const t = load<f64>(y + o) - a * load<f64>(x + o);
    store<f64>(y + o, t);
    s += t * load<f64>(z + o);
  }
  return total(s, a0, a1, a2, a3);
}

/** y = (y − a x) − b u in place; returns Σ y[i] z[i] over the updated y. */
export function axpy2_dot(a: f64, x: usize, b: f64, u: usize, y: usize, z: usize, n: i32): f64 {
  const av = f64x2.splat(a);
  const bv = f64x2.splat(b);
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(axpy2At(av, x, bv, u, y, o), v128.load(z + o)));
    a1 = f64x2.add(a1, f64x2.mul(axpy2At(av, x, bv, u, y, o + 16), v128.load(z + o + 16)));
    a2 = f64x2.add(a2, f64x2.mul(axpy2At(av, x, bv, u, y, o + 32), v128.load(z + o + 32)));
    a3 = f64x2.add(a3, f64x2.mul(axpy2At(av, x, bv, u, y, o + 48), v128.load(z + o + 48)));
  }
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(axpy2At(av, x, bv, u, y, o), v128.load(z + o)));
  }
  let s = lo(a0);
  if (i < n) {
    const o = <usize>i << 3;
    const t = (load<f64>(y + o) - a * load<f64>(x + o)) - b * load<f64>(u + o);
    store<f64>(y + o, t);
    s += t * load<f64>(z + o);
  }
  return total(s, a0, a1, a2, a3);
}

/** y −= a x in place; out[0] = Σ y[i]², out[1] = Σ y[i] z[i] over the updated y. */
export function axpy_dot2(a: f64, x: usize, y: usize, z: usize, n: i32, out: usize): void {
  const av = f64x2.splat(a);
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let b0 = a0; let b1 = a0; let b2 = a0; let b3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    const t0 = axpyAt(av, x, y, o);
    const t1 = axpyAt(av, x, y, o + 16);
    const t2 = axpyAt(av, x, y, o + 32);
    const t3 = axpyAt(av, x, y, o + 48);
    a0 = f64x2.add(a0, f64x2.mul(t0, t0));
    a1 = f64x2.add(a1, f64x2.mul(t1, t1));
    a2 = f64x2.add(a2, f64x2.mul(t2, t2));
    a3 = f64x2.add(a3, f64x2.mul(t3, t3));
    b0 = f64x2.add(b0, f64x2.mul(t0, v128.load(z + o)));
    b1 = f64x2.add(b1, f64x2.mul(t1, v128.load(z + o + 16)));
    b2 = f64x2.add(b2, f64x2.mul(t2, v128.load(z + o + 32)));
    b3 = f64x2.add(b3, f64x2.mul(t3, v128.load(z + o + 48)));
  }
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const t0 = axpyAt(av, x, y, o);
    a0 = f64x2.add(a0, f64x2.mul(t0, t0));
    b0 = f64x2.add(b0, f64x2.mul(t0, v128.load(z + o)));
  }
  let sa = lo(a0);
  let sb = lo(b0);
  if (i < n) {
    const o = <usize>i << 3;
    const t = load<f64>(y + o) - a * load<f64>(x + o);
    store<f64>(y + o, t);
    sa += t * t;
    sb += t * load<f64>(z + o);
  }
  store<f64>(out, total(sa, a0, a1, a2, a3));
  store<f64>(out, total(sb, b0, b1, b2, b3), 8);
}

/** out[0] = Σ x[i] y[i], out[1] = Σ x[i] z[i] in one pass over x. */
export function dot2(x: usize, y: usize, z: usize, n: i32, out: usize): void {
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let b0 = a0; let b1 = a0; let b2 = a0; let b3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    const x0 = v128.load(x + o);
    const x1 = v128.load(x + o + 16);
    const x2 = v128.load(x + o + 32);
    const x3 = v128.load(x + o + 48);
    a0 = f64x2.add(a0, f64x2.mul(x0, v128.load(y + o)));
    a1 = f64x2.add(a1, f64x2.mul(x1, v128.load(y + o + 16)));
    a2 = f64x2.add(a2, f64x2.mul(x2, v128.load(y + o + 32)));
    a3 = f64x2.add(a3, f64x2.mul(x3, v128.load(y + o + 48)));
    b0 = f64x2.add(b0, f64x2.mul(x0, v128.load(z + o)));
    b1 = f64x2.add(b1, f64x2.mul(x1, v128.load(z + o + 16)));
    b2 = f64x2.add(b2, f64x2.mul(x2, v128.load(z + o + 32)));
    b3 = f64x2.add(b3, f64x2.mul(x3, v128.load(z + o + 48)));
  }
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const x0 = v128.load(x + o);
    a0 = f64x2.add(a0, f64x2.mul(x0, v128.load(y + o)));
    b0 = f64x2.add(b0, f64x2.mul(x0, v128.load(z + o)));
  }
  let sa = lo(a0);
  let sb = lo(b0);
  if (i < n) {
    const o = <usize>i << 3;
    const xs = load<f64>(x + o);
    sa += xs * load<f64>(y + o);
    sb += xs * load<f64>(z + o);
  }
  store<f64>(out, total(sa, a0, a1, a2, a3));
  store<f64>(out, total(sb, b0, b1, b2, b3), 8);
}

/** Σ x[i] y[i] (eight partial sums). */
export function dot8(x: usize, y: usize, n: i32): f64 {
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(x + o + 16), v128.load(y + o + 16)));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(x + o + 32), v128.load(y + o + 32)));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(x + o + 48), v128.load(y + o + 48)));
  }
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
  }
  let s = lo(a0);
  if (i < n) s += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return total(s, a0, a1, a2, a3);
}

/** y = a x (a scaled copy; y may be x). */
export function scale_copy(a: f64, x: usize, y: usize, n: i32): void {
  const av = f64x2.splat(a);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.mul(av, v128.load(x + o)));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(y + o, a * load<f64>(x + o));
  }
}

/** p = r + beta (p − omega v) (BiCGSTAB's search direction). */
export function bicg_direction(p: usize, r: usize, v: usize, beta: f64, omega: f64, n: i32): void {
  const bv = f64x2.splat(beta);
  const wv = f64x2.splat(omega);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const d = f64x2.sub(v128.load(p + o), f64x2.mul(wv, v128.load(v + o)));
    v128.store(p + o, f64x2.add(v128.load(r + o), f64x2.mul(bv, d)));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(p + o, load<f64>(r + o) + beta * (load<f64>(p + o) - omega * load<f64>(v + o)));
  }
}

/** x += a p + b s (as (x + a p) + b s). */
export function axpy2(x: usize, a: f64, p: usize, b: f64, s: usize, n: i32): void {
  const av = f64x2.splat(a);
  const bv = f64x2.splat(b);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const t = f64x2.add(v128.load(x + o), f64x2.mul(av, v128.load(p + o)));
    v128.store(x + o, f64x2.add(t, f64x2.mul(bv, v128.load(s + o))));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(x + o, load<f64>(x + o) + a * load<f64>(p + o) + b * load<f64>(s + o));
  }
}

/** MINRES's step at byte offset o: w = (v − e w1 − d w2) g, x += phi w; returns the new x. */
// @ts-ignore: decorator
@inline function minresAt(w: usize, v: usize, w1: usize, w2: usize, ev: v128, dv: v128, gv: v128, x: usize, pv: v128, o: usize): v128 {
  const t = f64x2.sub(f64x2.sub(v128.load(v + o), f64x2.mul(ev, v128.load(w1 + o))), f64x2.mul(dv, v128.load(w2 + o)));
  const wi = f64x2.mul(t, gv);
  v128.store(w + o, wi);
  const xi = f64x2.add(v128.load(x + o), f64x2.mul(pv, wi));
  v128.store(x + o, xi);
  return xi;
}

/** MINRES's update: w = (v − e w1 − d w2)·g, then x += phi w; returns Σ x[i]² of the updated x. */
export function minres_update(w: usize, v: usize, w1: usize, w2: usize, e: f64, d: f64, g: f64, x: usize, phi: f64, n: i32): f64 {
  const ev = f64x2.splat(e);
  const dv = f64x2.splat(d);
  const gv = f64x2.splat(g);
  const pv = f64x2.splat(phi);
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    const x0 = minresAt(w, v, w1, w2, ev, dv, gv, x, pv, o);
    const x1 = minresAt(w, v, w1, w2, ev, dv, gv, x, pv, o + 16);
    const x2 = minresAt(w, v, w1, w2, ev, dv, gv, x, pv, o + 32);
    const x3 = minresAt(w, v, w1, w2, ev, dv, gv, x, pv, o + 48);
    a0 = f64x2.add(a0, f64x2.mul(x0, x0));
    a1 = f64x2.add(a1, f64x2.mul(x1, x1));
    a2 = f64x2.add(a2, f64x2.mul(x2, x2));
    a3 = f64x2.add(a3, f64x2.mul(x3, x3));
  }
  for (; i + 1 < n; i += 2) {
    const x0 = minresAt(w, v, w1, w2, ev, dv, gv, x, pv, <usize>i << 3);
    a0 = f64x2.add(a0, f64x2.mul(x0, x0));
  }
  let s = lo(a0);
  if (i < n) {
    const o = <usize>i << 3;
    const wi = (load<f64>(v + o) - e * load<f64>(w1 + o) - d * load<f64>(w2 + o)) * g;
    store<f64>(w + o, wi);
    const xi = load<f64>(x + o) + phi * wi;
    store<f64>(x + o, xi);
    s += xi * xi;
  }
  return total(s, a0, a1, a2, a3);
}

/**
 * GMRES's modified Gram–Schmidt of w against the rows 0..j of V (row length n, contiguous):
 * h[k] = v_kᵀw taken after subtracting the projections on v_0..v_{k−1}, each subtraction fused
 * with the next inner product; h[j + 1] = ‖w‖² before. Returns ‖w‖² after.
 */
export function mgs(V: usize, j: i32, n: i32, w: usize, h: usize): f64 {
  dot2(w, w, V, n, h + (<usize>j << 3));
  // dot2 wrote ‖w‖² at h[j] and v_0ᵀw at h[j + 1]: swap them into place.
  const ww = load<f64>(h + (<usize>j << 3));
  let hk = load<f64>(h + (<usize>j << 3), 8);
  store<f64>(h + (<usize>(j + 1) << 3), ww);
  const rowB = <usize>n << 3;
  for (let k = 0; k < j; k++) {
    store<f64>(h + (<usize>k << 3), hk);
    const vk = V + <usize>k * rowB;
    hk = axpy_dot(hk, vk, w, vk + rowB, n);
  }
  store<f64>(h + (<usize>j << 3), hk);
  return axpy_dot(hk, V + <usize>j * rowB, w, w, n);
}
