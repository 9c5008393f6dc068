/**
 * Typed-array helpers and argument validation shared by every layer.
 *
 * @module
 */
import { ArgumentError, ShapeError } from './errors.js';

/** A vector argument: a `Float64Array` (adopted, never mutated) or any array-like of numbers (copied). */
export type VectorLike = Float64Array | ArrayLike<number>;

/** Largest number of entries an int32-indexed structure may hold. */
export const INT32_MAX = 2147483647;

/**
 * Return `x` as a Float64Array: a Float64Array is returned as is, anything else is copied.
 * Throws ArgumentError if an entry is NaN or infinite (unless `allowNonFinite`).
 * @internal
 */
export function toFloat64(x: VectorLike, name: string, allowNonFinite = false): Float64Array {
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new ArgumentError(name, x, 'an array of numbers');
  }
  const out = x instanceof Float64Array ? x : Float64Array.from(x as ArrayLike<number>);
  if (!allowNonFinite) assertFinite(out, name);
  return out;
}

/** Throw ArgumentError naming the first NaN or infinite entry of `x`. @internal */
export function assertFinite(x: ArrayLike<number>, name: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v - v !== 0) throw new ArgumentError(`${name}[${i}]`, v, 'a finite number');
  }
}

/** Convert an index array to Int32Array: Int32Array adopted, others copied with integer checks. @internal */
export function toInt32(x: ArrayLike<number>, name: string): Int32Array {
  if (x instanceof Int32Array) return x;
  if (x === null || typeof x !== 'object' || typeof (x as { length?: unknown }).length !== 'number') {
    throw new ArgumentError(name, x, 'an array of integers');
  }
  const out = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isInteger(v) || v < -INT32_MAX - 1 || v > INT32_MAX) {
      throw new ArgumentError(`${name}[${i}]`, v, 'an int32 integer');
    }
    out[i] = v;
  }
  return out;
}

/** Validate a non-negative integer dimension (or count) no larger than `max`. @internal */
export function checkDim(name: string, v: unknown, max = INT32_MAX): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new ArgumentError(name, v, `an integer in [0, ${max}]`);
  }
  return v;
}

/** Validate a 2-D shape `[rows, cols]` of int32-range dimensions. @internal */
export function checkShape(shape: unknown, name = 'shape'): readonly [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) throw new ArgumentError(name, shape, 'a pair [rows, cols]');
  return Object.freeze([checkDim(`${name}[0]`, shape[0]), checkDim(`${name}[1]`, shape[1])]) as readonly [number, number];
}

/** Validate a finite number option, optionally within [min, max]. @internal */
export function checkNumber(name: string, v: unknown, min = -Infinity, max = Infinity, exclusiveMin = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (exclusiveMin && v === min)) {
    const lo = exclusiveMin ? `(${min}` : `[${min}`;
    throw new ArgumentError(name, v, `a finite number in ${lo}, ${max}]`);
  }
  return v;
}

/** Validate a positive integer option (e.g. maxIter). @internal */
export function checkPositiveInt(name: string, v: unknown, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    throw new ArgumentError(name, v, `an integer in [1, ${max}]`);
  }
  return v;
}

/** Throw ShapeError unless a vector has the expected length. @internal */
export function checkLength(op: string, expected: number, x: { length: number }, what: readonly number[] | number): void {
  if (x.length !== expected) throw new ShapeError(op, what, x.length);
}
