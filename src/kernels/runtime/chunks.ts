/**
 * Row chunks for kernels that run over ranges of rows: equal-weight chunks for threads
 * ({@link searchChunks}), and the chunks a serial WASM call is split into so that V8 can move the
 * kernel off its baseline code ({@link tierUpChunks}).
 *
 * @module
 * @internal
 */

/**
 * Row bounds splitting [r0, r1) into at most `chunks` ranges of about equal weight, where
 * `cum(r)` is a nondecreasing cumulative weight of the rows before r: a binary search per bound,
 * O(chunks · log rows) (no pass over the rows). @internal
 */
export function searchChunks(cum: (r: number) => number, r0: number, r1: number, chunks: number): Int32Array {
  const c = Math.max(1, Math.min(chunks, r1 - r0));
  const w0 = cum(r0);
  const total = cum(r1) - w0;
  const bounds = [r0];
  for (let t = 1; t < c; t++) {
    const target = w0 + (total * t) / c;
    let lo = bounds[bounds.length - 1]! + 1;
    let hi = r1 - 1;
    if (lo > hi) break;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum(mid) >= target) hi = mid;
      else lo = mid + 1;
    }
    bounds.push(lo);
  }
  bounds.push(r1);
  return Int32Array.from(bounds);
}

/**
 * Work units (stored entries, or entries plus rows) per call when a serial WASM row kernel is
 * called in chunks ({@link tierUpChunks}).
 * @internal
 */
export const TIERUP_CHUNK_WORK = 1 << 16;

/**
 * Row bounds for one thread running a WASM row kernel over [r0, r1): chunks of about
 * {@link TIERUP_CHUNK_WORK} units of `cum` (as in {@link searchChunks}), one chunk for small ranges.
 *
 * Why: V8 first runs a WASM function as baseline (Liftoff) code, about 2x slower than its
 * optimized (TurboFan) code on the SpMV and SpGEMM loops, and replaces it only between calls
 * (WebAssembly has no on-stack replacement), once the function has used its tiering budget. One call
 * over all rows of a large matrix therefore runs entirely in baseline code on the first product of a
 * process; calls of a few ten thousand entries each pass to the optimized code after the first ones.
 * The row kernels compute each row independently, so chunking leaves every bit of the result
 * unchanged. Measured by bench/ab/cold-tierup.mjs. @internal
 */
export function tierUpChunks(cum: (r: number) => number, r0: number, r1: number): Int32Array {
  return searchChunks(cum, r0, r1, Math.ceil((cum(r1) - cum(r0)) / TIERUP_CHUNK_WORK));
}
