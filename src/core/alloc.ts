/**
 * Allocation of large typed arrays with the library's error: a result that cannot be allocated is a
 * {@link ResourceError} naming the operation and the size, never the runtime's bare `RangeError`.
 *
 * @module
 */
import { ResourceError } from './errors.js';

/**
 * Largest Float64Array length allocated: V8 (Node 20-24, Deno) refuses typed arrays longer than
 * 2^32 elements ("Invalid typed array length"); below that an allocation may still fail for lack of
 * memory ("Array buffer allocation failed"), which is reported the same way.
 */
export const MAX_FLOAT64_LENGTH = 2 ** 32;

/**
 * Refuses, before any work, a Float64Array result longer than {@link MAX_FLOAT64_LENGTH} (for
 * buffers allocated elsewhere, e.g. in WASM memory).
 * @throws {@link ResourceError} naming `op` and `what`.
 * @internal
 */
export function checkFloat64Length(op: string, what: string, length: number): void {
  if (!(length <= MAX_FLOAT64_LENGTH)) throw new ResourceError(op, what, length, MAX_FLOAT64_LENGTH);
}

/**
 * A zero-filled Float64Array of `length` entries for `op`.
 * @throws {@link ResourceError} when `length` exceeds {@link MAX_FLOAT64_LENGTH} (checked before
 *   allocating) or the runtime cannot allocate it.
 * @internal
 */
export function allocFloat64(op: string, what: string, length: number): Float64Array {
  checkFloat64Length(op, what, length);
  try {
    return new Float64Array(length);
  } catch (e) {
    if (e instanceof RangeError) throw new ResourceError(op, `${what} (${e.message})`, length, MAX_FLOAT64_LENGTH);
    throw e;
  }
}
