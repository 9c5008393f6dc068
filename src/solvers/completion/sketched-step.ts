/**
 * The sketched half-step of Gu, Song, Yin & Zhang (ICLR 2024): each problem is solved only
 * approximately, by CGLS preconditioned with the R of a QR of a CountSketch of its matrix.
 *
 * @module
 * @internal
 */
import { asDenseMatrix } from '../../formats/index.js';
import { qr } from '../../linalg/index.js';
import { dotAt } from '../../kernels/blas1.js';
import { gatheredCgls, gatheredCglsWork } from '../../linalg/iterative/gathered-cgls.js';
import type { SparseEmbedding } from '../../sketch/sparse-embedding.js';
import { gatherRows, type HalfStep, JITTER, largestGroup } from './batch.js';

/** Settings of the sketched solver. @internal */
export interface SketchedSettings {
  /** CountSketch over the rows of G (other dimension), with s rows. */
  readonly sketch: SparseEmbedding;
  /** Relative reduction of the preconditioned normal-equation residual asked of each problem. */
  readonly innerTol: number;
  /** CGLS iteration cap per problem. */
  readonly innerMaxIter: number;
}

/**
 * For every group g with A = G[idx_g] (len x k): when len > s, SA (s x k) is the CountSketch of
 * A's rows (the columns of one s x other sketch restricted to idx_g: O(len·k)); otherwise SA = A.
 * R = qr([SA; √λ'·I]).R (O(s·k²)), then CGLS on A·R⁻¹ from the warm start F[g] until the
 * preconditioned gradient falls by `innerTol` (one pass over the rows, O(len·k), per iteration, a few iterations since
 * cond(A·R⁻¹) = O(1)). λ' = λ + 1e-12·‖A‖²_F/k as in the exact step. Returns the total number of
 * CGLS iterations.
 * @internal
 */
export function sketchedHalfStep(h: HalfStep, set: SketchedSettings): number {
  const { G, groups, lambda, F } = h;
  const k = G.cols;
  const s = set.sketch.shape[0];
  const largest = largestGroup(groups);
  const buf = new Float64Array((Math.min(Math.max(largest, 1), s) + k) * k);
  const R = new Float64Array(k * k);
  const work = gatheredCglsWork(k);
  const P = { A: G, ptr: groups.ptr, rows: groups.idx, b: groups.val };
  let iterations = 0;
  for (let g = 0; g < groups.count; g++) {
    const p0 = groups.ptr[g]!;
    const len = groups.ptr[g + 1]! - p0;
    // Small problems are not sketched: SA = A (gathered); larger ones: SA = CountSketch of A's rows.
    const rows = Math.min(len, s);
    let fro: number;
    if (len > s) {
      set.sketch.applyRowsInto(G.data, k, groups.idx, p0, len, buf);
      fro = 0;
      for (let i = 0; i < len; i++) fro += dotAt(k, G.data, groups.idx[p0 + i]! * k, G.data, groups.idx[p0 + i]! * k);
    } else {
      fro = len > 0 ? gatherRows(G, groups.idx, p0, len, buf) : 0;
    }
    if (!(fro > 0) && lambda === 0) {
      F.fill(0, g * k, (g + 1) * k);
      continue;
    }
    const ridge = lambda + (JITTER * fro) / k;
    const sq = Math.sqrt(ridge);
    buf.fill(0, rows * k, (rows + k) * k);
    for (let t = 0; t < k; t++) buf[(rows + t) * k + t] = sq;
    const Rn = asDenseMatrix(qr({ rows: rows + k, cols: k, data: buf.subarray(0, (rows + k) * k) }, { mode: 'r' }).R);
    R.set(Rn.data.subarray(0, k * k));
    iterations += gatheredCgls(P, g, ridge, R, 0, F, g * k, set.innerTol, set.innerMaxIter, work);
  }
  return iterations;
}
