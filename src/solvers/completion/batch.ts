/**
 * The batch of column (or row) least-squares problems of one alternating-minimization half-step,
 * on typed arrays: problem g is min_x ‖G[idx_g]·x − b_g‖² + λ‖x‖² over the entries of group g, and
 * its solution is row g of the factor F being updated.
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/index.js';
import type { Grouped } from './observed.js';

/** One half-step's problems. @internal */
export interface HalfStep {
  /** The fixed factor (other dimension x k), row-major. */
  readonly G: DenseMatrix;
  /** Entries grouped by the index of the factor being solved for. */
  readonly groups: Grouped;
  /** Ridge λ ≥ 0. */
  readonly lambda: number;
  /** The factor being updated (count x k, row-major): warm start in, solution out. */
  readonly F: Float64Array;
  /**
   * How many entries of `groups` each row of G has (its degree), when the caller has it already
   * (it is fixed for a fit's groupings); counted from `groups.idx` when absent.
   */
  readonly degrees?: Float64Array;
}

/** How many times each of 0..rows-1 occurs in `idx` (the degrees of the rows of G). @internal */
export function degreesOf(idx: Int32Array, rows: number): Float64Array {
  const w = new Float64Array(rows);
  for (let p = 0; p < idx.length; p++) w[idx[p]!]!++;
  return w;
}

/** Relative ridge added to every problem (times trace(AᵀA)/k) so empty or rank-deficient problems stay well posed. */
export const JITTER = 1e-12;

/**
 * Copy the rows G[idx[p0..p0+len)] into `out` (len x k, row-major); returns ‖·‖²_F of the copy.
 * @internal
 */
export function gatherRows(G: DenseMatrix, idx: Int32Array, p0: number, len: number, out: Float64Array): number {
  const k = G.cols;
  const g = G.data;
  let fro = 0;
  for (let i = 0; i < len; i++) {
    const src = idx[p0 + i]! * k;
    const dst = i * k;
    for (let t = 0; t < k; t++) {
      const v = g[src + t]!;
      out[dst + t] = v;
      fro += v * v;
    }
  }
  return fro;
}

/** Largest group size (the scratch length a half-step needs). @internal */
export function largestGroup(g: Grouped): number {
  let best = 0;
  for (let i = 0; i < g.count; i++) best = Math.max(best, g.ptr[i + 1]! - g.ptr[i]!);
  return best;
}
