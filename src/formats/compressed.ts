/**
 * Behaviour shared by CSR and CSC: both store lines along a "major" axis (rows for CSR, columns for
 * CSC) with `indptr`, `indices`, `data`. This base never imports its subclasses.
 *
 * @module
 */
import { installDispose } from '../core/dispose.js';
import { assertFinite, checkShape, toFloat64, toInt32 } from '../core/array.js';
import { allocFloat64 } from '../core/alloc.js';
import { ArgumentError, DisposedError, FormatError } from '../core/errors.js';
import { adoptArrays, recycleArrays } from '../kernels/runtime/result-pool.js';
import { releaseResident } from '../kernels/runtime/wasm/resident.js';
import {
  type Compressed,
  checkNnz,
  isCanonical,
  isSorted,
  mergeSortedDuplicates,
  transposeCompressed,
} from './convert.js';
import { type NdArray, toNdarray } from './dense.js';

/** Arrays and shape of a compressed (CSR or CSC) matrix, as accepted by the constructors. */
export interface CompressedInit {
  /** Line pointers, length (number of lines + 1); an Int32Array is adopted, other arrays are copied. */
  indptr: Int32Array | ArrayLike<number>;
  /** Minor-axis index of each stored entry; an Int32Array is adopted, other arrays are copied. */
  indices: Int32Array | ArrayLike<number>;
  /** Stored values; a Float64Array is adopted, other arrays are copied. */
  data: Float64Array | ArrayLike<number>;
  /** `[rows, cols]`, always explicit. */
  shape: readonly [number, number] | number[];
}

/** Options of `checkFormat`. */
export interface CheckFormatOptions {
  /** Accept NaN and ±Infinity values (default false). */
  allowNonFinite?: boolean;
}

/**
 * Structural facts a producer already knows, passed to a constructor so they need not be
 * recomputed. Wrong hints give wrong results: leave it out unless you know.
 */
export interface CompressedHint {
  /** Indices sorted within each line and no duplicates. */
  canonical?: boolean;
  /** Indices sorted within each line (duplicates allowed). */
  sorted?: boolean;
}

/**
 * Common base of {@link CSRMatrix} and {@link CSCMatrix} (not constructed directly): use it to
 * accept either compressed format.
 *
 * @example
 * ```ts
 * import { CompressedMatrix, csr, csc } from 'sparsity';
 * csr([[1, 0], [0, 1]]) instanceof CompressedMatrix; // => true
 * csc([[1, 0], [0, 1]]) instanceof CompressedMatrix; // => true
 * ```
 */
export abstract class CompressedMatrix {
  /** Line pointers: entries of line k are at positions indptr[k] .. indptr[k+1]-1. */
  readonly indptr: Int32Array;
  /** Minor-axis index of each stored entry. */
  readonly indices: Int32Array;
  /** Stored values. */
  readonly data: Float64Array;
  /** `[rows, cols]`. */
  readonly shape: readonly [number, number];
  /** Format tag: `'csr'` or `'csc'`. */
  abstract readonly format: 'csr' | 'csc';
  private canonicalCache: boolean | undefined;
  private sortedCache: boolean | undefined;

  /**
   * O(1) validation: lengths of `indptr` (lines + 1), `indices` and `data` (equal), `indptr[0] = 0`
   * and `indptr[last] = nnz`. Use `checkFormat(true)` for the O(nnz) check.
   * @throws {@link FormatError} or {@link ArgumentError} on inconsistent input.
   */
  constructor(init: CompressedInit, majorAxis: 0 | 1, hint?: CompressedHint) {
    if (init === null || typeof init !== 'object') throw new ArgumentError('init', init, 'an object { indptr, indices, data, shape }');
    this.shape = checkShape(init.shape);
    this.indptr = toInt32(init.indptr, 'indptr');
    this.indices = toInt32(init.indices, 'indices');
    this.data = toFloat64(init.data, 'data', true);
    const nMajor = this.shape[majorAxis];
    if (this.indptr.length !== nMajor + 1) {
      throw new FormatError('indptr', -1, `length ${nMajor + 1} (${majorAxis === 0 ? 'rows' : 'columns'} + 1)`, `length ${this.indptr.length}`);
    }
    if (this.indices.length !== this.data.length) {
      throw new FormatError('indices', -1, `the same length as data (${this.data.length})`, `length ${this.indices.length}`);
    }
    checkNnz(this.constructor.name, this.data.length);
    if (this.indptr[0] !== 0) throw new FormatError('indptr', 0, '0', this.indptr[0]);
    if (this.indptr[nMajor] !== this.data.length) {
      throw new FormatError('indptr', nMajor, `nnz = ${this.data.length}`, this.indptr[nMajor]);
    }
    this.canonicalCache = hint?.canonical;
    this.sortedCache = hint?.sorted ?? (hint?.canonical ? true : undefined);
    adoptArrays(this, this.indptr, this.indices, this.data);
  }

  /**
   * Give this matrix's memory back for the next results (also `using C = ...`, where the runtime
   * has `Symbol.dispose`). Arrays that the library allocated for this result (products,
   * conversions) go to the result pool, where the next large results reuse memory the process has
   * already touched instead of paying for fresh pages; they are detached first, so every view on
   * them, `C.data` included, then has length 0, and nothing can alias a later result. Arrays this
   * matrix shares with another (a `transpose()` view, arrays passed to a constructor) are left
   * alone. Afterwards every use of the matrix throws {@link DisposedError}. Idempotent.
   *
   * Dropping a matrix without `dispose()` is always safe: the garbage collector frees it as usual.
   *
   * @example
   * ```ts
   * import { csr, spgemm } from 'sparsity';
   * const A = csr([[1, 2], [0, 3]]);
   * for (let k = 0; k < 3; k++) {
   *   const C = spgemm(A, A);
   *   C.get(0, 1); // => 8
   *   C.dispose(); // the next product may reuse C's memory
   * }
   * ```
   */
  dispose(): void {
    if (this.disposed) return;
    const { indptr, indices, data } = this;
    releaseResident(indices, data);
    recycleArrays(this, indptr, indices, data);
    const name = this.constructor.name;
    const gone = (): never => {
      throw new DisposedError(name);
    };
    for (const key of ['indptr', 'indices', 'data'] as const) Object.defineProperty(this, key, { get: gone, configurable: true });
  }

  /** True once {@link CompressedMatrix.dispose} ran. */
  get disposed(): boolean {
    return Object.getOwnPropertyDescriptor(this, 'data')?.get !== undefined;
  }

  /** Number of stored entries (explicit zeros and duplicates included). */
  get nnz(): number {
    return this.data.length;
  }

  /** @internal */
  protected abstract get majorAxis(): 0 | 1;
  /** Number of lines along the compressed axis. @internal */
  protected get nMajor(): number {
    return this.shape[this.majorAxis];
  }
  /** @internal */
  protected get nMinor(): number {
    return this.shape[1 - this.majorAxis]!;
  }
  /** Build a matrix of the same format. @internal */
  protected abstract make(c: Compressed, shape: readonly [number, number], hint?: CompressedHint): this;

  /** The raw arrays. @internal */
  protected get arrays(): Compressed {
    return { indptr: this.indptr, indices: this.indices, data: this.data };
  }

  /**
   * Validate the structure. Always O(1) checks; with `full`, also O(nnz): `indptr` non-decreasing,
   * every index in range, no NaN/Infinity in `data` unless `allowNonFinite`.
   * @throws {@link FormatError} naming the array, the position and the offending value.
   */
  checkFormat(full = false, options: CheckFormatOptions = {}): void {
    const nMajor = this.nMajor;
    const nMinor = this.nMinor;
    if (this.indptr.length !== nMajor + 1) throw new FormatError('indptr', -1, `length ${nMajor + 1}`, this.indptr.length);
    if (this.indices.length !== this.data.length) throw new FormatError('indices', -1, `length ${this.data.length}`, this.indices.length);
    if (this.indptr[0] !== 0) throw new FormatError('indptr', 0, '0', this.indptr[0]);
    if (this.indptr[nMajor] !== this.data.length) throw new FormatError('indptr', nMajor, `nnz = ${this.data.length}`, this.indptr[nMajor]);
    if (!full) return;
    const { indptr, indices, data } = this;
    for (let k = 0; k < nMajor; k++) {
      if (indptr[k + 1]! < indptr[k]!) throw new FormatError('indptr', k + 1, `a value >= indptr[${k}] = ${indptr[k]}`, indptr[k + 1]);
    }
    const axis = this.majorAxis === 0 ? 'column' : 'row';
    for (let p = 0; p < indices.length; p++) {
      const j = indices[p]!;
      if (j < 0 || j >= nMinor) throw new FormatError('indices', p, `a ${axis} index in [0, ${nMinor})`, j);
    }
    if (!options.allowNonFinite) {
      for (let p = 0; p < data.length; p++) {
        const v = data[p]!;
        if (v - v !== 0) throw new FormatError('data', p, 'a finite value', v);
      }
    }
  }

  /** True when indices are sorted within every line and there are no duplicates (cached). O(nnz) once. */
  get hasCanonicalFormat(): boolean {
    if (this.canonicalCache === undefined) this.canonicalCache = isCanonical(this.arrays, this.nMajor);
    return this.canonicalCache;
  }

  /** True when indices are sorted within every line (duplicates allowed; cached). O(nnz) once. */
  get hasSortedIndices(): boolean {
    if (this.sortedCache === undefined) this.sortedCache = isSorted(this.arrays, this.nMajor);
    return this.sortedCache;
  }

  /**
   * A copy with indices sorted within each line (duplicates kept, adjacent). Returns `this` when
   * already sorted. O(nnz + rows + cols) by two counting transposes.
   */
  sortIndices(): this {
    if (this.hasSortedIndices) return this;
    const t = transposeCompressed(this.arrays, this.nMajor, this.nMinor);
    return this.make(transposeCompressed(t, this.nMinor, this.nMajor), this.shape, { sorted: true });
  }

  /**
   * Sort indices within each line in place (mutates `indices` and `data`, also seen by matrices
   * sharing the arrays, e.g. a `transpose()` view). O(nnz + rows + cols).
   */
  sortIndicesInPlace(): void {
    if (this.hasSortedIndices) return;
    const t = transposeCompressed(this.arrays, this.nMajor, this.nMinor);
    const s = transposeCompressed(t, this.nMinor, this.nMajor);
    this.indices.set(s.indices);
    this.data.set(s.data);
    releaseResident(this.indices, this.data); // drop stale copies held by the WASM kernels
    this.sortedCache = true;
    this.canonicalCache = undefined;
  }

  /**
   * A canonical copy: indices sorted and duplicates summed (explicit zeros, including sums that
   * cancel to zero, are kept, as SciPy does). Returns `this` when already canonical.
   */
  sumDuplicates(): this {
    if (this.hasCanonicalFormat) return this;
    const sorted = this.hasSortedIndices
      ? this.arrays
      : transposeCompressed(transposeCompressed(this.arrays, this.nMajor, this.nMinor), this.nMinor, this.nMajor);
    return this.make(mergeSortedDuplicates(sorted, this.nMajor), this.shape, { canonical: true });
  }

  /** A copy without explicitly stored zeros. Returns `this` when there are none. */
  eliminateZeros(): this {
    const { indptr, indices, data } = this;
    let zeros = 0;
    for (let p = 0; p < data.length; p++) if (data[p] === 0) zeros++;
    if (zeros === 0) return this;
    const n = this.nMajor;
    const outPtr = new Int32Array(n + 1);
    const outIdx = new Int32Array(data.length - zeros);
    const outData = new Float64Array(data.length - zeros);
    let q = 0;
    for (let k = 0; k < n; k++) {
      const end = indptr[k + 1]!;
      for (let p = indptr[k]!; p < end; p++) {
        if (data[p] !== 0) {
          outIdx[q] = indices[p]!;
          outData[q++] = data[p]!;
        }
      }
      outPtr[k + 1] = q;
    }
    const hint: CompressedHint = {};
    if (this.canonicalCache !== undefined) hint.canonical = this.canonicalCache;
    if (this.sortedCache !== undefined) hint.sorted = this.sortedCache;
    return this.make({ indptr: outPtr, indices: outIdx, data: outData }, this.shape, hint);
  }

  /** A deep copy (new arrays). */
  clone(): this {
    const hint: CompressedHint = {};
    if (this.canonicalCache !== undefined) hint.canonical = this.canonicalCache;
    if (this.sortedCache !== undefined) hint.sorted = this.sortedCache;
    return this.make({ indptr: this.indptr.slice(), indices: this.indices.slice(), data: this.data.slice() }, this.shape, hint);
  }

  /**
   * The value at (i, j): the sum of the stored entries there, 0 when none. O(log nnz(line)) on
   * canonical matrices, O(nnz(line)) otherwise.
   * @throws {@link ArgumentError} when (i, j) is out of range.
   */
  get(i: number, j: number): number {
    checkIndex('i', i, this.shape[0]);
    checkIndex('j', j, this.shape[1]);
    const [k, t] = this.majorAxis === 0 ? [i, j] : [j, i];
    const start = this.indptr[k]!;
    const end = this.indptr[k + 1]!;
    const idx = this.indices;
    if (this.hasCanonicalFormat) {
      let lo = start;
      let hi = end - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = idx[mid]!;
        if (v === t) return this.data[mid]!;
        if (v < t) lo = mid + 1;
        else hi = mid - 1;
      }
      return 0;
    }
    let s = 0;
    for (let p = start; p < end; p++) if (idx[p] === t) s += this.data[p]!;
    return s;
  }

  /**
   * The k-th diagonal as a Float64Array (k > 0 above the main diagonal, k < 0 below), of length
   * min(rows + min(k, 0), cols - max(k, 0)), or 0 when k is outside the matrix (as SciPy).
   */
  diagonal(k = 0): Float64Array {
    if (!Number.isInteger(k)) throw new ArgumentError('k', k, 'an integer');
    const [m, n] = this.shape;
    const len = Math.max(0, Math.min(m + Math.min(k, 0), n - Math.max(k, 0)));
    const out = new Float64Array(len);
    const { indptr, indices, data } = this;
    const byRow = this.majorAxis === 0;
    for (let t = 0; t < len; t++) {
      const i = t - Math.min(k, 0);
      const j = t + Math.max(k, 0);
      const line = byRow ? i : j;
      const want = byRow ? j : i;
      let s = 0;
      for (let p = indptr[line]!; p < indptr[line + 1]!; p++) if (indices[p] === want) s += data[p]!;
      out[t] = s;
    }
    return out;
  }

  /** Dense copy as a row-major `ndarray` (duplicates summed). O(rows·cols + nnz). */
  toDense(): NdArray {
    const [m, n] = this.shape;
    const out = allocFloat64('toDense', 'rows·cols', m * n);
    const { indptr, indices, data } = this;
    const byRow = this.majorAxis === 0;
    for (let k = 0; k < this.nMajor; k++) {
      for (let p = indptr[k]!; p < indptr[k + 1]!; p++) {
        const pos = byRow ? k * n + indices[p]! : indices[p]! * n + k;
        out[pos]! += data[p]!;
      }
    }
    return toNdarray({ rows: m, cols: n, data: out });
  }

  /**
   * A matrix of the same format and structure holding `data` (adopted, length nnz) as its values;
   * what elementwise operations that keep the pattern build their result with. O(1).
   * @internal
   */
  withData(data: Float64Array): this {
    const hint: CompressedHint = {};
    if (this.canonicalCache !== undefined) hint.canonical = this.canonicalCache;
    if (this.sortedCache !== undefined) hint.sorted = this.sortedCache;
    return this.make({ indptr: this.indptr, indices: this.indices, data }, this.shape, hint);
  }

  /**
   * Select lines along the major axis (`majorList`, null = all) and positions along the minor axis
   * (`minorList`, null = all); lists may repeat and reorder indices. O(nnz + rows + cols + output).
   * @internal
   */
  protected selectLines(majorList: Int32Array | null, minorList: Int32Array | null): this {
    const { indptr, indices, data } = this;
    const nMajorOut = majorList ? majorList.length : this.nMajor;
    const nMinorOut = minorList ? minorList.length : this.nMinor;
    // Map each old minor index to the run of new positions it goes to.
    let mapPtr: Int32Array | null = null;
    let mapPos: Int32Array | null = null;
    if (minorList) {
      mapPtr = new Int32Array(this.nMinor + 1);
      for (let t = 0; t < minorList.length; t++) mapPtr[minorList[t]! + 1]!++;
      for (let j = 0; j < this.nMinor; j++) mapPtr[j + 1]! += mapPtr[j]!;
      mapPos = new Int32Array(minorList.length);
      const next = mapPtr.slice(0, this.nMinor);
      for (let t = 0; t < minorList.length; t++) mapPos[next[minorList[t]!]!++] = t;
    }
    // Count output entries.
    const outPtr = new Int32Array(nMajorOut + 1);
    let total = 0;
    for (let k = 0; k < nMajorOut; k++) {
      const line = majorList ? majorList[k]! : k;
      if (mapPtr) {
        for (let p = indptr[line]!; p < indptr[line + 1]!; p++) {
          const j = indices[p]!;
          total += mapPtr[j + 1]! - mapPtr[j]!;
        }
      } else total += indptr[line + 1]! - indptr[line]!;
      outPtr[k + 1] = total;
    }
    checkNnz('slice', total);
    const outIdx = new Int32Array(total);
    const outData = new Float64Array(total);
    let q = 0;
    for (let k = 0; k < nMajorOut; k++) {
      const line = majorList ? majorList[k]! : k;
      for (let p = indptr[line]!; p < indptr[line + 1]!; p++) {
        const j = indices[p]!;
        if (mapPtr && mapPos) {
          for (let r = mapPtr[j]!; r < mapPtr[j + 1]!; r++) {
            outIdx[q] = mapPos[r]!;
            outData[q++] = data[p]!;
          }
        } else {
          outIdx[q] = j;
          outData[q++] = data[p]!;
        }
      }
    }
    let increasing = true;
    if (minorList) for (let t = 1; t < minorList.length; t++) if (minorList[t]! <= minorList[t - 1]!) increasing = false;
    const hint: CompressedHint = {};
    if (increasing && this.sortedCache) hint.sorted = true;
    if (increasing && this.canonicalCache) hint.canonical = true;
    const shape: [number, number] = this.majorAxis === 0 ? [nMajorOut, nMinorOut] : [nMinorOut, nMajorOut];
    return this.make({ indptr: outPtr, indices: outIdx, data: outData }, shape, hint);
  }

  /** Throw ArgumentError if any stored value is NaN or infinite. @internal */
  assertFiniteData(name = 'A'): void {
    assertFinite(this.data, `${name}.data`);
  }
}

/** @internal */
export function checkIndex(name: string, v: number, n: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= n) throw new ArgumentError(name, v, `an integer in [0, ${n})`);
}

// `using C = spgemm(A, B)`.
installDispose(CompressedMatrix.prototype, function (this: CompressedMatrix): void {
  this.dispose();
});
