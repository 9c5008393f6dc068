// Fused vector kernels of the Krylov solvers (GMRES, BiCGSTAB, MINRES) on f64 vectors in linear
// memory. Lane k of each SIMD loop handles positions congruent to k mod 2, like the two partial
// sums of the JS loops in src/kernels/krylov/fused.ts, so both backends give bit-identical iterates.

/** y −= a x in place; returns Σ y[i] z[i] over the updated y (z may be y: then ‖y‖²). */
export function axpy_dot(a: f64, x: usize, y: usize, z: usize, n: i32): f64 {
  const av = f64x2.splat(a);
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const t = f64x2.sub(v128.load(y + o), f64x2.mul(av, v128.load(x + o)));
    v128.store(y + o, t);
    acc = f64x2.add(acc, f64x2.mul(t, v128.load(z + o)));
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (i < n) {
    const o = <usize>i << 3;
    const t = load<f64>(y + o) - a * load<f64>(x + o);
    store<f64>(y + o, t);
    s0 += t * load<f64>(z + o);
  }
  return s0 + f64x2.extract_lane(acc, 1);
}

/** y −= a x in place; out[0] = Σ y[i]², out[1] = Σ y[i] z[i] over the updated y. */
export function axpy_dot2(a: f64, x: usize, y: usize, z: usize, n: i32, out: usize): void {
  const av = f64x2.splat(a);
  let yy = f64x2.splat(0);
  let yz = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const t = f64x2.sub(v128.load(y + o), f64x2.mul(av, v128.load(x + o)));
    v128.store(y + o, t);
    yy = f64x2.add(yy, f64x2.mul(t, t));
    yz = f64x2.add(yz, f64x2.mul(t, v128.load(z + o)));
  }
  let a0 = f64x2.extract_lane(yy, 0);
  let b0 = f64x2.extract_lane(yz, 0);
  if (i < n) {
    const o = <usize>i << 3;
    const t = load<f64>(y + o) - a * load<f64>(x + o);
    store<f64>(y + o, t);
    a0 += t * t;
    b0 += t * load<f64>(z + o);
  }
  store<f64>(out, a0 + f64x2.extract_lane(yy, 1));
  store<f64>(out, b0 + f64x2.extract_lane(yz, 1), 8);
}

/** out[0] = Σ x[i] y[i], out[1] = Σ x[i] z[i] in one pass over x. */
export function dot2(x: usize, y: usize, z: usize, n: i32, out: usize): void {
  let xy = f64x2.splat(0);
  let xz = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const xv = v128.load(x + o);
    xy = f64x2.add(xy, f64x2.mul(xv, v128.load(y + o)));
    xz = f64x2.add(xz, f64x2.mul(xv, v128.load(z + o)));
  }
  let a0 = f64x2.extract_lane(xy, 0);
  let b0 = f64x2.extract_lane(xz, 0);
  if (i < n) {
    const o = <usize>i << 3;
    const xs = load<f64>(x + o);
    a0 += xs * load<f64>(y + o);
    b0 += xs * load<f64>(z + o);
  }
  store<f64>(out, a0 + f64x2.extract_lane(xy, 1));
  store<f64>(out, b0 + f64x2.extract_lane(xz, 1), 8);
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

/**
 * MINRES's update: w = (v − e w1 − d w2)·g, then x += phi w; returns Σ x[i]² of the updated x.
 */
export function minres_update(w: usize, v: usize, w1: usize, w2: usize, e: f64, d: f64, g: f64, x: usize, phi: f64, n: i32): f64 {
  const ev = f64x2.splat(e);
  const dv = f64x2.splat(d);
  const gv = f64x2.splat(g);
  const pv = f64x2.splat(phi);
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const t = f64x2.sub(f64x2.sub(v128.load(v + o), f64x2.mul(ev, v128.load(w1 + o))), f64x2.mul(dv, v128.load(w2 + o)));
    const wi = f64x2.mul(t, gv);
    v128.store(w + o, wi);
    const xi = f64x2.add(v128.load(x + o), f64x2.mul(pv, wi));
    v128.store(x + o, xi);
    acc = f64x2.add(acc, f64x2.mul(xi, xi));
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (i < n) {
    const o = <usize>i << 3;
    const wi = (load<f64>(v + o) - e * load<f64>(w1 + o) - d * load<f64>(w2 + o)) * g;
    store<f64>(w + o, wi);
    const xi = load<f64>(x + o) + phi * wi;
    store<f64>(x + o, xi);
    s0 += xi * xi;
  }
  return s0 + f64x2.extract_lane(acc, 1);
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
