/**
 * Fused vector kernels of the Krylov solvers (GMRES's modified Gram–Schmidt, BiCGSTAB's and
 * MINRES's updates): JS loops, and the WASM SIMD kernels of `assembly/krylov.ts` when every vector
 * already lives in WASM memory (work arrays from `allocF64`), so a solve crosses JS↔WASM a few
 * times per iteration and copies nothing. Sums keep eight partial sums s0..s7 (position mod 8;
 * leftover pairs in s0, s1, a last odd term in s0), added as ((s0 + s1) + (s2 + s3)) +
 * ((s4 + s5) + (s6 + s7)): the four f64x2 accumulators of the WASM kernels in the same order, so
 * both backends give bit-identical iterates, and the additions do not wait on each other.
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { gemvRowsNSub } from '../blas1.js';
import { residentOffset } from '../runtime/memory.js';
import { getWasm, type WasmFn } from '../runtime/wasm/loader.js';

/**
 * The WASM export `name` with the byte offsets of `arrays` when the backend allows WASM and every
 * array is resident (a view of WASM memory from `allocF64`), else null (the caller runs JS).
 * @internal
 */
export function residentWasm(name: string, arrays: Float64Array[]): { f: WasmFn; ptrs: number[] } | null {
  if (!wantWasm(true)) return null;
  const ptrs: number[] = [];
  for (const a of arrays) {
    const p = residentOffset(a);
    if (p < 0) return null;
    ptrs.push(p);
  }
  const k = getWasm();
  return k ? { f: k.fn(name), ptrs } : null;
}

/** xᵀy over [0, n) (eight partial sums; in WASM when both are resident). @internal */
export function dotResident(x: Float64Array, y: Float64Array, n: number): number {
  const w = residentWasm('dot8', [x, y]);
  if (w) return w.f(w.ptrs[0]!, w.ptrs[1]!, n);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
    s2 += x[i + 2]! * y[i + 2]!;
    s3 += x[i + 3]! * y[i + 3]!;
    s4 += x[i + 4]! * y[i + 4]!;
    s5 += x[i + 5]! * y[i + 5]!;
    s6 += x[i + 6]! * y[i + 6]!;
    s7 += x[i + 7]! * y[i + 7]!;
  }
  for (; i + 1 < n; i += 2) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
  }
  if (i < n) s0 += x[i]! * y[i]!;
  return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
}

/** y −= a·x over [0, n); returns Σ y[i]·z[i] over the updated y (z may be y: then ‖y‖²). @internal */
export function axpyDot(a: number, x: Float64Array, y: Float64Array, z: Float64Array, n: number): number {
  const w = residentWasm('axpy_dot', [x, y, z]);
  if (w) return w.f(a, w.ptrs[0]!, w.ptrs[1]!, w.ptrs[2]!, n);
  return axpyDotJs(a, x, 0, y, z, 0, n);
}

/** {@link axpyDot} in JS, with x and z read from offsets (rows of one basis array). */
function axpyDotJs(a: number, x: Float64Array, xo: number, y: Float64Array, z: Float64Array, zo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const t0 = y[i]! - a * x[xo + i]!;
    const t1 = y[i + 1]! - a * x[xo + i + 1]!;
    const t2 = y[i + 2]! - a * x[xo + i + 2]!;
    const t3 = y[i + 3]! - a * x[xo + i + 3]!;
    const t4 = y[i + 4]! - a * x[xo + i + 4]!;
    const t5 = y[i + 5]! - a * x[xo + i + 5]!;
    const t6 = y[i + 6]! - a * x[xo + i + 6]!;
    const t7 = y[i + 7]! - a * x[xo + i + 7]!;
    y[i] = t0; y[i + 1] = t1; y[i + 2] = t2; y[i + 3] = t3;
    y[i + 4] = t4; y[i + 5] = t5; y[i + 6] = t6; y[i + 7] = t7;
    s0 += t0 * z[zo + i]!;
    s1 += t1 * z[zo + i + 1]!;
    s2 += t2 * z[zo + i + 2]!;
    s3 += t3 * z[zo + i + 3]!;
    s4 += t4 * z[zo + i + 4]!;
    s5 += t5 * z[zo + i + 5]!;
    s6 += t6 * z[zo + i + 6]!;
    s7 += t7 * z[zo + i + 7]!;
  }
  for (; i + 1 < n; i += 2) {
    const t0 = y[i]! - a * x[xo + i]!;
    const t1 = y[i + 1]! - a * x[xo + i + 1]!;
    y[i] = t0;
    y[i + 1] = t1;
    s0 += t0 * z[zo + i]!;
    s1 += t1 * z[zo + i + 1]!;
  }
  if (i < n) {
    const t0 = y[i]! - a * x[xo + i]!;
    y[i] = t0;
    s0 += t0 * z[zo + i]!;
  }
  return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
}

/** y = (y − a·x) − b·u over [0, n); returns Σ y[i]·z[i] over the updated y (one pass). @internal */
export function axpy2Dot(a: number, x: Float64Array, b: number, u: Float64Array, y: Float64Array, z: Float64Array, n: number): number {
  const w = residentWasm('axpy2_dot', [x, u, y, z]);
  if (w) return w.f(a, w.ptrs[0]!, b, w.ptrs[1]!, w.ptrs[2]!, w.ptrs[3]!, n);
  const s8 = new Float64Array(8); // partial sums of yᵀz
  let i = 0;
  for (let len = 8; i + 1 < n; i += len) {
    if (i + 7 >= n) len = 2;
    for (let l = 0; l < len; l++) {
      const t = (y[i + l]! - a * x[i + l]!) - b * u[i + l]!;
      y[i + l] = t;
      s8[l] = s8[l]! + t * z[i + l]!;
    }
  }
  if (i < n) {
    const t = (y[i]! - a * x[i]!) - b * u[i]!;
    y[i] = t;
    s8[0] = s8[0]! + t * z[i]!;
  }
  return total(s8);
}

/** y −= a·x over [0, n); out[0] = ‖y‖², out[1] = yᵀz over the updated y (one pass). @internal */
export function axpyDot2(a: number, x: Float64Array, y: Float64Array, z: Float64Array, n: number, out: Float64Array): void {
  const w = residentWasm('axpy_dot2', [x, y, z, out]);
  if (w) {
    w.f(a, w.ptrs[0]!, w.ptrs[1]!, w.ptrs[2]!, n, w.ptrs[3]!);
    return;
  }
  const a8 = new Float64Array(8); // partial sums of ‖y‖²
  const b8 = new Float64Array(8); // partial sums of yᵀz
  let i = 0;
  // Blocks of eight, then the leftover pairs into the first two sums.
  for (let len = 8; i + 1 < n; i += len) {
    if (i + 7 >= n) len = 2;
    for (let l = 0; l < len; l++) {
      const t = y[i + l]! - a * x[i + l]!;
      y[i + l] = t;
      a8[l] = a8[l]! + t * t;
      b8[l] = b8[l]! + t * z[i + l]!;
    }
  }
  if (i < n) {
    const t = y[i]! - a * x[i]!;
    y[i] = t;
    a8[0] = a8[0]! + t * t;
    b8[0] = b8[0]! + t * z[i]!;
  }
  out[0] = total(a8);
  out[1] = total(b8);
}

/** The eight partial sums added in the order of the module comment. */
function total(s: Float64Array): number {
  return ((s[0]! + s[1]!) + (s[2]! + s[3]!)) + ((s[4]! + s[5]!) + (s[6]! + s[7]!));
}

/** out[0] = xᵀy, out[1] = xᵀz over [0, n) in one pass over x. @internal */
export function dot2(x: Float64Array, y: Float64Array, z: Float64Array, n: number, out: Float64Array): void {
  const w = residentWasm('dot2', [x, y, z, out]);
  if (w) {
    w.f(w.ptrs[0]!, w.ptrs[1]!, w.ptrs[2]!, n, w.ptrs[3]!);
    return;
  }
  dot2Js(x, y, z, 0, n, out, 0);
}

function dot2Js(x: Float64Array, y: Float64Array, z: Float64Array, zo: number, n: number, out: Float64Array, oo: number): void {
  const a8 = new Float64Array(8); // partial sums of xᵀy
  const b8 = new Float64Array(8); // partial sums of xᵀz
  let i = 0;
  for (let len = 8; i + 1 < n; i += len) {
    if (i + 7 >= n) len = 2;
    for (let l = 0; l < len; l++) {
      const u = x[i + l]!;
      a8[l] = a8[l]! + u * y[i + l]!;
      b8[l] = b8[l]! + u * z[zo + i + l]!;
    }
  }
  if (i < n) {
    const u = x[i]!;
    a8[0] = a8[0]! + u * y[i]!;
    b8[0] = b8[0]! + u * z[zo + i]!;
  }
  out[oo] = total(a8);
  out[oo + 1] = total(b8);
}

/** y = a·x over [0, n) (y may be x). @internal */
export function scaleCopy(a: number, x: Float64Array, y: Float64Array, n: number): void {
  const w = residentWasm('scale_copy', [x, y]);
  if (w) {
    w.f(a, w.ptrs[0]!, w.ptrs[1]!, n);
    return;
  }
  for (let i = 0; i < n; i++) y[i] = a * x[i]!;
}

/** y += a·x over [0, n) (elementwise, so any loop order gives the same bits). @internal */
export function axpyResident(a: number, x: Float64Array, y: Float64Array, n: number): void {
  const w = residentWasm('axpy', [x, y]);
  if (w) {
    w.f(a, w.ptrs[0]!, w.ptrs[1]!, n);
    return;
  }
  for (let i = 0; i < n; i++) y[i] = y[i]! + a * x[i]!;
}

/** p = r + β·(p − ω·v) over [0, n) (BiCGSTAB's search direction). @internal */
export function bicgDirection(p: Float64Array, r: Float64Array, v: Float64Array, beta: number, omega: number, n: number): void {
  const w = residentWasm('bicg_direction', [p, r, v]);
  if (w) {
    w.f(w.ptrs[0]!, w.ptrs[1]!, w.ptrs[2]!, beta, omega, n);
    return;
  }
  for (let i = 0; i < n; i++) p[i] = r[i]! + beta * (p[i]! - omega * v[i]!);
}

/** x += a·p + b·s over [0, n). @internal */
export function axpy2(x: Float64Array, a: number, p: Float64Array, b: number, s: Float64Array, n: number): void {
  const w = residentWasm('axpy2', [x, p, s]);
  if (w) {
    w.f(w.ptrs[0]!, a, w.ptrs[1]!, b, w.ptrs[2]!, n);
    return;
  }
  for (let i = 0; i < n; i++) x[i] = x[i]! + a * p[i]! + b * s[i]!;
}

/**
 * MINRES's solution update in one pass: w = (v − e·w1 − d·w2)·g, then x += φ·w; returns ‖x‖² of
 * the updated x.
 * @internal
 */
export function minresUpdate(
  w: Float64Array, v: Float64Array, w1: Float64Array, w2: Float64Array, e: number, d: number, g: number,
  x: Float64Array, phi: number, n: number,
): number {
  const k = residentWasm('minres_update', [w, v, w1, w2, x]);
  if (k) return k.f(k.ptrs[0]!, k.ptrs[1]!, k.ptrs[2]!, k.ptrs[3]!, e, d, g, k.ptrs[4]!, phi, n);
  const s8 = new Float64Array(8); // partial sums of ‖x‖²
  let i = 0;
  const step = (l: number): void => {
    const wi = (v[l]! - e * w1[l]! - d * w2[l]!) * g;
    w[l] = wi;
    const xi = x[l]! + phi * wi;
    x[l] = xi;
    s8[(l - i) & 7] = s8[(l - i) & 7]! + xi * xi;
  };
  for (let len = 8; i + 1 < n; i += len) {
    if (i + 7 >= n) len = 2;
    for (let l = i; l < i + len; l++) step(l);
  }
  if (i < n) {
    const wi = (v[i]! - e * w1[i]! - d * w2[i]!) * g;
    w[i] = wi;
    const xi = x[i]! + phi * wi;
    x[i] = xi;
    s8[0] = s8[0]! + xi * xi;
  }
  return total(s8);
}

/**
 * GMRES's modified Gram–Schmidt step: orthogonalize w = V[(j+1)·n ..) against the rows 0..j of V
 * (row length n), each projection's subtraction fused with the next inner product. Writes the
 * projections to h[0..j] and ‖w‖² before to h[j + 1]; returns ‖w‖² after. One WASM call when V
 * and h are resident.
 * @internal
 */
export function mgsStep(V: Float64Array, j: number, n: number, h: Float64Array): number {
  const wo = (j + 1) * n;
  const k = residentWasm('mgs', [V, h]);
  if (k) return k.f(k.ptrs[0]!, j, n, k.ptrs[0]! + wo * 8, k.ptrs[1]!);
  const w = V.subarray(wo, wo + n);
  dot2Js(w, w, V, 0, n, h, j);
  const ww = h[j]!;
  let hk = h[j + 1]!;
  h[j + 1] = ww;
  for (let c = 0; c < j; c++) {
    h[c] = hk;
    hk = axpyDotJs(hk, V, c * n, w, V, (c + 1) * n, n);
  }
  h[j] = hk;
  return axpyDotJs(hk, V, j * n, w, w, 0, n);
}

/**
 * w −= Σ_{i<rows} h[i]·V_i (rows of V, length n, four per pass over w): the WASM row-block
 * kernel when V, h and w are resident, else blas1's loop of the same order.
 * @internal
 */
export function rowsCombineSub(rows: number, n: number, V: Float64Array, h: Float64Array, w: Float64Array): void {
  const k = residentWasm('dgemv_rows_n_sub', [V, h, w]);
  if (k) {
    k.f(rows, n, k.ptrs[0]!, k.ptrs[1]!, k.ptrs[2]!);
    return;
  }
  gemvRowsNSub(rows, n, V, h, w, 0);
}
