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

/** Rows sampled, evenly spaced. @internal */
export const FILL_SAMPLE_ROWS = 64;
/** Products merged per sampled row at most; heavier rows count as slots with nothing kept (they favour two passes). @internal */
export const FILL_SAMPLE_ROW_FLOPS = 1 << 12;

/**
 * nnz / Σ min(flops(i), n) over {@link FILL_SAMPLE_ROWS} evenly spaced rows with products (exact
 * cancellation not counted), 1 when none has any; `rowFlops[i]` = flops of row i. O(64 · 4096).
 * @internal
 */
export function sampledSlotFill(A: CsrArrays, B: CsrArrays, rowFlops: Float64Array, n: number): number {
  const m = A.indptr.length - 1;
  const seen = new Set<number>();
  let kept = 0;
  let slots = 0;
  const rows = Math.min(FILL_SAMPLE_ROWS, m);
  for (let s = 0; s < rows; s++) {
    const i = Math.floor(((s + 0.5) * m) / rows);
    const f = rowFlops[i]!;
    if (f === 0) continue;
    slots += Math.min(f, n);
    if (f > FILL_SAMPLE_ROW_FLOPS) continue;
    seen.clear();
    for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) {
      const k = A.indices[p]!;
      for (let q = B.indptr[k]!; q < B.indptr[k + 1]!; q++) seen.add(B.indices[q]!);
    }
    kept += seen.size;
  }
  return slots > 0 ? kept / slots : 1;
}
