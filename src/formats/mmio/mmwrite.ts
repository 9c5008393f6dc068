/**
 * `mmwrite`: Matrix Market text for a sparse (coordinate) or dense (array) matrix.
 *
 * @module
 */
import { ArgumentError } from '../../core/errors.js';
import type { DenseMatrix } from '../../core/dense.js';
import { COOMatrix } from '../coo.js';
import { CSCMatrix } from '../csc.js';
import { CSRMatrix } from '../csr.js';
import { type DenseInput, asDenseMatrix } from '../dense.js';
import { type SparseMatrix, isSparse } from '../factories.js';
import { formatInteger, formatValue } from './format.js';
import { ByteSink } from './sink.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** What `mmwrite` accepts: a sparse matrix (written as `coordinate`) or a dense one (written as `array`). */
export type MatrixMarketWritable = SparseMatrix | DenseInput;

/** Options of `mmwrite` and `writeMatrixMarketFile`. */
export interface MatrixMarketWriteOptions {
  /**
   * `'real'` (default), `'integer'` (every value must be an integer) or `'pattern'` (structure only;
   * sparse matrices only).
   */
  field?: 'real' | 'integer' | 'pattern';
  /**
   * `'general'` (default), `'symmetric'` or `'skew-symmetric'`: only the lower triangle is written
   * (strictly lower for skew), after checking that the matrix really has that symmetry.
   */
  symmetry?: 'general' | 'symmetric' | 'skew-symmetric';
  /** Text written as `%` comment lines after the banner (may contain newlines). */
  comment?: string;
  /**
   * Significant digits of real values (1..100, as `toPrecision`). Default: the shortest text that
   * reads back as exactly the same double.
   */
  precision?: number;
}

/**
 * Matrix Market text of a matrix: sparse matrices (COO, CSR, CSC) are written in `coordinate`
 * format with 1-based indices, dense ones (`ndarray`, `number[][]`) in `array` format (column-major).
 *
 * Real values are written in the shortest form that parses back to the same double (`String(x)`,
 * with `-0`, `inf`, `-inf` and `nan` for the special values), so `mmread(mmwrite(A))` gives back
 * exactly the stored values; `precision` trades that for shorter files. With `symmetry: 'general'`
 * the stored entries are written as they are, in storage order (duplicates and explicit zeros
 * included); with `'symmetric'` / `'skew-symmetric'` the matrix is first checked (values compared
 * exactly, explicit zeros ignored) and only its lower triangle is written.
 *
 * Complexity: O(nnz) (plus a canonical copy and a transpose when a symmetry is requested) for sparse
 * matrices, O(rows·cols) for dense ones.
 *
 * @param A - the matrix.
 * @param options - `{ field, symmetry, comment, precision }`.
 * @returns the file's text.
 * @throws {@link ArgumentError} on an unknown option value, a matrix that is not square or not
 *   (skew-)symmetric when a symmetry is requested, a non-integer value with `field: 'integer'`,
 *   `field: 'pattern'` for a dense matrix, or an input that is not a matrix.
 *
 * @example
 * ```ts
 * import { mmwrite, mmread, coo } from 'sparsity';
 * const A = coo([0, 1, 1], [0, 0, 1], [0.1, -2, 3], [2, 2]);
 * const text = mmwrite(A, { comment: 'made by sparsity' });
 * text; // => "%%MatrixMarket matrix coordinate real general\n%made by sparsity\n2 2 3\n1 1 0.1\n2 1 -2\n2 2 3\n"
 * mmread(text).get(0, 0); // => 0.1
 * const S = coo([0, 1, 0], [0, 0, 1], [2, 1, 1], [2, 2]);
 * mmwrite(S, { symmetry: 'symmetric', field: 'integer' }).split('\n')[1]; // => "2 2 2"
 * mmwrite([[1, 2], [3, 4]]).split('\n').slice(1, 3); // => ["2 2", "1"]
 * ```
 */
export function mmwrite(A: MatrixMarketWritable, options?: MatrixMarketWriteOptions): string {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (const chunk of mmwriteBytes(A, options)) parts.push(decoder.decode(chunk));
  return parts.join('');
}

/** Validate the options once. */
function readWriteOptions(rawOptions: MatrixMarketWriteOptions | undefined): Required<Omit<MatrixMarketWriteOptions, 'precision' | 'comment'>> & {
  precision: number | undefined;
  comment: string | undefined;
} {
  const options = readOptions('mmwrite', rawOptions, optionKeys<MatrixMarketWriteOptions>({ field: true, symmetry: true, comment: true, precision: true }));
  const field = options.field ?? 'real';
  if (field !== 'real' && field !== 'integer' && field !== 'pattern') {
    throw new ArgumentError('field', field, "'real', 'integer' or 'pattern' (complex matrices are not supported)");
  }
  const symmetry = options.symmetry ?? 'general';
  if (symmetry !== 'general' && symmetry !== 'symmetric' && symmetry !== 'skew-symmetric') {
    throw new ArgumentError('symmetry', symmetry, "'general', 'symmetric' or 'skew-symmetric'");
  }
  const precision = options.precision;
  if (precision !== undefined && (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1 || precision > 100)) {
    throw new ArgumentError('precision', precision, 'an integer in [1, 100] (significant digits)');
  }
  const comment = options.comment;
  if (comment !== undefined && typeof comment !== 'string') throw new ArgumentError('comment', comment, 'a string');
  return { field, symmetry, precision, comment };
}

/** The banner, comment lines and size line, as UTF-8 bytes (comments may hold any text). */
function header(format: 'coordinate' | 'array', field: string, symmetry: string, comment: string | undefined, size: string): Uint8Array {
  let s = `%%MatrixMarket matrix ${format} ${field} ${symmetry}\n`;
  if (comment !== undefined && comment !== '') {
    for (const l of comment.split(/\r?\n/)) s += `%${l}\n`;
  }
  return new TextEncoder().encode(`${s}${size}\n`);
}

/**
 * The text of {@link mmwrite} as UTF-8 bytes in pieces of about a megabyte (so files of any size can
 * be written without one huge string). Each piece is a view of a reused buffer: consume it before
 * asking for the next. All arguments are checked before the first piece is produced.
 * @internal
 */
export function* mmwriteBytes(A: MatrixMarketWritable, options?: MatrixMarketWriteOptions): Generator<Uint8Array, void, undefined> {
  const opts = readWriteOptions(options);
  if (isSparse(A)) yield* sparseChunks(A, opts.field, opts.symmetry, opts.precision, opts.comment);
  else {
    if (opts.field === 'pattern') throw new ArgumentError('field', 'pattern', "'real' or 'integer' for a dense matrix (pattern needs a sparse one)");
    yield* denseChunks(asDenseMatrix(A as DenseInput, 'A', true), opts.field, opts.symmetry, opts.precision, opts.comment);
  }
}

function checkInteger(v: number, where: string): void {
  if (!Number.isInteger(v)) throw new ArgumentError(where, v, "an integer value (field 'integer')");
}

function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** Triplets of the entries to write, in order. */
interface Triplets {
  row: Int32Array;
  col: Int32Array;
  data: Float64Array;
  n: number;
}

function storedTriplets(A: SparseMatrix): Triplets {
  if (A instanceof COOMatrix) return { row: A.row, col: A.col, data: A.data, n: A.nnz };
  const c = A.toCOO();
  return { row: c.row, col: c.col, data: c.data, n: c.nnz };
}

/** Check the symmetry of a sparse matrix and return its lower triangle (canonical, row-major). */
function lowerTriangle(A: SparseMatrix, symmetry: 'symmetric' | 'skew-symmetric', pattern: boolean): Triplets {
  const [m, n] = A.shape;
  if (m !== n) throw new ArgumentError('symmetry', symmetry, `'general' for a non-square matrix (shape ${m} x ${n})`);
  const C = A.toCSR().sumDuplicates();
  // Values are compared without explicit zeros; a pattern is compared as stored.
  const Z = pattern ? C : C.eliminateZeros();
  const T = Z.transpose().toCSR();
  const skew = symmetry === 'skew-symmetric';
  const name = skew ? 'skew-symmetric' : 'symmetric';
  for (let i = 0; i < m; i++) {
    let p = Z.indptr[i]!;
    let q = T.indptr[i]!;
    const pe = Z.indptr[i + 1]!;
    const qe = T.indptr[i + 1]!;
    while (p < pe || q < qe) {
      const jz = p < pe ? Z.indices[p]! : n;
      const jt = q < qe ? T.indices[q]! : n;
      const j = Math.min(jz, jt);
      const a = jz === j ? Z.data[p++]! : 0; // A[i, j]
      const b = jt === j ? T.data[q++]! : 0; // A[j, i]
      const ok = pattern ? jz === jt && !(skew && i === j) : skew ? sameValue(a, -b) && !(i === j && a !== 0) : sameValue(a, b);
      if (!ok) {
        const detail = pattern
          ? `A[${i}, ${j}] is ${jz === j ? 'stored' : 'not stored'} but A[${j}, ${i}] is ${jt === j ? 'stored' : 'not stored'}`
          : i === j
            ? `A[${i}, ${i}] = ${a} on the diagonal`
            : `A[${i}, ${j}] = ${a} but A[${j}, ${i}] = ${b}`;
        throw new ArgumentError('symmetry', symmetry, `'general': the matrix is not ${name} (${detail})`);
      }
    }
  }
  let count = 0;
  for (let i = 0; i < m; i++) {
    for (let p = C.indptr[i]!; p < C.indptr[i + 1]!; p++) {
      const j = C.indices[p]!;
      if (j < i || (j === i && !skew)) count++;
    }
  }
  const row = new Int32Array(count);
  const col = new Int32Array(count);
  const data = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < m; i++) {
    for (let p = C.indptr[i]!; p < C.indptr[i + 1]!; p++) {
      const j = C.indices[p]!;
      if (j < i || (j === i && !skew)) {
        row[k] = i;
        col[k] = j;
        data[k++] = C.data[p]!;
      }
    }
  }
  return { row, col, data, n: count };
}

function* sparseChunks(
  A: SparseMatrix,
  field: 'real' | 'integer' | 'pattern',
  symmetry: 'general' | 'symmetric' | 'skew-symmetric',
  precision: number | undefined,
  comment: string | undefined,
): Generator<Uint8Array, void, undefined> {
  if (!(A instanceof COOMatrix || A instanceof CSRMatrix || A instanceof CSCMatrix)) throw new ArgumentError('A', A, 'a sparse matrix');
  const pattern = field === 'pattern';
  const integer = field === 'integer';
  const t = symmetry === 'general' ? storedTriplets(A) : lowerTriangle(A, symmetry, pattern);
  const { row, col, data, n } = t;
  const [rows, cols] = A.shape;
  for (let p = 0; p < n; p++) {
    const i = row[p]!;
    const j = col[p]!;
    if (i < 0 || i >= rows || j < 0 || j >= cols) throw new ArgumentError(`A (entry ${p})`, `(${i}, ${j})`, `indices inside the shape (${rows}, ${cols})`);
  }
  if (field === 'integer') for (let p = 0; p < n; p++) checkInteger(data[p]!, `A (value of entry ${p})`);
  yield header('coordinate', field, symmetry, comment, `${rows} ${cols} ${n}`);
  const out = new ByteSink();
  const fmt = integer ? formatInteger : (v: number) => formatValue(v, precision);
  const exact = precision === undefined;
  for (let p = 0; p < n; p++) {
    out.uint(row[p]! + 1);
    out.byte(32);
    out.uint(col[p]! + 1);
    if (!pattern) {
      out.byte(32);
      const v = data[p]!;
      if (exact) out.value(v, fmt);
      else out.ascii(fmt(v));
    }
    out.byte(10);
    if (out.full) {
      yield out.chunk();
      out.reset();
    }
  }
  if (out.pos > 0) yield out.chunk();
}

function* denseChunks(
  D: DenseMatrix,
  field: 'real' | 'integer',
  symmetry: 'general' | 'symmetric' | 'skew-symmetric',
  precision: number | undefined,
  comment: string | undefined,
): Generator<Uint8Array, void, undefined> {
  const { rows: m, cols: n, data } = D;
  const skew = symmetry === 'skew-symmetric';
  if (symmetry !== 'general') {
    if (m !== n) throw new ArgumentError('symmetry', symmetry, `'general' for a non-square matrix (shape ${m} x ${n})`);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        const a = data[i * n + j]!;
        const b = data[j * n + i]!;
        const ok = skew ? sameValue(a, -b) && !(i === j && a !== 0) : sameValue(a, b);
        if (!ok) {
          const detail = i === j ? `A[${i}, ${i}] = ${a} on the diagonal` : `A[${i}, ${j}] = ${a} but A[${j}, ${i}] = ${b}`;
          throw new ArgumentError('symmetry', symmetry, `'general': the matrix is not ${symmetry} (${detail})`);
        }
      }
    }
  }
  if (field === 'integer') {
    for (let p = 0; p < data.length; p++) checkInteger(data[p]!, `A[${Math.floor(p / n)}, ${p % n}]`);
  }
  yield header('array', field, symmetry, comment, `${m} ${n}`);
  const out = new ByteSink();
  const fmt = field === 'integer' ? formatInteger : (v: number) => formatValue(v, precision);
  const exact = precision === undefined;
  for (let j = 0; j < n; j++) {
    const i0 = symmetry === 'general' ? 0 : skew ? j + 1 : j;
    for (let i = i0; i < m; i++) {
      const v = data[i * n + j]!;
      if (exact) out.value(v, fmt);
      else out.ascii(fmt(v));
      out.byte(10);
      if (out.full) {
        yield out.chunk();
        out.reset();
      }
    }
  }
  if (out.pos > 0) yield out.chunk();
}
