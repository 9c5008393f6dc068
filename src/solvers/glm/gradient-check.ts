/**
 * The gradient X̃ᵀr of the working-set driver's checks, computed exactly only where it matters
 * (glmnet's strong-set idea made safe by a bound instead of a heuristic).
 *
 * A full product costs O(nnz(X)); along a path most features stay far from their threshold
 * λ₁fⱼ. At a reference residual r₀ the full gradient g₀ is kept; at a later residual r,
 * |x̃ⱼᵀr| ≤ |g₀ⱼ| + ‖x̃ⱼ‖·‖r − r₀‖ (Cauchy–Schwarz), with ‖r − r₀‖ computed once in O(n). A zero
 * coefficient whose bound is below κ·λ₁fⱼ (κ = 0.9) keeps the bound in place of its gradient;
 * every other feature gets its exact x̃ⱼᵀr. That changes nothing the driver certifies: such a
 * feature has no optimality violation, and cannot set the dual scaling (some exact entry is at
 * least λ₁fⱼ whenever the scaling is below 1), so the duality gap is the exact one. Screening and
 * working-set scores read the bound: conservative (fewer features screened). When more than a
 * third of the features need exact values, or the bound has grown loose, the full product is
 * taken and becomes the new reference.
 *
 * @module
 * @internal
 */
import { columnDots, type Design, fullGradient } from './design.js';
import type { EnetTerms } from './duality-gap.js';

/** The reference point and per-feature state of {@link checkGradient}. @internal */
export interface GradientCheck {
  /** ‖x̃ⱼ‖. */
  colNorm: Float64Array;
  /** Residual parts rs₀, T₀, c₀ at the reference, and its full gradient g₀ (valid when `valid`). */
  rs: Float64Array;
  T: number;
  c: number;
  g: Float64Array;
  valid: boolean;
  /** grad[j] is exact at the current point (else an upper bound on |x̃ⱼᵀr|). */
  exact: Uint8Array;
  /** Columns that need an exact product, scratch. */
  need: Int32Array;
}

/** Fresh check state for a design (no reference yet). @internal */
export function gradientCheck(d: Design): GradientCheck {
  const colNorm = new Float64Array(d.p);
  for (let j = 0; j < d.p; j++) colNorm[j] = Math.sqrt(d.colSq[j]!);
  return { colNorm, rs: new Float64Array(d.n), T: 0, c: 0, g: new Float64Array(d.p), valid: false, exact: new Uint8Array(d.p), need: new Int32Array(d.p) };
}

const KAPPA = 0.9;
const FULL_FRACTION = 1 / 3;

/**
 * Fill `grad` for the residual (rs, T, c): exact where it matters, bounds elsewhere (see the
 * module comment). `moved`: the coefficients changed since the last call (exact flags are stale).
 * Returns the number of column products taken (p for a full product). @internal
 */
export function checkGradient(
  t: EnetTerms, d: Design, w: Float64Array, rs: Float64Array, T: number, c: number, grad: Float64Array, k: GradientCheck, moved: boolean,
): number {
  const p = d.p;
  const exact = k.exact;
  if (moved) exact.fill(0);
  if (k.valid) {
    // ‖r − r₀‖² with r − r₀ = (rs − rs₀) + (c − c₀)·v and vᵀ(rs − rs₀) = T − T₀.
    const n = d.n;
    const r0 = k.rs;
    let dd = 0;
    for (let i = 0; i < n; i++) {
      const e = rs[i]! - r0[i]!;
      dd += e * e;
    }
    const dc = c - k.c;
    if (dc !== 0) dd += 2 * dc * (T - k.T) + dc * dc * d.vv;
    const delta = Math.sqrt(Math.max(dd, 0));
    const need = k.need;
    let m = 0;
    const limit = p * FULL_FRACTION;
    // Arrays and κλ₁ in locals (V8 reloaded them per feature); κλ₁fⱼ is evaluated as before.
    const pf = t.pf;
    const g0 = k.g;
    const colNorm = k.colNorm;
    const kl1 = KAPPA * t.l1;
    for (let j = 0; j < p && m <= limit; j++) {
      if (exact[j]) continue;
      const f = pf[j]!;
      const b = Math.abs(g0[j]!) + colNorm[j]! * delta;
      if (w[j] !== 0 || f === 0 || !(b < kl1 * f)) need[m++] = j;
      else grad[j] = b;
    }
    if (m <= limit) {
      columnDots(d, need, m, rs, T, grad);
      for (let q = 0; q < m; q++) exact[need[q]!] = 1;
      return m;
    }
  }
  fullGradient(d, rs, T, grad);
  k.g.set(grad);
  k.rs.set(rs);
  k.T = T;
  k.c = c;
  k.valid = true;
  exact.fill(1);
  return p;
}
