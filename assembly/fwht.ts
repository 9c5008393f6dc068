// Fast Walsh–Hadamard transform (SIMD): in place along the first axis of a row-major n x width
// block of f64 at byte offset x, then scaled by `scale`. Same stage order as src/kernels/fwht/fwht.ts
// (blocked small stages, radix-4 large stages), so results agree with the JS kernel to rounding.

/** Pairs (p, p + off) over `len` bytes from p: u, v -> u + v, u - v. */
@inline
function butterfly(p: usize, len: usize, off: usize): void {
  const end = p + len;
  let q = p;
  for (; q + 32 <= end; q += 32) {
    const u0 = v128.load(q);
    const u1 = v128.load(q, 16);
    const v0 = v128.load(q + off);
    const v1 = v128.load(q + off, 16);
    v128.store(q, f64x2.add(u0, v0));
    v128.store(q, f64x2.add(u1, v1), 16);
    v128.store(q + off, f64x2.sub(u0, v0));
    v128.store(q + off, f64x2.sub(u1, v1), 16);
  }
  for (; q + 16 <= end; q += 16) {
    const u = v128.load(q);
    const v = v128.load(q + off);
    v128.store(q, f64x2.add(u, v));
    v128.store(q + off, f64x2.sub(u, v));
  }
  if (q < end) {
    const u = load<f64>(q);
    const v = load<f64>(q + off);
    store<f64>(q, u + v);
    store<f64>(q + off, u - v);
  }
}

/** Two stages (h, 2h) at once over quadruples (p, p + s, p + 2s, p + 3s), `len` bytes from p. */
@inline
function radix4(p: usize, len: usize, s: usize): void {
  const end = p + len;
  let q = p;
  for (; q + 16 <= end; q += 16) {
    const a0 = v128.load(q);
    const a1 = v128.load(q + s);
    const a2 = v128.load(q + 2 * s);
    const a3 = v128.load(q + 3 * s);
    const s01 = f64x2.add(a0, a1);
    const d01 = f64x2.sub(a0, a1);
    const s23 = f64x2.add(a2, a3);
    const d23 = f64x2.sub(a2, a3);
    v128.store(q, f64x2.add(s01, s23));
    v128.store(q + s, f64x2.add(d01, d23));
    v128.store(q + 2 * s, f64x2.sub(s01, s23));
    v128.store(q + 3 * s, f64x2.sub(d01, d23));
  }
  if (q < end) {
    const a0 = load<f64>(q);
    const a1 = load<f64>(q + s);
    const a2 = load<f64>(q + 2 * s);
    const a3 = load<f64>(q + 3 * s);
    const s01 = a0 + a1;
    const d01 = a0 - a1;
    const s23 = a2 + a3;
    const d23 = a2 - a3;
    store<f64>(q, s01 + s23);
    store<f64>(q + s, d01 + d23);
    store<f64>(q + 2 * s, s01 - s23);
    store<f64>(q + 3 * s, d01 - d23);
  }
}

/** Stages h = 1 and 2 of a contiguous vector (width 1): radix-4 on consecutive entries. */
function firstStagesVector(p: usize, count: i32): void {
  const end = p + (<usize>count << 3);
  for (let q = p; q < end; q += 32) {
    const a0 = load<f64>(q);
    const a1 = load<f64>(q, 8);
    const a2 = load<f64>(q, 16);
    const a3 = load<f64>(q, 24);
    const s01 = a0 + a1;
    const d01 = a0 - a1;
    const s23 = a2 + a3;
    const d23 = a2 - a3;
    store<f64>(q, s01 + s23);
    store<f64>(q, d01 + d23, 8);
    store<f64>(q, s01 - s23, 16);
    store<f64>(q, d01 - d23, 24);
  }
}

/** In-place unnormalised FWHT of the n x width block at x (n a power of two), times scale. */
export function fwht_f64(x: usize, n: i32, width: i32, scale: f64): void {
  const rowBytes = <usize>width << 3;
  const total = <usize>n * rowBytes;
  if (n > 1) {
    // Rows per cache block: about 64 KiB (same rule as the JS kernel).
    let B: i32 = 2;
    while (B * 2 * width <= 8192) B <<= 1;
    if (B > n) B = n;
    for (let b: i32 = 0; b < n; b += B) {
      const base = x + <usize>b * rowBytes;
      let h: i32 = 1;
      if (width == 1 && B >= 4) {
        firstStagesVector(base, B);
        h = 4;
      }
      for (; h < B; h <<= 1) {
        const step = <usize>h * rowBytes;
        for (let i: i32 = 0; i < B; i += 2 * h) butterfly(base + <usize>i * rowBytes, step, step);
      }
    }
    let h: i32 = B;
    while (h < n) {
      const s = <usize>h * rowBytes;
      if (4 * h <= n) {
        for (let i: i32 = 0; i < n; i += 4 * h) radix4(x + <usize>i * rowBytes, s, s);
        h <<= 2;
      } else {
        for (let i: i32 = 0; i < n; i += 2 * h) butterfly(x + <usize>i * rowBytes, s, s);
        h <<= 1;
      }
    }
  }
  if (scale != 1.0) {
    const sv = f64x2.splat(scale);
    const end = x + total;
    let q = x;
    for (; q + 16 <= end; q += 16) v128.store(q, f64x2.mul(v128.load(q), sv));
    if (q < end) store<f64>(q, load<f64>(q) * scale);
  }
}
