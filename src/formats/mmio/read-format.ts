/**
 * The `format` option of `mmread` and `readMatrixMarketFile`: convert what the file holds
 * (`coordinate` → COO, `array` → dense) to the storage the caller asked for, so TypeScript callers
 * get one static type and need no narrowing.
 *
 * @module
 */
import { ArgumentError } from '../../core/errors.js';
import { readOptions } from '../../core/options.js';
import type { SparseFormat } from '../construct/output.js';
import { COOMatrix } from '../coo.js';
import type { NdArray } from '../dense.js';
import { fromDense } from '../factories.js';
import type { SparseMatrix } from '../factories.js';

/** Storage a Matrix Market read may be asked for: a sparse format, or `'dense'`. */
export type MatrixMarketReadFormat = SparseFormat | 'dense';

/** Options of {@link mmread}. */
export interface MatrixMarketReadOptions<F extends MatrixMarketReadFormat = MatrixMarketReadFormat> {
  /**
   * Storage of the result whatever the file holds: `'coo'`, `'csr'`, `'csc'` (an `array` file is
   * converted, explicit zeros dropped) or `'dense'` (a `coordinate` file is densified, duplicates
   * summed). Default: what the file holds (`coordinate` → COOMatrix, `array` → ndarray).
   */
  format?: F;
}

/** The result type of a read with `format: F`. */
export type MatrixMarketResult<F extends MatrixMarketReadFormat> =
  F extends 'dense' ? NdArray : F extends 'csc' ? import('../csc.js').CSCMatrix : F extends 'coo' ? COOMatrix : import('../csr.js').CSRMatrix;

/** Validate the read options of `fn` and return the requested format (undefined: as stored). @internal */
export function readFormatOption(fn: string, options: unknown, extraKeys: readonly string[] = []): MatrixMarketReadFormat | undefined {
  const o = readOptions(fn, options as MatrixMarketReadOptions | null | undefined, ['format', ...extraKeys]);
  const f = o.format;
  if (f === undefined) return undefined;
  if (f !== 'coo' && f !== 'csr' && f !== 'csc' && f !== 'dense') throw new ArgumentError('format', f, "'coo', 'csr', 'csc' or 'dense'");
  return f;
}

/** Convert a read result to `format` (undefined: unchanged). @internal */
export function convertRead(A: COOMatrix | NdArray, format: MatrixMarketReadFormat | undefined): SparseMatrix | NdArray {
  if (format === undefined) return A;
  if (A instanceof COOMatrix) {
    if (format === 'dense') return A.toDense();
    return format === 'coo' ? A : format === 'csr' ? A.toCSR() : A.toCSC();
  }
  if (format === 'dense') return A;
  return fromDense(A, format as 'csr');
}
