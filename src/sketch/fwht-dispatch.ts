/**
 * Picks the FWHT kernel (JS or WASM SIMD) for the sketches.
 *
 * @module
 * @internal
 */
import { fwhtJs } from '../kernels/fwht.js';

/**
 * In-place unnormalised FWHT along the first axis of the n x width row-major block at `offset`,
 * times `scale`. @internal
 */
export function fwhtKernel(x: Float64Array, offset: number, n: number, width: number, scale: number): void {
  fwhtJs(x, offset, n, width, scale);
}
