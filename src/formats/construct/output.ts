/**
 * Output formats of the constructors (`identity`, `diags`, `random`, `kron`, `hstack`, ...).
 *
 * @module
 */
import { ArgumentError } from '../../core/errors.js';
import { expandIndptr } from '../convert.js';
import { COOMatrix } from '../coo.js';
import { CSCMatrix } from '../csc.js';
import { CSRMatrix } from '../csr.js';

/** Name of a sparse storage format: `'csr'`, `'csc'` or `'coo'`. */
export type SparseFormat = 'csr' | 'csc' | 'coo';

/** The matrix class of a {@link SparseFormat} name: `SparseOfFormat<'csc'>` is `CSCMatrix`. */
export type SparseOfFormat<F extends SparseFormat> = F extends 'csc' ? CSCMatrix : F extends 'coo' ? COOMatrix : CSRMatrix;

/** The `format` option of the constructors. */
export interface FormatOptions<F extends SparseFormat = SparseFormat> {
  /** Storage format of the result (each constructor documents its default). */
  format?: F;
}

/** Validate a format option (undefined gives `fallback`). @internal */
export function checkFormatOption(format: unknown, fallback: SparseFormat): SparseFormat {
  if (format === undefined) return fallback;
  if (format !== 'csr' && format !== 'csc' && format !== 'coo') throw new ArgumentError('format', format, "'csr', 'csc' or 'coo'");
  return format;
}

/** Read the options object of a constructor. @internal */
export function readFormat(options: unknown, fallback: SparseFormat): SparseFormat {
  if (options === undefined || options === null) return fallback;
  if (typeof options !== 'object') throw new ArgumentError('options', options, 'an object { format }');
  return checkFormatOption((options as FormatOptions).format, fallback);
}

/** A compressed matrix in the requested format (COO keeps the row-major order and canonical flag). @internal */
export function convertTo(A: CSRMatrix | CSCMatrix, format: SparseFormat): CSRMatrix | CSCMatrix | COOMatrix {
  if (format === 'csr') return A.toCSR();
  if (format === 'csc') return A.toCSC();
  if (A instanceof CSRMatrix) {
    const canonical = A.hasCanonicalFormat;
    return new COOMatrix({ row: expandIndptr(A.indptr, A.shape[0]), col: A.indices, data: A.data, shape: A.shape }, canonical);
  }
  return A.toCOO();
}
