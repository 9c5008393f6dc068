// Four dot products that share the loads of one vector: rows at r0..r3 (any addresses, n doubles
// each) with w. The GEMV and the gathered CGLS passes run their rows four at a time through this.

/** out[q] = rq · w for q < 4 (two-lane sums, then the odd last element). */
@inline export function dot4rows(r0: usize, r1: usize, r2: usize, r3: usize, w: usize, n: i32, out: usize): void {
  let s0 = f64x2.splat(0); let s1 = f64x2.splat(0); let s2 = f64x2.splat(0); let s3 = f64x2.splat(0);
  let p = 0;
  for (; p + 3 < n; p += 4) {
    const o = <usize>p << 3;
    const wo = w + o; const a0 = r0 + o; const a1 = r1 + o; const a2 = r2 + o; const a3 = r3 + o;
    let x = v128.load(wo);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a0), x));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a1), x));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(a2), x));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(a3), x));
    x = v128.load(wo, 16);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a0, 16), x));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a1, 16), x));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(a2, 16), x));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(a3, 16), x));
  }
  for (; p + 1 < n; p += 2) {
    const o = <usize>p << 3;
    const x = v128.load(w + o);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), x));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), x));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), x));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), x));
  }
  let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  let t1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  let t2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
  let t3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
  if (p < n) {
    const o = <usize>p << 3;
    const x = load<f64>(w + o);
    t0 += load<f64>(r0 + o) * x; t1 += load<f64>(r1 + o) * x; t2 += load<f64>(r2 + o) * x; t3 += load<f64>(r3 + o) * x;
  }
  store<f64>(out, t0);
  store<f64>(out + 8, t1);
  store<f64>(out + 16, t2);
  store<f64>(out + 24, t3);
}

/** w −= c0·r0 + c1·r1 + c2·r2 + c3·r3 over n doubles (rows at any addresses). */
@inline export function sub4rows(r0: usize, r1: usize, r2: usize, r3: usize, c0: f64, c1: f64, c2: f64, c3: f64, w: usize, n: i32): void {
  const h0 = f64x2.splat(c0); const h1 = f64x2.splat(c1); const h2 = f64x2.splat(c2); const h3 = f64x2.splat(c3);
  let p = 0;
  for (; p + 3 < n; p += 4) {
    const o = <usize>p << 3;
    const wo = w + o; const a0 = r0 + o; const a1 = r1 + o; const a2 = r2 + o; const a3 = r3 + o;
    const acc = f64x2.add(
      f64x2.add(f64x2.mul(h0, v128.load(a0)), f64x2.mul(h1, v128.load(a1))),
      f64x2.add(f64x2.mul(h2, v128.load(a2)), f64x2.mul(h3, v128.load(a3))),
    );
    v128.store(wo, f64x2.sub(v128.load(wo), acc));
    const acc2 = f64x2.add(
      f64x2.add(f64x2.mul(h0, v128.load(a0, 16)), f64x2.mul(h1, v128.load(a1, 16))),
      f64x2.add(f64x2.mul(h2, v128.load(a2, 16)), f64x2.mul(h3, v128.load(a3, 16))),
    );
    v128.store(wo, f64x2.sub(v128.load(wo, 16), acc2), 16);
  }
  for (; p + 1 < n; p += 2) {
    const o = <usize>p << 3;
    const acc = f64x2.add(
      f64x2.add(f64x2.mul(h0, v128.load(r0 + o)), f64x2.mul(h1, v128.load(r1 + o))),
      f64x2.add(f64x2.mul(h2, v128.load(r2 + o)), f64x2.mul(h3, v128.load(r3 + o))),
    );
    v128.store(w + o, f64x2.sub(v128.load(w + o), acc));
  }
  if (p < n) {
    const o = <usize>p << 3;
    store<f64>(w + o, load<f64>(w + o) - ((c0 * load<f64>(r0 + o) + c1 * load<f64>(r1 + o)) + (c2 * load<f64>(r2 + o) + c3 * load<f64>(r3 + o))));
  }
}
