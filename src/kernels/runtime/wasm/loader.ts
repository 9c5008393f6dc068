/**
 * Loads the WebAssembly SIMD kernels (embedded as base64, so no file access is needed on Node,
 * Deno, Bun or in browsers) into one shared linear memory, lazily, on first use.
 *
 * Loading is synchronous (`new WebAssembly.Module`, ~1 ms for this small module). Where synchronous
 * compilation is refused (a browser main thread) an asynchronous load starts and the JS kernels
 * run until it completes; {@link loadWasm} awaits it. When WebAssembly, SIMD or shared memory is
 * missing, {@link getWasm} returns null and every caller falls back to its JS kernel silently.
 * Shared memory does not need a cross-origin-isolated page in Chromium (only posting it to a
 * worker does), so browser pages get the WASM kernels either way; threads need isolation.
 *
 * Adding a kernel: write `assembly/<name>.ts`, re-export it from `assembly/index.ts`, and call
 * `getWasm()?.fn('<export>')` from `src/kernels/<name>.ts` (pointers are byte offsets into
 * `memory`; get them from `alloc`, `scratch` or `resident` in `resident.ts`).
 *
 * @module
 * @internal
 */
import { wasmBase64 } from './binary.generated.js';
import { Arena, type WasmMemoryLike } from './arena.js';

/** A WASM export taking numbers (i32 pointers and lengths, f64 scalars). @internal */
export type WasmFn = (...args: number[]) => number;

/** The subset of the WebAssembly namespace we use (typed locally: our TS lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => WasmMemoryLike;
  compile(bytes: Uint8Array): Promise<object>;
}

/** The loaded kernels and their memory. @internal */
export interface WasmKernels {
  /** The compiled module (workers instantiate it again on the same memory). */
  readonly module: object;
  /** The shared linear memory (its `buffer` is a SharedArrayBuffer). */
  readonly memory: WasmMemoryLike;
  /** The allocator over `memory`. */
  readonly arena: Arena;
  /** The instance's exports (functions by name). */
  readonly exports: Record<string, unknown>;
  /** An export by name (throws if missing: a build mismatch). */
  fn(name: string): WasmFn;
  /** Allocate `bytes` (16-byte aligned), evicting cached arrays if needed; -1 when impossible. */
  alloc(bytes: number): number;
  /** Free a block from `alloc`. */
  free(ptr: number): void;
  /**
   * A scratch block of at least `bytes` for slot `slot`, reused across calls; -1 when impossible.
   * Slots 0-1 SpMV (x, y), 2-4 sparse/dense products, 5-6 BLAS-1, 8-11 dense GEMM (operands and
   * work), 12 row-block GEMV, 13 the partials of the blocked transposed SpMV; 7, 14, 15 are free.
   */
  scratch(slot: number, bytes: number): number;
  /** A Float64Array view of `len` doubles at byte offset `ptr` (re-create after any allocation: memory may grow). */
  f64(ptr: number, len: number): Float64Array;
  /** An Int32Array view of `len` ints at byte offset `ptr`. */
  i32(ptr: number, len: number): Int32Array;
}

type Status = 'unloaded' | 'loading' | 'ready' | 'unavailable';

const STATIC_BYTES = 65536; // first page: the module's static data (none today), never handed out
const MAX_PAGES = 65536; // 4 GiB, the wasm32 limit (the module declares it)

let status: Status = 'unloaded';
let kernels: WasmKernels | null = null;
let pending: Promise<boolean> | null = null;
let failure = '';
const evictors: Array<(bytes: number) => boolean> = [];

function api(): WasmApi | null {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  // No test of the SharedArrayBuffer global: browsers hide it on pages that are not cross-origin
  // isolated, yet Chromium still creates shared WebAssembly memory there (single-threaded use);
  // where a host refuses, makeMemory throws and the kernels fall back to JS.
  return wa && typeof wa.Module === 'function' && typeof Atomics === 'object' ? wa : null;
}

/** Native base64 decoders some hosts offer (typed locally: our TS lib has neither). */
interface Base64Host {
  fromBase64?: (s: string) => Uint8Array;
  from?: (s: string, encoding: 'base64') => Uint8Array;
}

/**
 * The embedded module bytes, or null when built without assembly/. Decoded natively where the host
 * can (`Uint8Array.fromBase64`, or the `Buffer` of Node and Bun): the portable `atob` plus a
 * byte loop runs in the interpreter on a first call and takes 1-2.5 ms for this module on the
 * benchmark machine, `Buffer.from` ~0.2 ms. @internal
 */
export function wasmBytes(): Uint8Array | null {
  if (wasmBase64 === null) return null;
  const typed = Uint8Array as Base64Host;
  if (typeof typed.fromBase64 === 'function') return typed.fromBase64(wasmBase64);
  const buffer = (globalThis as { Buffer?: Base64Host }).Buffer;
  if (typeof buffer?.from === 'function') return buffer.from(wasmBase64, 'base64');
  const s = atob(wasmBase64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function makeMemory(wa: WasmApi): { memory: WasmMemoryLike; maximum: number } {
  // Some hosts cap the virtual reservation of a shared memory: retry with a smaller maximum.
  for (const maximum of [MAX_PAGES, 16384, 4096]) {
    try {
      return { memory: new wa.Memory({ initial: 16, maximum, shared: true }), maximum };
    } catch {
      // try the next size
    }
  }
  throw new Error('cannot create a shared WebAssembly.Memory');
}

function finish(wa: WasmApi, module: object): WasmKernels {
  const { memory, maximum } = makeMemory(wa);
  const instance = new wa.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('wasm kernel abort');
      },
    },
  });
  const arena = new Arena(memory, STATIC_BYTES, maximum * 65536);
  const cache = new Map<string, WasmFn>();
  const scratchPtr: number[] = [];
  const scratchSize: number[] = [];
  const alloc = (bytes: number): number => {
    let p = arena.alloc(bytes);
    for (let k = 0; p < 0 && k < evictors.length; k++) {
      if (evictors[k]!(bytes)) p = arena.alloc(bytes);
    }
    return p;
  };
  const k: WasmKernels = {
    module,
    memory,
    arena,
    exports: instance.exports,
    fn(name) {
      let f = cache.get(name);
      if (!f) {
        const e = instance.exports[name];
        if (typeof e !== 'function') throw new Error(`wasm kernels: missing export ${name} (rebuild with npm run build:wasm)`);
        f = e as WasmFn;
        cache.set(name, f);
      }
      return f;
    },
    alloc,
    free: (ptr) => arena.free(ptr),
    scratch(slot, bytes) {
      const old = scratchPtr[slot] ?? -1;
      if (old >= 0 && scratchSize[slot]! >= bytes) return old;
      if (old >= 0) arena.free(old);
      scratchPtr[slot] = -1;
      scratchSize[slot] = 0;
      // Grow geometrically so alternating sizes do not reallocate every call.
      const want = Math.max(bytes, Math.min(2 * bytes, bytes + (1 << 24)));
      let p = alloc(want);
      if (p < 0) p = alloc(bytes);
      if (p < 0) return -1;
      scratchPtr[slot] = p;
      scratchSize[slot] = arena.sizeOf(p);
      return p;
    },
    f64: (ptr, len) => new Float64Array(memory.buffer, ptr, len),
    i32: (ptr, len) => new Int32Array(memory.buffer, ptr, len),
  };
  return k;
}

/**
 * The WASM kernels, loading them synchronously on first call; null when unavailable (or while an
 * asynchronous load started by a host that refuses synchronous compilation is still running).
 * @internal
 */
export function getWasm(): WasmKernels | null {
  if (status === 'ready') return kernels;
  if (status !== 'unloaded') return null;
  const wa = api();
  const bytes = wa ? wasmBytes() : null;
  if (!wa || !bytes) {
    status = 'unavailable';
    failure = wa ? 'built without assembly/' : 'WebAssembly or Atomics missing';
    return null;
  }
  try {
    kernels = finish(wa, new wa.Module(bytes));
    status = 'ready';
    return kernels;
  } catch (e) {
    if (e instanceof RangeError) {
      // A browser main thread refuses synchronous compilation of large modules: go asynchronous.
      void loadWasm();
      return null;
    }
    status = 'unavailable';
    failure = e instanceof Error ? e.message : String(e);
    return null;
  }
}

/**
 * Load the WASM kernels asynchronously (for hosts that refuse synchronous compilation, e.g. a
 * browser main thread); resolves to whether they are available. Elsewhere the first kernel call
 * loads them synchronously, so awaiting this is optional.
 *
 * @example
 * ```ts
 * import { loadWasm } from 'sparsity';
 * typeof (await loadWasm()); // => "boolean"
 * ```
 */
export function loadWasm(): Promise<boolean> {
  if (status === 'ready') return Promise.resolve(true);
  if (status === 'unavailable') return Promise.resolve(false);
  if (pending) return pending;
  status = 'loading';
  const wa = api();
  const bytes = wa ? wasmBytes() : null;
  if (!wa || !bytes) {
    status = 'unavailable';
    failure = wa ? 'built without assembly/' : 'WebAssembly or Atomics missing';
    return Promise.resolve(false);
  }
  pending = wa.compile(bytes).then(
    (module) => {
      try {
        kernels = finish(wa, module);
        status = 'ready';
        return true;
      } catch (e) {
        status = 'unavailable';
        failure = e instanceof Error ? e.message : String(e);
        return false;
      }
    },
    (e: unknown) => {
      status = 'unavailable';
      failure = e instanceof Error ? e.message : String(e);
      return false;
    },
  );
  return pending;
}

/** Why the WASM kernels are unavailable ('' when they are loaded or not tried yet). @internal */
export function wasmFailure(): string {
  return failure;
}

/** Register a callback that frees cached WASM memory (returns true if it freed anything). @internal */
export function registerEvictor(evict: (bytes: number) => boolean): void {
  evictors.push(evict);
}
