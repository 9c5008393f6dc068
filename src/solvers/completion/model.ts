/**
 * A fitted low-rank model M̂ = μ + a·1ᵀ + 1·bᵀ + U·Vᵀ (optionally clipped to a range): entry
 * prediction, RMSE over a set of entries, and the dense completion behind a size limit.
 *
 * @module
 * @internal
 */
import { ArgumentError, ResourceError } from '../../core/index.js';
import { asDenseMatrix, type NdArray, toNdarray } from '../../formats/index.js';
import { matmul } from '../../linalg/index.js';
import type { Biases } from './biases.js';
import type { Triplets } from './observed.js';

/** Largest dense completion `complete()` builds (2^26 entries = 512 MiB of float64). */
export const MAX_COMPLETE_ENTRIES = 2 ** 26;

/** The pieces of a fitted model. @internal */
export interface LowRank {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** m x k row-major. */
  readonly u: Float64Array;
  /** n x k row-major. */
  readonly v: Float64Array;
  readonly biases: Biases;
  readonly clip: readonly [number, number] | undefined;
}

/** M̂_ij for valid indices (no checks). @internal */
export function predictAt(L: LowRank, i: number, j: number): number {
  const { k, u, v, biases, clip } = L;
  let s = biases.mean + biases.row[i]! + biases.col[j]!;
  const uo = i * k;
  const vo = j * k;
  for (let t = 0; t < k; t++) s += u[uo + t]! * v[vo + t]!;
  if (clip) s = Math.min(clip[1], Math.max(clip[0], s));
  return s;
}

/** M̂_ij with index checks (ArgumentError outside the shape). @internal */
export function predictChecked(L: LowRank, i: number, j: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= L.m) throw new ArgumentError('i', i, `a row index in [0, ${L.m})`);
  if (!Number.isInteger(j) || j < 0 || j >= L.n) throw new ArgumentError('j', j, `a column index in [0, ${L.n})`);
  return predictAt(L, i, j);
}

/** Root mean square of M − M̂ over the triplets (0 for none). O(nnz·k), one tight loop (it runs every sweep). @internal */
export function rmseOn(L: LowRank, t: Triplets): number {
  const nnz = t.val.length;
  if (nnz === 0) return 0;
  const { k, u, v, clip } = L;
  const { mean, row: a, col: b } = L.biases;
  const { row, col, val } = t;
  const lo = clip ? clip[0] : -Infinity;
  const hi = clip ? clip[1] : Infinity;
  let s = 0;
  for (let p = 0; p < nnz; p++) {
    const i = row[p]!;
    const j = col[p]!;
    const uo = i * k;
    const vo = j * k;
    let y = mean + a[i]! + b[j]!;
    for (let q = 0; q < k; q++) y += u[uo + q]! * v[vo + q]!;
    const e = val[p]! - Math.min(hi, Math.max(lo, y));
    s += e * e;
  }
  return Math.sqrt(s / nnz);
}

/** The dense m x n completion. @throws ResourceError above {@link MAX_COMPLETE_ENTRIES}. @internal */
export function completeDense(L: LowRank, op: string): NdArray {
  const { m, n } = L;
  if (m * n > MAX_COMPLETE_ENTRIES) throw new ResourceError(op, 'the dense completion (entries)', m * n, MAX_COMPLETE_ENTRIES);
  const { k, biases, clip } = L;
  const out = asDenseMatrix(matmul({ rows: m, cols: k, data: L.u }, { rows: n, cols: k, data: L.v }, { transB: true })).data;
  for (let i = 0; i < m; i++) {
    const ri = biases.mean + biases.row[i]!;
    for (let j = 0; j < n; j++) {
      let s = out[i * n + j]! + ri + biases.col[j]!;
      if (clip) s = Math.min(clip[1], Math.max(clip[0], s));
      out[i * n + j] = s;
    }
  }
  return toNdarray({ rows: m, cols: n, data: out });
}
