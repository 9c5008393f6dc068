/**
 * One-off WASM gather product (CSR·x) without a copy of the whole matrix in WASM memory: A passes
 * through one small scratch block in row chunks. Each chunk's row pointers, indices and values are
 * copied in, `spmv_csr` runs on it with base pointers shifted by the chunk's first row and entry
 * (so it reads A's own row pointers unchanged), and the chunk's rows of y are copied out. Same
 * kernel and per-row order of additions as the whole-matrix route, so the same bits.
 *
 * What it saves is the WASM memory a one-off product touches: the chunk block instead of 12 bytes
 * per entry, which a first call (or a call after the arena grew) pays as fresh pages.
 *
 * @module
 * @internal
 */
import type { WasmKernels } from '../runtime/wasm/loader.js';
import { residentOffset } from '../runtime/memory.js';
import { spmvGatherRangeJs } from './rows.js';

/** Bytes of the scratch block a one-off product streams A through (L2-sized). @internal */
export const STREAM_CHUNK_BYTES = 1 << 17;

/** Scratch slot of the chunk block (slots 0 and 1 hold x and y of the whole-matrix route). */
const SLOT = 7;

/** Compressed lines of A (as `Lines` in dispatch.ts). */
interface Rows {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
  nMajor: number;
}

/** A chunk block of `rows` rows and `ents` entries: pointers and views of its four parts. */
interface Block {
  rows: number;
  ents: number;
  dv: number;
  yv: number;
  ix: number;
  ip: number;
  dV: Float64Array;
  yV: Float64Array;
  iV: Int32Array;
  pV: Int32Array;
}

function block(k: WasmKernels, rows: number, ents: number): Block | null {
  const cp = k.scratch(SLOT, 12 * ents + 12 * rows + 4);
  if (cp < 0) return null;
  // Values and y first (8-byte aligned), then indices and row pointers.
  const dv = cp;
  const yv = dv + 8 * ents;
  const ix = yv + 8 * rows;
  const ip = ix + 4 * ents;
  return { rows, ents, dv, yv, ix, ip, dV: k.f64(dv, ents), yV: k.f64(yv, rows), iV: k.i32(ix, ents), pV: k.i32(ip, rows + 1) };
}

/**
 * y = alpha·A·x + beta·y (y not read when beta = 0) through chunks of about `chunkBytes`; false
 * (nothing written) when WASM memory is short. A row longer than a chunk gets a block of its own
 * size, or the JS loop (same bits) if that is not available. @internal
 */
export function spmvGatherStreamed(
  k: WasmKernels,
  A: Rows,
  x: Float64Array,
  y: Float64Array,
  alpha: number,
  beta: number,
  chunkBytes: number = STREAM_CHUNK_BYTES,
): boolean {
  const { indptr, indices, data, nMajor: m } = A;
  const rx = residentOffset(x);
  const ry = residentOffset(y);
  const xp = rx >= 0 ? rx : k.scratch(0, x.byteLength);
  if (xp < 0) return false;
  // Split the block between rows and entries in A's proportion.
  const perRow = data.length / Math.max(1, m);
  const rows = Math.max(1, Math.floor(chunkBytes / (12 + 12 * perRow)));
  let b = block(k, rows, Math.max(1, Math.floor((chunkBytes - 12 * rows) / 12)));
  if (!b) return false;
  if (rx < 0) k.f64(xp, x.length).set(x);
  const f = k.fn('spmv_csr');
  let r0 = 0;
  while (r0 < m) {
    const p0 = indptr[r0]!;
    // Largest r1 <= r0 + rows whose entries fit: indptr[r1] - p0 <= ents.
    let lo = r0;
    let hi = Math.min(m, r0 + b.rows);
    if (indptr[hi]! - p0 <= b.ents) lo = hi;
    else {
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (indptr[mid]! - p0 <= b.ents) lo = mid;
        else hi = mid;
      }
    }
    if (lo === r0) {
      // Row r0 alone does not fit: a larger block for it (kept for the rest of the call).
      const bigger = block(k, b.rows, indptr[r0 + 1]! - p0);
      if (!bigger) {
        spmvGatherRangeJs(indptr, indices, data, x, y, r0, r0 + 1, alpha, beta);
        r0++;
        continue;
      }
      b = bigger;
      lo = r0 + 1;
    }
    const r1 = lo;
    const p1 = indptr[r1]!;
    b.pV.set(indptr.subarray(r0, r1 + 1));
    b.iV.set(indices.subarray(p0, p1));
    b.dV.set(data.subarray(p0, p1));
    // Pointers shifted so that row r0 / entry p0 land at the block's start (wrapping u32 arithmetic).
    const yp = ry >= 0 ? ry : (b.yv - 8 * r0) >>> 0;
    if (beta !== 0 && ry < 0) b.yV.set(y.subarray(r0, r1));
    f((b.ip - 4 * r0) >>> 0, (b.ix - 4 * p0) >>> 0, (b.dv - 8 * p0) >>> 0, xp, yp, r0, r1, alpha, beta);
    if (ry < 0) y.set(b.yV.subarray(0, r1 - r0), r0);
    r0 = r1;
  }
  return true;
}
