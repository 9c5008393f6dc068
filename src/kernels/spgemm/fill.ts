/**
 * The estimated fill of SpGEMM row slots: nnz(C) / Σ min(flops(i), n), from a sample of rows.
 * Near 1 (few products merge, as in A·A of a sparse web graph) the product can skip the symbolic
 * pass: each row is computed into a slot of min(flops(i), n) entries and the copy out closes the
 * few gaps. Low fill (products that merge many terms) keeps the exact symbolic sizing.
 *
 * @module
 * @internal
 */
import type { CsrArrays } from './spgemm.js';

/** Rows sampled, evenly spaced (visited in bit-reversed order, so any prefix is spread too). @internal */
export const FILL_SAMPLE_ROWS = 64;
/** Products merged per sampled row at most; heavier rows count as slots with nothing kept (they favour two passes). @internal */
export const FILL_SAMPLE_ROW_FLOPS = 1 << 12;
/**
 * Products merged over all sampled rows at most: the sample stops at the first row past it (rows
 * of B read at random cost a cache miss each; 64 rows of the tall AᵀA's 900 products took ~10 ms).
 * @internal
 */
export const FILL_SAMPLE_FLOPS = 1 << 14;

/**
 * nnz / Σ min(flops(i), n) over up to {@link FILL_SAMPLE_ROWS} evenly spaced rows with products
 * (exact cancellation not counted; at most {@link FILL_SAMPLE_FLOPS} products merged), 1 when none
 * has any; `rowFlops[i]` = flops of row i, or null to count the sampled rows' flops here.
 * @internal
 */
export function sampledSlotFill(A: CsrArrays, B: CsrArrays, rowFlops: Float64Array | null, n: number): number {
  const m = A.indptr.length - 1;
  const seen = new Set<number>();
  let kept = 0;
  let slots = 0;
  let merged = 0;
  const rows = Math.min(FILL_SAMPLE_ROWS, m);
  for (let t = 0; t < FILL_SAMPLE_ROWS && merged < FILL_SAMPLE_FLOPS; t++) {
    const s = bitReverse6(t);
    if (s >= rows) continue;
    const i = Math.floor(((s + 0.5) * m) / rows);
    const f = rowFlops ? rowFlops[i]! : flopsOfRow(A, B, i);
    if (f === 0) continue;
    slots += Math.min(f, n);
    if (f > FILL_SAMPLE_ROW_FLOPS) continue;
    merged += f;
    seen.clear();
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) {
      const k = A.indices[p]!;
      for (let q = B.indptr[k]!; q < B.indptr[k + 1]!; q++) seen.add(B.indices[q]!);
    }
    kept += seen.size;
  }
  return slots > 0 ? kept / slots : 1;
}

/** t (0..63) with its 6 bits reversed. */
function bitReverse6(t: number): number {
  let r = 0;
  for (let b = 0; b < 6; b++) r |= ((t >> b) & 1) << (5 - b);
  return r;
}

/** flops(i) = Σ_{k ∈ A(i,:)} nnz(B(k,:)). */
function flopsOfRow(A: CsrArrays, B: CsrArrays, i: number): number {
  let f = 0;
  for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) {
    const k = A.indices[p]!;
    f += B.indptr[k + 1]! - B.indptr[k]!;
  }
  return f;
}

/**
 * How far apart a row of A reads B's rows: for {@link FILL_SAMPLE_ROWS} evenly spaced rows with
 * entries, the bytes of B's arrays (row pointers, indices, values) from the first to the last row
 * of B the row reads; the median. Small on banded products (Poisson: consecutive rows of A read
 * neighbouring rows of B, which stay in cache between the passes), the size of B where the rows of
 * A read all over it (AᵀA of a tall matrix). 0 when no sampled row has entries. @internal
 */
export function sampledSpanBytes(A: CsrArrays, B: CsrArrays): number {
  const m = A.indptr.length - 1;
  const rows = Math.min(FILL_SAMPLE_ROWS, m);
  const spans: number[] = [];
  for (let s = 0; s < rows; s++) {
    const i = Math.floor(((s + 0.5) * m) / rows);
    const p0 = A.indptr[i]!;
    const p1 = A.indptr[i + 1]!;
    if (p0 === p1) continue;
    let lo = A.indices[p0]!;
    let hi = lo;
    for (let p = p0 + 1; p < p1; p++) {
      const k = A.indices[p]!;
      if (k < lo) lo = k;
      else if (k > hi) hi = k;
    }
    spans.push(4 * (hi + 1 - lo) + 12 * (B.indptr[hi + 1]! - B.indptr[lo]!));
  }
  if (spans.length === 0) return 0;
  spans.sort((a, b) => a - b);
  return spans[spans.length >> 1]!;
}
