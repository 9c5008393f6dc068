/**
 * Byte input in chunks of whole lines, so that large files and strings are parsed through one
 * reusable buffer instead of being copied whole into memory first.
 *
 * @module
 * @internal
 */

/**
 * A pull source of bytes: writes at most `length` bytes into `buf` from `offset` and returns how
 * many it wrote, 0 at the end of input. `length` is always at least 4. @internal
 */
export type ByteSource = (buf: Uint8Array, offset: number, length: number) => number;

/** Chunk size: large enough to amortise reads, small enough to stay in cache. @internal */
export const CHUNK_BYTES = 1 << 20;

let cached: Uint8Array | null = null;

/**
 * One reusable chunk buffer for all streamed reads (they are synchronous, so never overlap): fresh
 * memory costs a page fault per 4 KiB on first touch, which on some machines is slower than parsing.
 * @internal
 */
export function chunkBuffer(): Uint8Array {
  if (cached === null) cached = new Uint8Array(CHUNK_BYTES);
  return cached;
}

/** A ByteSource encoding a string to UTF-8 piece by piece (no full-size copy). @internal */
export function stringSource(s: string): ByteSource {
  const enc = new TextEncoder();
  let pos = 0;
  return (buf, offset, length) => {
    if (pos >= s.length) return 0;
    const r = enc.encodeInto(pos === 0 ? s : s.substring(pos), buf.subarray(offset, offset + length));
    pos += r.read;
    return r.written;
  };
}

/**
 * A window of whole lines over a byte source. `buf[start .. limit)` holds complete lines (the last
 * one may lack its line break only at the end of input). @internal
 */
export class LineChunks {
  /** Current buffer (the input itself when it was given whole). */
  buf: Uint8Array;
  /** First byte not yet consumed. */
  start = 0;
  /** Bytes of `buf` holding data. */
  fill: number;
  /** No more input after `fill`. */
  eof: boolean;
  /** An upper bound on the total input bytes (Infinity when unknown). */
  bytesBound: number;
  private readonly source: ByteSource | null;

  /**
   * Whole input (`source` null, `initial` the bytes), or a source read through a working buffer
   * (`initial`: the buffer itself, or the size of a new one).
   */
  constructor(source: ByteSource | null, initial: Uint8Array | number, bytesBound = Infinity) {
    this.source = source;
    this.bytesBound = bytesBound;
    if (source === null) {
      this.buf = initial as Uint8Array;
      this.fill = this.buf.length;
      this.eof = true;
      this.bytesBound = this.fill;
    } else {
      this.buf = typeof initial === 'number' ? new Uint8Array(Math.max(64, initial)) : initial;
      this.fill = 0;
      this.eof = false;
    }
  }

  /**
   * The end of the complete lines available from `start`, reading more input when there is none;
   * at the end of input it is `fill` (possibly equal to `start`: nothing left).
   */
  limit(): number {
    for (;;) {
      if (this.eof) return this.fill;
      let e = this.fill;
      const b = this.buf;
      while (e > this.start && b[e - 1] !== 10) e--;
      if (e > this.start) return e;
      this.more();
    }
  }

  /** Read more input after the unconsumed bytes (compacting, and growing when the buffer is full). */
  more(): void {
    if (this.eof || this.source === null) {
      this.eof = true;
      return;
    }
    if (this.start > 0) {
      this.buf.copyWithin(0, this.start, this.fill);
      this.fill -= this.start;
      this.start = 0;
    }
    if (this.buf.length - this.fill < Math.max(4, this.buf.length >> 2)) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf.subarray(0, this.fill));
      this.buf = bigger;
    }
    const n = this.source(this.buf, this.fill, this.buf.length - this.fill);
    if (n <= 0) this.eof = true;
    else this.fill += n;
  }

  /** The buffer cut at `limit` (what parsers index, so `length` is the end of the data). */
  view(limit: number): Uint8Array {
    return limit === this.buf.length ? this.buf : this.buf.subarray(0, limit);
  }
}
