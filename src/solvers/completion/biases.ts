/**
 * Row and column centring of observed entries (softImpute's `biScale` without scaling): the model
 * M_ij ≈ μ + a_i + b_j + (low rank)_ij, with μ, a, b fitted to the observed entries first.
 *
 * @module
 * @internal
 */
import type { Grouped, Triplets } from './observed.js';

/** Global mean μ, row offsets a (length m) and column offsets b (length n). */
export interface Biases {
  /** Mean of the observed entries. */
  readonly mean: number;
  /** Per-row offset a_i (0 for an empty row). */
  readonly row: Float64Array;
  /** Per-column offset b_j (0 for an empty column). */
  readonly col: Float64Array;
}

/**
 * Fit μ, a, b by alternating row and column means of the residual (block coordinate descent on
 * Σ_Ω (M_ij − μ − a_i − b_j)², with `shrink` added to each group's count as a ridge that keeps
 * rows with few entries near 0). `passes` sweeps, O(passes·|Ω|).
 * @internal
 */
export function fitBiases(t: Triplets, byRow: Grouped, byCol: Grouped, passes = 10, shrink = 0): Biases {
  const nnz = t.val.length;
  let mean = 0;
  for (let p = 0; p < nnz; p++) mean += t.val[p]!;
  mean = nnz > 0 ? mean / nnz : 0;
  const a = new Float64Array(t.m);
  const b = new Float64Array(t.n);
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < t.m; i++) {
      const p0 = byRow.ptr[i]!;
      const p1 = byRow.ptr[i + 1]!;
      let s = 0;
      for (let p = p0; p < p1; p++) s += byRow.val[p]! - mean - b[byRow.idx[p]!]!;
      a[i] = p1 > p0 ? s / (p1 - p0 + shrink) : 0;
    }
    for (let j = 0; j < t.n; j++) {
      const p0 = byCol.ptr[j]!;
      const p1 = byCol.ptr[j + 1]!;
      let s = 0;
      for (let p = p0; p < p1; p++) s += byCol.val[p]! - mean - a[byCol.idx[p]!]!;
      b[j] = p1 > p0 ? s / (p1 - p0 + shrink) : 0;
    }
  }
  return { mean, row: a, col: b };
}

/** The triplet values minus μ + a_i + b_j (a new array). @internal */
export function centred(t: Triplets, z: Biases): Float64Array {
  const out = new Float64Array(t.val.length);
  for (let p = 0; p < out.length; p++) out[p] = t.val[p]! - z.mean - z.row[t.row[p]!]! - z.col[t.col[p]!]!;
  return out;
}

/** Zero biases (no centring). @internal */
export function noBiases(m: number, n: number): Biases {
  return { mean: 0, row: new Float64Array(m), col: new Float64Array(n) };
}
