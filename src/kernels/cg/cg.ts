/**
 * The vector updates of the conjugate gradient iteration: JS loops, and the WASM SIMD kernels of
 * `assembly/cg.ts` when every vector already lives in WASM memory (work arrays from `allocF64`),
 * so nothing is copied. The JS loops keep two partial sums (even and odd positions), like the two
 * SIMD lanes, so both backends give bit-identical iterates.
 *
 * @module
 * @internal
 */
import { residentWasm as wasmFor } from '../krylov/fused.js';

/** x += α·p and r −= α·q over [0, n) in one pass; returns ‖r‖² of the updated r. @internal */
export function cgUpdateXR(x: Float64Array, r: Float64Array, p: Float64Array, q: Float64Array, alpha: number, n: number): number {
  const w = wasmFor('cg_update_xr', [x, r, p, q]);
  if (w) return w.f(w.ptrs[0]!, w.ptrs[1]!, w.ptrs[2]!, w.ptrs[3]!, alpha, n);
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    x[i] = x[i]! + alpha * p[i]!;
    x[i + 1] = x[i + 1]! + alpha * p[i + 1]!;
    const r0 = r[i]! - alpha * q[i]!;
    const r1 = r[i + 1]! - alpha * q[i + 1]!;
    r[i] = r0;
    r[i + 1] = r1;
    s0 += r0 * r0;
    s1 += r1 * r1;
  }
  if (i < n) {
    x[i] = x[i]! + alpha * p[i]!;
    const r0 = r[i]! - alpha * q[i]!;
    r[i] = r0;
    s0 += r0 * r0;
  }
  return s0 + s1;
}

/** p = z + β·p over [0, n) (the next search direction). @internal */
export function cgUpdateP(p: Float64Array, z: Float64Array, beta: number, n: number): void {
  const w = wasmFor('cg_update_p', [p, z]);
  if (w) {
    w.f(w.ptrs[0]!, w.ptrs[1]!, beta, n);
    return;
  }
  for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
}

/** z = r ⊙ d over [0, n) (Jacobi preconditioning); returns rᵀz. @internal */
export function cgScaleDot(r: Float64Array, d: Float64Array, z: Float64Array, n: number): number {
  const w = wasmFor('cg_scale_dot', [r, d, z]);
  if (w) return w.f(w.ptrs[0]!, w.ptrs[1]!, w.ptrs[2]!, n);
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = r[i]!;
    const r1 = r[i + 1]!;
    const z0 = r0 * d[i]!;
    const z1 = r1 * d[i + 1]!;
    z[i] = z0;
    z[i + 1] = z1;
    s0 += r0 * z0;
    s1 += r1 * z1;
  }
  if (i < n) {
    const z0 = r[i]! * d[i]!;
    z[i] = z0;
    s0 += r[i]! * z0;
  }
  return s0 + s1;
}

/** xᵀy over [0, n) (two partial sums; in WASM when both are resident). @internal */
export { dotResident as cgDot } from '../krylov/fused.js';
