/**
 * Input handling shared by the Matrix Market reader and `mminfo`: text or bytes in, bytes out, and
 * `ParseError`s that quote the offending line.
 *
 * @module
 * @internal
 */
import { ArgumentError, ParseError } from '../../core/errors.js';

/** What `mmread` and `mminfo` accept: the file's text, or its raw bytes (UTF-8 / ASCII). */
export type MatrixMarketSource = string | Uint8Array;

/** The input as bytes: a Uint8Array is used as is, a string is encoded to UTF-8. @internal */
export function toBytes(input: MatrixMarketSource, name = 'input'): Uint8Array {
  if (input instanceof Uint8Array) {
    // A plain view of a subclass (e.g. Node's Buffer), so the parser's loops see one array type.
    return input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (ArrayBuffer.isView(input)) {
    const v = input as ArrayBufferView;
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  throw new ArgumentError(name, input, 'a string or a Uint8Array with the Matrix Market text');
}

/** The text of the line containing byte `pos` (without its line break), for error messages. @internal */
export function lineTextAt(b: Uint8Array, pos: number): string {
  if (pos >= b.length) {
    // At the end of input: the (possibly empty) last partial line.
    let s = b.length;
    while (s > 0 && b[s - 1] !== 10) s--;
    return decode(b, s, b.length);
  }
  let s = pos;
  while (s > 0 && b[s - 1] !== 10) s--;
  let e = pos;
  while (e < b.length && b[e] !== 10) e++;
  if (e > s && b[e - 1] === 13) e--;
  // Cap the decoded length; ParseError truncates to 200 characters anyway.
  return decode(b, s, Math.min(e, s + 400));
}

function decode(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder('utf-8').decode(b.subarray(s, e));
}

/** A ParseError for the line holding byte `pos`. @internal */
export function parseErrorAt(b: Uint8Array, pos: number, line: number, reason: string): ParseError {
  return new ParseError(line, lineTextAt(b, pos), reason);
}

/** True for the in-line blanks: space, tab, carriage return, vertical tab, form feed. @internal */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}
