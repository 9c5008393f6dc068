/**
 * The fused LSQR bidiagonalization step on a dense row-major matrix: one pass over A computes
 * u ← A·v − alpha·u and out ← Aᵀ·u (the new u), returning ‖u‖². Two separate products stream A
 * through memory twice per LSQR iteration; this streams it once (the WASM SIMD version,
 * `assembly/bidiag.ts`, is memory-bound on tall matrices, so this halves its cost).
 *
 * Under 'auto', inside a residency scope (LSQR's iterations), A is copied into WASM memory on its
 * second use and reused until the scope ends, as SpMV does; a one-off step runs in JS.
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { residentOffset } from '../runtime/memory.js';
import { getWasm } from '../runtime/wasm/loader.js';
import { type Pins, isResident, resident, seenBefore, unpin } from '../runtime/wasm/resident.js';

/** 'auto': the WASM path from this many matrix entries. @internal */
export const AUTO_WASM_BIDIAG_ENTRIES = 65536;

/**
 * The plain-TS fused step. Its dot products add in the same order as the WASM kernel's two f64x2
 * accumulators (lanes p mod 4 = 0, 1 | 2, 3), so both backends give bit-identical results. @internal
 */
export function denseBidiagStepJs(a: Float64Array, m: number, n: number, v: Float64Array, alpha: number, u: Float64Array, out: Float64Array): number {
  out.fill(0, 0, n);
  let ss = 0;
  for (let i = 0; i < m; i++) {
    const o = i * n;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let p = 0;
    for (; p + 3 < n; p += 4) {
      a0 += a[o + p]! * v[p]!;
      a1 += a[o + p + 1]! * v[p + 1]!;
      a2 += a[o + p + 2]! * v[p + 2]!;
      a3 += a[o + p + 3]! * v[p + 3]!;
    }
    for (; p + 1 < n; p += 2) {
      a0 += a[o + p]! * v[p]!;
      a1 += a[o + p + 1]! * v[p + 1]!;
    }
    let t = (a0 + a2) + (a1 + a3);
    if (p < n) t += a[o + p]! * v[p]!;
    const ui = t - alpha * u[i]!;
    u[i] = ui;
    ss += ui * ui;
    for (p = 0; p < n; p++) out[p]! += ui * a[o + p]!;
  }
  return ss;
}

/**
 * u ← A·v − alpha·u and out ← Aᵀ·u for row-major A (m x n, `a.length === m·n`), in one pass over
 * A; returns ‖u‖². `u` (length m) is updated in place, `out` (length n) overwritten.
 * @internal
 */
export function denseBidiagStep(a: Float64Array, m: number, n: number, v: Float64Array, alpha: number, u: Float64Array, out: Float64Array): number {
  if (m > 0 && n > 0 && wantWasm(m * n >= AUTO_WASM_BIDIAG_ENTRIES && (isResident(a) || seenBefore(a)))) {
    const k = getWasm();
    if (k) {
      const pins: Pins = [];
      try {
        const pa = resident(k, a, pins);
        // Vectors already in WASM memory (allocF64 work arrays) are used in place.
        const ru = residentOffset(u);
        const pv = k.scratch(0, n * 8);
        const pu = ru >= 0 ? ru : k.scratch(1, m * 8);
        const po = k.scratch(2, n * 8);
        if (pa >= 0 && pv >= 0 && pu >= 0 && po >= 0) {
          k.f64(pv, n).set(v.subarray(0, n));
          if (ru < 0) k.f64(pu, m).set(u.subarray(0, m));
          const ss = k.fn('dense_bidiag_step')(pa, m, n, pv, alpha, pu, po);
          if (ru < 0) u.set(k.f64(pu, m));
          out.set(k.f64(po, n));
          return ss;
        }
      } finally {
        unpin(pins);
      }
    }
  }
  return denseBidiagStepJs(a, m, n, v, alpha, u, out);
}
