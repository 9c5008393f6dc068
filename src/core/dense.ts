/**
 * The internal dense matrix: row-major Float64Array plus its shape. Public functions accept and
 * return scijs `ndarray`s (see `formats/dense.ts`); inside, every dense routine works on this.
 *
 * @module
 */
import { allocFloat64 } from './alloc.js';
import { checkDim } from './array.js';
import { ShapeError } from './errors.js';

/** A row-major dense matrix: entry (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row-major values, length rows * cols. */
  readonly data: Float64Array;
}

/** A zero-filled rows x cols DenseMatrix. @internal */
export function denseZeros(rows: number, cols: number): DenseMatrix {
  checkDim('rows', rows);
  checkDim('cols', cols);
  return { rows, cols, data: allocFloat64('dense matrix', 'rows·cols', rows * cols) };
}

/** Wrap existing row-major data (checked for length). @internal */
export function denseFrom(rows: number, cols: number, data: Float64Array): DenseMatrix {
  if (data.length !== rows * cols) throw new ShapeError('dense', [rows, cols], data.length, `need ${rows * cols} values`);
  return { rows, cols, data };
}

/** The n x n identity as a DenseMatrix. @internal */
export function denseEye(n: number): DenseMatrix {
  const d = denseZeros(n, n);
  for (let i = 0; i < n; i++) d.data[i * n + i] = 1;
  return d;
}

/**
 * Transpose of a DenseMatrix: a new matrix, or written into `into` (length rows·cols, not
 * overlapping a's data) when given. @internal
 */
export function denseTranspose(a: DenseMatrix, into?: Float64Array): DenseMatrix {
  const { rows, cols, data } = a;
  const out = into ?? allocFloat64('transpose', 'rows·cols', rows * cols);
  // Blocked to stay cache friendly on large matrices.
  const B = 32;
  for (let ii = 0; ii < rows; ii += B) {
    const iEnd = Math.min(ii + B, rows);
    for (let jj = 0; jj < cols; jj += B) {
      const jEnd = Math.min(jj + B, cols);
      for (let i = ii; i < iEnd; i++) {
        for (let j = jj; j < jEnd; j++) out[j * rows + i] = data[i * cols + j]!;
      }
    }
  }
  return { rows: cols, cols: rows, data: out };
}
