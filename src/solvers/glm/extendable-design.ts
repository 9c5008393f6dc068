/**
 * A dense least-squares design (no centring, no weights) whose columns are appended in place: a
 * screened path whose column set grows between rounds reuses the columns it already copied
 * (and, under the WASM kernels, already placed in WASM memory) instead of preparing the whole
 * design again, and reads columns and Xᵀr products from the same copy.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/errors.js';
import { allocF64, AUTO_RESIDENT_LENGTH, discardF64, isResidentF64 } from '../../kernels/runtime/memory.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { fullGradient, type Design, simdKernels } from './design.js';
import { PreparedDesign } from './prepared-design.js';

/**
 * n x p dense design stored column-major with room for more columns. {@link handle} gives a
 * {@link PreparedDesign} (fitIntercept false) on the current columns for {@link lassoPath} and
 * {@link lasso}; a handle reads the storage in place and must not be used after the next
 * {@link append} (which may move it) or {@link release}. @internal
 */
export class ExtendableDesign {
  readonly n: number;
  #buf: Float64Array;
  #colSq: Float64Array;
  #p = 0;
  #released = false;
  /** A length-n vector in the same memory as the columns (the WASM Xᵀr kernel reads it there). */
  #r: Float64Array;

  /** An empty n-row design with room for `capacity` columns before it must move. */
  constructor(n: number, capacity: number) {
    this.n = n;
    const cap = Math.max(capacity, 1);
    this.#buf = allocColumns(n * cap);
    this.#colSq = new Float64Array(cap);
    this.#r = isResidentF64(this.#buf) ? allocF64(n, false, 0) : new Float64Array(n);
  }

  /** Columns so far. */
  get p(): number {
    return this.#p;
  }

  /**
   * Append `count` columns: `write` fills `out` (n·count doubles, column-major: column t at
   * out[t·n .. t·n + n)). O(n·count), plus a copy of the existing columns when there is no room.
   */
  append(count: number, write: (out: Float64Array) => void): void {
    this.#live();
    const { n } = this;
    const p = this.#p;
    if ((p + count) * n > this.#buf.length || p + count > this.#colSq.length) {
      const cap = Math.max(2 * this.#colSq.length, p + count);
      const buf = allocColumns(n * cap);
      buf.set(this.#buf.subarray(0, p * n));
      discardF64(this.#buf);
      this.#buf = buf;
      const sq = new Float64Array(cap);
      sq.set(this.#colSq.subarray(0, p));
      this.#colSq = sq;
    }
    const out = this.#buf.subarray(p * n, (p + count) * n);
    write(out);
    for (let t = 0; t < count; t++) {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += out[t * n + i]! * out[t * n + i]!;
      this.#colSq[p + t] = ss;
    }
    this.#p = p + count;
  }

  /** Column j (a view of the storage, valid until the next append). */
  column(j: number): Float64Array {
    return this.#buf.subarray(j * this.n, (j + 1) * this.n);
  }

  /**
   * out[t] = x_{from+t}ᵀ·r for t < count (the WASM SIMD kernel when the columns are in WASM
   * memory). O(n·count).
   */
  columnDots(r: Float64Array, from: number, count: number, out: Float64Array = new Float64Array(count)): Float64Array {
    this.#live();
    this.#r.set(r);
    return fullGradient(this.#view(from, count), this.#r, 0, out);
  }

  /** A {@link PreparedDesign} (fitIntercept false) on the current columns, reading them in place. */
  handle(): PreparedDesign {
    this.#live();
    return new PreparedDesign(this.#view(0, this.#p), null, false);
  }

  /** Free the WASM memory now (idempotent); the design and its handles cannot be used afterwards. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    discardF64(this.#buf);
    discardF64(this.#r);
  }

  #live(): void {
    if (this.#released) throw new ArgumentError('ExtendableDesign', 'released', 'a design not yet released');
  }

  /** The working design of columns from..from+count (makeDesign's form for fitIntercept false). */
  #view(from: number, count: number): Design {
    const { n } = this;
    const dense = this.#buf.subarray(from * n, (from + count) * n);
    const wasm = isResidentF64(dense) ? getWasm() : null;
    return {
      n, p: count, dense, indptr: null, indices: null, data: null, S: null, mu: new Float64Array(count), centred: false,
      v: new Float64Array(n).fill(1), vv: n, xMean: new Float64Array(count), colSq: this.#colSq.subarray(from, from + count),
      simd: wasm ? simdKernels(wasm) : null,
    };
  }
}

/** Column storage, in WASM memory when the WASM kernels are in use (as makeDesign's resident copy). */
function allocColumns(len: number): Float64Array {
  return getWasm() ? allocF64(len, false, AUTO_RESIDENT_LENGTH) : new Float64Array(len);
}
