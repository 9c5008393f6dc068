/**
 * The Matrix Market header: the `%%MatrixMarket` banner, comment lines and the size line.
 *
 * @module
 */
import { isBlank, parseErrorAt } from './source.js';

/** Storage layout of a Matrix Market file: sparse triplets or a dense column-major list. */
export type MatrixMarketFormat = 'coordinate' | 'array';
/** Value type of a Matrix Market file (`complex` is recognised by `mminfo` but not read). */
export type MatrixMarketField = 'real' | 'integer' | 'pattern' | 'complex';
/** Symmetry of a Matrix Market file (`hermitian` is recognised by `mminfo` but not read). */
export type MatrixMarketSymmetry = 'general' | 'symmetric' | 'skew-symmetric' | 'hermitian';

/** What the header of a Matrix Market file says (see `mminfo`). */
export interface MatrixMarketInfo {
  /** Number of rows. */
  rows: number;
  /** Number of columns. */
  cols: number;
  /** Entries declared on the size line (coordinate), or rows·cols (array), as SciPy's `mminfo`. */
  entries: number;
  /** `'coordinate'` (sparse) or `'array'` (dense). */
  format: MatrixMarketFormat;
  /** `'real'`, `'integer'`, `'pattern'` or `'complex'` (`double` in a banner reads as `real`). */
  field: MatrixMarketField;
  /** `'general'`, `'symmetric'`, `'skew-symmetric'` or `'hermitian'`. */
  symmetry: MatrixMarketSymmetry;
  /** The comment lines between the banner and the size line, without their leading `%`, joined by newlines. */
  comment: string;
}

/** A parsed header and where the data starts. @internal */
export interface Header {
  info: MatrixMarketInfo;
  /** Byte offset of the first line after the size line. */
  pos: number;
  /** 1-based number of that line. */
  line: number;
  /** Entries declared on the size line (coordinate) or values expected (array), exactly as the file states them. */
  declared: number;
}

const FORMATS: Record<string, MatrixMarketFormat> = { coordinate: 'coordinate', array: 'array' };
const FIELDS: Record<string, MatrixMarketField> = { real: 'real', double: 'real', integer: 'integer', pattern: 'pattern', complex: 'complex' };
const SYMMETRIES: Record<string, MatrixMarketSymmetry> = {
  general: 'general',
  symmetric: 'symmetric',
  'skew-symmetric': 'skew-symmetric',
  hermitian: 'hermitian',
};

function lineEnd(b: Uint8Array, p: number): number {
  while (p < b.length && b[p] !== 10) p++;
  return p;
}

function decodeLine(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder('utf-8').decode(b.subarray(s, e)).replace(/\r$/, '');
}

/**
 * Parse the banner, comments and size line. Throws ParseError with the line number and text on
 * any malformation; accepts `complex`/`hermitian` (the caller decides whether it can read them).
 * With `partial` (b holds only the first complete lines of the input), returns null when the size
 * line is not among them yet.
 * @internal
 */
export function readHeader(b: Uint8Array, partial?: false): Header;
export function readHeader(b: Uint8Array, partial: boolean): Header | null;
export function readHeader(b: Uint8Array, partial = false): Header | null {
  if (b.length === 0) throw parseErrorAt(b, 0, 0, "empty input: expected a '%%MatrixMarket matrix <format> <field> <symmetry>' banner");
  let p = 0;
  // Skip a UTF-8 byte-order mark.
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) p = 3;
  const e1 = lineEnd(b, p);
  const banner = decodeLine(b, p, e1).trim();
  const words = banner.split(/\s+/);
  const usage = "expected a banner '%%MatrixMarket matrix <format> <field> <symmetry>'";
  if (words[0]?.toLowerCase() !== '%%matrixmarket') throw parseErrorAt(b, p, 1, usage);
  if (words.length !== 5) throw parseErrorAt(b, p, 1, `${usage} with 4 words after %%MatrixMarket, found ${words.length - 1}`);
  const [, object, fmt, fld, sym] = words.map((w) => w.toLowerCase()) as [string, string, string, string, string];
  if (object !== 'matrix') throw parseErrorAt(b, p, 1, `unknown object '${words[1]}' (expected 'matrix')`);
  const format = FORMATS[fmt];
  if (!format) throw parseErrorAt(b, p, 1, `unknown format '${words[2]}' (expected 'coordinate' or 'array')`);
  const field = FIELDS[fld];
  if (!field) throw parseErrorAt(b, p, 1, `unknown field '${words[3]}' (expected 'real', 'integer', 'pattern' or 'complex')`);
  const symmetry = SYMMETRIES[sym];
  if (!symmetry) {
    throw parseErrorAt(b, p, 1, `unknown symmetry '${words[4]}' (expected 'general', 'symmetric', 'skew-symmetric' or 'hermitian')`);
  }
  if (format === 'array' && field === 'pattern') throw parseErrorAt(b, p, 1, "field 'pattern' is not allowed with format 'array'");

  // Comments and blank lines, then the size line.
  let line = 2;
  p = e1 < b.length ? e1 + 1 : e1;
  const comments: string[] = [];
  for (;;) {
    if (p >= b.length) {
      if (partial) return null;
      const want = format === 'coordinate' ? "'rows cols entries'" : "'rows cols'";
      throw parseErrorAt(b, p, line, `premature end of input: expected the size line ${want}`);
    }
    const e = lineEnd(b, p);
    if (b[p] === 37) {
      comments.push(decodeLine(b, p + 1, e));
    } else {
      let q = p;
      while (q < e && isBlank(b[q]!)) q++;
      if (q < e) break; // the size line
    }
    p = e + 1;
    line++;
  }
  const e = lineEnd(b, p);
  const want = format === 'coordinate' ? 3 : 2;
  const sizes: number[] = [];
  let q = p;
  const sizeUsage = format === 'coordinate' ? "a size line 'rows cols entries'" : "a size line 'rows cols'";
  for (;;) {
    while (q < e && isBlank(b[q]!)) q++;
    if (q >= e) break;
    const start = q;
    let v = 0;
    while (q < e && b[q]! >= 48 && b[q]! <= 57) v = v * 10 + (b[q++]! - 48);
    if (q === start || (q < e && !isBlank(b[q]!))) {
      const neg = b[start] === 45;
      throw parseErrorAt(b, p, line, `expected ${sizeUsage} of ${want} non-negative integers${neg ? ', found a negative size' : ''}`);
    }
    sizes.push(v);
  }
  if (sizes.length !== want) throw parseErrorAt(b, p, line, `expected ${sizeUsage} of ${want} non-negative integers, found ${sizes.length}`);
  const rows = sizes[0]!;
  const cols = sizes[1]!;
  if (symmetry !== 'general' && rows !== cols) {
    throw parseErrorAt(b, p, line, `a ${symmetry} matrix must be square, found ${rows} x ${cols}`);
  }
  let declared: number;
  if (format === 'coordinate') declared = sizes[2]!;
  else if (symmetry === 'general') declared = rows * cols;
  else if (symmetry === 'skew-symmetric') declared = (rows * (rows - 1)) / 2;
  else declared = (rows * (rows + 1)) / 2;
  return {
    info: { rows, cols, entries: format === 'coordinate' ? sizes[2]! : rows * cols, format, field, symmetry, comment: comments.join('\n') },
    pos: e < b.length ? e + 1 : e,
    line: line + 1,
    declared,
  };
}
