/**
 * Option types of the sparse products (the functions of linalg/sparse/ and the matrix methods
 * that forward to them), with their validation.
 *
 * @module
 */
import { checkNumber } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { checkThreads } from '../../kernels/runtime/threads/pool.js';

/** Options of a sparse matrix–vector product y = alpha·A·x + beta·y. */
export interface SpmvOptions {
  /** Write the result here (length = rows of the product) instead of a new array; read when beta ≠ 0. */
  out?: Float64Array;
  /** Scale of the product (default 1). */
  alpha?: number;
  /** Scale of the previous contents of `out` (default 0: `out` is not read). */
  beta?: number;
  /** Threads: a positive integer, `'auto'` (default: all CPUs above a work threshold), or 1 to disable. */
  threads?: number | 'auto';
}

/** Options of a sparse–sparse product (SpGEMM). */
export interface SpgemmOptions {
  /**
   * How rows of the result merge their partial products: `'hash'` (open addressing), `'dense'`
   * (a full-length accumulator), or `'auto'` (default: dense for results with up to 2^20
   * columns, where it measured faster; beyond that per row, dense when the row's hash table would
   * reach 1/16 of the column count, hash otherwise).
   */
  accumulator?: 'auto' | 'hash' | 'dense';
  /** Sort the column indices of each row (default true). Unsorted output is faster and is marked non-canonical. */
  sorted?: boolean;
  /** Threads: a positive integer, `'auto'` (default: all CPUs above a work threshold), or 1 to disable. */
  threads?: number | 'auto';
}

/** Options of a product with a dense operand given as a row-major Float64Array. */
export interface DenseOperandOptions {
  /** Column count of a row-major Float64Array right operand (absent: the operand is a vector). */
  cols?: number;
}

/** Validated SpMV scalars. @internal */
export function spmvScalars(o: SpmvOptions | undefined): { alpha: number; beta: number } {
  if (o !== undefined && (o === null || typeof o !== 'object')) throw new ArgumentError('options', o, 'an options object');
  const alpha = o?.alpha === undefined ? 1 : checkNumber('alpha', o.alpha);
  const beta = o?.beta === undefined ? 0 : checkNumber('beta', o.beta);
  if (o?.threads !== undefined) checkThreads(o.threads);
  if (o?.out !== undefined && !(o.out instanceof Float64Array)) throw new ArgumentError('out', o.out, 'a Float64Array');
  return { alpha, beta };
}

/** Validate SpGEMM options. @internal */
export function checkSpgemmOptions(o: SpgemmOptions | undefined): void {
  if (o === undefined) return;
  if (o === null || typeof o !== 'object') throw new ArgumentError('options', o, 'an options object');
  const a = o.accumulator;
  if (a !== undefined && a !== 'auto' && a !== 'hash' && a !== 'dense') throw new ArgumentError('accumulator', a, "'auto', 'hash' or 'dense'");
  if (o.sorted !== undefined && typeof o.sorted !== 'boolean') throw new ArgumentError('sorted', o.sorted, 'a boolean');
  if (o.threads !== undefined) checkThreads(o.threads);
}

/** Throw ArgumentError when `out` overlaps `x` (the products read x while they write out). @internal */
export function checkNoOverlap(out: Float64Array | undefined, x: Float64Array): void {
  if (!out || out.buffer !== x.buffer) return;
  const a0 = out.byteOffset;
  const a1 = a0 + out.byteLength;
  const b0 = x.byteOffset;
  const b1 = b0 + x.byteLength;
  if (a0 < b1 && b0 < a1) throw new ArgumentError('out', out, 'an array that does not share memory with x');
}
