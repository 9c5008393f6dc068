/**
 * Transcendental functions that give the same bits on every JavaScript runtime (the portable
 * `hypot` of the factorizations is `hypot2` in `linalg/dense/blas1.ts`).
 *
 * `Math.log`, `Math.exp`, `Math.cos`, `Math.hypot` ... are "implementation-approximated" in
 * ECMAScript: V8 versions (Node vs Deno) and JavaScriptCore (Bun) differ by an ulp on some inputs,
 * so a seeded stream built on them is not reproducible across runtimes. The functions here use only
 * IEEE-754 + − × ÷ and `Math.sqrt` (all correctly rounded, hence identical everywhere; JavaScript
 * never contracts to FMA nor keeps extended precision), so their results are bit-identical on
 * Node, Deno, Bun and browsers.
 *
 * @module
 */

// A double's two 32-bit words, read and written through one shared buffer.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

const LN2_HI = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const TWO54 = 1.8014398509481984e16; // 2^54
const LG1 = 6.666666666666735130e-1; // 0x3FE55555 55555593
const LG2 = 3.999999999940941908e-1; // 0x3FD99999 9997FA04
const LG3 = 2.857142874366239149e-1; // 0x3FD24924 94229359
const LG4 = 2.222219843214978396e-1; // 0x3FCC71C5 1D8E78AF
const LG5 = 1.818357216161805012e-1; // 0x3FC74664 96CB03DE
const LG6 = 1.531383769920937332e-1; // 0x3FC39A09 D078C69F
const LG7 = 1.479819860511658591e-1; // 0x3FC2F112 DF3E5244

/**
 * Natural logarithm, bit-identical on every runtime: a port of fdlibm's `__ieee754_log` (Sun
 * Microsystems, 1993; the algorithm of V8's and most libm's `log`): x = 2^k·(1 + f) with
 * √2/2 < 1 + f < √2, log(1 + f) = 2s + s·R(s²) with s = f/(2 + f) and R a degree-14 minimax
 * polynomial. Error < 1 ulp.
 * @internal
 */
export function portableLog(x: number): number {
  F64[0] = x;
  let hx = U32[HI]! | 0;
  const lx = U32[LO]!;
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    F64[0] = x;
    hx = U32[HI]! | 0;
  }
  if (hx >= 0x7ff00000) return x + x; // Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  U32[HI] = (hx | (i0 ^ 0x3ff00000)) >>> 0; // normalize x or x/2
  k += i0 >> 20;
  const f = F64[0]! - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/**
 * log(1 + x), bit-identical on every runtime and accurate for tiny x: with u = 1 ⊕ x (rounded),
 * log1p(x) = log(u) − ((u − 1) − x)/u, the correction undoing the rounding of 1 + x
 * (Goldberg 1991, Theorem 4). Error a few ulps.
 * @internal
 */
export function portableLog1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (!Number.isFinite(u) || u <= 0) return portableLog(u);
  return portableLog(u) - (u - 1 - x) / u;
}
