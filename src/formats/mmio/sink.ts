/**
 * A reusable byte buffer the Matrix Market writer fills with ASCII text (numbers written digit by
 * digit), handed out in chunks.
 *
 * @module
 * @internal
 */

/** Bytes kept free at the end of the buffer: more than the longest line the writer produces. */
const SLACK = 512;

/** ASCII text into a fixed buffer; `full` says when to hand the chunk out and `reset()`. @internal */
export class ByteSink {
  readonly buf: Uint8Array;
  pos = 0;

  constructor(size = 1 << 20) {
    this.buf = new Uint8Array(Math.max(size, 4 * SLACK));
  }

  /** Time to hand out the chunk (less than one long line of room left). */
  get full(): boolean {
    return this.pos > this.buf.length - SLACK;
  }

  /** The bytes written since the last reset (a view, valid until the next write). */
  chunk(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }

  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  /** An ASCII string (number text: digits, signs, '.', 'e', letters of inf/nan). */
  ascii(s: string): void {
    const b = this.buf;
    let p = this.pos;
    for (let k = 0; k < s.length; k++) b[p++] = s.charCodeAt(k);
    this.pos = p;
  }

  /** A non-negative integer below 2^53, in decimal. */
  uint(n: number): void {
    const b = this.buf;
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    let q = this.pos + digits;
    this.pos = q;
    do {
      const d = n % 10;
      b[--q] = 48 + d;
      n = (n - d) / 10;
    } while (n > 0);
  }

  /**
   * A value: integers below 2^53 digit by digit, anything else as the text `format` gives. Returns
   * nothing; the caller guarantees room (see `full`).
   */
  value(v: number, format: (v: number) => string): void {
    if (Number.isInteger(v) && v < 9007199254740992 && v > -9007199254740992 && !(v === 0 && 1 / v < 0)) {
      if (v < 0) {
        this.buf[this.pos++] = 45;
        this.uint(-v);
      } else this.uint(v);
    } else this.ascii(format(v));
  }
}
