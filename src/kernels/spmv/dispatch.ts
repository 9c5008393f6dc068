/**
 * SpMV entry points on raw compressed arrays: pick the JS loop, the WASM SIMD kernel (matrix streamed
 * through a chunk block for a one-off product on one thread, see `stream.ts`; copied into WASM
 * memory for the call on threads; or reused from a residency scope or a pin: see
 * `runtime/wasm/resident.ts`) or the worker pool, then run it.
 *
 * 'auto' rules (measured, see docs/products.md): WASM for the gather product (CSR·x) from
 * {@link AUTO_WASM_SPMV_NNZ} stored entries once the matrix is resident (pinned, or already copied
 * in this residency scope) or is being multiplied a second time inside a scope, and for every
 * product from {@link AUTO_WASM_SPMV_ONEOFF_NNZ} stored entries whose gathers are scattered
 * ({@link scatteredGather}), where streaming the matrix through WASM memory for the one call
 * costs less than the JS loop loses to the WASM kernel; threads from {@link AUTO_THREAD_SPMV_NNZ}.
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { prescaleOutput } from '../elementwise/elementwise.js';
import { tierUpChunks } from '../runtime/chunks.js';
import { residentOffset } from '../runtime/memory.js';
import { spmvGatherRangeJs, spmvScatterRangeJs } from './rows.js';
import { spmvGatherTask, spmvScatterTask } from './tasks.js';
import { resolveThreads, runParallel, runParallelAsync } from '../runtime/threads/pool.js';
import { getWasm, type WasmKernels } from '../runtime/wasm/loader.js';
import { type Pins, inResidencyScope, isResident, residentCompressed, seenBefore, unpin } from '../runtime/wasm/resident.js';
import { spmvGatherStreamed } from './stream.js';

/** 'auto': WASM SpMV from this many stored entries. @internal */
export const AUTO_WASM_SPMV_NNZ = 4096;
/**
 * 'auto': WASM for a one-off gather product (matrix streamed through WASM memory for the call, see
 * `stream.ts`) from this many stored entries, when the gather is scattered ({@link scatteredGather}).
 * Measured by bench/ab/spmv-chunked.mjs (CPU time, one thread, streamed WASM against the JS loop,
 * load 5-7): 1.24 vs 2.22 ms on a random 10^5 x 10^5 matrix with 3.3·10^4 entries, 2.95 vs 4.17 ms
 * on a 2^17-node R-MAT graph (1.3·10^5 entries), 23.7 vs 30.9 ms on a random 10^6 x 10^6 matrix
 * with 1.3·10^5 entries (x's copy included); stencils (Poisson 300², 700²), whose local gathers
 * the JS loop does nearly as fast as WASM, came out even, so they stay on the JS loop.
 * @internal
 */
export const AUTO_WASM_SPMV_ONEOFF_NNZ = 1 << 15;

/**
 * Mean distance, in columns, between an entry's column and its row's diagonal position (scaled to
 * a rectangular shape) above which {@link scatteredGather} calls a gather scattered: 2^12 columns
 * = 32 KiB of x. Measured ends (bench/ab/spmv-chunked.mjs): stencils with distances up to 700 (JS
 * loop as fast as WASM); uniform random matrices from n = 10^5 (distances ~n/3) and R-MAT graphs
 * from 2^17 nodes (WASM 1.4-1.6x faster than the JS loop). Distances between 700 and 4096 were not
 * measured. @internal
 */
export const SCATTERED_GATHER_DISTANCE = 1 << 12;

/**
 * Whether the gathers of x are far apart (each one likely a cache miss), from the entries of 64
 * evenly spaced lines (at most 64 entries each): O(4096). @internal
 */
export function scatteredGather(A: Lines): boolean {
  const { indptr, indices, nMajor: m, nMinor: n } = A;
  if (m === 0) return false;
  const lines = Math.min(64, m);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < lines; k++) {
    const i = Math.floor((k * m) / lines);
    const diag = (i * n) / m;
    const end = Math.min(indptr[i + 1]!, indptr[i]! + 64);
    for (let p = indptr[i]!; p < end; p++) sum += Math.abs(indices[p]! - diag);
    count += Math.max(0, end - indptr[i]!);
  }
  return count > 0 && sum / count > SCATTERED_GATHER_DISTANCE;
}
/** 'auto': threaded SpMV from this many stored entries. @internal */
export const AUTO_THREAD_SPMV_NNZ = 1_000_000;

/** Compressed arrays of a matrix whose lines are along the major axis. @internal */
export interface Lines {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
  /** Number of lines (indptr.length - 1). */
  nMajor: number;
  /** Length of a line's index range (the other dimension). */
  nMinor: number;
}

interface GatherPlan {
  k: WasmKernels | null;
  useWasm: boolean;
  threads: number;
}

function planGather(A: Lines, threads: number | 'auto' | undefined): GatherPlan {
  const nnz = A.data.length;
  const t = resolveThreads(threads, nnz, AUTO_THREAD_SPMV_NNZ);
  const reused = nnz >= AUTO_WASM_SPMV_NNZ && (isResident(A.data) || seenBefore(A.data));
  const useWasm = wantWasm(reused || (nnz >= AUTO_WASM_SPMV_ONEOFF_NNZ && scatteredGather(A)));
  const k = useWasm || t > 1 ? getWasm() : null;
  return { k, useWasm: useWasm && k !== null, threads: k ? t : 1 };
}

/**
 * Pointers of the matrix (resident), x and y in WASM memory, or null when memory is short. x and
 * y are used in place when they already live there (solver work vectors from `allocF64`), else
 * copied into scratch; the sixth entry is 1 when y is in place (then nothing is copied back).
 */
function stage(k: WasmKernels, A: Lines, x: Float64Array, y: Float64Array, beta: number, pins: Pins): number[] | null {
  const a = residentCompressed(k, A, pins);
  const rx = residentOffset(x);
  const ry = residentOffset(y);
  const xp = rx >= 0 ? rx : k.scratch(0, x.byteLength);
  const yp = ry >= 0 ? ry : k.scratch(1, y.byteLength);
  if (!a || xp < 0 || yp < 0) return null;
  if (rx < 0) k.f64(xp, x.length).set(x);
  if (beta !== 0 && ry < 0) k.f64(yp, y.length).set(y);
  return [...a, xp, yp, ry >= 0 ? 1 : 0];
}

/**
 * A product whose copy of A would be taken for this call only (no held or scope copy, not inside
 * a residency scope, where the copy is kept for the scope's later products): it streams A through
 * a chunk block instead ({@link spmvGatherStreamed}).
 */
function oneOff(A: Lines): boolean {
  return !inResidencyScope() && !isResident(A.data) && !isResident(A.indices) && !isResident(A.indptr);
}

/** Run a WASM line kernel over all lines of A on this thread, in {@link tierUpChunks} (same bits as one call). */
function serialLines(A: Lines, run: (r0: number, r1: number) => void): void {
  const ptr = A.indptr;
  const b = tierUpChunks((r) => ptr[r]! + r, 0, A.nMajor);
  for (let c = 0; c + 1 < b.length; c++) run(b[c]!, b[c + 1]!);
}

function chunks(m: number, threads: number): Int32Array {
  // Equal row counts per chunk (SpMV rows are cheap; dynamic chunk taking evens out the rest).
  const c = Math.max(1, Math.min(m, threads * 8));
  const b = new Int32Array(c + 1);
  for (let t = 0; t <= c; t++) b[t] = Math.round((t * m) / c);
  return b;
}

/**
 * y = alpha·A·x + beta·y over the lines of A (CSR matvec, CSC rmatvec); y is overwritten (not
 * read when beta = 0). @internal
 */
export function spmvGather(A: Lines, x: Float64Array, y: Float64Array, alpha: number, beta: number, threads?: number | 'auto'): void {
  const p = planGather(A, threads);
  if (p.k && p.useWasm && p.threads === 1 && oneOff(A) && spmvGatherStreamed(p.k, A, x, y, alpha, beta)) return;
  if (p.k) {
    const pins: Pins = [];
    try {
      const ptrs = stage(p.k, A, x, y, beta, pins);
      if (ptrs) {
        const [ip, ix, dv, xp, yp, yInPlace] = ptrs as [number, number, number, number, number, number];
        const m = A.nMajor;
        if (p.threads > 1) {
          const params = { wasm: p.useWasm ? 1 : 0, indptr: ip, indices: ix, data: dv, x: xp, y: yp, m, nnz: A.data.length, n: x.length, alpha, beta };
          runParallel(spmvGatherTask, params, chunks(m, p.threads), p.threads);
        } else {
          const f = p.k.fn('spmv_csr');
          serialLines(A, (r0, r1) => f(ip, ix, dv, xp, yp, r0, r1, alpha, beta));
        }
        if (!yInPlace) y.set(p.k.f64(yp, m));
        return;
      }
    } finally {
      unpin(pins);
    }
  }
  spmvGatherRangeJs(A.indptr, A.indices, A.data, x, y, 0, A.nMajor, alpha, beta);
}

/** Asynchronous {@link spmvGather}: with threads, the workers run while the caller stays free. @internal */
export async function spmvGatherAsync(A: Lines, x: Float64Array, y: Float64Array, alpha: number, beta: number, threads?: number | 'auto'): Promise<void> {
  const p = planGather(A, threads);
  if (p.k && p.threads > 1) {
    const pins: Pins = [];
    try {
      const ptrs = stage(p.k, A, x, y, beta, pins);
      if (ptrs) {
        const [ip, ix, dv, xp, yp] = ptrs as [number, number, number, number, number];
        const m = A.nMajor;
        // x and y live in scratch slots that a synchronous call could reuse meanwhile: take private blocks.
        const xq = p.k.alloc(x.byteLength);
        const yq = p.k.alloc(y.byteLength);
        if (xq >= 0 && yq >= 0) {
          try {
            p.k.f64(xq, x.length).set(p.k.f64(xp, x.length));
            if (beta !== 0) p.k.f64(yq, m).set(p.k.f64(yp, m));
            const params = { wasm: p.useWasm ? 1 : 0, indptr: ip, indices: ix, data: dv, x: xq, y: yq, m, nnz: A.data.length, n: x.length, alpha, beta };
            await runParallelAsync(spmvGatherTask, params, chunks(m, p.threads), p.threads);
            y.set(p.k.f64(yq, m));
            return;
          } finally {
            p.k.free(xq);
            p.k.free(yq);
          }
        }
        if (xq >= 0) p.k.free(xq);
        if (yq >= 0) p.k.free(yq);
      }
    } finally {
      unpin(pins);
    }
  }
  spmvGather(A, x, y, alpha, beta, 1);
}

/** Row blocks of the blocked transposed product (fixed: the result does not depend on the thread count). @internal */
export const SCATTER_BLOCKS = 16;

/**
 * Number of row blocks for the blocked transposed product, or 0 for the plain scatter: blocked
 * from {@link AUTO_THREAD_SPMV_NNZ} stored entries when the partial vectors (SCATTER_BLOCKS of
 * length nMinor) are small next to the matrix (at most nnz/8 doubles), e.g. Aᵀ·u for a tall
 * sparse least-squares matrix.
 * @internal
 */
export function scatterBlocks(A: Lines): number {
  const nnz = A.data.length;
  return nnz >= AUTO_THREAD_SPMV_NNZ && A.nMajor >= SCATTER_BLOCKS && A.nMinor * SCATTER_BLOCKS * 8 <= nnz ? SCATTER_BLOCKS : 0;
}

/** Block boundaries round(c·m/blocks), c = 0..blocks. */
function blockBounds(m: number, blocks: number): Int32Array {
  const b = new Int32Array(blocks + 1);
  for (let c = 0; c <= blocks; c++) b[c] = Math.round((c * m) / blocks);
  return b;
}

/** y += Σ_c partials[c] in block order (the same additions on every path); partial c starts at c·stride. */
function addPartials(y: Float64Array, partials: Float64Array, n: number, blocks: number, stride: number): void {
  for (let c = 0; c < blocks; c++) {
    const o = c * stride;
    for (let j = 0; j < n; j++) y[j]! += partials[o + j]!;
  }
}

/**
 * The blocked transposed product (see {@link scatterBlocks}): each fixed row block scatters into
 * its own partial vector, the blocks run on the worker pool when threads are on, and the partials
 * are added in block order, so the result is the same with any thread count and on either backend.
 * y must already hold beta·y.
 */
function spmvScatterBlocked(A: Lines, x: Float64Array, y: Float64Array, alpha: number, blocks: number, threads: number | 'auto' | undefined): void {
  const m = A.nMajor;
  const n = A.nMinor;
  const nnz = A.data.length;
  const bounds = blockBounds(m, blocks);
  const t = resolveThreads(threads, nnz, AUTO_THREAD_SPMV_NNZ);
  const useWasm = wantWasm(true);
  const k = useWasm || t > 1 ? getWasm() : null;
  if (k) {
    const pins: Pins = [];
    try {
      const a = residentCompressed(k, A, pins);
      const rx = residentOffset(x);
      const xp = rx >= 0 ? rx : k.scratch(0, x.byteLength);
      // Partials 64-byte aligned and a cache line apart: threads writing neighbouring blocks
      // would otherwise bounce the shared line between cores.
      const stride = (Math.ceil(n / 8) + 8) * 8;
      const raw = k.scratch(13, blocks * stride * 8 + 64);
      const pp = raw < 0 ? -1 : Math.ceil(raw / 64) * 64;
      if (a && xp >= 0 && pp >= 0) {
        if (rx < 0) k.f64(xp, m).set(x);
        const [ip, ix, dv] = a;
        const params = { wasm: useWasm ? 1 : 0, indptr: ip, indices: ix, data: dv, x: xp, partials: pp, m, nnz, n, blocks, stride: stride * 8, alpha };
        runParallel(spmvScatterTask, params, bounds, t);
        addPartials(y, k.f64(pp, blocks * stride), n, blocks, stride);
        return;
      }
    } finally {
      unpin(pins);
    }
  }
  const partials = new Float64Array(blocks * n);
  for (let c = 0; c < blocks; c++) {
    spmvScatterRangeJs(A.indptr, A.indices, A.data, x, partials.subarray(c * n, (c + 1) * n), bounds[c]!, bounds[c + 1]!, alpha);
  }
  addPartials(y, partials, n, blocks, n);
}

/**
 * y = alpha·Aᵀ·x + beta·y over the lines of A (CSR rmatvec, CSC matvec). The transposed product
 * scatters into y: on one thread (JS, or WASM when the matrix is resident), except for large
 * matrices with short lines ({@link scatterBlocks}), whose fixed row blocks scatter into private
 * partial vectors in parallel. @internal
 */
export function spmvScatter(A: Lines, x: Float64Array, y: Float64Array, alpha: number, beta: number, threads?: number | 'auto'): void {
  const nnz = A.data.length;
  prescaleOutput(y, beta);
  const blocks = scatterBlocks(A);
  if (blocks > 0) {
    spmvScatterBlocked(A, x, y, alpha, blocks, threads);
    return;
  }
  if (wantWasm(nnz >= AUTO_WASM_SPMV_NNZ && (isResident(A.data) || seenBefore(A.data)))) {
    const k = getWasm();
    if (k) {
      const pins: Pins = [];
      try {
        const ptrs = stage(k, A, x, y, 1, pins);
        if (ptrs) {
          const [ip, ix, dv, xp, yp, yInPlace] = ptrs as [number, number, number, number, number, number];
          const f = k.fn('spmv_csr_t');
          serialLines(A, (r0, r1) => f(ip, ix, dv, xp, yp, r0, r1, alpha));
          if (!yInPlace) y.set(k.f64(yp, y.length));
          return;
        }
      } finally {
        unpin(pins);
      }
    }
  }
  spmvScatterRangeJs(A.indptr, A.indices, A.data, x, y, 0, A.nMajor, alpha);
}
