/**
 * Copies of typed arrays kept in WASM memory, so repeated products with the same matrix (an
 * iterative solver calling SpMV hundreds of times) move only x and y. Keyed by the typed array
 * itself (a WeakMap): a matrix and its transpose view share the entries; an entry is freed when
 * its array is garbage collected, evicted least-recently-used when memory runs short, or released
 * explicitly.
 *
 * The copy is taken when first needed. If you mutate a matrix's arrays in place afterwards, call
 * `releaseKernelCache(A)` (the `...InPlace` methods of the library do it themselves).
 *
 * @module
 * @internal
 */
import { type WasmKernels, getWasm, registerEvictor } from './loader.js';

type Numeric = Int32Array | Float64Array;

interface Entry {
  ptr: number;
  bytes: number;
  ref: WeakRef<Numeric>;
  lastUse: number;
  pins: number;
}

const table = new WeakMap<Numeric, Entry>();
const live = new Set<Entry>();
const seen = new WeakSet<Numeric>();
let clock = 0;

const registry = new FinalizationRegistry<Entry>((e) => {
  if (live.delete(e)) getWasm()?.free(e.ptr);
});

function drop(e: Entry): void {
  if (!live.delete(e)) return;
  const arr = e.ref.deref();
  if (arr) {
    table.delete(arr);
    registry.unregister(e);
  }
  getWasm()?.free(e.ptr);
}

registerEvictor((bytes) => {
  // Free least-recently-used unpinned entries until `bytes` have been released.
  const order = [...live].filter((e) => e.pins === 0).sort((a, b) => a.lastUse - b.lastUse);
  let freed = 0;
  for (const e of order) {
    if (freed >= bytes) break;
    freed += e.bytes;
    drop(e);
  }
  return freed > 0;
});

/** A set of pinned entries; release with {@link unpin} when the operation is done. @internal */
export type Pins = Entry[];

/**
 * Byte offset of a resident copy of `arr` in WASM memory (copying it on first use), pinned until
 * `unpin(pins)`; -1 when memory is exhausted. @internal
 */
export function resident(k: WasmKernels, arr: Numeric, pins: Pins): number {
  let e = table.get(arr);
  if (!e) {
    const bytes = arr.byteLength;
    const ptr = k.alloc(bytes);
    if (ptr < 0) return -1;
    if (arr instanceof Float64Array) k.f64(ptr, arr.length).set(arr);
    else k.i32(ptr, arr.length).set(arr);
    e = { ptr, bytes, ref: new WeakRef(arr), lastUse: 0, pins: 0 };
    table.set(arr, e);
    live.add(e);
    registry.register(arr, e, e);
  }
  e.lastUse = ++clock;
  e.pins++;
  pins.push(e);
  return e.ptr;
}

/**
 * Resident copies of a compressed matrix's three arrays (pinned in `pins`): their pointers
 * [indptr, indices, data], or null when WASM memory is short. @internal
 */
export function residentCompressed(k: WasmKernels, A: { indptr: Int32Array; indices: Int32Array; data: Float64Array }, pins: Pins): [number, number, number] | null {
  const ip = resident(k, A.indptr, pins);
  const ix = resident(k, A.indices, pins);
  const dv = resident(k, A.data, pins);
  return ip < 0 || ix < 0 || dv < 0 ? null : [ip, ix, dv];
}

/** Release the pins taken by {@link resident}. @internal */
export function unpin(pins: Pins): void {
  for (const e of pins) e.pins--;
  pins.length = 0;
}

/** True when `arr` already has a resident copy. @internal */
export function isResident(arr: Numeric): boolean {
  return table.has(arr);
}

/**
 * Record a use of `arr`; returns true when it had been used before (the 'auto' backend copies a
 * matrix into WASM memory on its second product, so one-off products do not pay the copy). @internal
 */
export function seenBefore(arr: Numeric): boolean {
  if (seen.has(arr)) return true;
  seen.add(arr);
  return false;
}

/** Drop the resident copy of each array (after an in-place mutation). @internal */
export function releaseResident(...arrays: Numeric[]): void {
  for (const a of arrays) {
    const e = table.get(a);
    if (e) drop(e);
  }
}

/** Bytes held by resident copies. @internal */
export function residentBytes(): number {
  let s = 0;
  for (const e of live) s += e.bytes;
  return s;
}
