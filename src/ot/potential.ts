/**
 * The concave Lyapunov potential of entropic OT (Tang et al., 2024)
 *
 *   f(x, y) = −(1/η)·Σ_ij exp(η(x_i + y_j − C_ij) − 1) + aᵀx + bᵀy,
 *
 * its gradient (a − P·1, b − Pᵀ·1) and the exact change of f along a step, in the scaled
 * variables U = ηx − 1, V = ηy of the solvers, where η·f = −Σ P + aᵀU + bᵀV + Σa and the Hessian
 * with respect to (U, V) is −[[diag(P·1), P], [Pᵀ, diag(Pᵀ·1)]].
 *
 * @module
 * @internal
 */
import type { OTProblem } from './validation.js';

/**
 * One pass computing P (stored in `P`, entries with exponent below `tau` set to 0: their total per
 * line is below 2^-66 of the smallest mass, see `truncation`), its row sums `r` and column sums `c`.
 * Returns Σ P. O(n·m).
 * @internal
 */
export function planPass(
  G: Float64Array, U: Float64Array, V: Float64Array, n: number, m: number, tau: number,
  P: Float64Array, r: Float64Array, c: Float64Array,
): number {
  c.fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const ui = U[i]!;
    let s = 0;
    for (let j = 0; j < m; j++) {
      const e = ui + V[j]! - G[base + j]!;
      if (e > tau) {
        const v = Math.exp(e);
        P[base + j] = v;
        s += v;
        c[j] = c[j]! + v;
      } else {
        P[base + j] = 0;
      }
    }
    r[i] = s;
    total += s;
  }
  return total;
}

/** η·f(U, V) given Σ P (see the module notes). @internal */
export function scaledObjective(p: OTProblem, U: Float64Array, V: Float64Array, totalMass: number): number {
  let s = -totalMass;
  for (let i = 0; i < p.n; i++) s += p.a[i]! * (U[i]! + 1);
  for (let j = 0; j < p.m; j++) s += p.b[j]! * V[j]!;
  return s;
}

/** Gradient g = (a − r, b − c) into `g` (length n + m); returns ‖g‖₁. @internal */
export function gradient(p: OTProblem, r: Float64Array, c: Float64Array, g: Float64Array): number {
  const { n, m, a, b } = p;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]! - r[i]!;
    g[i] = v;
    norm += Math.abs(v);
  }
  for (let j = 0; j < m; j++) {
    const v = b[j]! - c[j]!;
    g[n + j] = v;
    norm += Math.abs(v);
  }
  return norm;
}

/** e^t − 1 − t, accurate for small |t| (series) and large (direct). */
function expm1MinusT(t: number): number {
  if (Math.abs(t) < 1e-3) return t * t * (0.5 + t * (1 / 6 + t * (1 / 24 + t * (1 / 120 + t / 720))));
  return Math.expm1(t) - t;
}

/**
 * η·(f(z + α·D) − f(z)) for a step D = (D_U, D_V) in scaled variables, computed without
 * cancellation: with A_i = αD_U,i, B_j = αD_V,j and P(z + αD)_ij = P_ij·e^{A_i + B_j},
 *
 *   η·Δf = α·gᵀD − Σ_i r_i q(A_i) − Σ_j c_j q(B_j) − Σ_ij P_ij (e^{A_i} − 1)(e^{B_j} − 1),
 *
 * where q(t) = e^t − 1 − t. Every term is second order in α, so Armijo's test stays meaningful
 * even when the change of f is far below the rounding level of f itself (near convergence).
 * `ea` (n) and `eb` (m) are scratch. O(n·m) multiply-adds, n + m exponentials.
 * @internal
 */
export function objectiveIncrease(
  P: Float64Array, n: number, m: number, r: Float64Array, c: Float64Array, gTD: number,
  D: Float64Array, alpha: number, ea: Float64Array, eb: Float64Array,
): number {
  let quad = 0;
  for (let i = 0; i < n; i++) {
    const t = alpha * D[i]!;
    ea[i] = Math.expm1(t);
    quad += r[i]! * expm1MinusT(t);
  }
  for (let j = 0; j < m; j++) {
    const t = alpha * D[n + j]!;
    eb[j] = Math.expm1(t);
    quad += c[j]! * expm1MinusT(t);
  }
  let cross = 0;
  for (let i = 0; i < n; i++) {
    const ei = ea[i]!;
    if (ei === 0) continue;
    const base = i * m;
    let s = 0;
    for (let j = 0; j < m; j++) s += P[base + j]! * eb[j]!;
    cross += ei * s;
  }
  return alpha * gTD - quad - cross;
}
