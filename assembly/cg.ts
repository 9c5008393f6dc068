// Vector updates of the conjugate gradient iteration on f64 vectors in linear memory. Lane k of
// each SIMD loop handles positions congruent to k mod 2, like the two partial sums of the JS
// loops in src/kernels/cg/cg.ts, so both backends give bit-identical iterates.

/** x += alpha p and r -= alpha q in one pass; returns Σ r[i]² of the updated r. */
export function cg_update_xr(x: usize, r: usize, p: usize, q: usize, alpha: f64, n: i32): f64 {
  const av = f64x2.splat(alpha);
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(x + o, f64x2.add(v128.load(x + o), f64x2.mul(av, v128.load(p + o))));
    const rv = f64x2.sub(v128.load(r + o), f64x2.mul(av, v128.load(q + o)));
    v128.store(r + o, rv);
    acc = f64x2.add(acc, f64x2.mul(rv, rv));
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(x + o, load<f64>(x + o) + alpha * load<f64>(p + o));
    const r0 = load<f64>(r + o) - alpha * load<f64>(q + o);
    store<f64>(r + o, r0);
    s0 += r0 * r0;
  }
  return s0 + f64x2.extract_lane(acc, 1);
}

/** p = z + beta p (the new search direction). */
export function cg_update_p(p: usize, z: usize, beta: f64, n: i32): void {
  const bv = f64x2.splat(beta);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(p + o, f64x2.add(v128.load(z + o), f64x2.mul(bv, v128.load(p + o))));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(p + o, load<f64>(z + o) + beta * load<f64>(p + o));
  }
}

/** z = r ⊙ d (a Jacobi preconditioner); returns rᵀz. */
export function cg_scale_dot(r: usize, d: usize, z: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    const rv = v128.load(r + o);
    const zv = f64x2.mul(rv, v128.load(d + o));
    v128.store(z + o, zv);
    acc = f64x2.add(acc, f64x2.mul(rv, zv));
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (i < n) {
    const o = <usize>i << 3;
    const r0 = load<f64>(r + o);
    const z0 = r0 * load<f64>(d + o);
    store<f64>(z + o, z0);
    s0 += r0 * z0;
  }
  return s0 + f64x2.extract_lane(acc, 1);
}
