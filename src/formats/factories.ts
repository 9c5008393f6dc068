/**
 * Short factories `coo`, `csr`, `csc` (SciPy's `coo_array(...)`, `csr_array(...)`, ...).
 *
 * @module
 */
import { ArgumentError } from '../core/errors.js';
import type { CompressedInit } from './compressed.js';
import { COOMatrix } from './coo.js';
import { CSCMatrix } from './csc.js';
import { CSRMatrix } from './csr.js';
import { type DenseInput, asDenseMatrix } from './dense.js';

/** Any of the library's sparse matrix classes. */
export type SparseMatrix = CSRMatrix | CSCMatrix | COOMatrix;

/**
 * True when `x` is a CSR, CSC or COO matrix of this library.
 *
 * @example
 * ```ts
 * import { isSparse, csr } from 'sparsity';
 * isSparse(csr([[1]])); // => true
 * isSparse([[1]]); // => false
 * ```
 */
export function isSparse(x: unknown): x is SparseMatrix {
  return x instanceof CSRMatrix || x instanceof CSCMatrix || x instanceof COOMatrix;
}

/**
 * A COO matrix from triplets: entry (row[k], col[k]) holds data[k]; duplicates add up.
 *
 * @example
 * ```ts
 * import { coo } from 'sparsity';
 * const A = coo([0, 1], [1, 0], [2, 3], [2, 2]);
 * A.get(0, 1); // => 2
 * ```
 * @throws {@link FormatError} when the arrays differ in length; {@link ArgumentError} on a bad shape.
 */
export function coo(
  row: Int32Array | ArrayLike<number>,
  col: Int32Array | ArrayLike<number>,
  data: Float64Array | ArrayLike<number>,
  shape: readonly [number, number] | number[],
): COOMatrix {
  return new COOMatrix({ row, col, data, shape });
}

function denseToCOO(a: DenseInput): COOMatrix {
  const d = asDenseMatrix(a, 'A', true);
  let nnz = 0;
  for (let p = 0; p < d.data.length; p++) if (d.data[p] !== 0) nnz++;
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let q = 0;
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) {
      const v = d.data[i * d.cols + j]!;
      if (v !== 0) {
        row[q] = i;
        col[q] = j;
        data[q++] = v;
      }
    }
  }
  return new COOMatrix({ row, col, data, shape: [d.rows, d.cols] }, true);
}

/**
 * A sparse matrix holding the nonzeros of a dense one (`ndarray` or `number[][]`), as CSR by default.
 * Zeros are not stored; NaN is stored (it is not zero).
 *
 * @example
 * ```ts
 * import { fromDense } from 'sparsity';
 * const A = fromDense([[0, 1], [2, 0]]);
 * A.nnz; // => 2
 * A.format; // => "csr"
 * fromDense([[0, 1], [2, 0]], 'coo').format; // => "coo"
 * ```
 * @throws {@link ArgumentError} when the input is not a 2-D array.
 */
export function fromDense(a: DenseInput, format?: 'csr'): CSRMatrix;
export function fromDense(a: DenseInput, format: 'csc'): CSCMatrix;
export function fromDense(a: DenseInput, format: 'coo'): COOMatrix;
export function fromDense(a: DenseInput, format: 'csr' | 'csc' | 'coo' = 'csr'): SparseMatrix {
  const c = denseToCOO(a);
  if (format === 'coo') return c;
  if (format === 'csc') return c.toCSC();
  if (format === 'csr') return c.toCSR();
  throw new ArgumentError('format', format, "'csr', 'csc' or 'coo'");
}

/** What `csr(...)` and `csc(...)` accept: arrays and shape, another sparse matrix, or a dense matrix. */
export type CompressedSource = CompressedInit | SparseMatrix | DenseInput;

function isInit(x: unknown): x is CompressedInit {
  return typeof x === 'object' && x !== null && 'indptr' in x && 'indices' in x && 'data' in x && 'shape' in x;
}

/**
 * A CSR matrix from `{ indptr, indices, data, shape }`, from any sparse matrix (converted), or from
 * a dense `ndarray` / `number[][]`.
 *
 * @example
 * ```ts
 * import { csr, coo } from 'sparsity';
 * csr({ indptr: [0, 1, 2], indices: [1, 0], data: [5, 6], shape: [2, 2] }).get(1, 0); // => 6
 * csr(coo([0, 0], [1, 1], [1, 2], [1, 2])).data[0]; // => 3
 * csr([[1, 0], [0, 2]]).nnz; // => 2
 * ```
 */
export function csr(source: CompressedSource): CSRMatrix {
  if (isSparse(source)) return source.toCSR();
  if (isInit(source)) return new CSRMatrix(source);
  return denseToCOO(source).toCSR();
}

/**
 * A CSC matrix from `{ indptr, indices, data, shape }`, from any sparse matrix (converted), or from
 * a dense `ndarray` / `number[][]`.
 *
 * @example
 * ```ts
 * import { csc } from 'sparsity';
 * const A = csc([[1, 0], [3, 2]]);
 * A.indptr.join(','); // => "0,2,3"
 * ```
 */
export function csc(source: CompressedSource): CSCMatrix {
  if (isSparse(source)) return source.toCSC();
  if (isInit(source)) return new CSCMatrix(source);
  return denseToCOO(source).toCSC();
}
