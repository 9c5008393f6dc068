/**
 * Level-1 BLAS on Float64Arrays: dot, axpy, nrm2: JS loops, and the WASM SIMD kernels of
 * `assembly/blas1.ts` under the `'wasm'` backend. `'auto'` keeps them in JS: these loops are
 * memory-bound, and copying the vectors into WASM memory costs more than the SIMD saves.
 * The JS loops keep two partial sums (even and odd positions), exactly like the two SIMD lanes, so
 * both backends return bit-identical values.
 *
 * @module
 * @internal
 */
import { wantWasm } from './backend.js';
import { getWasm } from './wasm/loader.js';

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
