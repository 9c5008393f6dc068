/**
 * Work arrays in WASM memory: {@link allocF64} places a Float64Array on the shared WASM memory
 * (when the backend uses WASM and the array is large enough), so the WASM kernels read and write
 * it in place; {@link releaseF64} copies it out and frees the block, {@link discardF64} frees it.
 * The kernel families recognise such arrays ({@link isResidentF64}, {@link residentOffset}) and
 * skip their copies in and out.
 *
 * @module
 * @internal
 */
import { wantWasm } from './backend.js';
import { getWasm, type WasmKernels } from './wasm/loader.js';

/** 'auto': work arrays of at least this many doubles are placed in WASM memory by {@link allocF64}. @internal */
export const AUTO_RESIDENT_LENGTH = 16384;

/** ArrayBuffers (SharedArrayBuffer snapshots of the WASM memory) whose views are resident. */
const residentBuffers = new WeakSet<object>();
/** Pointer of each resident array handed out by allocF64 (by its buffer and offset). */
const residentPtr = new WeakMap<Float64Array, number>();

function memoryView(w: WasmKernels, ptr: number, len: number): Float64Array {
  const v = w.f64(ptr, len);
  residentBuffers.add(v.buffer);
  return v;
}

/**
 * A work array of `len` doubles, placed in WASM memory when the WASM kernels are in use (so the
 * WASM dense kernels read and write it without copies), else an ordinary Float64Array. Zero-filled
 * unless `zero` is false (then a resident block may hold stale values: the caller overwrites it).
 * Under the 'auto' backend only arrays of at least `minLength` doubles go to WASM memory.
 * Give it back with {@link releaseF64} or {@link discardF64}.
 * @internal
 */
export function allocF64(len: number, zero = true, minLength = AUTO_RESIDENT_LENGTH): Float64Array {
  if (len > 0 && wantWasm(len >= minLength)) {
    const w = getWasm();
    if (w) {
      const p = w.alloc(len * 8);
      if (p >= 0) {
        const v = memoryView(w, p, len);
        if (zero) v.fill(0);
        residentPtr.set(v, p);
        return v;
      }
    }
  }
  return new Float64Array(len);
}

/**
 * Release an array from {@link allocF64}: a resident array is copied into an ordinary
 * Float64Array (returned) and its WASM block freed; an ordinary one is returned as is.
 * @internal
 */
export function releaseF64(arr: Float64Array): Float64Array {
  const p = residentPtr.get(arr);
  if (p === undefined) return arr;
  const out = arr.slice();
  residentPtr.delete(arr);
  getWasm()?.free(p);
  return out;
}

/** Free a resident array without keeping its contents (no-op for ordinary arrays). @internal */
export function discardF64(arr: Float64Array): void {
  const p = residentPtr.get(arr);
  if (p === undefined) return;
  residentPtr.delete(arr);
  getWasm()?.free(p);
}

/** Whether `a` is a view on the WASM memory handed out by {@link allocF64} (or a view into one). @internal */
export function isResidentF64(a: Float64Array): boolean {
  return residentBuffers.has(a.buffer);
}

/** Byte offset in WASM memory of an array from {@link allocF64} (or a view into one); -1 otherwise. @internal */
export function residentOffset(a: Float64Array): number {
  return isResidentF64(a) ? a.byteOffset : -1;
}
