/**
 * The browser's side of the worker pool: pool workers as Web Workers (started from a Blob URL of
 * the same self-contained source the `worker_threads` workers evaluate), on cross-origin-isolated
 * pages only, where `SharedArrayBuffer` and shared WebAssembly memory can be posted to a worker.
 *
 * A browser main thread may not block (`Atomics.wait` throws there), so synchronous kernels stay
 * on one thread; the `...Async` kernels use the workers. Inside a Web Worker (where blocking is
 * allowed) the synchronous kernels may use them too.
 *
 * @module
 * @internal
 */

/** What the pool needs of a worker, whichever runtime made it. @internal */
export interface PoolWorker {
  on(event: 'error' | 'exit', listener: (arg: unknown) => void): unknown;
  unref(): void;
  ref(): void;
  terminate(): Promise<number>;
}

/** Starts a pool worker running `source` with `data` (the shared buffers and the WASM module). @internal */
export type WorkerSpawner = (source: string, data: unknown) => PoolWorker;

interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (ev: { message?: string }) => void): void;
  terminate(): void;
}
interface BrowserGlobals {
  Worker?: new (url: string, options?: { name?: string }) => WebWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
  crossOriginIsolated?: boolean;
}

/**
 * The worker body's prologue for a Web Worker: wait for the first message (the worker data) and
 * hand it to `main` (the pool's worker loop, as source text). @internal
 */
export function webWorkerSource(main: string): string {
  return `self.onmessage = (ev) => { self.onmessage = null; ${main}(ev.data); };\n`;
}

/**
 * A spawner of Web Workers, or null where they cannot share memory with this thread (no `Worker`,
 * or a page that is not cross-origin isolated). @internal
 */
export function webWorkerSpawner(): WorkerSpawner | null {
  const g = globalThis as BrowserGlobals;
  if (typeof g.Worker !== 'function' || typeof g.Blob !== 'function' || !g.URL || g.crossOriginIsolated !== true) return null;
  const { Worker, Blob, URL } = g as Required<BrowserGlobals>;
  return (source, data) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const w = new Worker(url, { name: 'sparsity-pool' });
    URL.revokeObjectURL(url);
    w.postMessage(data);
    return {
      on(event, listener) {
        // Web Workers have no 'exit' event: a worker that dies shows up as an 'error' or a stall.
        if (event === 'error') w.addEventListener('error', (ev) => listener(new Error(ev.message ?? 'worker error')));
      },
      unref() {},
      ref() {},
      terminate() {
        w.terminate();
        return Promise.resolve(0);
      },
    };
  };
}

/**
 * Whether this thread may block on `Atomics.wait` (false on a browser main thread); the pool runs
 * synchronous tasks on the calling thread where it may not. @internal
 */
export function canBlock(): boolean {
  if (blocking === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocking = true;
    } catch {
      blocking = false;
    }
  }
  return blocking;
}
let blocking: boolean | undefined;
