/**
 * Fast Walsh–Hadamard transform (the JS backend): the unnormalised Sylvester–Hadamard matrix
 * H_N (entries (−1)^popcount(i & j), N a power of two) applied in place along the first axis of a
 * row-major N x width block, in O(N·width·log N) additions, then scaled by `scale`.
 *
 * Each butterfly stage combines whole rows (row i and row i + h), so the inner loop runs over
 * `width` contiguous values (vectorisable, and the same loop serves one vector when width = 1).
 * Cache blocking: the stages with h < BLOCK rows run block by block while a block of rows is hot
 * in cache; the remaining stages run two at a time (radix-4) to halve the passes over memory.
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { getWasm } from '../runtime/wasm/loader.js';

/** Rows per cache block: stages with 2h ≤ block run inside a block. @internal */
function blockRows(width: number): number {
  // About 64 KiB of doubles per block, rounded down to a power of two (at least 2 rows).
  let r = 2;
  while (r * 2 * width <= 8192) r *= 2;
  return r;
}

/**
 * In-place unnormalised FWHT of the rows × width block `x[offset .. offset + n·width)` along its
 * first axis, multiplied by `scale` at the end (pass 1/√n for the orthonormal transform).
 * `n` must be a power of two (checked by the caller). @internal
 */
export function fwhtJs(x: Float64Array, offset: number, n: number, width: number, scale: number): void {
  if (n <= 1) {
    if (scale !== 1) for (let k = 0; k < n * width; k++) x[offset + k]! *= scale;
    return;
  }
  if (width === 1) {
    fwhtVectorJs(x, offset, n, scale);
    return;
  }
  const B = Math.min(blockRows(width), n);
  // Stages h = 1, 2, ..., B/2 inside each block of B rows.
  for (let b = 0; b < n; b += B) {
    const base = offset + b * width;
    for (let h = 1; h < B; h *= 2) {
      const step = h * width;
      for (let i = 0; i < B; i += 2 * h) {
        let p = base + i * width;
        const end = p + step;
        for (; p < end; p++) {
          const u = x[p]!;
          const v = x[p + step]!;
          x[p] = u + v;
          x[p + step] = u - v;
        }
      }
    }
  }
  // Remaining stages h = B, 2B, ...: radix-4 pairs (h, 2h) while possible, then one radix-2 stage.
  let h = B;
  while (h < n) {
    if (4 * h <= n) {
      const s = h * width;
      for (let i = 0; i < n; i += 4 * h) {
        let p = offset + i * width;
        const end = p + s;
        for (; p < end; p++) {
          const a0 = x[p]!;
          const a1 = x[p + s]!;
          const a2 = x[p + 2 * s]!;
          const a3 = x[p + 3 * s]!;
          const s01 = a0 + a1;
          const d01 = a0 - a1;
          const s23 = a2 + a3;
          const d23 = a2 - a3;
          x[p] = s01 + s23;
          x[p + s] = d01 + d23;
          x[p + 2 * s] = s01 - s23;
          x[p + 3 * s] = d01 - d23;
        }
      }
      h *= 4;
    } else {
      const s = h * width;
      for (let i = 0; i < n; i += 2 * h) {
        let p = offset + i * width;
        const end = p + s;
        for (; p < end; p++) {
          const u = x[p]!;
          const v = x[p + s]!;
          x[p] = u + v;
          x[p + s] = u - v;
        }
      }
      h *= 2;
    }
  }
  if (scale !== 1) {
    const end = offset + n * width;
    for (let p = offset; p < end; p++) x[p]! *= scale;
  }
}

/** In-place FWHT of one contiguous vector of length n (power of two), times `scale`. @internal */
function fwhtVectorJs(x: Float64Array, offset: number, n: number, scale: number): void {
  // First two stages fused (radix-4 on consecutive entries), when n >= 4.
  let h = 1;
  if (n >= 4) {
    for (let p = offset, end = offset + n; p < end; p += 4) {
      const a0 = x[p]!;
      const a1 = x[p + 1]!;
      const a2 = x[p + 2]!;
      const a3 = x[p + 3]!;
      const s01 = a0 + a1;
      const d01 = a0 - a1;
      const s23 = a2 + a3;
      const d23 = a2 - a3;
      x[p] = s01 + s23;
      x[p + 1] = d01 + d23;
      x[p + 2] = s01 - s23;
      x[p + 3] = d01 - d23;
    }
    h = 4;
  }
  for (; h < n; h *= 2) {
    for (let i = 0; i < n; i += 2 * h) {
      let p = offset + i;
      const end = p + h;
      for (; p < end; p++) {
        const u = x[p]!;
        const v = x[p + h]!;
        x[p] = u + v;
        x[p + h] = u - v;
      }
    }
  }
  if (scale !== 1) for (let p = offset, end = offset + n; p < end; p++) x[p]! *= scale;
}

/**
 * A buffer for repeated in-place transforms: in WASM memory when the WASM backend is chosen
 * (so the SIMD kernel runs without copies), a plain Float64Array otherwise. Fill `data`, call
 * `transform`, read `data`, and `release()` when done (the view is invalid afterwards).
 * @internal
 */
export interface FwhtWorkspace {
  /** The buffer (length as requested). */
  readonly data: Float64Array;
  /** In-place unnormalised FWHT of `data[0 .. n·width)` viewed as n x width rows, times scale. */
  transform(n: number, width: number, scale: number): void;
  /** Whether the WASM SIMD kernel runs. */
  readonly wasm: boolean;
  /** Give the WASM memory back (no-op for JS buffers). */
  release(): void;
}

/**
 * A workspace of `len` doubles for {@link fwhtJs}-style transforms. Under the `'auto'` backend
 * the WASM kernel is used once the transform is large enough to amortise the module load
 * (len ≥ 4096); `'wasm'` forces it (when available), `'js'` never uses it.
 * @internal
 */
export function fwhtWorkspace(len: number): FwhtWorkspace {
  if (wantWasm(len >= 4096)) {
    const k = getWasm();
    if (k) {
      const ptr = k.alloc(len * 8);
      if (ptr >= 0) {
        const fn = k.fn('fwht_f64');
        let released = false;
        return {
          data: k.f64(ptr, len),
          wasm: true,
          transform(n, width, scale) {
            if (n * width > len) throw new RangeError('fwht workspace too small');
            fn(ptr, n, width, scale);
          },
          release() {
            if (!released) k.free(ptr);
            released = true;
          },
        };
      }
    }
  }
  const data = new Float64Array(len);
  return { data, wasm: false, transform: (n, width, scale) => fwhtJs(data, 0, n, width, scale), release() {} };
}

/**
 * In-place FWHT of the n x width block of `x` at `offset` through the chosen backend (copies into
 * WASM memory and back when the WASM kernel runs). @internal
 */
export function fwhtInPlaceKernel(x: Float64Array, offset: number, n: number, width: number, scale: number): void {
  const len = n * width;
  if (wantWasm(len >= 4096) && getWasm()) {
    const ws = fwhtWorkspace(len);
    if (ws.wasm) {
      try {
        ws.data.set(x.subarray(offset, offset + len));
        ws.transform(n, width, scale);
        x.set(ws.data, offset);
      } finally {
        ws.release();
      }
      return;
    }
  }
  fwhtJs(x, offset, n, width, scale);
}
