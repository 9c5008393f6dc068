/**
 * Behaviour shared by CSR and CSC: both store lines along a "major" axis (rows for CSR, columns for
 * CSC) with `indptr`, `indices`, `data`. This base never imports its subclasses.
 *
 * @module
 */
import { assertFinite, checkDim, checkNumber, checkShape, toFloat64, toInt32 } from '../core/array.js';
import { allocFloat64 } from '../core/alloc.js';
import { ArgumentError, FormatError, ShapeError } from '../core/errors.js';
import { mergeLines, multiplyDense, scaleValues } from '../kernels/elementwise.js';
import { type DenseOperandOptions, type SpgemmOptions, type SpmvOptions, checkNoOverlap, checkSpgemmOptions, spmvScalars } from '../kernels/options.js';
import { type CsrArrays, type SpgemmKernelResult, spgemmKernel } from '../kernels/spgemm/spgemm.js';
import { denseTimesColumns, denseTimesRows, spmmGather, spmmScatter } from '../kernels/spmm-dispatch.js';
import { type Lines, spmvGather, spmvScatter } from '../kernels/spmv-dispatch.js';
import { releaseResident } from '../kernels/wasm/resident.js';
import {
  type Compressed,
  checkNnz,
  isCanonical,
  isSorted,
  mergeSortedDuplicates,
  transposeCompressed,
} from './convert.js';
import { type DenseInput, type NdArray, asDenseMatrix, toNdarray } from './dense.js';
import type { SparseMatrix } from './factories.js';

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

  /** The compressed arrays with their line counts, as the kernels take them. @internal */
  protected get lines(): Lines {
    return { indptr: this.indptr, indices: this.indices, data: this.data, nMajor: this.nMajor, nMinor: this.nMinor };
  }

  /**
   * Matrix–vector product y = alpha·A·x + beta·y, by default a new Float64Array A·x of length rows.
   * CSR runs the row-gather kernel (JS or WASM SIMD, optionally on worker threads); CSC the
   * column-scatter one. O(nnz + rows + cols).
   * @param x - vector of length cols (a plain-array x is checked for NaN/Infinity).
   * @param options - `{ out, alpha, beta, threads }` ({@link SpmvOptions}).
   * @throws {@link ShapeError} when `x.length !== cols` or `out.length !== rows`; {@link ArgumentError} on bad
   * options or an `out` that shares memory with x.
   */
  matvec(x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array {
    const xv = toFloat64(x, 'x', x instanceof Float64Array);
    const [m, n] = this.shape;
    if (xv.length !== n) throw new ShapeError('matvec', this.shape, xv.length);
    const { alpha, beta } = spmvScalars(options);
    checkNoOverlap(options?.out, xv);
    const y = options?.out ?? new Float64Array(m);
    if (y.length !== m) throw new ShapeError('matvec', [m], y.length, 'do not match (out must have one entry per row)');
    if (this.majorAxis === 0) spmvGather(this.lines, xv, y, alpha, options?.out ? beta : 0, options?.threads);
    else spmvScatter(this.lines, xv, y, alpha, options?.out ? beta : 0, options?.threads);
    return y;
  }

  /**
   * Transposed product y = alpha·Aᵀ·x + beta·y, by default a new Float64Array of length cols.
   * @param x - vector of length rows.
   * @param options - `{ out, alpha, beta, threads }` ({@link SpmvOptions}).
   * @throws {@link ShapeError} when `x.length !== rows` or `out.length !== cols`.
   */
  rmatvec(x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array {
    const xv = toFloat64(x, 'x', x instanceof Float64Array);
    const [m, n] = this.shape;
    if (xv.length !== m) throw new ShapeError('rmatvec', [n, m], xv.length);
    const { alpha, beta } = spmvScalars(options);
    checkNoOverlap(options?.out, xv);
    const y = options?.out ?? new Float64Array(n);
    if (y.length !== n) throw new ShapeError('rmatvec', [n], y.length, 'do not match (out must have one entry per column)');
    if (this.majorAxis === 0) spmvScatter(this.lines, xv, y, alpha, options?.out ? beta : 0, options?.threads);
    else spmvGather(this.lines, xv, y, alpha, options?.out ? beta : 0, options?.threads);
    return y;
  }

  /**
   * The operands of A·B for the CSR SpGEMM kernel, in this matrix's format: for CSR, A's rows
   * times B converted to CSR; for CSC, the transpose identity Cᵀ = Bᵀ·Aᵀ (B converted to CSC,
   * whose arrays are the CSR arrays of Bᵀ). `wrap` turns the kernel's result into a matrix of
   * this format. Shared by `matmul` and the asynchronous `spgemmAsync`. @internal
   */
  spgemmOperands(B: SparseMatrix): SpgemmOperands {
    const [m, k] = this.shape;
    if (B === null || typeof B !== 'object' || typeof (B as { toCSR?: unknown }).toCSR !== 'function') {
      throw new ArgumentError('B', B, 'a sparse matrix (CSR, CSC or COO)');
    }
    if (B.shape[0] !== k) throw new ShapeError('matmul', this.shape, B.shape, 'are not aligned');
    const n = B.shape[1];
    const shape: [number, number] = [m, n];
    const wrap = (r: SpgemmKernelResult): CompressedMatrix =>
      this.make({ indptr: r.indptr, indices: r.indices, data: r.data }, shape, r.sorted ? { canonical: true } : { canonical: false });
    if (this.majorAxis === 0) {
      const b = B.toCSR();
      return { left: this.arrays, right: { indptr: b.indptr, indices: b.indices, data: b.data }, m, k, n, wrap };
    }
    const b = B.toCSC();
    return { left: { indptr: b.indptr, indices: b.indices, data: b.data }, right: this.arrays, m: n, k, n: m, wrap };
  }

  /**
   * Matrix product A·B.
   *
   * - B sparse (CSR, CSC or COO): SpGEMM, result in this matrix's format (row-wise Gustavson with
   *   per-row hash or dense accumulators; see `spgemm`). Entries that sum to exactly zero are dropped.
   * - B dense (`ndarray`, `number[][]`): a dense `ndarray` rows x B.cols.
   * - B a Float64Array with `{ cols }`: B is row-major (length cols(A)·cols), result likewise.
   * - B a vector (Float64Array or number[] without `cols`): A·x as a Float64Array.
   *
   * O(flops + nnz(C) + rows) for sparse B; O(nnz(A)·cols(B) + size of B and C) for dense B.
   * @throws {@link ShapeError} when the inner dimensions differ; {@link ArgumentError} on bad options;
   * {@link ResourceError} when a sparse result would exceed 2^31 - 1 entries or memory.
   */
  matmul(B: SparseMatrix, options?: SpgemmOptions): this;
  matmul(B: DenseInput, options?: DenseOperandOptions): NdArray;
  matmul(B: Float64Array | readonly number[], options?: DenseOperandOptions): Float64Array;
  matmul(B: SparseMatrix | DenseInput | Float64Array | readonly number[], options?: SpgemmOptions | DenseOperandOptions): this | NdArray | Float64Array {
    if (B instanceof CompressedMatrix || (B !== null && typeof B === 'object' && (B as { format?: unknown }).format === 'coo')) {
      checkSpgemmOptions(options as SpgemmOptions | undefined);
      const o = this.spgemmOperands(B as SparseMatrix);
      return o.wrap(spgemmKernel(o.left, o.right, o.m, o.k, o.n, options as SpgemmOptions | undefined)) as this;
    }
    const cols = (options as DenseOperandOptions | undefined)?.cols;
    const [m, k] = this.shape;
    if (B instanceof Float64Array || (Array.isArray(B) && (B.length === 0 || typeof B[0] === 'number'))) {
      if (cols === undefined) return this.matvec(B as Float64Array | readonly number[]);
      checkDim('cols', cols);
      const b = toFloat64(B as Float64Array | readonly number[], 'B');
      if (b.length !== k * cols) throw new ShapeError('matmul', this.shape, [b.length / Math.max(cols, 1), cols], 'are not aligned (B has the wrong length)');
      return this.productDense(b, cols);
    }
    const d = asDenseMatrix(B as DenseInput, 'B');
    if (d.rows !== k) throw new ShapeError('matmul', this.shape, [d.rows, d.cols], 'are not aligned');
    return toNdarray({ rows: m, cols: d.cols, data: this.productDense(d.data, d.cols) });
  }

  /** A·B for a row-major dense B with `cols` columns, as row-major data. @internal */
  protected productDense(b: Float64Array, cols: number): Float64Array {
    const m = this.shape[0];
    const c = new Float64Array(m * cols);
    if (this.majorAxis === 0) spmmGather(this.lines, b, cols, c, 1, 0);
    else spmmScatter(this.lines, b, cols, c, 1, 0);
    return c;
  }

  /**
   * Dense times sparse, D·A: `D` is an `ndarray`/`number[][]` (rows x rows(A)), giving an `ndarray`,
   * or a row-major Float64Array whose length is a multiple of rows(A), giving a row-major
   * Float64Array. O(nnz(A)·rows(D) + size of D and the result).
   * @throws {@link ShapeError} when cols(D) !== rows(A).
   */
  rmatmul(D: DenseInput): NdArray;
  rmatmul(D: Float64Array): Float64Array;
  rmatmul(D: DenseInput | Float64Array): NdArray | Float64Array {
    const [m, n] = this.shape;
    if (D instanceof Float64Array) {
      assertFinite(D, 'D');
      if (m === 0 ? D.length !== 0 : D.length % m !== 0) throw new ShapeError('rmatmul', [D.length], this.shape, 'are not aligned (length is not a multiple of rows(A))');
      return this.denseProduct(D, m === 0 ? 0 : D.length / m);
    }
    const d = asDenseMatrix(D, 'D');
    if (d.cols !== m) throw new ShapeError('rmatmul', [d.rows, d.cols], this.shape, 'are not aligned');
    return toNdarray({ rows: d.rows, cols: n, data: this.denseProduct(d.data, d.rows) });
  }

  /** D·A for a row-major D with `rows` rows, as row-major data. @internal */
  protected denseProduct(d: Float64Array, rows: number): Float64Array {
    const c = new Float64Array(rows * this.shape[1]);
    if (this.majorAxis === 0) denseTimesRows(d, rows, this.lines, c, 1, 0);
    else denseTimesColumns(d, rows, this.lines, c, 1, 0);
    return c;
  }

  /** B in this matrix's format, canonical, after checking the shape. @internal */
  protected sameFormat(op: string, B: SparseMatrix): CompressedMatrix {
    if (B === null || typeof B !== 'object' || typeof (B as { toCSR?: unknown }).toCSR !== 'function') {
      throw new ArgumentError('B', B, 'a sparse matrix (CSR, CSC or COO)');
    }
    if (B.shape[0] !== this.shape[0] || B.shape[1] !== this.shape[1]) throw new ShapeError(op, this.shape, B.shape);
    return (this.majorAxis === 0 ? B.toCSR() : B.toCSC()).sumDuplicates();
  }

  /**
   * Sum A + B of two sparse matrices of the same shape, in this matrix's format, canonical, with
   * entries that cancel to zero removed (as SciPy). O(nnz(A) + nnz(B) + rows + cols).
   * @throws {@link ShapeError} when the shapes differ.
   */
  add(B: SparseMatrix): this {
    const b = this.sameFormat('add', B);
    return this.make(mergeLines(this.sumDuplicates().arrays, b.arrays, this.nMajor, 0), this.shape, { canonical: true });
  }

  /**
   * Difference A − B (same conventions as {@link CompressedMatrix.add}).
   * @throws {@link ShapeError} when the shapes differ.
   */
  sub(B: SparseMatrix): this {
    const b = this.sameFormat('sub', B);
    return this.make(mergeLines(this.sumDuplicates().arrays, b.arrays, this.nMajor, 1), this.shape, { canonical: true });
  }

  /**
   * Elementwise (Hadamard) product A ∘ B with a sparse or dense B of the same shape, as a sparse
   * matrix in this format (canonical, exact zeros removed). O(nnz(A) + nnz(B) + rows + cols).
   * @throws {@link ShapeError} when the shapes differ; {@link ArgumentError} on NaN/Infinity in a dense B.
   */
  multiply(B: SparseMatrix | DenseInput): this {
    const a = this.sumDuplicates();
    if (B instanceof CompressedMatrix || (B !== null && typeof B === 'object' && (B as { format?: unknown }).format === 'coo')) {
      const b = this.sameFormat('multiply', B as SparseMatrix);
      return this.make(mergeLines(a.arrays, b.arrays, this.nMajor, 2), this.shape, { canonical: true });
    }
    const d = asDenseMatrix(B as DenseInput, 'B');
    if (d.rows !== this.shape[0] || d.cols !== this.shape[1]) throw new ShapeError('multiply', this.shape, [d.rows, d.cols]);
    return this.make(multiplyDense(a.arrays, this.nMajor, d.data, d.cols, this.majorAxis === 0), this.shape, { canonical: true });
  }

  /**
   * The matrix times a scalar, s·A (same structure; stored zeros stay stored). O(nnz).
   * @throws {@link ArgumentError} when `s` is not a finite number.
   */
  scale(s: number): this {
    checkNumber('s', s);
    const hint: CompressedHint = {};
    if (this.canonicalCache !== undefined) hint.canonical = this.canonicalCache;
    if (this.sortedCache !== undefined) hint.sorted = this.sortedCache;
    return this.make({ indptr: this.indptr, indices: this.indices, data: scaleValues(this.data, s) }, this.shape, hint);
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

/** Operands of a SpGEMM in CSR-kernel orientation (see `spgemmOperands`). @internal */
export interface SpgemmOperands {
  left: CsrArrays;
  right: CsrArrays;
  m: number;
  k: number;
  n: number;
  wrap: (r: SpgemmKernelResult) => CompressedMatrix;
}

/** @internal */
export function checkIndex(name: string, v: number, n: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= n) throw new ArgumentError(name, v, `an integer in [0, ${n})`);
}
