/**
 * Typed arrays without zero-filling, for results that are overwritten entirely: on hosts with
 * Node's `Buffer` (Node, Bun, Deno's Node compatibility) the bytes come from
 * `Buffer.allocUnsafeSlow` (a fresh, unpooled ArrayBuffer whose memory is not cleared), elsewhere
 * from an ordinary (zeroed) allocation. Clearing costs a full pass over the memory: ~0.5 ms for
 * 16 MB on the benchmark machine, a quarter of a large SpGEMM's copy-out.
 *
 * Callers must write every element before the array escapes.
 *
 * @module
 * @internal
 */

interface BufferLike {
  allocUnsafeSlow?(size: number): { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
}

const host = (globalThis as { Buffer?: BufferLike }).Buffer;
/** Below this many bytes the ordinary allocation is as fast. */
const MIN_BYTES = 1 << 16;

function raw(bytes: number): ArrayBufferLike | null {
  if (bytes < MIN_BYTES || typeof host?.allocUnsafeSlow !== 'function') return null;
  const b = host.allocUnsafeSlow(bytes);
  return b.byteOffset === 0 && b.buffer.byteLength === bytes ? b.buffer : null;
}

/** An Int32Array of `length` elements with unspecified contents. @internal */
export function uninitInt32(length: number): Int32Array {
  const b = raw(4 * length);
  return b ? new Int32Array(b, 0, length) : new Int32Array(length);
}

/** A Float64Array of `length` elements with unspecified contents. @internal */
export function uninitFloat64(length: number): Float64Array {
  const b = raw(8 * length);
  return b ? new Float64Array(b, 0, length) : new Float64Array(length);
}
