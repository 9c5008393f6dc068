// Level-1 BLAS on f64 vectors in linear memory. Lane k of the SIMD loops accumulates positions
// congruent to k mod 2, like the two partial sums of the JS loops in src/kernels/blas1.ts.

/** Σ x[i] y[i]. */
export function dot(x: usize, y: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(x + o), v128.load(y + o)));
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (i < n) s0 += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return s0 + f64x2.extract_lane(acc, 1);
}

/** y += a x. */
export function axpy(a: f64, x: usize, y: usize, n: i32): void {
  const av = f64x2.splat(a);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(av, v128.load(x + o))));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

/** Σ (s x[i])² (the caller picks the scale s and takes the square root). */
export function sumsq(x: usize, n: i32, s: f64): f64 {
  const sv = f64x2.splat(s);
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = f64x2.mul(v128.load(x + (<usize>i << 3)), sv);
    acc = f64x2.add(acc, f64x2.mul(v, v));
  }
  let s0 = f64x2.extract_lane(acc, 0);
  if (i < n) {
    const v = load<f64>(x + (<usize>i << 3)) * s;
    s0 += v * v;
  }
  return s0 + f64x2.extract_lane(acc, 1);
}
