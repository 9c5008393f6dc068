/**
 * The classical (scaling) Sinkhorn iteration u ← a ⊘ K·v, v ← b ⊘ Kᵀ·u with the Gibbs kernel
 * K_ij = exp(−G_ij) (G = η·C̃, the reduced cost, so every row and column of K holds a 1), with
 * P = diag(u)·K·diag(v) and scaled potentials U = log u, V = log v. Each iteration is two dense
 * products (no exponentials), so it is several times faster than the log-domain loop, but entries of
 * K underflow to zero once η·C̃ exceeds ~745, and then u and v may have to leave the double range: the
 * loop detects that (a zero or subnormal K·v or Kᵀ·u) and reports it so the caller can switch to the
 * log domain.
 *
 * @module
 * @internal
 */
import { type LoopOptions, type LoopResult, checkVerdict } from './sinkhorn-log.js';
import type { OTProblem } from './validation.js';
import { allocFloat64 } from '../core/alloc.js';

/** Smallest K·v entry trusted (below it the scaling has lost precision or underflowed). */
const TINY = 1e-290;

/** A loop result that may report underflow. @internal */
export interface ScalingLoopResult extends LoopResult {
  /** The kernel or the scalings under/overflowed; U, V hold the last good iterate. */
  underflow: boolean;
}

/**
 * Run scaling Sinkhorn iterations starting from (and writing back) the scaled potentials U, V.
 * O(n·m) memory for K, O(n·m) time per iteration.
 * @internal
 */
export function scalingSinkhornLoop(p: OTProblem, G: Float64Array, U: Float64Array, V: Float64Array, o: LoopOptions): ScalingLoopResult {
  const { n, m, a, b } = p;
  const K = allocFloat64('sinkhorn', 'kernel entries', n * m);
  for (let k = 0; k < K.length; k++) K[k] = Math.exp(-G[k]!);
  const u = new Float64Array(n);
  const v = new Float64Array(m);
  for (let i = 0; i < n; i++) u[i] = Math.exp(U[i]!);
  for (let j = 0; j < m; j++) v[j] = Math.exp(V[j]!);
  const kv = new Float64Array(n);
  const ktu = new Float64Array(m);
  let it = 0;
  let error = NaN;
  let converged = false;
  let stopped = false;
  let underflow = false;
  const finish = (): ScalingLoopResult => {
    if (!underflow) {
      for (let i = 0; i < n; i++) U[i] = Math.log(u[i]!);
      for (let j = 0; j < m; j++) V[j] = Math.log(v[j]!);
    }
    return { iterations: it, converged, stopped, error, underflow };
  };
  for (;;) {
    const due = it > 0 && it % o.checkEvery === 0;
    if (it >= o.maxIter && !due) break;
    for (let i = 0; i < n; i++) {
      const base = i * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += K[base + j]! * v[j]!;
      kv[i] = s;
    }
    if (due) {
      let e = 0;
      for (let i = 0; i < n; i++) e += Math.abs(u[i]! * kv[i]! - a[i]!);
      error = e;
      const v = checkVerdict(o, it, e);
      if (v !== null) {
        converged = v === 'converged';
        stopped = v === 'stopped';
        break;
      }
    }
    if (it >= o.maxIter) break;
    for (let i = 0; i < n; i++) {
      const s = kv[i]!;
      if (!(s > TINY) || !Number.isFinite(s)) {
        underflow = true;
        break;
      }
    }
    if (underflow) break;
    // Keep the previous iterate in U, V so an underflow can be reported with a usable point.
    for (let i = 0; i < n; i++) U[i] = Math.log(u[i]!);
    for (let j = 0; j < m; j++) V[j] = Math.log(v[j]!);
    for (let i = 0; i < n; i++) u[i] = a[i]! / kv[i]!;
    ktu.fill(0);
    for (let i = 0; i < n; i++) {
      const base = i * m;
      const ui = u[i]!;
      for (let j = 0; j < m; j++) ktu[j] = ktu[j]! + K[base + j]! * ui;
    }
    for (let j = 0; j < m; j++) {
      const s = ktu[j]!;
      if (!(s > TINY) || !Number.isFinite(s)) {
        underflow = true;
        break;
      }
      v[j] = b[j]! / s;
    }
    if (underflow) break;
    it++;
  }
  return finish();
}
