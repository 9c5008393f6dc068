/**
 * The fused level-1 step of modified Gram–Schmidt in GMRES: one pass that subtracts the
 * projection on one basis vector and takes the inner product with the next, so each basis vector
 * and the new vector are read once per step instead of twice. (A candidate for
 * `kernels/blas1.ts`; kept here while that module is being restructured.)
 *
 * @module
 * @internal
 */

/**
 * y[yo + i] −= a·x[xo + i] for i < n, returning Σ z[zo + i]·y[yo + i] over the updated y.
 * @internal
 */
export function axpyDotAt(n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number, z: Float64Array, zo: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const t0 = y[yo + i]! - a * x[xo + i]!;
    const t1 = y[yo + i + 1]! - a * x[xo + i + 1]!;
    y[yo + i] = t0;
    y[yo + i + 1] = t1;
    s0 += t0 * z[zo + i]!;
    s1 += t1 * z[zo + i + 1]!;
  }
  if (i < n) {
    const t0 = y[yo + i]! - a * x[xo + i]!;
    y[yo + i] = t0;
    s0 += t0 * z[zo + i]!;
  }
  return s0 + s1;
}
