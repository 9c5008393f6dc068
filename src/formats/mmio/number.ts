/**
 * Correctly rounded decimal -> double conversion straight from bytes, for the Matrix Market reader.
 *
 * `parseRealBytes` scans one number token and returns exactly what `Number()` / `parseFloat` would
 * return for it (bit for bit), without building a string in the common cases:
 *
 * - Clinger's fast path: at most 2^53 as an integer mantissa M and a power of ten 10^e with
 *   |e| <= 22: both are exact doubles, so one IEEE multiplication or division rounds correctly.
 * - Long mantissas (16 to 19 significant digits, M >= 2^53, the usual output of `%.17g` and of
 *   shortest round-trip printers) with -22 <= e < 0: M is held exactly as a double-double, the
 *   candidate q = RN(M / 10^-e) is verified (and moved by one ulp if needed) by computing the exact
 *   remainder M - q·10^-e with error-free transformations; a candidate is accepted only when the
 *   remainder is clearly inside the rounding interval, so halfway and near-halfway cases are left to
 *   the fallback.
 * - Anything else (more than 19 significant digits, large exponents, `inf`/`nan`): the token is
 *   turned into a string and handed to `Number()`.
 *
 * Fortran exponents (`1.0D+03`, `1d-2`) are accepted.
 *
 * The file also holds {@link scanEntries}, the hot loop of the coordinate reader. Nothing here
 * imports anything: {@link scannerSource} returns the source text of these functions (plus
 * {@link SCANNER_TABLES}, the tables above), which the parallel file reader evaluates in a worker.
 *
 * @module
 * @internal
 */

/** Exact powers of ten 10^0 .. 10^22. @internal */
export const POW10 = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p;

const TWO53 = 9007199254740992;
const SPLIT = 134217729; // 2^27 + 1, Veltkamp split constant

// Bit view for exponent extraction.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

/** 2^(k - 1100) for k in 0..2200: exact powers of two without calling Math.pow. */
const POW2 = new Float64Array(2201);
for (let k = 0; k <= 2200; k++) POW2[k] = 2 ** (k - 1100);

/** Where the last call to {@link parseRealBytes} stopped (index of the first byte after the token). @internal */
export let parseEnd = 0;

/** NaN result marker: a token that is not a number. Test with `parseFailed`. @internal */
export let parseFailed = false;

/**
 * Verdict on candidate c for M / P (M = mh + ml exactly, P an exact power of ten): 0 when c is the
 * correctly rounded quotient, +1 when it must go up one ulp, -1 down, 2 when too close to call.
 */
function verifyQuotient(c: number, mh: number, ml: number, P: number): number {
  // (b, be) = c * P exactly (Dekker's product with Veltkamp splitting).
  const b = c * P;
  let t = SPLIT * c;
  const ch = t - (t - c);
  const cl = c - ch;
  t = SPLIT * P;
  const ph = t - (t - P);
  const pl = P - ph;
  const be = ((ch * ph - b) + ch * pl + cl * ph) + cl * pl;
  // D = M - c*P; mh - b is exact (Sterbenz), the rest is tiny and its rounding error far below margin.
  const D = ((mh - b) + ml) - be;
  f64[0] = c;
  const hi = u32[HI]!;
  const E = ((hi >>> 20) & 0x7ff) - 1023;
  const up = POW2[E - 52 + 1100]!;
  const down = (hi & 0xfffff) === 0 && u32[LO] === 0 ? up * 0.5 : up;
  const halfUp = up * P * 0.5;
  const halfDown = down * P * 0.5;
  if (D >= 0) {
    const margin = halfUp * 9.5367431640625e-7; // 2^-20
    if (D < halfUp - margin) return 0;
    if (D > halfUp + margin) return 1;
    return 2;
  }
  const margin = halfDown * 9.5367431640625e-7;
  if (-D < halfDown - margin) return 0;
  if (-D > halfDown + margin) return -1;
  return 2;
}

/** Exact M / P for an integer M = hi·10^k + lo with 2^53 <= M < 10^19, or NaN when undecided. @internal */
export function longQuotient(hi: number, k: number, lo: number, P: number): number {
  // M = mh + ml exactly: hi * 10^k by Dekker's product (exact), then add lo.
  const Q = POW10[k]!;
  const p = hi * Q;
  let t = SPLIT * hi;
  const hh = t - (t - hi);
  const hl = hi - hh;
  t = SPLIT * Q;
  const qh = t - (t - Q);
  const ql = Q - qh;
  const pe = ((hh * qh - p) + hh * ql + hl * qh) + hl * ql;
  const x = pe + lo; // integers below 2^15 in magnitude: exact
  // TwoSum(p, x) -> (mh, ml)
  const mh = p + x;
  const bv = mh - p;
  const ml = (p - (mh - bv)) + (x - bv);
  let c = mh / P;
  for (let iter = 0; iter < 3; iter++) {
    const v = verifyQuotient(c, mh, ml, P);
    if (v === 0) return c;
    if (v === 2) return NaN;
    f64[0] = c;
    const E = ((u32[HI]! >>> 20) & 0x7ff) - 1023;
    const up = POW2[E - 52 + 1100]!;
    if (v === 1) c += up;
    else c -= (u32[HI]! & 0xfffff) === 0 && u32[LO] === 0 ? up * 0.5 : up;
  }
  return NaN;
}

function isSpaceOrEnd(c: number | undefined): boolean {
  return c === undefined || c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** Slow path: the token as a string through `Number()` (after mapping Fortran D to e). */
function fallback(b: Uint8Array, start: number, end: number): number {
  let s = '';
  for (let q = start; q < end; q++) {
    const c = b[q]!;
    s += c === 68 || c === 100 ? 'e' : String.fromCharCode(c);
  }
  return Number(s);
}

/** Match a case-insensitive word (lower-case ASCII `w`) at b[p..]. */
function matchWord(b: Uint8Array, p: number, w: string): boolean {
  for (let t = 0; t < w.length; t++) if (((b[p + t] ?? 0) | 32) !== w.charCodeAt(t)) return false;
  return true;
}

/**
 * Parse one real number token starting at `b[p]` (no leading whitespace) and ending at whitespace
 * or the end of input. Returns the value and sets {@link parseEnd}; on a malformed token sets
 * {@link parseFailed} and returns NaN. Accepts `[+-]digits[.digits][(e|E|d|D)[+-]digits]`, also
 * `.5` and `5.`, and `inf`, `infinity`, `nan` in any case. @internal
 */
export function parseRealBytes(b: Uint8Array, p: number, end: number): number {
  const start = p;
  parseFailed = false;
  let c = b[p];
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    c = b[++p];
  }
  // Mantissa: hi holds the first 15 significant digits, lo the next up to 4.
  let hi = 0;
  let lo = 0;
  let nSig = 0; // significant digits stored
  let nLo = 0; // digits in lo
  let exp10 = 0;
  let digits = 0; // all mantissa digits seen
  let tooLong = false;
  let d = 0;
  while (p < end && (d = b[p]! - 48) >= 0 && d <= 9) {
    digits++;
    if (nSig === 0 && d === 0) {
      p++;
      continue;
    }
    if (nSig < 15) hi = hi * 10 + d;
    else if (nSig < 19) {
      lo = lo * 10 + d;
      nLo++;
    } else {
      tooLong = true;
      exp10++;
    }
    nSig++;
    p++;
  }
  if (p < end && b[p] === 46) {
    p++;
    while (p < end && (d = b[p]! - 48) >= 0 && d <= 9) {
      digits++;
      p++;
      if (nSig === 0 && d === 0) {
        exp10--;
        continue;
      }
      if (nSig < 15) hi = hi * 10 + d;
      else if (nSig < 19) {
        lo = lo * 10 + d;
        nLo++;
      } else {
        tooLong = true;
        continue;
      }
      nSig++;
      exp10--;
    }
  }
  if (digits === 0) {
    // inf / infinity / nan
    if (matchWord(b, p, 'infinity') && isSpaceOrEnd(p + 8 < end ? b[p + 8] : undefined)) {
      parseEnd = p + 8;
      return neg ? -Infinity : Infinity;
    }
    if (matchWord(b, p, 'inf') && isSpaceOrEnd(p + 3 < end ? b[p + 3] : undefined)) {
      parseEnd = p + 3;
      return neg ? -Infinity : Infinity;
    }
    if (matchWord(b, p, 'nan') && isSpaceOrEnd(p + 3 < end ? b[p + 3] : undefined)) {
      parseEnd = p + 3;
      return NaN;
    }
    parseFailed = true;
    parseEnd = p;
    return NaN;
  }
  c = p < end ? b[p] : undefined;
  if (c === 101 || c === 69 || c === 100 || c === 68) {
    p++;
    let eneg = false;
    c = p < end ? b[p] : undefined;
    if (c === 45 || c === 43) {
      eneg = c === 45;
      p++;
    }
    let e = 0;
    let ed = 0;
    while (p < end && (d = b[p]! - 48) >= 0 && d <= 9) {
      if (e < 100000) e = e * 10 + d;
      ed++;
      p++;
    }
    if (ed === 0) {
      parseFailed = true;
      parseEnd = p;
      return NaN;
    }
    exp10 += eneg ? -e : e;
  }
  parseEnd = p;
  if (p < end && !isSpaceOrEnd(b[p])) {
    parseFailed = true;
    return NaN;
  }
  if (nSig === 0) return neg ? -0 : 0;
  let v: number;
  if (tooLong) {
    v = fallback(b, start, p);
    return v;
  }
  if (nLo === 0) {
    // M = hi < 10^15: Clinger's fast path.
    if (exp10 === 0) v = hi;
    else if (exp10 > 0 && exp10 <= 22) v = hi * POW10[exp10]!;
    else if (exp10 < 0 && exp10 >= -22) v = hi / POW10[-exp10]!;
    else return fallback(b, start, p);
    return neg ? -v : v;
  }
  const m = hi * POW10[nLo]! + lo;
  if (m < TWO53) {
    if (exp10 === 0) v = m;
    else if (exp10 > 0 && exp10 <= 22) v = m * POW10[exp10]!;
    else if (exp10 < 0 && exp10 >= -22) v = m / POW10[-exp10]!;
    else return fallback(b, start, p);
    return neg ? -v : v;
  }
  if (exp10 < 0 && exp10 >= -22) {
    v = longQuotient(hi, nLo, lo, POW10[-exp10]!);
    if (v === v) return neg ? -v : v;
  }
  return fallback(b, start, p);
}

/**
 * Parse one integer token `[+-]digits` at `b[p]` (the `integer` field). Exact up to 2^53; longer
 * tokens are rounded correctly through `Number()`. Sets {@link parseEnd} / {@link parseFailed}. @internal
 */
export function parseIntegerBytes(b: Uint8Array, p: number, end: number): number {
  const start = p;
  parseFailed = false;
  let c = b[p];
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    p++;
  }
  const s = p;
  let v = 0;
  let d = 0;
  while (p < end && (d = b[p]! - 48) >= 0 && d <= 9) {
    v = v * 10 + d;
    p++;
  }
  parseEnd = p;
  if (p === s || (p < end && !isSpaceOrEnd(b[p]))) {
    parseFailed = true;
    return NaN;
  }
  if (p - s > 15) v = fallback(b, start, p);
  else if (neg) v = -v;
  return v;
}

/** The module-level tables of this file as source text, for workers (the tests check it matches). @internal */
export const SCANNER_TABLES = `
const POW10 = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p;
const TWO53 = 9007199254740992;
const SPLIT = 134217729;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;
const POW2 = new Float64Array(2201);
for (let k = 0; k <= 2200; k++) POW2[k] = 2 ** (k - 1100);
let parseEnd = 0;
let parseFailed = false;
`;

/** Error codes {@link scanEntries} leaves in `ScanState.err` (0: none). @internal */
export const SCAN = {
  ROW_EXPECTED: 1,
  COL_EXPECTED: 2,
  TOO_FEW_1: 3,
  TOO_FEW_2: 4,
  ROW_RANGE: 5,
  COL_RANGE: 6,
  VALUE: 7,
  SKEW_DIAGONAL: 8,
  TRAILING: 9,
} as const;

/** Mode bits of {@link scanEntries}. @internal */
export const SCAN_MIRROR = 1;
/** @internal */
export const SCAN_SKEW = 2;
/** @internal */
export const SCAN_PATTERN = 4;
/** @internal */
export const SCAN_INTEGER = 8;

/**
 * Scanner state carried from one chunk to the next: entries read `k`, stored `q`, current line;
 * on failure `err` (a {@link SCAN} code), the byte `errPos` to quote, and the offending number
 * `errValue` (an index or value) with `errIndex` (the row, for the skew diagonal). @internal
 */
export interface ScanState {
  k: number;
  q: number;
  line: number;
  err: number;
  errPos: number;
  errValue: number;
  errIndex: number;
}

function scanFail(st: ScanState, code: number, pos: number, value: number, index: number, k: number, q: number, line: number): number {
  st.err = code;
  st.errPos = pos;
  st.errValue = value;
  st.errIndex = index;
  st.k = k;
  st.q = q;
  st.line = line;
  return pos;
}

/**
 * Parse coordinate entry lines of b[p .. len) (whole lines) until `nnz` entries have been read in
 * all (`st.k` counts them), storing 0-based (row, col, value) at `st.q` onwards (two entries for an
 * off-diagonal entry with `SCAN_MIRROR`; negated with `SCAN_SKEW`). Returns where it stopped; on
 * malformed input sets `st.err` and returns (the caller builds the message). The hot loop of the
 * reader: locals only, no closures, no imports. @internal
 */
export function scanEntries(
  b: Uint8Array,
  p: number,
  len: number,
  st: ScanState,
  m: number,
  n: number,
  nnz: number,
  mode: number,
  row: Int32Array,
  col: Int32Array,
  data: Float64Array,
): number {
  const mirror = (mode & 1) !== 0;
  const skew = (mode & 2) !== 0;
  const pattern = (mode & 4) !== 0;
  const integer = (mode & 8) !== 0;
  let k = st.k;
  let q = st.q;
  let line = st.line;
  while (k < nnz) {
    let c = p < len ? b[p]! : -1;
    if (c < 48 || c > 57) {
      // Blank line, comment line, or leading blanks before the row index.
      while (p < len && ((c = b[p]!) === 32 || c === 9 || c === 13 || c === 11 || c === 12)) p++;
      if (p >= len) break;
      c = b[p]!;
      if (c === 10) {
        p++;
        line++;
        continue;
      }
      if (c === 37) {
        while (p < len && b[p] !== 10) p++;
        continue;
      }
      if (c < 48 || c > 57) return scanFail(st, 1, p, 0, 0, k, q, line);
    }
    // Row index.
    let i = 0;
    let d = 0;
    let s = p;
    while (p < len && (d = b[p]! - 48) >= 0 && d <= 9) {
      i = i * 10 + d;
      p++;
    }
    c = p < len ? b[p]! : 10;
    if (c !== 32 && c !== 9) return scanFail(st, c === 10 || c === 13 ? 3 : 1, p, 0, 0, k, q, line);
    if (i < 1 || i > m) return scanFail(st, 5, s, i, 0, k, q, line);
    do p++;
    while (p < len && ((c = b[p]!) === 32 || c === 9));
    // Column index.
    let j = 0;
    s = p;
    while (p < len && (d = b[p]! - 48) >= 0 && d <= 9) {
      j = j * 10 + d;
      p++;
    }
    if (p === s) return scanFail(st, p >= len || c === 10 || c === 13 ? 3 : 2, p, 0, 0, k, q, line);
    c = p < len ? b[p]! : 10;
    if ((j < 1 || j > n) && (c === 32 || c === 9 || c === 10 || c === 13)) return scanFail(st, 6, s, j, 0, k, q, line);
    // Value.
    let v = 1;
    if (!pattern) {
      if (c !== 32 && c !== 9) return scanFail(st, c === 10 || c === 13 ? 4 : 2, p, 0, 0, k, q, line);
      do p++;
      while (p < len && ((c = b[p]!) === 32 || c === 9));
      if (p >= len || c === 10 || c === 13) return scanFail(st, 4, p, 0, 0, k, q, line);
      s = p;
      // Fast path for [-]digits[.digits][(e|E|d|D)[+-]digits] with at most 19 mantissa digits
      // (leading zeros included) and a net power of ten within ±22: the mantissa is exact in hi
      // (15 digits) and lo (4 more), and Clinger's product/quotient or the verified long
      // quotient rounds correctly. Anything else is re-read by the general scanners.
      let fast = false;
      if (!integer) {
        let neg = false;
        if (c === 45) {
          neg = true;
          p++;
        }
        let hi = 0;
        let lo = 0;
        let nd = 0;
        let dot = -1;
        while (p < len) {
          d = b[p]! - 48;
          if (d >= 0 && d <= 9) {
            if (nd < 15) hi = hi * 10 + d;
            else lo = lo * 10 + d;
            nd++;
            p++;
          } else if (d === -2 && dot < 0) {
            dot = nd;
            p++;
          } else break;
        }
        c = p < len ? b[p]! : 10;
        // value = M · 10^x, x = exponent - digits after the dot.
        let x = dot < 0 ? 0 : dot - nd;
        if (nd > 0 && (c === 101 || c === 69 || c === 100 || c === 68)) {
          // Exponent (e, E, or Fortran's d, D), a few digits.
          p++;
          let eneg = false;
          c = p < len ? b[p]! : 10;
          if (c === 45 || c === 43) {
            eneg = c === 45;
            p++;
          }
          let ex = 0;
          const es = p;
          while (p < len && (d = b[p]! - 48) >= 0 && d <= 9 && p - es < 4) {
            ex = ex * 10 + d;
            p++;
          }
          c = p < len ? b[p]! : 10;
          if (p === es) c = 0; // no exponent digits: not a number, let the scanner say so
          x += eneg ? -ex : ex;
        }
        if (nd > 0 && nd <= 19 && x >= -22 && x <= 22 && (c === 32 || c === 9 || c === 10 || c === 13)) {
          if (nd <= 15) {
            v = x === 0 ? hi : x < 0 ? hi / POW10[-x]! : hi * POW10[x]!;
            fast = true;
          } else {
            const M = hi * POW10[nd - 15]! + lo;
            if (M < 9007199254740992) {
              v = x === 0 ? M : x < 0 ? M / POW10[-x]! : M * POW10[x]!;
              fast = true;
            } else if (x < 0) {
              v = longQuotient(hi, nd - 15, lo, POW10[-x]!);
              fast = v === v;
            }
          }
          if (neg) v = -v;
        }
      }
      if (!fast) {
        p = s;
        v = integer ? parseIntegerBytes(b, p, len) : parseRealBytes(b, p, len);
        if (parseFailed) return scanFail(st, 7, p, 0, 0, k, q, line);
        p = parseEnd;
      }
      if (skew && i === j && v !== 0) return scanFail(st, 8, s, v, i, k, q, line);
    } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      return scanFail(st, 2, p, 0, 0, k, q, line);
    }
    // End of line.
    while (p < len && ((c = b[p]!) === 32 || c === 9 || c === 13 || c === 11 || c === 12)) p++;
    if (p < len) {
      if (c !== 10) return scanFail(st, 9, p, 0, 0, k, q, line);
      p++;
      line++;
    }
    i--;
    j--;
    row[q] = i;
    col[q] = j;
    data[q++] = v;
    if (mirror && i !== j) {
      row[q] = j;
      col[q] = i;
      data[q++] = skew ? -v : v;
    }
    k++;
  }
  st.k = k;
  st.q = q;
  st.line = line;
  return p;
}

/**
 * Source text defining the tables and every function of this file (a script: no imports, no
 * exports), for evaluation in a worker; `scanEntries` is then in scope. @internal
 */
export function scannerSource(): string {
  const fns = [verifyQuotient, longQuotient, isSpaceOrEnd, fallback, matchWord, parseRealBytes, parseIntegerBytes, scanFail, scanEntries];
  return `${SCANNER_TABLES}\n${fns.map((f) => f.toString()).join('\n')}\n`;
}
