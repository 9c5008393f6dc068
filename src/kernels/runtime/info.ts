/**
 * What the kernels can use on this runtime, and (deprecated) releasing held WASM copies of a matrix.
 *
 * @module
 */
import { getBackend, type Backend } from './backend.js';
import { getThreads, hardwareThreads, poolSize, threadsAvailable, workerKind } from './threads/pool.js';
import { canBlock } from './threads/web-worker.js';
import { getWasm, wasmFailure } from './wasm/loader.js';
import { releaseResident, residentBytes } from './wasm/resident.js';

/** Capabilities and state of the kernels, from {@link kernelInfo}. */
export interface KernelInfo {
  /** The backend setting (see `setBackend`). */
  backend: Backend;
  /** The WASM SIMD kernels are loaded. */
  wasm: boolean;
  /** Why WASM is unavailable ('' when it is available). */
  wasmReason: string;
  /** Worker threads over shared memory are available (for the `...Async` kernels at least). */
  threads: boolean;
  /**
   * What the pool's workers are: `'worker_threads'` (Node, Deno, Bun), `'web'` (Web Workers, on a
   * cross-origin-isolated page) or null (no threads here, e.g. a page without COOP/COEP headers).
   */
  workers: 'worker_threads' | 'web' | null;
  /**
   * Synchronous kernels may use the workers (false on a browser main thread, which may not block:
   * there only `spmvAsync` / `spgemmAsync` run in parallel).
   */
  syncThreads: boolean;
  /** The default thread count (see `setThreads`). */
  threadsSetting: number | 'auto';
  /** Logical CPUs. */
  cpus: number;
  /** Workers currently in the pool. */
  poolWorkers: number;
  /** Bytes of matrix arrays held in WASM memory (by `pin` handles and running solvers). */
  cachedBytes: number;
}

/**
 * Report what the sparse kernels can use here (WASM SIMD, worker threads) and their state.
 * Loads the WASM module if it was not loaded yet. In a browser: `wasm` is true wherever
 * WebAssembly SIMD runs; `threads` only on a cross-origin-isolated page (COOP/COEP headers), where
 * the workers are Web Workers and, on the main thread, only the `...Async` kernels use them.
 *
 * @example
 * ```ts
 * import { kernelInfo } from 'sparsity';
 * const info = kernelInfo();
 * typeof info.wasm; // => "boolean"
info.workers; // => "worker_threads"
 * info.cpus >= 1; // => true
 * ```
 */
export function kernelInfo(): KernelInfo {
  const wasm = getWasm() !== null;
  return {
    backend: getBackend(),
    wasm,
    wasmReason: wasm ? '' : wasmFailure() || 'not loaded',
    threads: threadsAvailable(),
    workers: workerKind(),
    syncThreads: threadsAvailable() && canBlock(),
    threadsSetting: getThreads(),
    cpus: hardwareThreads(),
    poolWorkers: poolSize(),
    cachedBytes: wasm ? residentBytes() : 0,
  };
}

/**
 * Drop the copies of a matrix's arrays held in WASM memory across calls (by `pin(A)`).
 *
 * @deprecated Products no longer keep copies between calls unless the matrix is pinned, so there
 * is nothing stale to drop after an in-place change: use `pin(A)` and its `updateValues()` /
 * `release()` for explicit residency. Kept as an alias that releases any held copy of `A`.
 *
 * @param A - any object holding typed arrays among `indptr`, `indices`, `data`, `row`, `col`.
 *
 * @example
 * ```ts
 * import { csr, releaseKernelCache } from 'sparsity';
 * const A = csr([[1, 2], [0, 3]]);
 * A.matvec([1, 1]);
 * A.data[0] = 5;
 * Array.from(A.matvec([1, 1])); // => [7, 3]
 * releaseKernelCache(A); // no-op here: nothing was held
 * ```
 */
export function releaseKernelCache(A: { indptr?: unknown; indices?: unknown; data?: unknown; row?: unknown; col?: unknown }): void {
  if (getWasm() === null) return;
  for (const a of [A.indptr, A.indices, A.data, A.row, A.col]) {
    if (a instanceof Int32Array || a instanceof Float64Array) releaseResident(a);
  }
}
