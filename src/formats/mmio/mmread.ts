/**
 * `mmread`: parse a Matrix Market file (coordinate -> COOMatrix, array -> dense ndarray) straight
 * from its bytes.
 *
 * @module
 */
import { INT32_MAX } from '../../core/array.js';
import { ParseError, ResourceError } from '../../core/errors.js';
import { COOMatrix } from '../coo.js';
import { type NdArray, toNdarray } from '../dense.js';
import { type ByteSource, LineChunks, chunkBuffer, stringSource } from './chunks.js';
import { type Header, readHeader } from './header.js';
import {
  SCAN,
  SCAN_INTEGER,
  SCAN_MIRROR,
  SCAN_PATTERN,
  SCAN_SKEW,
  type ScanState,
  parseEnd,
  parseFailed,
  parseIntegerBytes,
  parseRealBytes,
  scanEntries,
} from './number.js';
import { type MatrixMarketSource, lineTextAt, parseErrorAt, toBytes } from './source.js';
import type { SparseMatrix } from '../factories.js';
import { type MatrixMarketReadFormat, type MatrixMarketReadOptions, type MatrixMarketResult, convertRead, readFormatOption } from './read-format.js';

/**
 * Read a Matrix Market file: `coordinate` files give a {@link COOMatrix} (0-based, entries in file
 * order, duplicates kept as stored), `array` files a dense row-major `ndarray`.
 *
 * - Fields `real` (also `double`), `integer` and `pattern` (every value 1); `complex` is refused.
 * - Symmetries `general`, `symmetric` (each off-diagonal entry is mirrored) and `skew-symmetric`
 *   (mirrored with negation; a nonzero diagonal entry is an error); `hermitian` is refused.
 * - Comment lines (`%`) and blank lines anywhere, numbers padded with blanks, CRLF line ends,
 *   Fortran exponents (`1.0D+03`), `inf`/`nan`, and sizes written as 64-bit integers when they fit
 *   the int32 indices of the library.
 *
 * Values are converted exactly as `parseFloat` would (correctly rounded), mostly without building
 * strings: the parser scans the bytes once, with no per-line splitting, into arrays preallocated
 * from the size line.
 *
 * Complexity: O(file length) time; memory: the entries (16 bytes each; twice for symmetric files),
 * preallocated from the size line but never beyond what the input can hold. A string is encoded to
 * UTF-8 in 1 MiB pieces as it is parsed (no full-size copy).
 *
 * @param input - the file's text, or its bytes (e.g. `fs.readFileSync(path)`; see also
 *   `readMatrixMarketFile` in `sparsity/node`).
 * @param options - `format`: `'coo'`, `'csr'`, `'csc'` or `'dense'` to get that storage whatever the
 *   file holds (and that static type in TypeScript: `mmread(text, { format: 'csr' })` is a `CSRMatrix`).
 * @returns a COOMatrix (coordinate) or an `ndarray` (array), or the requested `format`.
 * @throws {@link ParseError} with the 1-based line number and the offending text, never a partial
 *   matrix: unknown banner words, a missing or malformed size line, negative or non-integer sizes, fewer
 *   or more entries than declared, indices outside 1..rows / 1..cols, non-numeric values, too few or
 *   too many numbers on a line, a nonzero diagonal in a skew-symmetric file, complex or hermitian data.
 * @throws {@link ResourceError} when a dimension or the number of entries exceeds 2^31 - 1.
 *
 * @example
 * ```ts
 * import { mmread } from 'sparsity';
 * const text = [
 *   '%%MatrixMarket matrix coordinate real symmetric',
 *   '% a 3x3 tridiagonal matrix: lower triangle only',
 *   '3 3 5',
 *   '1 1 2.0', '2 1 -1', '2 2 2.0', '3 2 -1D+00', '3 3 2.0',
 * ].join('\n');
 * const A = mmread(text);
 * A.shape; // => [3, 3]
 * A.nnz; // => 7
 * A.get(0, 1); // => -1
 * const D = mmread('%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n');
 * D.get(1, 0); // => 2
 * const S = mmread(text, { format: 'csr' }); // typed CSRMatrix: no narrowing needed
 * Array.from(S.indptr); // => [0, 2, 5, 7]
 * ```
 */
export function mmread(input: MatrixMarketSource, options?: { format?: undefined }): COOMatrix | NdArray;
export function mmread<F extends MatrixMarketReadFormat>(input: MatrixMarketSource, options: MatrixMarketReadOptions<F> & { format: F }): MatrixMarketResult<F>;
export function mmread(input: MatrixMarketSource, options?: MatrixMarketReadOptions): SparseMatrix | NdArray;
export function mmread(input: MatrixMarketSource, options?: MatrixMarketReadOptions): SparseMatrix | NdArray {
  const format = readFormatOption('mmread', options);
  const A = typeof input === 'string'
    ? readChunks(new LineChunks(stringSource(input), chunkBuffer(), 3 * input.length))
    : readChunks(new LineChunks(null, toBytes(input)));
  return convertRead(A, format);
}

/**
 * Read a Matrix Market file from a byte source (used by `readMatrixMarketFile`), through the shared
 * chunk buffer or a new buffer of `bufferBytes` (it grows for lines longer than itself).
 * `totalBytes` bounds the input size when known (it bounds the entries preallocated). @internal
 */
export function mmreadFromSource(source: ByteSource, bufferBytes?: number, totalBytes = Infinity): COOMatrix | NdArray {
  return readChunks(new LineChunks(source, bufferBytes ?? chunkBuffer(), totalBytes));
}

function readChunks(src: LineChunks): COOMatrix | NdArray {
  let h: Header | null = null;
  for (;;) {
    const limit = src.limit();
    h = readHeader(src.view(limit), !src.eof);
    if (h) break;
    src.more();
  }
  const { info } = h;
  const b = src.buf;
  if (info.field === 'complex' || info.symmetry === 'hermitian') {
    const what = info.field === 'complex' ? "field 'complex'" : "symmetry 'hermitian'";
    throw new ParseError(1, lineTextAt(b, 0), `complex matrices are not supported (${what})`);
  }
  if (info.rows > INT32_MAX) throw new ResourceError('mmread', 'rows', info.rows, INT32_MAX);
  if (info.cols > INT32_MAX) throw new ResourceError('mmread', 'cols', info.cols, INT32_MAX);
  src.start = h.pos;
  return info.format === 'coordinate' ? readCoordinate(src, h) : readArray(src, h);
}


/** Skip blank and comment lines after the data to the end of input; any data left is one entry too many. */
function checkTrailing(src: LineChunks, line: number, declared: number, what: string): void {
  for (;;) {
    const limit = src.limit();
    const b = src.view(limit);
    let p = src.start;
    if (p >= limit) return;
    while (p < limit) {
      const c = b[p]!;
      if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) p++;
      else if (c === 10) {
        p++;
        line++;
      } else if (c === 37) {
        while (p < limit && b[p] !== 10) p++;
      } else {
        throw parseErrorAt(b, p, line, `more ${what} than the ${declared} declared on the size line`);
      }
    }
    src.start = p;
  }
}

function tooFew(b: Uint8Array, p: number, line: number, pattern: boolean, found: number): ParseError {
  const want = pattern ? '2 (row, column)' : '3 (row, column, value)';
  return parseErrorAt(b, p, line, `too few numbers on the line: expected ${want}, found ${found}`);
}

function readCoordinate(src: LineChunks, h: Header): COOMatrix {
  const { rows: m, cols: n, symmetry } = h.info;
  const nnz = h.declared;
  const mirror = symmetry !== 'general';
  if (nnz > INT32_MAX || (mirror && 2 * nnz > INT32_MAX)) {
    throw new ResourceError('mmread', 'the number of stored entries', mirror ? 2 * nnz : nnz, INT32_MAX);
  }
  // An input of known length bounds the entries it can hold (each line takes at least 4 bytes):
  // never trust a size line beyond that. Otherwise start smaller and grow the arrays when needed.
  const possible = Math.min(nnz, Number.isFinite(src.bytesBound) ? Math.floor((src.bytesBound - h.pos) / 4) + 1 : 1 << 16);
  let cap = mirror ? 2 * possible : possible;
  let row: Int32Array = new Int32Array(cap);
  let col: Int32Array = new Int32Array(cap);
  let data: Float64Array = new Float64Array(cap);
  const st: ScanState = { k: 0, q: 0, line: h.line, err: 0, errPos: 0, errValue: 0, errIndex: 0 };
  while (st.k < nnz) {
    const limit = src.limit();
    const b = src.view(limit);
    if (src.start >= limit) {
      throw parseErrorAt(b, limit, st.line, `premature end of input: expected ${nnz} entries, found ${st.k}`);
    }
    // Room for every line of this chunk (two entries each when mirroring).
    const room = (mirror ? 2 : 1) * Math.min(nnz - st.k, Math.floor((limit - src.start) / 4) + 1);
    if (st.q + room > cap && cap < (mirror ? 2 * nnz : nnz)) {
      cap = Math.min(mirror ? 2 * nnz : nnz, Math.max(2 * cap, st.q + room));
      row = grow(row, cap);
      col = grow(col, cap);
      data = grow(data, cap);
    }
    src.start = coordinateLines(b, src.start, st, h, row, col, data);
  }
  checkTrailing(src, st.line, nnz, 'entries');
  const q = st.q;
  const whole = q === cap;
  return new COOMatrix({
    row: whole ? row : row.subarray(0, q),
    col: whole ? col : col.subarray(0, q),
    data: whole ? data : data.subarray(0, q),
    shape: [m, n],
  });
}

function grow<T extends Int32Array | Float64Array>(a: T, cap: number): T {
  const out = new (a.constructor as new (n: number) => T)(cap);
  out.set(a);
  return out;
}

/**
 * Parse entry lines of b[p .. b.length) (whole lines) until the declared count is reached; returns
 * where it stopped. The loop is {@link scanEntries}; this turns its error codes into ParseErrors.
 */
function coordinateLines(
  b: Uint8Array,
  p: number,
  st: ScanState,
  h: Header,
  row: Int32Array,
  col: Int32Array,
  data: Float64Array,
): number {
  const { rows: m, cols: n } = h.info;
  const mode = scanMode(h);
  const end = scanEntries(b, p, b.length, st, m, n, h.declared, mode, row, col, data);
  if (st.err !== 0) throw scanError(b, st, h);
  return end;
}

/** The {@link scanEntries} mode bits of a coordinate header. @internal */
export function scanMode(h: Header): number {
  const { symmetry, field } = h.info;
  return (
    (symmetry !== 'general' ? SCAN_MIRROR : 0) |
    (symmetry === 'skew-symmetric' ? SCAN_SKEW : 0) |
    (field === 'pattern' ? SCAN_PATTERN : 0) |
    (field === 'integer' ? SCAN_INTEGER : 0)
  );
}

/** The ParseError for a failed {@link scanEntries} (state `st`) over the bytes `b`. @internal */
export function scanError(b: Uint8Array, st: ScanState, h: Header): ParseError {
  const { rows: m, cols: n, field } = h.info;
  const pattern = field === 'pattern';
  const at = (reason: string): ParseError => parseErrorAt(b, st.errPos, st.line, reason);
  switch (st.err) {
    case SCAN.ROW_EXPECTED:
      return at('expected a row index (a positive integer)');
    case SCAN.COL_EXPECTED:
      return at('expected a column index (a positive integer)');
    case SCAN.TOO_FEW_1:
      return tooFew(b, st.errPos, st.line, pattern, 1);
    case SCAN.TOO_FEW_2:
      return tooFew(b, st.errPos, st.line, pattern, 2);
    case SCAN.ROW_RANGE:
      return at(`row index ${st.errValue} out of range [1, ${m}]`);
    case SCAN.COL_RANGE:
      return at(`column index ${st.errValue} out of range [1, ${n}]`);
    case SCAN.VALUE:
      return at(field === 'integer' ? 'expected an integer value' : 'expected a numeric value');
    case SCAN.SKEW_DIAGONAL:
      return at(`a skew-symmetric matrix has a zero diagonal, found ${st.errValue} at (${st.errIndex}, ${st.errIndex})`);
    default:
      return at(`unexpected text after the entry (expected ${pattern ? 2 : 3} numbers on the line)`);
  }
}

function readArray(src: LineChunks, h: Header): NdArray {
  const { rows: m, cols: n, symmetry, field } = h.info;
  if (m * n > INT32_MAX) throw new ResourceError('mmread', 'rows * cols', m * n, INT32_MAX);
  const total = h.declared;
  const out = new Float64Array(m * n);
  const integer = field === 'integer';
  const skew = symmetry === 'skew-symmetric';
  const sym = symmetry !== 'general';
  let line = h.line;
  // Column-major walk: (i, j); symmetric files list i >= j (skew: i > j).
  let j = 0;
  let i = skew ? 1 : 0;
  let k = 0;
  while (k < total) {
    const len = src.limit();
    const b = src.view(len);
    let p = src.start;
    if (p >= len) throw parseErrorAt(b, p, line, `premature end of input: expected ${total} values, found ${k}`);
    while (k < total) {
      let c = -1;
      while (p < len && ((c = b[p]!) === 32 || c === 9 || c === 13 || c === 11 || c === 12)) p++;
      if (p >= len) break;
      if (c === 10) {
        p++;
        line++;
        continue;
      }
      if (c === 37) {
        while (p < len && b[p] !== 10) p++;
        continue;
      }
      const v = integer ? parseIntegerBytes(b, p, len) : parseRealBytes(b, p, len);
      if (parseFailed) throw parseErrorAt(b, p, line, integer ? 'expected an integer value' : 'expected a numeric value');
      p = parseEnd;
      while (p < len && ((c = b[p]!) === 32 || c === 9 || c === 13 || c === 11 || c === 12)) p++;
      if (p < len) {
        if (c !== 10) throw parseErrorAt(b, p, line, 'unexpected text after the value (expected one value per line)');
        p++;
        line++;
      }
      out[i * n + j] = v;
      if (sym && i !== j) out[j * n + i] = skew ? -v : v;
      k++;
      if (++i === m) {
        j++;
        i = sym ? j + (skew ? 1 : 0) : 0;
      }
    }
    src.start = p;
  }
  checkTrailing(src, line, total, 'values');
  return toNdarray({ rows: m, cols: n, data: out });
}
