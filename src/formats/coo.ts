/**
 * COOrdinate (triplet) sparse matrices.
 *
 * @module
 */
import { checkNumber, checkShape, toFloat64, toInt32 } from '../core/array.js';
import { allocFloat64 } from '../core/alloc.js';
import { ArgumentError, FormatError, ShapeError } from '../core/errors.js';
import { checkIndex, type CheckFormatOptions } from './compressed.js';
import { adoptArrays } from '../kernels/runtime/result-pool.js';
import { checkNnz, expandIndptr, tripletsToCompressed } from './convert.js';
import { CSCMatrix } from './csc.js';
import { CSRMatrix } from './csr.js';
import { type NdArray, toNdarray } from './dense.js';
import type { IndexList } from './indexlist.js';

/** Arrays and shape of a COO matrix, as accepted by the constructor. */
export interface COOInit {
  /** Row index of each entry; an Int32Array is adopted, other arrays are copied. */
  row: Int32Array | ArrayLike<number>;
  /** Column index of each entry; an Int32Array is adopted, other arrays are copied. */
  col: Int32Array | ArrayLike<number>;
  /** Values; a Float64Array is adopted, other arrays are copied. */
  data: Float64Array | ArrayLike<number>;
  /** `[rows, cols]`, always explicit. */
  shape: readonly [number, number] | number[];
}

/**
 * A sparse matrix as (row, col, value) triplets (SciPy's `coo_array`). Duplicates are allowed and
 * mean the sum of their values; conversions to CSR/CSC sum them (counting sort, O(nnz + rows + cols)).
 *
 * @example
 * ```ts
 * import { COOMatrix } from 'sparsity';
 * const A = new COOMatrix({ row: [0, 1, 1], col: [2, 0, 0], data: [5, 1, 2], shape: [2, 3] });
 * A.get(1, 0); // => 3
 * A.toCSR().nnz; // => 2
 * A.hasCanonicalFormat; // => false
 * ```
 */
export class COOMatrix {
  /** Row index of each entry. */
  readonly row: Int32Array;
  /** Column index of each entry. */
  readonly col: Int32Array;
  /** Values. */
  readonly data: Float64Array;
  /** `[rows, cols]`. */
  readonly shape: readonly [number, number];
  /** Always `'coo'`. */
  readonly format = 'coo' as const;
  private canonicalCache: boolean | undefined;

  /**
   * @param init - `{ row, col, data, shape }` of equal lengths.
   * @param canonical - internal: the producer knows the entries are row-major sorted without duplicates.
   * @throws {@link FormatError} when the array lengths differ; {@link ArgumentError} on a bad shape.
   */
  constructor(init: COOInit, canonical?: boolean) {
    if (init === null || typeof init !== 'object') throw new ArgumentError('init', init, 'an object { row, col, data, shape }');
    this.shape = checkShape(init.shape);
    this.row = toInt32(init.row, 'row');
    this.col = toInt32(init.col, 'col');
    this.data = toFloat64(init.data, 'data', true);
    if (this.row.length !== this.data.length) throw new FormatError('row', -1, `the same length as data (${this.data.length})`, `length ${this.row.length}`);
    if (this.col.length !== this.data.length) throw new FormatError('col', -1, `the same length as data (${this.data.length})`, `length ${this.col.length}`);
    checkNnz('COOMatrix', this.data.length);
    this.canonicalCache = canonical;
    adoptArrays(this, this.row, this.col, this.data); // arrays of a disposable result are now shared
  }

  /** Number of stored entries (duplicates and explicit zeros included). */
  get nnz(): number {
    return this.data.length;
  }

  /**
   * Validate the structure: O(1) length checks; with `full`, every index in range and (unless
   * `allowNonFinite`) no NaN/Infinity values.
   * @throws {@link FormatError} naming the array, position and offending value.
   */
  checkFormat(full = false, options: CheckFormatOptions = {}): void {
    const n = this.data.length;
    if (this.row.length !== n) throw new FormatError('row', -1, `length ${n}`, this.row.length);
    if (this.col.length !== n) throw new FormatError('col', -1, `length ${n}`, this.col.length);
    if (!full) return;
    this.checkIndices();
    if (!options.allowNonFinite) {
      for (let p = 0; p < n; p++) {
        const v = this.data[p]!;
        if (v - v !== 0) throw new FormatError('data', p, 'a finite value', v);
      }
    }
  }

  /** The FormatError for the first out-of-range index (called once one is known to exist). */
  private indexError(): Error {
    try {
      this.checkIndices();
    } catch (e) {
      return e as Error;
    }
    return new FormatError('row', -1, 'indices in range', 'an index out of range');
  }

  /** Throw FormatError at the first out-of-range index. O(nnz). @internal */
  checkIndices(): void {
    const [m, n] = this.shape;
    const { row, col } = this;
    for (let p = 0; p < row.length; p++) {
      const i = row[p]!;
      const j = col[p]!;
      if (i < 0 || i >= m) throw new FormatError('row', p, `a row index in [0, ${m})`, i);
      if (j < 0 || j >= n) throw new FormatError('col', p, `a column index in [0, ${n})`, j);
    }
  }

  /** True when entries are sorted row-major with no duplicates (cached). O(nnz) once. */
  get hasCanonicalFormat(): boolean {
    if (this.canonicalCache === undefined) {
      let ok = true;
      const { row, col } = this;
      for (let p = 1; p < row.length; p++) {
        if (row[p]! < row[p - 1]! || (row[p] === row[p - 1] && col[p]! <= col[p - 1]!)) {
          ok = false;
          break;
        }
      }
      this.canonicalCache = ok;
    }
    return this.canonicalCache;
  }

  /**
   * Convert to CSR, summing duplicates; the result is canonical. O(nnz + rows + cols) by two stable
   * counting passes (one when the entries are already row-major sorted without duplicates).
   * @throws {@link FormatError} when an index is out of range.
   */
  toCSR(): CSRMatrix {
    const [m, n] = this.shape;
    const c = tripletsToCompressed(this.row, this.col, this.data, m, n, true, true);
    if (c === null) throw this.indexError();
    return new CSRMatrix({ ...c, shape: this.shape }, { canonical: true });
  }

  /**
   * Convert to CSC, summing duplicates; the result is canonical. O(nnz + rows + cols).
   * @throws {@link FormatError} when an index is out of range.
   */
  toCSC(): CSCMatrix {
    const [m, n] = this.shape;
    const c = tripletsToCompressed(this.col, this.row, this.data, n, m, true, true);
    if (c === null) throw this.indexError();
    return new CSCMatrix({ ...c, shape: this.shape }, { canonical: true });
  }

  /** Returns `this` (already COO). */
  toCOO(): COOMatrix {
    return this;
  }

  /**
   * A canonical copy: row-major sorted, duplicates summed (explicit zeros kept). Returns `this`
   * when already canonical.
   */
  sumDuplicates(): COOMatrix {
    if (this.hasCanonicalFormat) return this;
    const A = this.toCSR();
    return new COOMatrix({ row: expandIndptr(A.indptr, this.shape[0]), col: A.indices, data: A.data, shape: this.shape }, true);
  }

  /** A copy without explicitly stored zeros (returns `this` when there are none). */
  eliminateZeros(): COOMatrix {
    let zeros = 0;
    for (let p = 0; p < this.data.length; p++) if (this.data[p] === 0) zeros++;
    if (zeros === 0) return this;
    const n = this.data.length - zeros;
    const row = new Int32Array(n);
    const col = new Int32Array(n);
    const data = new Float64Array(n);
    let q = 0;
    for (let p = 0; p < this.data.length; p++) {
      if (this.data[p] !== 0) {
        row[q] = this.row[p]!;
        col[q] = this.col[p]!;
        data[q++] = this.data[p]!;
      }
    }
    return new COOMatrix({ row, col, data, shape: this.shape }, this.canonicalCache);
  }

  /** A deep copy. */
  clone(): COOMatrix {
    return new COOMatrix({ row: this.row.slice(), col: this.col.slice(), data: this.data.slice(), shape: this.shape }, this.canonicalCache);
  }

  /** The transpose (row and col swapped; shares the arrays): O(1). */
  transpose(): COOMatrix {
    return new COOMatrix({ row: this.col, col: this.row, data: this.data, shape: [this.shape[1], this.shape[0]] });
  }

  /**
   * The value at (i, j): the sum of all entries stored there. O(nnz); convert to CSR for many lookups.
   * @throws {@link ArgumentError} when (i, j) is out of range.
   */
  get(i: number, j: number): number {
    checkIndex('i', i, this.shape[0]);
    checkIndex('j', j, this.shape[1]);
    let s = 0;
    for (let p = 0; p < this.data.length; p++) if (this.row[p] === i && this.col[p] === j) s += this.data[p]!;
    return s;
  }

  /** Row i as a 1 x cols COO matrix (duplicates summed). */
  getRow(i: number): COOMatrix {
    return this.toCSR().getRow(i).toCOO();
  }

  /** Column j as a rows x 1 COO matrix (duplicates summed). */
  getCol(j: number): COOMatrix {
    return this.toCSR().getCol(j).toCOO();
  }

  /** The submatrix A[rows][:, cols] as COO (see {@link CSRMatrix.slice}). */
  slice(rowIndices?: IndexList, colIndices?: IndexList): COOMatrix {
    return this.toCSR().slice(rowIndices, colIndices).toCOO();
  }

  /** The k-th diagonal (see {@link CSRMatrix.diagonal}). O(nnz). */
  diagonal(k = 0): Float64Array {
    if (!Number.isInteger(k)) throw new ArgumentError('k', k, 'an integer');
    const [m, n] = this.shape;
    const len = Math.max(0, Math.min(m + Math.min(k, 0), n - Math.max(k, 0)));
    const out = new Float64Array(len);
    const off = Math.min(k, 0);
    for (let p = 0; p < this.data.length; p++) {
      const i = this.row[p]!;
      if (this.col[p]! - i === k) {
        const t = i + off;
        if (t >= 0 && t < len) out[t]! += this.data[p]!;
      }
    }
    return out;
  }

  /** Dense copy as a row-major `ndarray` (duplicates summed). */
  toDense(): NdArray {
    this.checkIndices();
    const [m, n] = this.shape;
    const out = allocFloat64('toDense', 'rows·cols', m * n);
    for (let p = 0; p < this.data.length; p++) out[this.row[p]! * n + this.col[p]!]! += this.data[p]!;
    return toNdarray({ rows: m, cols: n, data: out });
  }

  /**
   * A COO matrix with the same triplets holding `data` (adopted, length nnz) as its values. O(1).
   * @internal
   */
  withData(data: Float64Array): COOMatrix {
    return new COOMatrix({ row: this.row, col: this.col, data, shape: this.shape }, this.canonicalCache);
  }
}
