/**
 * Level-1 BLAS on Float64Arrays: dot, axpy, nrm2: JS loops, and the WASM SIMD kernels of
 * `assembly/blas1.ts` under the `'wasm'` backend. `'auto'` keeps them in JS: these loops are
 * memory-bound, and copying the vectors into WASM memory costs more than the SIMD saves.
 * The JS loops keep two partial sums (even and odd positions), exactly like the two SIMD lanes, so
 * both backends return bit-identical values.
 *
 * The strided "At" family below (dotAt, axpyAt, nrm2At, hypot2 and the row-block GEMV helpers
 * of the Krylov solvers) serves the dense factorizations: offsets into row-major storage,
 * four independent accumulators (roughly twice as fast on V8). They keep their own summation order,
 * so the factorizations' results are unchanged; the two-sum loops above are the ones that match the
 * WASM SIMD kernels bit for bit.
 *
 * @module
 * @internal
 */
import { wantWasm } from './runtime/backend.js';
import { getWasm } from './runtime/wasm/loader.js';

/** Σ x[i]·y[i] over [0, n) (two partial sums). @internal */
export function dotJs(x: Float64Array, y: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
  }
  if (i < n) s0 += x[i]! * y[i]!;
  return s0 + s1;
}

/** y += a·x over [0, n). @internal */
export function axpyJs(a: number, x: Float64Array, y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i]! += a * x[i]!;
}

/** Σ (s·x[i])² over [0, n) (two partial sums). @internal */
export function sumsqJs(x: Float64Array, n: number, s: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const u = x[i]! * s;
    const v = x[i + 1]! * s;
    s0 += u * u;
    s1 += v * v;
  }
  if (i < n) {
    const u = x[i]! * s;
    s0 += u * u;
  }
  return s0 + s1;
}

// 'auto' never picks WASM for BLAS-1 (the copies in and out cost more than the loop).
const AUTO_MIN = Infinity;

/** Run `run` on WASM copies of `arrays` (copying `writeBack` out after); null when WASM is unavailable. */
function withWasm<T>(arrays: Float64Array[], run: (ptrs: number[]) => T, writeBack: Float64Array | null): { value: T } | null {
  const k = getWasm();
  if (!k) return null;
  const ptrs: number[] = [];
  for (let t = 0; t < arrays.length; t++) {
    const a = arrays[t]!;
    const p = k.scratch(5 + t, a.byteLength);
    if (p < 0) return null;
    ptrs.push(p);
  }
  for (let t = 0; t < arrays.length; t++) k.f64(ptrs[t]!, arrays[t]!.length).set(arrays[t]!);
  const r = run(ptrs);
  if (writeBack) {
    const t = arrays.indexOf(writeBack);
    writeBack.set(k.f64(ptrs[t]!, writeBack.length));
  }
  return { value: r };
}

/** Dot product xᵀy (lengths must match; the caller checks). @internal */
export function dotKernel(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (wantWasm(n >= AUTO_MIN)) {
    const r = withWasm([x, y], ([px, py]) => getWasm()!.fn('dot')(px!, py!, n), null);
    if (r) return r.value;
  }
  return dotJs(x, y, n);
}

/** y += a·x in place (lengths must match; the caller checks). @internal */
export function axpyKernel(a: number, x: Float64Array, y: Float64Array): void {
  const n = x.length;
  if (wantWasm(n >= AUTO_MIN)) {
    const r = withWasm([x, y], ([px, py]) => getWasm()!.fn('axpy')(a, px!, py!, n), y);
    if (r) return;
  }
  axpyJs(a, x, y, n);
}

/** Euclidean norm ‖x‖₂, rescaled when the plain sum of squares overflows or underflows. @internal */
export function nrm2Kernel(x: Float64Array): number {
  const n = x.length;
  let sumsq = (s: number): number => sumsqJs(x, n, s);
  if (wantWasm(n >= AUTO_MIN)) {
    const k = getWasm();
    const p = k ? k.scratch(5, x.byteLength) : -1;
    if (k && p >= 0) {
      k.f64(p, n).set(x);
      const f = k.fn('sumsq');
      sumsq = (s) => f(p, n, s);
    }
  }
  const ss = sumsq(1);
  if (ss > 1e-280 && ss < 1e300) return Math.sqrt(ss);
  if (ss !== ss) return NaN;
  let amax = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(x[i]!);
    if (v > amax) amax = v;
  }
  if (amax === 0 || amax === Infinity) return amax;
  return amax * Math.sqrt(sumsq(1 / amax));
}

// ---- Strided level-1 loops of the dense factorizations ----

/** Σ x[xo + i]·y[yo + i] for i < n. @internal */
export function dotAt(n: number, x: Float64Array, xo: number, y: Float64Array, yo: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  const n4 = n - 3;
  for (; i < n4; i += 4) {
    s0 += x[xo + i]! * y[yo + i]!;
    s1 += x[xo + i + 1]! * y[yo + i + 1]!;
    s2 += x[xo + i + 2]! * y[yo + i + 2]!;
    s3 += x[xo + i + 3]! * y[yo + i + 3]!;
  }
  for (; i < n; i++) s0 += x[xo + i]! * y[yo + i]!;
  return s0 + s1 + (s2 + s3);
}

/** xᵀy over the whole (equal-length) vectors. @internal */
export function dot(x: Float64Array, y: Float64Array): number {
  return dotAt(x.length, x, 0, y, 0);
}

/** y[yo + i] += a·x[xo + i] for i < n. @internal */
export function axpyAt(n: number, a: number, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
  if (a === 0) return;
  let i = 0;
  const n4 = n - 3;
  for (; i < n4; i += 4) {
    y[yo + i] = y[yo + i]! + a * x[xo + i]!;
    y[yo + i + 1] = y[yo + i + 1]! + a * x[xo + i + 1]!;
    y[yo + i + 2] = y[yo + i + 2]! + a * x[xo + i + 2]!;
    y[yo + i + 3] = y[yo + i + 3]! + a * x[xo + i + 3]!;
  }
  for (; i < n; i++) y[yo + i] = y[yo + i]! + a * x[xo + i]!;
}

/** y += a·x over whole vectors. @internal */
export function axpy(a: number, x: Float64Array, y: Float64Array): void {
  axpyAt(x.length, a, x, 0, y, 0);
}

/**
 * Euclidean norm of x[xo .. xo+n) with stride `inc`, safe against overflow and underflow: a plain
 * sum of squares, recomputed with scaling only when that sum is 0 (possible underflow) or not
 * finite (overflow).
 * @internal
 */
export function nrm2At(n: number, x: Float64Array, xo = 0, inc = 1): number {
  let s = 0;
  const end = xo + n * inc;
  for (let p = xo; p < end; p += inc) {
    const v = x[p]!;
    s += v * v;
  }
  if (s > 1e-290 && s < 1e290) return Math.sqrt(s);
  // Scaled accumulation (as LAPACK's dnrm2): keep scale = max |x_i| seen so far.
  let scale = 0;
  let ssq = 1;
  for (let p = xo; p < end; p += inc) {
    const v = x[p]!;
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        const r = scale / a;
        ssq = 1 + ssq * r * r;
        scale = a;
      } else {
        const r = a / scale;
        ssq += r * r;
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/** ‖x‖₂ of a whole vector. @internal */
export function nrm2(x: Float64Array): number {
  return nrm2At(x.length, x, 0, 1);
}

/**
 * x[xo .. xo+n) ← x / d (LAPACK drscl): multiplies by 1/d, or divides entry by entry when 1/d
 * would overflow (|d| subnormal), so a reflector built from a subnormal vector stays finite.
 */
export function rsclAt(n: number, d: number, x: Float64Array, xo: number): void {
  const inv = 1 / d;
  if (Number.isFinite(inv)) {
    for (let i = xo; i < xo + n; i++) x[i] = x[i]! * inv;
  } else {
    for (let i = xo; i < xo + n; i++) x[i] = x[i]! / d;
  }
}

/** sqrt(a² + b²) without destructive overflow or underflow. @internal */
export function hypot2(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = x > y ? x : y;
  if (big === 0) return 0;
  const small = x > y ? y : x;
  const r = small / big;
  return big * Math.sqrt(1 + r * r);
}

/**
 * h[i] = V_iᵀ·w for the rows i < j of V (row length n, rows contiguous), four rows per pass over
 * w (a transposed matrix–vector product on row storage).
 * @internal
 */
export function gemvRowsT(j: number, n: number, V: Float64Array, w: Float64Array, wo: number, h: Float64Array): void {
  let i = 0;
  for (; i + 3 < j; i += 4) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let p = 0; p < n; p++) {
      const x = w[wo + p]!;
      s0 += V[o0 + p]! * x;
      s1 += V[o1 + p]! * x;
      s2 += V[o2 + p]! * x;
      s3 += V[o3 + p]! * x;
    }
    h[i] = s0;
    h[i + 1] = s1;
    h[i + 2] = s2;
    h[i + 3] = s3;
  }
  for (; i < j; i++) h[i] = dotAt(n, V, i * n, w, wo);
}

/**
 * w −= Σ_{i<j} h[i]·V_i (rows of V, length n), four rows per pass over w, summed as
 * (h₀v₀ + h₁v₁) + (h₂v₂ + h₃v₃) like the WASM kernel `dgemv_rows_n_sub` (bit-identical results).
 * @internal
 */
export function gemvRowsNSub(j: number, n: number, V: Float64Array, h: Float64Array, w: Float64Array, wo: number): void {
  let i = 0;
  for (; i + 3 < j; i += 4) {
    const o0 = i * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    const h0 = h[i]!;
    const h1 = h[i + 1]!;
    const h2 = h[i + 2]!;
    const h3 = h[i + 3]!;
    for (let p = 0; p < n; p++) {
      w[wo + p] = w[wo + p]! - ((h0 * V[o0 + p]! + h1 * V[o1 + p]!) + (h2 * V[o2 + p]! + h3 * V[o3 + p]!));
    }
  }
  for (; i < j; i++) axpyAt(n, -h[i]!, V, i * n, w, wo);
}
