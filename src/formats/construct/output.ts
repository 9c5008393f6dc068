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
import { readOptions } from '../../core/options.js';

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

/**
 * Read the options object of a constructor named `fn`: unknown keys rejected (`keys`, default only
 * `format`), then the format (undefined gives `fallback`). @internal
 */
export function readFormat(options: unknown, fallback: SparseFormat, fn: string, keys: readonly string[] = ['format']): SparseFormat {
  const o = readOptions(fn, options as FormatOptions | null | undefined, keys);
  return checkFormatOption(o.format, fallback);
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
