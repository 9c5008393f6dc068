/**
 * SpGEMM planning before anything large is allocated: flops per row, the accumulator each row
 * will use (same rule as the row kernels), the largest hash table, size bounds on nnz(C) (to
 * throw `ResourceError` promptly), and flops-balanced row chunks for threads.
 *
 * @module
 * @internal
 */
import { INT32_MAX } from '../../core/array.js';
import { ResourceError } from '../../core/errors.js';

/** What the planner learned about C = A·B. @internal */
export interface SpgemmPlan {
  /** flops(i) = Σ_{k ∈ A(i,:)} nnz(B(k,:)). */
  rowFlops: Float64Array;
  /** Σ flops(i). */
  flops: number;
  /** Largest hash table (slots) over the rows that use hash (0 when none). */
  maxTable: number;
  /** Some row uses the dense accumulator. */
  anyDense: boolean;
  /** Rows with at least one product. */
  nonEmptyRows: number;
  /** Rows that use the hash accumulator. */
  hashRows: number;
  /** Σ min(flops(i), n): an upper bound on nnz(C). */
  upperNnz: number;
}

/** Accumulator mode as the kernels see it: 0 auto, 1 hash, 2 dense. @internal */
export type AccumulatorMode = 0 | 1 | 2;

/** Compute the plan; O(nnz(A) + m). @internal */
export function planSpgemm(Ap: Int32Array, Aj: Int32Array, Bp: Int32Array, m: number, n: number, mode: AccumulatorMode, denseRatio: number): SpgemmPlan {
  const rowFlops = new Float64Array(m);
  let flops = 0;
  let maxTable = 0;
  let anyDense = false;
  let nonEmptyRows = 0;
  let hashRows = 0;
  let upperNnz = 0;
  for (let i = 0; i < m; i++) {
    let f = 0;
    const a1 = Ap[i + 1]!;
    for (let p = Ap[i]!; p < a1; p++) {
      const k = Aj[p]!;
      f += Bp[k + 1]! - Bp[k]!;
    }
    rowFlops[i] = f;
    if (f === 0) continue;
    flops += f;
    nonEmptyRows++;
    const bound = f < n ? f : n;
    upperNnz += bound;
    const lg = bound < 4 ? 3 : 33 - Math.clz32(bound - 1);
    // (1 << lg, not 2 ** lg: the power operator made this loop four times slower.)
    if (mode === 2 || lg > 30 || (mode === 0 && (1 << lg) * denseRatio >= n)) anyDense = true;
    else {
      hashRows++;
      if (1 << lg > maxTable) maxTable = 1 << lg;
    }
  }
  return { rowFlops, flops, maxTable, anyDense, nonEmptyRows, hashRows, upperNnz };
}

/**
 * Throw ResourceError when nnz(C) surely exceeds int32 indices: the lower bound
 * Σ_i max_{k ∈ A(i,:)} (distinct columns of B(k,:)) is checked only when the cheap upper bound
 * Σ min(flops(i), n) is already above the limit, so the common case costs nothing. An arrow
 * matrix with 46,500 rows squared (2.16e9 entries) is refused here in O(nnz) time. @internal
 */
export function checkSpgemmSize(Ap: Int32Array, Aj: Int32Array, Bp: Int32Array, Bj: Int32Array, m: number, kB: number, n: number, plan: SpgemmPlan): void {
  if (plan.upperNnz <= INT32_MAX) return;
  // Distinct column counts of the rows of B (duplicates may be stored), with a marker array.
  const distinct = new Int32Array(kB);
  const marker = new Int32Array(n).fill(-1);
  for (let k = 0; k < kB; k++) {
    let c = 0;
    for (let q = Bp[k]!; q < Bp[k + 1]!; q++) {
      const j = Bj[q]!;
      if (marker[j] !== k) {
        marker[j] = k;
        c++;
      }
    }
    distinct[k] = c;
  }
  let lower = 0;
  for (let i = 0; i < m; i++) {
    let best = 0;
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      const d = distinct[Aj[p]!]!;
      if (d > best) best = d;
    }
    lower += best;
  }
  if (lower > INT32_MAX) throw new ResourceError('spgemm', 'nnz(C) (at least)', lower, INT32_MAX);
}

/**
 * Split rows [r0, r1) into at most `chunks` ranges of about equal work (flops(i) + 1 per row, by
 * prefix sums), as a bounds array [r0, ..., r1]. @internal
 */
export function balancedChunks(rowFlops: Float64Array, r0: number, r1: number, chunks: number): Int32Array {
  let total = 0;
  for (let i = r0; i < r1; i++) total += rowFlops[i]! + 1;
  const c = Math.max(1, Math.min(chunks, r1 - r0));
  const bounds = [r0];
  let acc = 0;
  let next = total / c;
  for (let i = r0; i < r1; i++) {
    acc += rowFlops[i]! + 1;
    if (acc >= next && i + 1 < r1 && bounds.length < c) {
      bounds.push(i + 1);
      next = (total * bounds.length) / c;
    }
  }
  bounds.push(r1);
  return Int32Array.from(bounds);
}
