/**
 * The result pool: memory for large result arrays that the process has already touched.
 *
 * On virtual machines a first write to a fresh 4 KiB page costs tens of microseconds, so a product
 * whose result lands in fresh memory can spend more time in page faults than in arithmetic. The
 * pool keeps the ArrayBuffers of results that were explicitly disposed (`C.dispose()`, `using C`)
 * and hands them to the next results of a similar size.
 *
 * Correct by default:
 * - every result array has an ArrayBuffer of its own (never a view on the WASM memory or on a
 *   shared slab), so `C.data.buffer` exposes only C's own bytes (plus, on a recycled buffer, up to
 *   as many bytes again of an earlier disposed result of the same process, never library state);
 * - a buffer comes back only through an explicit dispose of the one matrix that owns it; a buffer
 *   adopted by a second matrix (e.g. a `transpose()` view) is owned by none and never recycled;
 * - recycling detaches the buffer (a zero-copy transfer): every view the user still holds on it,
 *   `C.data` included, then has length 0, so nothing can alias the next result;
 * - results that are dropped without dispose are freed by the garbage collector as any ArrayBuffer
 *   (a finalizer cannot recycle memory the collector has freed), so a loop without dispose uses
 *   no more memory than before; the pool itself holds at most {@link resultPoolBudget} bytes.
 *
 * @module
 * @internal
 */
import { uninitFloat64, uninitInt32 } from './uninit.js';

/** Below this many bytes a result is allocated normally and never pooled (fresh small buffers are cheap). */
const MIN_BYTES = 1 << 16;
/** A pooled buffer serves a request of at least this fraction of its size (bounds the slack bytes). */
const MIN_FILL = 0.5;

/** Marks a buffer adopted by more than one matrix: owned by none, never recycled. */
const SHARED: object = Object.freeze({});

/** Returns its argument from the constructor, so a subclass can add private fields to any object. */
class Stamped {
  constructor(target: object) {
    return target as Stamped;
  }
}

/**
 * The pool's record on each buffer it handed out: null until a matrix adopts it, then that matrix
 * or SHARED; undefined for every other buffer. Kept in a private field on the buffer itself, which
 * no other code can read or write. Not a WeakMap keyed by the buffers: V8 reclaims ArrayBuffers that
 * are WeakMap keys later, so in a loop without dispose() dropped results piled up (measured: up to
 * four 118 MiB COO->CSR results alive at once, against one without the map entries).
 */
class Issued extends Stamped {
  #owner: object | null | undefined;

  private constructor(buf: object, owner: object | null) {
    super(buf);
    this.#owner = owner;
  }

  static get(buf: object): object | null | undefined {
    return #owner in buf ? (buf as Issued).#owner : undefined;
  }

  /** Record `owner` on `buf`; only buffers the pool created get a field added. */
  static set(buf: object, owner: object | null): void {
    if (#owner in buf) (buf as Issued).#owner = owner;
    else new Issued(buf, owner);
  }

  static delete(buf: object): void {
    if (#owner in buf) (buf as Issued).#owner = undefined;
  }
}
const issued = Issued;
/** Free buffers, ascending by byteLength. */
const free: ArrayBuffer[] = [];
let freeBytes = 0;
let budget = 256 * 2 ** 20;

/** Bytes the pool may keep (default 256 MiB); lowering it releases buffers at once. @internal */
export function resultPoolBudget(bytes?: number): number {
  if (bytes !== undefined) {
    budget = Math.max(0, bytes);
    trim();
  }
  return budget;
}

/** Free buffers and their total size (for tests and benchmarks). @internal */
export function resultPoolStats(): { buffers: number; bytes: number } {
  return { buffers: free.length, bytes: freeBytes };
}

/** Smallest free buffer of at least `bytes` that the request fills to {@link MIN_FILL}, removed from the pool. */
function take(bytes: number): ArrayBuffer | null {
  let lo = 0;
  let hi = free.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (free[mid]!.byteLength < bytes) lo = mid + 1;
    else hi = mid;
  }
  if (lo === free.length || bytes < MIN_FILL * free[lo]!.byteLength) return null;
  const b = free.splice(lo, 1)[0]!;
  freeBytes -= b.byteLength;
  return b;
}

/** Drop the largest free buffers until the pool fits its budget. */
function trim(): void {
  while (freeBytes > budget && free.length > 0) freeBytes -= free.pop()!.byteLength;
}

function issue<T extends Int32Array | Float64Array>(a: T): T {
  if (a.byteLength >= MIN_BYTES) issued.set(a.buffer, null);
  return a;
}

/**
 * An Int32Array of `length` elements for a result, with unspecified contents (the caller writes
 * every element before it escapes): a recycled buffer when one fits, else a fresh one.
 *
 * With `clean`, for a result that is returned as a view on the first elements of the array (the
 * rest never written): a fresh buffer comes zeroed from the allocator, whose large blocks are new
 * pages that cost no memory until written, and a recycled one holds an earlier disposed result's
 * bytes, so the unwritten tail never holds other memory of the process. @internal
 */
export function resultInt32(length: number, clean = false): Int32Array {
  const b = 4 * length >= MIN_BYTES ? take(4 * length) : null;
  return issue(b ? new Int32Array(b, 0, length) : clean ? new Int32Array(length) : uninitInt32(length));
}

/** The Float64Array counterpart of {@link resultInt32}. @internal */
export function resultFloat64(length: number, clean = false): Float64Array {
  const b = 8 * length >= MIN_BYTES ? take(8 * length) : null;
  return issue(b ? new Float64Array(b, 0, length) : clean ? new Float64Array(length) : uninitFloat64(length));
}

/**
 * A zero-filled Float64Array for a result that is not a matrix's array (a vector, a dense block):
 * recycled memory when a buffer fits (zeroing warm memory costs far less than faulting in fresh
 * pages), else a fresh zeroed array. Never recycled itself: it has no owner that could dispose it.
 * @internal
 */
export function resultZerosFloat64(length: number): Float64Array {
  const b = 8 * length >= MIN_BYTES ? take(8 * length) : null;
  return b ? new Float64Array(b, 0, length).fill(0) : new Float64Array(length);
}

/** A result-pool copy of `src` (e.g. a view on WASM memory). @internal */
export function resultCopyInt32(src: Int32Array): Int32Array {
  const a = resultInt32(src.length);
  a.set(src);
  return a;
}

/** The Float64Array counterpart of {@link resultCopyInt32}. @internal */
export function resultCopyFloat64(src: Float64Array): Float64Array {
  const a = resultFloat64(src.length);
  a.set(src);
  return a;
}

/**
 * Return arrays that the library took from {@link resultInt32} / {@link resultFloat64} as scratch
 * (e.g. an over-sized staging array whose entries were copied into an exact-size result) to the
 * pool. Only buffers that were issued by the pool and never adopted by a matrix are taken back, so
 * nothing a user can reach is ever recycled; the caller must drop its own views. @internal
 */
export function recycleScratch(...arrays: ArrayBufferView[]): void {
  for (const a of arrays) {
    const buf = a.buffer;
    if (issued.get(buf) !== null) continue;
    issued.delete(buf);
    putFree(buf as ArrayBuffer);
  }
  trim();
}

/** Insert a free buffer, keeping the list ascending by size (buffers over the budget are dropped). */
function putFree(buf: ArrayBuffer): void {
  if (buf.byteLength > budget) return;
  let lo = 0;
  let hi = free.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (free[mid]!.byteLength < buf.byteLength) lo = mid + 1;
    else hi = mid;
  }
  free.splice(lo, 0, buf);
  freeBytes += buf.byteLength;
}

/**
 * Record that `owner` adopted `arrays`: a pool buffer adopted by one matrix becomes that matrix's,
 * a buffer adopted by a second one is owned by none (see {@link SHARED}). Called by the matrix
 * constructors; O(1). @internal
 */
export function adoptArrays(owner: object, ...arrays: ArrayBufferView[]): void {
  for (const a of arrays) {
    const buf = a.buffer;
    const o = issued.get(buf);
    if (o === undefined || o === owner || o === SHARED) continue;
    issued.set(buf, o === null ? owner : SHARED);
  }
}

/** Detach `buf` and return a new ArrayBuffer over the same memory (no copy), or null where the host cannot. */
function detach(buf: ArrayBuffer): ArrayBuffer | null {
  const transfer = (buf as { transfer?: () => ArrayBuffer }).transfer;
  if (typeof transfer === 'function') return transfer.call(buf);
  const clone = (globalThis as { structuredClone?: (v: unknown, o: { transfer: unknown[] }) => unknown }).structuredClone;
  if (typeof clone === 'function') return clone(buf, { transfer: [buf] }) as ArrayBuffer;
  return null;
}

/**
 * Return the buffers of `arrays` that `owner` owns to the pool, detaching them (every view on them
 * gets length 0). Buffers owned by nobody or by another matrix are left alone. @internal
 */
export function recycleArrays(owner: object, ...arrays: ArrayBufferView[]): void {
  for (const a of arrays) {
    const buf = a.buffer;
    if (issued.get(buf) !== owner) continue;
    issued.delete(buf);
    const fresh = detach(buf as ArrayBuffer);
    if (fresh !== null) putFree(fresh);
  }
  trim();
}
