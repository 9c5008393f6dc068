/**
 * Copies of matrix arrays in WASM memory, under one rule: a product is always computed from the
 * values in the caller's arrays at the time of the call. A copy therefore lives exactly as long as
 * someone can vouch for it:
 *
 * - **call** copies (the default): taken when a kernel needs the array, freed when the kernel
 *   releases its pins. One-off products never see an older copy.
 * - **scope** copies: inside {@link withResidency} (an iterative solver's iterations, where the
 *   matrix does not change), the first copy of an array is reused by every product until the
 *   outermost scope ends. This keeps solvers' per-iteration cost at x and y.
 * - **held** copies: {@link holdResident} (behind the public `pin(A)` handle) keeps them across
 *   calls until released; the holder refreshes them after changing values (MKL's
 *   `mkl_sparse_update_values` pattern). Never evicted while held.
 *
 * Scope and held copies are keyed by the typed array itself; call copies are private to the call.
 *
 * @module
 * @internal
 */
import { type WasmKernels, getWasm, registerEvictor } from './loader.js';

type Numeric = Int32Array | Float64Array;

interface Entry {
  ptr: number;
  bytes: number;
  arr: Numeric;
  lastUse: number;
  /** Kernel calls using the copy right now (never freed while > 0). */
  pins: number;
  /** Handles holding the copy across calls (0 for call and scope copies). */
  holds: number;
  /** In `table` (scope or held copy); false for a call copy or one already dropped. */
  shared: boolean;
  /** Free as soon as `pins` reaches 0. */
  doomed: boolean;
}

const table = new Map<Numeric, Entry>();
let scopeDepth = 0;
let seen = new WeakSet<Numeric>();
let clock = 0;

function free(e: Entry): void {
  getWasm()?.free(e.ptr);
}

/** Remove a shared entry from the table; freed now, or when its last pin goes. */
function drop(e: Entry): void {
  if (e.shared && table.get(e.arr) === e) table.delete(e.arr);
  e.shared = false;
  if (e.pins === 0) free(e);
  else e.doomed = true;
}

registerEvictor((bytes) => {
  // Free least-recently-used scope copies not in use until `bytes` have been released.
  const order = [...table.values()].filter((e) => e.pins === 0 && e.holds === 0).sort((a, b) => a.lastUse - b.lastUse);
  let freed = 0;
  for (const e of order) {
    if (freed >= bytes) break;
    freed += e.bytes;
    drop(e);
  }
  return freed > 0;
});

function copyIn(k: WasmKernels, arr: Numeric, ptr: number): void {
  if (arr instanceof Float64Array) k.f64(ptr, arr.length).set(arr);
  else k.i32(ptr, arr.length).set(arr);
}

function create(k: WasmKernels, arr: Numeric, shared: boolean): Entry | null {
  const bytes = arr.byteLength;
  const ptr = k.alloc(bytes);
  if (ptr < 0) return null;
  copyIn(k, arr, ptr);
  const e: Entry = { ptr, bytes, arr, lastUse: ++clock, pins: 0, holds: 0, shared, doomed: false };
  if (shared) table.set(arr, e);
  return e;
}

/** Pinned copies in use by one kernel call; release with {@link unpin} when the call is done. @internal */
export type Pins = Entry[];

/**
 * Byte offset of a copy of `arr` in WASM memory, pinned until `unpin(pins)`: the held or scope
 * copy when there is one, else the copy this call (`pins`) already took, else a new one (shared for the rest of the scope inside
 * {@link withResidency}, private to this call outside); -1 when memory is exhausted. @internal
 */
export function resident(k: WasmKernels, arr: Numeric, pins: Pins): number {
  // The same array twice in one call (A·A, a matrix times itself) takes one call copy.
  let e = table.get(arr) ?? pins.find((q) => q.arr === arr);
  if (!e) {
    const created = create(k, arr, scopeDepth > 0);
    if (!created) return -1;
    e = created;
  }
  e.lastUse = ++clock;
  e.pins++;
  pins.push(e);
  return e.ptr;
}

/**
 * Copies of a compressed matrix's three arrays (pinned in `pins`): their pointers
 * [indptr, indices, data], or null when WASM memory is short. @internal
 */
export function residentCompressed(k: WasmKernels, A: { indptr: Int32Array; indices: Int32Array; data: Float64Array }, pins: Pins): [number, number, number] | null {
  const ip = resident(k, A.indptr, pins);
  const ix = resident(k, A.indices, pins);
  const dv = resident(k, A.data, pins);
  return ip < 0 || ix < 0 || dv < 0 ? null : [ip, ix, dv];
}

/** Release the pins taken by {@link resident}; call copies are freed here. @internal */
export function unpin(pins: Pins): void {
  for (const e of pins) {
    e.pins--;
    if (e.pins === 0 && (!e.shared || e.doomed)) {
      e.doomed = false;
      free(e);
    }
  }
  pins.length = 0;
}

/** True when `arr` has a held or scope copy (a product would not copy it again). @internal */
export function isResident(arr: Numeric): boolean {
  return table.has(arr);
}

/**
 * Record a use of `arr` inside a residency scope; true when it was used before in the same scope
 * (the 'auto' backend copies a matrix into WASM memory on its second product there, so a solver
 * that stops after one product does not pay the copy). Always false outside a scope: a one-off
 * product never keeps a copy, so copying for it does not pay under 'auto'. @internal
 */
export function seenBefore(arr: Numeric): boolean {
  if (scopeDepth === 0) return false;
  if (seen.has(arr)) return true;
  seen.add(arr);
  return false;
}

/** True inside {@link withResidency} (a copy taken now is kept for the scope's later products). @internal */
export function inResidencyScope(): boolean {
  return scopeDepth > 0;
}

/**
 * Run `fn` (synchronous) with copies shared across its products: an array copied once is reused
 * until the outermost scope returns, then freed. For the iterations of one solver call, whose
 * matrix does not change meanwhile. Nested scopes join the outer one. @internal
 */
export function withResidency<T>(fn: () => T): T {
  if (scopeDepth++ === 0) seen = new WeakSet();
  try {
    return fn();
  } finally {
    if (--scopeDepth === 0) {
      for (const e of [...table.values()]) if (e.holds === 0) drop(e);
      seen = new WeakSet();
    }
  }
}

/** Copies held across calls by one handle (see {@link holdResident}). @internal */
export interface ResidentHold {
  /** Copy the current contents of `arrays` (default: all held arrays) into their held copies. */
  refresh(arrays?: readonly Numeric[]): void;
  /** Stop holding; the copies are freed unless another holder keeps them. Idempotent. */
  release(): void;
  /** Bytes of WASM memory held (0 when WASM is unavailable or memory was short). */
  readonly bytes: number;
}

/**
 * Hold copies of `arrays` in WASM memory across calls, so products reuse them until released.
 * Holders of the same array share one copy. Without WASM (or when memory is short) nothing is
 * held and products copy per call as usual. @internal
 */
export function holdResident(arrays: readonly Numeric[]): ResidentHold {
  const k = getWasm();
  const held: Entry[] = [];
  if (k) {
    for (const a of new Set(arrays)) {
      let e = table.get(a);
      if (e) copyIn(k, a, e.ptr); // a scope copy may predate a change: take the current values
      else e = create(k, a, true) ?? undefined;
      if (!e) continue;
      e.holds++;
      held.push(e);
    }
  }
  let released = false;
  return {
    refresh(only) {
      const w = getWasm();
      if (released || !w) return;
      for (let t = 0; t < held.length; t++) {
        const e = held[t]!;
        if (only && !only.includes(e.arr)) continue;
        if (e.shared) {
          copyIn(w, e.arr, e.ptr);
          continue;
        }
        // Dropped meanwhile (releaseResident): take a new copy.
        const f = table.get(e.arr) ?? create(w, e.arr, true);
        if (f) {
          if (f !== table.get(e.arr)) continue;
          copyIn(w, f.arr, f.ptr);
          f.holds++;
          held[t] = f;
        }
      }
    },
    release() {
      if (released) return;
      released = true;
      for (const e of held) if (e.shared && --e.holds === 0) drop(e);
      held.length = 0;
    },
    get bytes() {
      return held.reduce((s, e) => s + e.bytes, 0);
    },
  };
}

/** Drop the held or scope copy of each array (no-op for arrays without one). @internal */
export function releaseResident(...arrays: Numeric[]): void {
  for (const a of arrays) {
    const e = table.get(a);
    if (e) {
      e.holds = 0;
      drop(e);
    }
  }
}

/** Bytes held by scope and held copies. @internal */
export function residentBytes(): number {
  let s = 0;
  for (const e of table.values()) s += e.bytes;
  return s;
}
