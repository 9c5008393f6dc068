/**
 * The fast Walsh–Hadamard transform as a public function (the kernel is in kernels/fwht/fwht.ts).
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import { fwhtInPlaceKernel } from '../kernels/fwht/fwht.js';
import { optionKeys, readOptions } from '../core/options.js';

/** Options of {@link fwht} and {@link fwhtInPlace}. */
export interface FwhtOptions {
  /** Divide by √N so the transform is orthonormal (H·H = I); default true. Unnormalised, H·H = N·I. */
  normalize?: boolean;
}

/** True when n is a power of two (1, 2, 4, ...). @internal */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0 && n <= 2 ** 30;
}

/** The smallest power of two ≥ n (n ≥ 1). @internal */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * In-place fast Walsh–Hadamard transform of `x` (length N, a power of two): x ← H_N·x with
 * H_N[i, j] = (−1)^popcount(i & j) / √N (Sylvester ordering), or without the 1/√N when
 * `normalize: false`. The normalised transform is symmetric and orthogonal, so applying it twice
 * gives x back.
 *
 * Complexity: N·log₂N additions, in place (no allocation). Runs the WASM SIMD kernel when the
 * WASM backend is active, the JS kernel otherwise (same results to rounding).
 *
 * @param x - a Float64Array whose length is a power of two (modified)
 * @param options - `{ normalize }` (default true)
 * @returns `x`
 * @throws {@link ArgumentError} when the length is not a power of two.
 *
 * @example
 * ```ts
 * import { fwhtInPlace } from 'sparsity';
 * const x = new Float64Array([1, 0, 1, 0]);
 * Array.from(fwhtInPlace(x, { normalize: false })); // => [2, 2, 0, 0]
 * Array.from(fwhtInPlace(x, { normalize: false })); // => [4, 0, 4, 0]
 * ```
 */
export function fwhtInPlace(x: Float64Array, options: FwhtOptions = {}): Float64Array {
  options = readOptions('fwhtInPlace', options, optionKeys<FwhtOptions>({ normalize: true }));
  if (!(x instanceof Float64Array)) throw new ArgumentError('x', x, 'a Float64Array (use fwht for other arrays)');
  const n = x.length;
  if (!isPowerOfTwo(n)) throw new ArgumentError('x.length', n, 'a power of two (1, 2, 4, ...) up to 2^30');
  const normalize = options.normalize ?? true;
  fwhtInPlaceKernel(x, 0, n, 1, normalize ? 1 / Math.sqrt(n) : 1);
  return x;
}

/**
 * The fast Walsh–Hadamard transform H_N·x as a new array (see {@link fwhtInPlace}); x is not modified.
 * NaN or Infinity in a plain-array input raise ArgumentError.
 *
 * Complexity: O(N log N).
 *
 * @param x - vector of length N, a power of two
 * @param options - `{ normalize }` (default true: orthonormal)
 * @throws {@link ArgumentError} when the length is not a power of two.
 *
 * @example
 * ```ts
 * import { fwht } from 'sparsity';
 * Array.from(fwht([1, 1, 1, 1])); // => [2, 0, 0, 0]
 * Array.from(fwht([3, 1], { normalize: false })); // => [4, 2]
 * ```
 */
export function fwht(x: VectorLike, options: FwhtOptions = {}): Float64Array {
  options = readOptions('fwht', options, optionKeys<FwhtOptions>({ normalize: true }));
  const v = toFloat64(x, 'x', x instanceof Float64Array);
  return fwhtInPlace(v === x ? v.slice() : v, options);
}
