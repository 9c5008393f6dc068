/**
 * The cost as the solvers see it: G = η·C̃ with the reduced cost C̃_ij = C_ij − α_i − β_j, where
 * α_i = min_j C_ij and β_j = min_i (C_ij − α_i) (the row and column reductions of the Hungarian
 * method). The entropic plan is unchanged (the shift moves into the potentials: x = x̃ + α,
 * y = ỹ + β), but every row and column of C̃ has a zero and C̃ ≥ 0, so the scaled potentials stay
 * small and the exponent U_i + V_j − G_ij is computed with rounding error ulp(small) instead of
 * ulp(η·max C): without it, costs around 1 at η = 1200 limit the attainable marginal error to
 * ~1e-13; with it the floor is near 1e-16. It also keeps exp(−G) of the scaling method from
 * underflowing in whole rows or columns.
 *
 * @module
 * @internal
 */
import { allocFloat64 } from '../core/alloc.js';

/** Row and column cost shifts. @internal */
export interface CostShift {
  /** α_i = min_j C_ij. */
  readonly alpha: Float64Array;
  /** β_j = min_i (C_ij − α_i). */
  readonly beta: Float64Array;
}

/** The reductions α, β of a row-major n x m cost. O(n·m). @internal */
export function costShift(C: Float64Array, n: number, m: number): CostShift {
  const alpha = new Float64Array(n);
  const beta = new Float64Array(m).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    let mn = Infinity;
    for (let j = 0; j < m; j++) if (C[base + j]! < mn) mn = C[base + j]!;
    alpha[i] = mn;
    for (let j = 0; j < m; j++) {
      const v = C[base + j]! - mn;
      if (v < beta[j]!) beta[j] = v;
    }
  }
  return { alpha, beta };
}

/** G_ij = η·((C_ij − α_i) − β_j) into `out` (allocated when omitted). O(n·m). @internal */
export function scaledCost(C: Float64Array, shift: CostShift, eta: number, out?: Float64Array): Float64Array {
  const { alpha, beta } = shift;
  const n = alpha.length;
  const m = beta.length;
  const G = out ?? allocFloat64('sinkhorn', 'scaled cost entries', n * m);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const ai = alpha[i]!;
    for (let j = 0; j < m; j++) G[base + j] = eta * (C[base + j]! - ai - beta[j]!);
  }
  return G;
}

/** Σ a_i α_i + Σ b_j β_j: the objective offset between the reduced and the original cost. @internal */
export function shiftOffset(shift: CostShift, a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * shift.alpha[i]!;
  for (let j = 0; j < b.length; j++) s += b[j]! * shift.beta[j]!;
  return s;
}
