/**
 * Exact minimization over the unpenalized features (penalty factor fⱼ = 0), so that the duality
 * gap is a true bound when there are such features.
 *
 * The penalty factor scales feature j's whole penalty fⱼ(λ₁|wⱼ| + ½λ₂wⱼ²), so an unpenalized
 * feature has no ridge either. The dual of ½‖ỹ − X̃w‖² + Σfⱼ(λ₁|wⱼ| + ½λ₂wⱼ²) constrains θ by
 * x̃ⱼᵀθ = 0 (≤ 0 under `positive`) for fⱼ = 0; at the dual point θ = s·r no scaling s can restore
 * that. A point that violates it gives a meaningless gap: two routes to one strictly convex
 * problem certified 1e-9 and differed by 4e-2. Minimizing the objective exactly over the block U
 * of unpenalized features (the others fixed) puts the residual on those constraints: stationarity
 * gives x̃ⱼᵀr = 0 for every free j ∈ U, and ≤ 0 for those held at zero by positivity. The block's
 * objective is the least-squares quadratic ½δᵀHδ − bᵀδ, H = X̃_UᵀX̃_U, b = X̃_Uᵀr: one Cholesky
 * solve, or Lawson and Hanson's active-set loop under `positive`. It only lowers the objective.
 *
 * @module
 * @internal
 */
import { choSolveInPlace } from '../../linalg/dense/cholesky.js';
import { dotAt } from '../../kernels/blas1.js';
import { columnAxpy, columnDot, type Design } from './design.js';

/** The unpenalized features, their Gram matrix and scratch. @internal */
export interface UnpenalizedBlock {
  /** Indices of the features with fⱼ = 0 and a nonzero column. */
  idx: Int32Array;
  /** X̃_UᵀX̃_U, row-major m x m. */
  G: Float64Array;
  // Scratch: the current values x, the gradient b there, the linear term c, the iterate u and
  // the passive-set solution z, the passive set, and the m x m system.
  x: Float64Array;
  b: Float64Array;
  c: Float64Array;
  u: Float64Array;
  z: Float64Array;
  passive: Uint8Array;
  M: Float64Array;
  rhs: Float64Array;
  sub: Int32Array;
}

/** Indices with fⱼ = 0 and ‖x̃ⱼ‖ > 0 (empty when every feature is penalized). @internal */
export function unpenalizedIndices(pf: Float64Array, colSq: Float64Array): Int32Array {
  let m = 0;
  for (let j = 0; j < pf.length; j++) if (pf[j] === 0 && colSq[j]! > 0) m++;
  const idx = new Int32Array(m);
  for (let j = 0, k = 0; j < pf.length; j++) if (pf[j] === 0 && colSq[j]! > 0) idx[k++] = j;
  return idx;
}

function blockOf(idx: Int32Array, G: Float64Array): UnpenalizedBlock {
  const m = idx.length;
  return {
    idx, G, x: new Float64Array(m), b: new Float64Array(m), c: new Float64Array(m), u: new Float64Array(m), z: new Float64Array(m), passive: new Uint8Array(m),
    M: new Float64Array(m * m), rhs: new Float64Array(m), sub: new Int32Array(m),
  };
}

/**
 * The block of a design (its Gram matrix by m column products, O(m·nnz(X_U) + m²·nnz)), or null
 * when no feature is unpenalized. With implicit centring x̃ᵢᵀx̃ⱼ = x̃ⱼᵀsᵢ (x̃ⱼᵀv = 0), which
 * columnDot gives for the residual sᵢ. @internal
 */
export function designBlock(d: Design, pf: Float64Array): UnpenalizedBlock | null {
  const idx = unpenalizedIndices(pf, d.colSq);
  const m = idx.length;
  if (m === 0) return null;
  const G = new Float64Array(m * m);
  const z = new Float64Array(d.n);
  for (let a = 0; a < m; a++) {
    z.fill(0);
    columnAxpy(d, idx[a]!, 1, z);
    const T = d.centred ? dotAt(d.n, d.v, 0, z, 0) : 0;
    for (let b = 0; b <= a; b++) G[a * m + b] = G[b * m + a] = columnDot(d, idx[b]!, z, T);
  }
  return blockOf(idx, G);
}

/** The block from a full Gram matrix G (p x p, row-major), or null when no feature is unpenalized. @internal */
export function gramBlock(Gfull: Float64Array, p: number, pf: Float64Array, colSq: Float64Array): UnpenalizedBlock | null {
  const idx = unpenalizedIndices(pf, colSq);
  const m = idx.length;
  if (m === 0) return null;
  const G = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) G[a * m + b] = Gfull[idx[a]! * p + idx[b]!]!;
  return blockOf(idx, G);
}

/** Hu for the block's H = G, entry a. */
function hRow(blk: UnpenalizedBlock, u: Float64Array, a: number): number {
  const m = blk.idx.length;
  return dotAt(m, blk.G, a * m, u, 0);
}

/** z = the minimizer of ½uᵀHu − cᵀu over u with support in the passive set; false when H_SS is singular. */
function solvePassive(blk: UnpenalizedBlock): boolean {
  const { G, c, z, passive, M, rhs, sub } = blk;
  const m = blk.idx.length;
  let k = 0;
  for (let a = 0; a < m; a++) if (passive[a]) sub[k++] = a;
  z.fill(0);
  if (k === 0) return true;
  for (let r = 0; r < k; r++) {
    const a = sub[r]!;
    rhs[r] = c[a]!;
    for (let q = 0; q <= r; q++) M[r * k + q] = G[a * m + sub[q]!]!;
  }
  if (!choSolveInPlace(k, M, rhs)) return false;
  for (let r = 0; r < k; r++) z[sub[r]!] = rhs[r]!;
  return true;
}

/**
 * The block minimizer: on entry blk.x holds the current w_U and blk.b the gradient
 * b = X̃_Uᵀr there; on return blk.x holds the minimizer of the objective over w_U
 * (≥ 0 under `positive`, by Lawson and Hanson's active-set loop from the current support).
 * A singular block (collinear unpenalized columns) is minimized by coordinate sweeps
 * instead; false when those stall too (blk.x is then unchanged). @internal
 */
export function minimizeBlock(blk: UnpenalizedBlock, positive: boolean): boolean {
  const m = blk.idx.length;
  const { x, z, b, c, passive } = blk;
  // In the new values u the block objective is ½uᵀHu − cᵀu + const with c = b + Hx.
  for (let a = 0; a < m; a++) c[a] = b[a]! + hRow(blk, x, a);
  if (!positive) {
    passive.fill(1);
    if (!solvePassive(blk)) return sweepBlock(blk, positive);
    x.set(z);
    return true;
  }
  const u = blk.u;
  u.set(x);
  for (let a = 0; a < m; a++) passive[a] = u[a]! > 0 ? 1 : 0;
  let scale = 0;
  for (let a = 0; a < m; a++) scale = Math.max(scale, Math.abs(c[a]!));
  const tolg = 1e-14 * scale;
  for (let outer = 0; outer <= 3 * m; outer++) {
    // Solve on the passive set; step back to the first entry that would turn nonpositive.
    for (let inner = 0; inner <= m; inner++) {
      if (!solvePassive(blk)) return sweepBlock(blk, positive);
      let tau = 1;
      let block = -1;
      for (let a = 0; a < m; a++) {
        if (passive[a] && z[a]! <= 0) {
          const t = u[a]! / (u[a]! - z[a]!);
          if (t < tau || block < 0) {
            tau = Math.min(tau, t);
            block = a;
          }
        }
      }
      if (block < 0) {
        u.set(z);
        break;
      }
      for (let a = 0; a < m; a++) {
        if (!passive[a]) continue;
        u[a] = u[a]! + tau * (z[a]! - u[a]!);
        if (a === block || u[a]! <= 0) {
          u[a] = 0;
          passive[a] = 0;
        }
      }
    }
    // The zero entry whose gradient most favours increasing it enters, if any does.
    let enter = -1;
    let best = tolg;
    for (let a = 0; a < m; a++) {
      if (passive[a]) continue;
      const g = c[a]! - hRow(blk, u, a);
      if (g > best) {
        best = g;
        enter = a;
      }
    }
    if (enter < 0) break;
    passive[enter] = 1;
  }
  x.set(u);
  return true;
}

/**
 * Cyclic coordinate descent on the block's quadratic ½uᵀHu − cᵀu (projected on u ≥ 0 under
 * `positive`) from blk.x, for a singular H: up to 10000 sweeps of O(m²), until a sweep moves no
 * coordinate by more than 1e-15 of the largest. Writes blk.x and returns true when that is reached.
 */
function sweepBlock(blk: UnpenalizedBlock, positive: boolean): boolean {
  const m = blk.idx.length;
  const { G, c, u, x } = blk;
  u.set(x);
  for (let sweep = 0; sweep < 10000; sweep++) {
    let step = 0;
    let size = 0;
    for (let a = 0; a < m; a++) {
      const h = G[a * m + a]!;
      if (!(h > 0)) continue;
      let e = u[a]! + (c[a]! - hRow(blk, u, a)) / h;
      if (positive && e < 0) e = 0;
      step = Math.max(step, Math.abs(e - u[a]!));
      u[a] = e;
      size = Math.max(size, Math.abs(e));
    }
    if (step <= 1e-15 * size) {
      x.set(u);
      return true;
    }
  }
  return false;
}
