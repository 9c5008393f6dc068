/**
 * Sparse Cholesky factorization P·A·Pᵀ = L·Lᵀ with a fill-reducing ordering, a supernodal numeric
 * phase on the dense kernels, solves, log-determinant and numeric re-factorization.
 *
 * @module
 */
import { assertFinite } from '../../core/array.js';
import { ArgumentError, DisposedError, ShapeError } from '../../core/index.js';
import { installDispose } from '../../core/dispose.js';
import { CSCMatrix, type NdArray, type SparseMatrix } from '../../formats/index.js';
import { axpyAt, dotAt } from '../../kernels/blas1.js';
import { analyzeCholesky, type CholeskySymbolic } from './cholesky-symbolic.js';
import { factorSupernodal } from './cholesky-numeric.js';
import { factorSimplicial } from './cholesky-simplicial.js';
import { ResidentCholesky } from './cholesky-resident.js';
import { checkPermutation, squareCSC } from './input.js';
import type { Graph } from './pattern.js';
import { callOnCopies } from './wasm-call.js';
import { readOptions } from '../../core/options.js';
import { type DirectRHS, solveRHS } from './rhs.js';
import type { VectorLike } from '../../core/array.js';
import type { DenseInput } from '../../formats/index.js';

/** Options of {@link choleskySparse}. */
export interface CholeskySparseOptions {
  /**
   * Fill-reducing ordering: `'auto'` (default: approximate minimum degree, and for matrices of
   * 2000 columns or more whose AMD factor costs at least 120 flops per nonzero, nested dissection
   * too, keeping the one with fewer flops, as CHOLMOD tries METIS after AMD), `'amd'`
   * (approximate minimum degree on the pattern of A), `'nesdis'` (nested dissection: recursive
   * vertex separators from breadth-first level structures, AMD on small parts; less fill than
   * AMD on large 2-D and 3-D meshes), `'natural'` (none), or a permutation p (new position ->
   * original index) to use as given. The elimination tree's postorder is applied on top in every
   * case (it changes no fill).
   */
  ordering?: 'auto' | 'amd' | 'nesdis' | 'natural' | ArrayLike<number>;
}

const OPTION_KEYS = ['ordering'] as const;

/**
 * A sparse Cholesky factorization P·A·Pᵀ = L·Lᵀ, returned by {@link choleskySparse}: solve with it
 * as often as needed, re-factor new values with the same pattern with `updateValues`.
 *
 * Storage is supernodal: groups of columns of L with a common row structure are dense blocks.
 *
 * @example
 * ```ts
 * import { csc, choleskySparse } from 'sparsity';
 * const A = csc([[4, 1, 0], [1, 4, 1], [0, 1, 4]]);
 * const F = choleskySparse(A);
 * const x = F.solve([5, 6, 5]);
 * Array.from(x).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1, 1]
 * Math.abs(F.logDet() - Math.log(56)) < 1e-12; // => true
 * ```
 */
export class SparseCholesky {
  /** Shape [n, n] of A. */
  readonly shape: readonly [number, number];
  /** The row/column permutation p: A[p][:, p] = L·Lᵀ (p[k] is the original index of row k of L). */
  readonly perm: Int32Array;
  /** Number of supernodes (groups of columns of L stored as dense blocks). */
  readonly nsuper: number;
  /** Nonzeros of L (diagonal included). */
  readonly nnzL: number;
  /** Floating-point operations of one numeric factorization (Σ |L(:, j)|², as CSparse counts). */
  readonly flops: number;
  /** The fill-reducing ordering used: `'amd'`, `'nesdis'`, `'natural'` or `'given'` (the caller's permutation). */
  readonly ordering: 'amd' | 'nesdis' | 'natural' | 'given';
  private readonly sym: CholeskySymbolic;
  private readonly pattern: { indptr: Int32Array; indices: Int32Array };
  /** L's values in JS arrays (null while only the resident copy exists, and after dispose()). */
  private values: Float64Array | null;
  /** The simplicial L in WASM memory, where the solves run, when the WASM kernels are in use. */
  private resident: ResidentCholesky | null;
  private isDisposed = false;
  private cachedL: CSCMatrix | null = null;
  private readonly work: Float64Array;

  /** @internal */
  constructor(sym: CholeskySymbolic, pattern: { indptr: Int32Array; indices: Int32Array }, values: Float64Array | ResidentCholesky) {
    this.sym = sym;
    this.shape = [sym.n, sym.n];
    this.perm = sym.perm;
    this.nsuper = sym.nsuper;
    this.nnzL = sym.nnzL;
    this.flops = sym.flops;
    this.ordering = sym.ordering;
    this.pattern = pattern;
    this.values = values instanceof ResidentCholesky ? null : values;
    this.resident = values instanceof ResidentCholesky ? values : null;
    this.work = new Float64Array(sym.n);
  }

  /** L's values in JS arrays (copied out of WASM memory on first use, with the rows of a simplicial L). */
  private jsValues(): Float64Array {
    this.checkLive();
    if (!this.values) {
      const { rows, values } = this.resident!.toArrays();
      this.sym.rows.set(rows);
      this.values = values;
    }
    return this.values;
  }

  private checkLive(): void {
    if (this.isDisposed) throw new DisposedError('SparseCholesky', 'its factor was freed (factor A again)');
  }

  /**
   * Bytes of WASM memory that hold the factor (a simplicial factor with the WASM kernels is kept
   * there, where the solves run); 0 when it is in JS arrays or after {@link SparseCholesky.dispose}.
   */
  get wasmBytes(): number {
    return this.resident?.bytes ?? 0;
  }

  /**
   * Free the factor now (also `using F = choleskySparse(A)` where the runtime has
   * `Symbol.dispose`): its WASM memory goes back at once instead of when the garbage collector
   * reclaims the object. Afterwards `solve`, `solveInPlace`, `L`, `logDet` and `updateValues`
   * throw {@link DisposedError}; an `L` taken before stays valid (it is a copy). Idempotent.
   *
   * @example
   * ```ts
   * import { csc, choleskySparse } from 'sparsity';
   * const F = choleskySparse(csc([[2, 1], [1, 2]]));
   * Array.from(F.solve([3, 3])); // => [1, 1]
   * F.dispose();
   * F.disposed; // => true
   * ```
   */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.resident?.free();
    this.resident = null;
    this.values = null;
    this.cachedL = null;
  }

  /** True once {@link SparseCholesky.dispose} ran. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /**
   * The lower factor L as a CSC matrix (sorted indices, zeros not stored), built on first access:
   * A[p][:, p] = L·Lᵀ. O(nnz(L)).
   *
   * @example
   * ```ts
   * import { csc, choleskySparse } from 'sparsity';
   * const F = choleskySparse(csc([[4, 2], [2, 5]]), { ordering: 'natural' });
   * F.L.toDense().data; // => Float64Array.from([2, 0, 1, 2])
   * ```
   */
  get L(): CSCMatrix {
    this.checkLive();
    if (this.cachedL) return this.cachedL;
    const v = this.jsValues();
    const { n, nsuper, superStart, rowPtr, rows, blockPtr } = this.sym;
    let size = 0;
    for (let s = 0; s < nsuper; s++) {
      const w = superStart[s + 1]! - superStart[s]!;
      size += (rowPtr[s + 1]! - rowPtr[s]!) * w - (w * (w - 1)) / 2;
    }
    const indptr = new Int32Array(n + 1);
    const indices = new Int32Array(size);
    const data = new Float64Array(size);
    let q = 0;
    for (let s = 0; s < nsuper; s++) {
      const f = superStart[s]!;
      const w = superStart[s + 1]! - f;
      const r0 = rowPtr[s]!;
      const h = rowPtr[s + 1]! - r0;
      const off = blockPtr[s]!;
      for (let j = 0; j < w; j++) {
        for (let t = j; t < h; t++) {
          const x = v[off + t * w + j]!;
          if (x === 0 && t !== j) continue;
          indices[q] = rows[r0 + t]!;
          data[q++] = x;
        }
        indptr[f + j + 1] = q;
      }
    }
    // Relaxed supernodes hold a few structural zeros in their dense blocks: they are not stored.
    this.cachedL = new CSCMatrix({ indptr, indices: indices.subarray(0, q), data: data.subarray(0, q), shape: [n, n] });
    return this.cachedL;
  }

  /**
   * Solve A·x = b in place: `b` (a Float64Array of length n) is overwritten with x. Two supernodal
   * triangular solves, O(nnz(L)).
   * @throws {@link ShapeError} when b has the wrong length.
   *
   * @example
   * ```ts
   * import { csc, choleskySparse } from 'sparsity';
   * const F = choleskySparse(csc([[2, 0], [0, 4]]));
   * const b = Float64Array.from([2, 8]);
   * F.solveInPlace(b);
   * Array.from(b); // => [1, 2]
   * ```
   */
  solveInPlace(b: Float64Array): Float64Array {
    if (!(b instanceof Float64Array)) throw new ArgumentError('b', b, 'a Float64Array (solveInPlace overwrites it)');
    const n = this.sym.n;
    if (b.length !== n) throw new ShapeError('SparseCholesky.solveInPlace', [n, n], b.length);
    this.checkLive();
    assertFinite(b, 'b');
    return this.solveChecked(b);
  }

  /** {@link SparseCholesky.solveInPlace} on a b already checked. */
  private solveChecked(b: Float64Array): Float64Array {
    const n = this.sym.n;
    if (this.resident) {
      this.resident.solve(b);
      return b;
    }
    const y = this.work;
    const p = this.perm;
    for (let k = 0; k < n; k++) y[k] = b[p[k]!]!;
    this.solvePermuted(y);
    for (let k = 0; k < n; k++) b[p[k]!] = y[k]!;
    return b;
  }

  /**
   * Solve A·x = b. `b` may be a vector (returns a Float64Array), a dense n x k matrix (returns an
   * ndarray) or a sparse matrix (returns a CSCMatrix). O(nnz(L)) per column. `b` is not modified.
   * @throws {@link ShapeError} when b has the wrong number of rows; {@link ArgumentError} on NaN.
   *
   * @example
   * ```ts
   * import { csc, choleskySparse } from 'sparsity';
   * const F = choleskySparse(csc([[2, 1], [1, 2]]));
   * const X = F.solve([[3, 1], [3, -1]]);
   * [X.get(0, 0), X.get(1, 0), X.get(0, 1), X.get(1, 1)].map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1, 1, -1]
   * ```
   */
  solve(b: VectorLike): Float64Array;
  solve(b: DenseInput): NdArray;
  solve(b: SparseMatrix): CSCMatrix;
  solve(b: DirectRHS): Float64Array | NdArray | CSCMatrix;
  solve(b: DirectRHS): Float64Array | NdArray | CSCMatrix {
    this.checkLive();
    // solveRHS checks every column (length, finite values).
    return solveRHS('SparseCholesky.solve', this.sym.n, b, (x) => this.solveChecked(x));
  }

  /**
   * log det A = 2 Σ log L_jj. O(n).
   *
   * @example
   * ```ts
   * import { csc, choleskySparse } from 'sparsity';
   * choleskySparse(csc([[2, 0], [0, 8]])).logDet(); // => Math.log(16)
   * ```
   */
  logDet(): number {
    this.checkLive();
    if (!this.values) return 2 * this.resident!.logDiagonalSum();
    const { nsuper, superStart, blockPtr } = this.sym;
    let s2 = 0;
    for (let s = 0; s < nsuper; s++) {
      const w = superStart[s + 1]! - superStart[s]!;
      const off = blockPtr[s]!;
      for (let j = 0; j < w; j++) s2 += Math.log(this.values[off + j * w + j]!);
    }
    return 2 * s2;
  }

  /**
   * Re-factor in place for new values of a matrix with exactly the same pattern as the one analysed
   * (the case of Newton and IRLS loops): the ordering and symbolic analysis are reused and only the
   * numeric phase runs. On failure the factor keeps its previous values.
   * @throws {@link ArgumentError} when the pattern differs or the new matrix is not positive definite
   *   (naming the column), or on NaN/Infinity.
   *
   * @example
   * ```ts
   * import { csc, choleskySparse } from 'sparsity';
   * const F = choleskySparse(csc([[4, 1], [1, 4]]));
   * F.updateValues(csc([[9, 1], [1, 9]]));
   * Array.from(F.solve([10, 10])).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1]
   * ```
   */
  updateValues(A: SparseMatrix): this {
    this.checkLive();
    const C = squareCSC('SparseCholesky.updateValues', A);
    const { indptr, indices } = this.pattern;
    let same = C.shape[0] === this.sym.n && C.indptr.length === indptr.length && C.indices.length === indices.length;
    for (let i = 0; same && i < indptr.length; i++) same = C.indptr[i] === indptr[i];
    for (let i = 0; same && i < indices.length; i++) same = C.indices[i] === indices[i];
    if (!same) throw new ArgumentError('A', `a matrix with ${C.nnz} stored entries`, 'a matrix with the same shape and pattern (stored entries) as the factorized one');
    const f = factorNumeric(this.sym, C.data);
    this.resident?.free();
    this.values = f instanceof ResidentCholesky ? null : f;
    this.resident = f instanceof ResidentCholesky ? f : null;
    this.cachedL = null;
    return this;
  }

  /** y ← (L·Lᵀ)⁻¹ y in the permuted order. */
  private solvePermuted(y: Float64Array): void {
    const { n, nsuper, superStart, rowPtr, rows, blockPtr, simplicial } = this.sym;
    const L = this.values!;
    if (simplicial) {
      // One column per supernode (diagonal first): plain compressed-column substitutions, in
      // WASM (chol_simplicial_solve, the same loops) when the kernels are in use.
      if (callOnCopies('chol_simplicial_solve', [rowPtr, rows, L, y], [n], [3]) !== null) return;
      for (let j = 0; j < n; j++) {
        const p0 = rowPtr[j]!;
        const yj = y[j]! / L[p0]!;
        y[j] = yj;
        if (yj === 0) continue;
        for (let p = p0 + 1; p < rowPtr[j + 1]!; p++) y[rows[p]!]! -= L[p]! * yj;
      }
      for (let j = n - 1; j >= 0; j--) {
        const p0 = rowPtr[j]!;
        let t = y[j]!;
        for (let p = p0 + 1; p < rowPtr[j + 1]!; p++) t -= L[p]! * y[rows[p]!]!;
        y[j] = t / L[p0]!;
      }
      return;
    }
    for (let s = 0; s < nsuper; s++) {
      const f = superStart[s]!;
      const w = superStart[s + 1]! - f;
      const r0 = rowPtr[s]!;
      const h = rowPtr[s + 1]! - r0;
      const off = blockPtr[s]!;
      for (let j = 0; j < w; j++) {
        const o = off + j * w;
        y[f + j] = (y[f + j]! - dotAt(j, L, o, y, f)) / L[o + j]!;
      }
      for (let t = w; t < h; t++) y[rows[r0 + t]!]! -= dotAt(w, L, off + t * w, y, f);
    }
    for (let s = nsuper - 1; s >= 0; s--) {
      const f = superStart[s]!;
      const w = superStart[s + 1]! - f;
      const r0 = rowPtr[s]!;
      const h = rowPtr[s + 1]! - r0;
      const off = blockPtr[s]!;
      for (let t = w; t < h; t++) {
        const yt = y[rows[r0 + t]!]!;
        if (yt !== 0) axpyAt(w, -yt, L, off + t * w, y, f);
      }
      for (let j = w - 1; j >= 0; j--) {
        const o = off + j * w;
        const xj = y[f + j]! / L[o + j]!;
        y[f + j] = xj;
        axpyAt(j, -xj, L, o, y, f);
      }
    }
  }
}

// `using F = choleskySparse(A)`.
installDispose(SparseCholesky.prototype, SparseCholesky.prototype.dispose);

/** The numeric phase for the analysis' layout; a simplicial L stays in WASM memory when it can. */
function factorNumeric(sym: CholeskySymbolic, ax: Float64Array): Float64Array | ResidentCholesky {
  return sym.simplicial ? factorSimplicial(sym, ax, true) : factorSupernodal(sym, ax);
}

/**
 * Sparse Cholesky factorization of a symmetric positive definite matrix, A[p][:, p] = L·Lᵀ
 * (CHOLMOD's `cholesky(A)` / MATLAB's `chol` with a fill-reducing permutation).
 *
 * Symbolic phase: fill-reducing ordering of A's pattern (approximate minimum degree, or nested
 * dissection where it saves flops), elimination tree and its postorder, column counts, relaxed supernodes. Numeric phase: supernodal left-looking, each
 * supernode a dense block updated by matrix products in the GEMM kernel and factored by the dense
 * Cholesky panel routine. Only the lower triangle of A is read (symmetry is not checked).
 *
 * Cost: O(nnz(A) + nnz(L)) memory, `flops` = Σ|L(:, j)|² operations (2-D grid problems: about
 * n^1.5 with AMD; 3-D: n²).
 *
 * @param A - n x n sparse matrix (CSR, CSC or COO; never modified)
 * @param options - `ordering`: `'auto'` (default), `'amd'`, `'nesdis'`, `'natural'` or a permutation
 * @returns the factorization, with `solve`, `solveInPlace`, `logDet`, `L`, `perm`, `updateValues`
 * @throws {@link ShapeError} when A is not square; {@link ArgumentError} when A is not positive
 *   definite (naming the original column whose pivot failed), on NaN/Infinity, on a bad ordering
 *   or an unknown option.
 *
 * @example
 * ```ts
 * import { csr, choleskySparse } from 'sparsity';
 * const A = csr([[4, -1, 0, 0], [-1, 4, -1, 0], [0, -1, 4, -1], [0, 0, -1, 4]]);
 * const F = choleskySparse(A, { ordering: 'amd' });
 * const x = F.solve([3, 2, 2, 3]);
 * Array.from(x).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1, 1, 1]
 * F.perm.length; // => 4
 * choleskySparse(A, { ordering: 'nesdis' }).ordering; // => 'nesdis'
 * ```
 */
export function choleskySparse(A: SparseMatrix, options: CholeskySparseOptions = {}): SparseCholesky {
  const opts = readOptions<Record<string, unknown>>('choleskySparse', options as Record<string, unknown> | undefined, OPTION_KEYS);
  const C = squareCSC('choleskySparse', A);
  const n = C.shape[0];
  const ordering = opts.ordering ?? 'auto';
  let p0: Int32Array | 'auto' | 'amd' | 'nesdis' | 'natural';
  if (ordering === 'auto' || ordering === 'amd' || ordering === 'nesdis' || ordering === 'natural') p0 = ordering;
  else if (typeof ordering === 'object' && ordering !== null && typeof (ordering as ArrayLike<number>).length === 'number') {
    p0 = checkPermutation('ordering', ordering as ArrayLike<number>, n);
  } else throw new ArgumentError('choleskySparse options.ordering', ordering, "'auto', 'amd', 'nesdis', 'natural' or a permutation array");
  return choleskyChecked(C, p0);
}

/**
 * {@link choleskySparse} of a matrix already checked by `squareCSC` (canonical CSC, finite);
 * `graph`: A's pattern without the diagonal, or `'symmetric'` when A's pattern is known to be
 * symmetric with its diagonal stored; `amd`: the graph's AMD order, when the caller has it (see
 * `analyzeCholesky`).
 * @internal
 */
export function choleskyChecked(C: CSCMatrix, p0: Int32Array | 'auto' | 'amd' | 'nesdis' | 'natural', graph?: Graph | 'symmetric', amd?: Int32Array): SparseCholesky {
  const sym = analyzeCholesky(C, p0, true, 'auto', graph, amd);
  const values = factorNumeric(sym, C.data);
  // Keep copies of the pattern: updateValues compares against it, and the caller may mutate A.
  return new SparseCholesky(sym, { indptr: C.indptr.slice(), indices: C.indices.slice() }, values);
}
