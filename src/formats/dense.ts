/**
 * Dense interop with scijs `ndarray`: the only module that touches the `ndarray` package.
 * Public functions take and return `ndarray`s; inside, dense data is a row-major
 * {@link DenseMatrix}.
 *
 * @module
 */
import ndarray from 'ndarray';
import type { NdArray as NdArrayImpl } from 'ndarray';
import ops from 'ndarray-ops';
import type { NdArrayInput, NdArrayOf } from '../core/ndarray.js';
import { assertFinite, checkDim } from '../core/array.js';
import type { DenseMatrix } from '../core/dense.js';
import { allocFloat64 } from '../core/alloc.js';
import { ArgumentError } from '../core/errors.js';

/** A scijs `ndarray` over Float64Array, the library's public dense matrix type. */
export type NdArray = NdArrayOf<Float64Array>;

/**
 * Anything accepted where a dense matrix is expected: a 2-D `ndarray` (any strides, any numeric
 * data), nested arrays `number[][]` (rows), or an internal row-major {@link DenseMatrix}.
 */
export type DenseInput = NdArrayInput | readonly (readonly number[])[] | DenseMatrix;

/** True when `x` looks like a scijs ndarray. @internal */
export function isNdarray(x: unknown): x is NdArrayInput {
  return (
    typeof x === 'object' && x !== null && Array.isArray((x as NdArrayInput).shape) &&
    Array.isArray((x as NdArrayInput).stride) && typeof (x as NdArrayInput).offset === 'number' && 'data' in x
  );
}

/** True when `x` is an internal row-major DenseMatrix. @internal */
export function isDenseMatrix(x: unknown): x is DenseMatrix {
  return (
    typeof x === 'object' && x !== null && (x as DenseMatrix).data instanceof Float64Array &&
    typeof (x as DenseMatrix).rows === 'number' && typeof (x as DenseMatrix).cols === 'number'
  );
}

/**
 * Wrap a row-major DenseMatrix as a 2-D ndarray sharing its data (no copy).
 *
 * @example
 * ```ts
 * import { toNdarray } from 'sparsity';
 * const a = toNdarray({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
 * a.get(1, 0); // => 3
 * ```
 */
export function toNdarray(a: DenseMatrix): NdArray {
  return ndarray(a.data, [a.rows, a.cols]);
}

/**
 * Wrap a Float64Array as a 1-D ndarray (no copy).
 * @internal
 */
export function vectorToNdarray(x: Float64Array): NdArray {
  return ndarray(x, [x.length]);
}

/**
 * Read any {@link DenseInput} as a row-major {@link DenseMatrix}. A contiguous row-major Float64Array
 * ndarray and a DenseMatrix are adopted without copying; anything else is copied (strided ndarrays
 * through `ndarray-ops`). NaN or infinite entries raise `ArgumentError` unless `allowNonFinite`.
 *
 * @param a - the dense input
 * @param name - argument name used in error messages
 * @param allowNonFinite - accept NaN and ±Infinity entries
 * @throws {@link ArgumentError} when `a` is not 2-D, is ragged, or holds NaN/Infinity.
 *
 * @example
 * ```ts
 * import { asDenseMatrix } from 'sparsity';
 * asDenseMatrix([[1, 2], [3, 4]]).data[2]; // => 3
 * ```
 */
export function asDenseMatrix(a: DenseInput, name = 'A', allowNonFinite = false): DenseMatrix {
  let out: DenseMatrix;
  if (isDenseMatrix(a)) {
    out = a;
  } else if (isNdarray(a)) {
    if (a.shape.length !== 2) throw new ArgumentError(name, `an ndarray with shape [${a.shape.join(', ')}]`, 'a 2-D ndarray');
    const rows = checkDim(`${name}.shape[0]`, a.shape[0]);
    const cols = checkDim(`${name}.shape[1]`, a.shape[1]);
    const contiguous =
      a.data instanceof Float64Array && a.offset === 0 && (rows <= 1 || a.stride[0] === cols) &&
      (cols <= 1 || a.stride[1] === 1) && a.data.length === rows * cols;
    if (contiguous) {
      out = { rows, cols, data: a.data as Float64Array };
    } else {
      const data = allocFloat64(name, 'rows·cols', rows * cols);
      if (rows * cols > 0) ops.assign(ndarray(data, [rows, cols]), a as unknown as NdArrayImpl);
      out = { rows, cols, data };
    }
  } else if (Array.isArray(a)) {
    const rows = a.length;
    const cols = rows === 0 ? 0 : (a[0] as readonly number[]).length;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const r = a[i] as unknown as ArrayLike<unknown>;
      if (!Array.isArray(r) && !ArrayBuffer.isView(r)) throw new ArgumentError(`${name}[${i}]`, r, 'an array of numbers (a row)');
      if (r.length !== cols) throw new ArgumentError(`${name}[${i}]`, r, `a row of length ${cols} (rows must have equal lengths)`);
      for (let j = 0; j < cols; j++) {
        const v = r[j];
        if (typeof v !== 'number') throw new ArgumentError(`${name}[${i}][${j}]`, v, 'a number');
        data[i * cols + j] = v;
      }
    }
    out = { rows, cols, data };
  } else {
    throw new ArgumentError(name, a, 'a 2-D ndarray, number[][] or DenseMatrix');
  }
  if (!allowNonFinite) assertFinite(out.data, name);
  return out;
}
