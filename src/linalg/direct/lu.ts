/**
 * Sparse LU factorization Pr·A·Pc = L·U by the left-looking algorithm of Gilbert and Peierls with
 * threshold partial pivoting (Davis, "Direct Methods for Sparse Linear Systems", §6.3, CSparse's
 * `cs_lu`), after a fill-reducing column ordering.
 *
 * @module
 */
import { assertFinite, type VectorLike } from '../../core/array.js';
import { installDispose } from '../../core/dispose.js';
import { ArgumentError, DisposedError, ShapeError } from '../../core/index.js';
import { CSCMatrix, type DenseInput, type NdArray, type SparseMatrix } from '../../formats/index.js';
import { amdOrder } from './amd.js';
import { colamdOrder } from './colamd.js';
import { checkPermutation, invertPermutation, squareCSC } from './input.js';
import { readOptions } from '../../core/options.js';
import { ataPattern, offDiagonalPattern, type Symmetry, symmetricPattern, symmetryOf } from './pattern.js';
import { type DirectRHS, solveRHS } from './rhs.js';
import { analyzeSymmetricLU, luSupernodal } from './lu-supernodal.js';
import { luSimplicial } from './lu-simplicial.js';
import { ResidentLU } from './lu-resident.js';
import { dropZeros, grow } from './lu-storage.js';
import { callOnCopies } from './wasm-call.js';

/** Column orderings of {@link splu}. */
export type LUOrdering = 'auto' | 'amd' | 'nesdis' | 'colamd' | 'amd-ata' | 'natural';

/** Options of {@link splu}. */
export interface SpluOptions {
  /**
   * Fill-reducing column ordering (SciPy's `permc_spec`):
   * - `'amd'`: approximate minimum degree on the pattern of A + Aᵀ, for matrices whose pattern is
   *   (nearly) symmetric, with pivots kept on the diagonal when acceptable (SuperLU's
   *   `MMD_AT_PLUS_A`, UMFPACK's symmetric strategy). The factorization is first tried
   *   supernodally with every pivot on the diagonal (dense kernels on the supernodes of A + Aᵀ's
   *   Cholesky structure); if a pivot fails the threshold test it is redone by Gilbert–Peierls
   *   with row pivoting;
   * - `'nesdis'`: nested dissection of the pattern of A + Aᵀ (as `choleskySparse`), used as `'amd'`;
   * - `'colamd'`: column approximate minimum degree (SciPy's default `permc_spec='COLAMD'`): a
   *   column ordering good for any row pivoting, computed on the rows of A without forming AᵀA
   *   (dense rows ignored, dense columns last; no supercolumns);
   * - `'amd-ata'`: approximate minimum degree on the pattern of AᵀA (rows with more than
   *   10·√n entries ignored): also a column ordering for any row pivoting (SuperLU's `MMD_ATA`,
   *   CSparse's `order = 2`);
   * - `'natural'`: none; or a permutation q (q[k] = original column factored k-th);
   * - `'auto'` (default): `'amd'` when at least half of the off-diagonal entries have their
   *   transposed partner and the diagonal is zero-free (or `'nesdis'` where it needs fewer flops,
   *   chosen as `choleskySparse`'s `'auto'` chooses on A + Aᵀ), else `'amd-ata'`.
   */
  ordering?: LUOrdering | ArrayLike<number>;
  /**
   * Threshold τ in [0, 1] of the partial pivoting: the diagonal entry is kept as pivot when
   * |a_jj| ≥ τ·max_i |a_ij| over the candidate rows, else the largest entry is taken (SciPy's
   * `diag_pivot_thresh`). Default 0.1 (UMFPACK's default; SciPy's is 1.0, plain partial pivoting).
   */
  pivotThreshold?: number;
}

const OPTION_KEYS = ['ordering', 'pivotThreshold'] as const;

/**
 * A sparse LU factorization Pr·A·Pc = L·U from {@link splu} (SciPy's `SuperLU` object): L unit
 * lower triangular, U upper triangular, both CSC with sorted indices.
 *
 * `permR` and `permC` are SciPy's `perm_r` and `perm_c` (camelCase): row i of A is row permR[i] of
 * Pr·A, and column j of A is column permC[j] of A·Pc, i.e. Pr = csc((1, (permR, arange(n)))) and
 * Pc = csc((1, (arange(n), permC))).
 *
 * @example
 * ```ts
 * import { csc, splu } from 'sparsity';
 * const lu = splu(csc([[0, 2], [3, 1]]));
 * Array.from(lu.solve([2, 4])); // => [1, 1]
 * Array.from(lu.solve([3, 3], 'T')); // => [1, 1]
 * lu.L.nnz + lu.U.nnz; // => 6
 * ```
 */
export class SparseLU {
  /** Shape [n, n] of A. */
  readonly shape: readonly [number, number];
  /** The factors as built: JS arrays, or (the simplicial WASM path) a block of WASM memory. */
  private raw: [CSCMatrix, CSCMatrix] | null;
  private resident: ResidentLU | null;
  private sorted: [CSCMatrix, CSCMatrix] | null = null;
  private isDisposed = false;
  /** Row permutation (SciPy's `perm_r`): row i of A is row permR[i] of Pr·A. */
  readonly permR: Int32Array;
  /** Column permutation (SciPy's `perm_c`): column j of A is column permC[j] of A·Pc. */
  readonly permC: Int32Array;
  /** Floating-point operations of the numeric factorization. */
  readonly flops: number;
  /** The column ordering that was used. */
  readonly ordering: LUOrdering | 'given';
  private readonly q: Int32Array;
  private readonly work: Float64Array;

  /** @internal */
  constructor(factors: [CSCMatrix, CSCMatrix] | ResidentLU, pinv: Int32Array, q: Int32Array, flops: number, ordering: LUOrdering | 'given') {
    const n = pinv.length;
    this.shape = [n, n];
    this.raw = factors instanceof ResidentLU ? null : factors;
    this.resident = factors instanceof ResidentLU ? factors : null;
    this.permR = pinv;
    this.q = q;
    this.permC = invertPermutation(q);
    this.flops = flops;
    this.ordering = ordering;
    this.work = new Float64Array(n);
  }

  /**
   * Unit lower triangular factor L (CSC, sorted indices; the unit diagonal is stored, as SuperLU
   * does), built on first access. O(nnz(L)).
   *
   * @example
   * ```ts
   * import { csc, splu } from 'sparsity';
   * splu(csc([[2, 0], [1, 2]]), { ordering: 'natural' }).L.toDense().data; // => Float64Array.from([1, 0, 0.5, 1])
   * ```
   */
  get L(): CSCMatrix {
    return this.sortedFactors()[0];
  }

  /**
   * Upper triangular factor U (CSC, sorted indices), built on first access. O(nnz(U)).
   *
   * @example
   * ```ts
   * import { csc, splu } from 'sparsity';
   * splu(csc([[2, 0], [1, 2]]), { ordering: 'natural' }).U.toDense().data; // => Float64Array.from([2, 0, 0, 2])
   * ```
   */
  get U(): CSCMatrix {
    return this.sortedFactors()[1];
  }

  private sortedFactors(): [CSCMatrix, CSCMatrix] {
    // The solves read the factors as built (L's diagonal first, U's last in each column);
    // users get sorted copies.
    if (!this.sorted) {
      const [L, U] = this.rawFactors();
      this.sorted = [L.sortIndices(), U.sortIndices()];
    }
    return this.sorted;
  }

  /** The factors as built, in JS arrays (copied out of WASM memory on first use). */
  private rawFactors(): [CSCMatrix, CSCMatrix] {
    this.checkLive();
    this.raw ??= this.resident!.toCSC();
    return this.raw;
  }

  private checkLive(): void {
    if (this.isDisposed) throw new DisposedError('SparseLU', 'its factors were freed (factor A again)');
  }

  /**
   * Bytes of WASM memory that hold the factors (the simplicial LU with the WASM kernels keeps
   * them there, where the solves run); 0 when they are in JS arrays or after
   * {@link SparseLU.dispose}.
   */
  get wasmBytes(): number {
    return this.resident?.bytes ?? 0;
  }

  /**
   * Free the factors now (also `using lu = splu(A)` where the runtime has `Symbol.dispose`):
   * their WASM memory goes back at once instead of when the garbage collector reclaims the
   * object. Afterwards `solve`, `solveInPlace`, `L` and `U` throw {@link DisposedError};
   * `L` and `U` taken before stay valid (they are copies). Idempotent.
   *
   * @example
   * ```ts
   * import { csc, splu } from 'sparsity';
   * const lu = splu(csc([[2, 1], [1, 3]]));
   * Array.from(lu.solve([3, 4])); // => [1, 1]
   * lu.dispose();
   * lu.disposed; // => true
   * ```
   */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.resident?.free();
    this.resident = null;
    this.raw = null;
    this.sorted = null;
  }

  /** True once {@link SparseLU.dispose} ran. */
  get disposed(): boolean {
    return this.isDisposed;
  }

  /**
   * Solve A·x = b (`trans = 'N'`, default) or Aᵀ·x = b (`'T'`). `b` may be a vector (returns a
   * Float64Array), a dense n x k matrix (an ndarray) or a sparse matrix (a CSCMatrix); it is not
   * modified. O(nnz(L) + nnz(U)) per column.
   * @throws {@link ShapeError} when b has the wrong number of rows; {@link ArgumentError} on a bad
   *   `trans` or NaN/Infinity in b.
   *
   * @example
   * ```ts
   * import { csc, splu } from 'sparsity';
   * const lu = splu(csc([[1, 2], [0, 1]]));
   * Array.from(lu.solve([3, 1])); // => [1, 1]
   * Array.from(lu.solve([1, 3], 'T')); // => [1, 1]
   * ```
   */
  solve(b: VectorLike, trans?: 'N' | 'T'): Float64Array;
  solve(b: DenseInput, trans?: 'N' | 'T'): NdArray;
  solve(b: SparseMatrix, trans?: 'N' | 'T'): CSCMatrix;
  solve(b: DirectRHS, trans?: 'N' | 'T'): Float64Array | NdArray | CSCMatrix;
  solve(b: DirectRHS, trans: 'N' | 'T' = 'N'): Float64Array | NdArray | CSCMatrix {
    if (trans !== 'N' && trans !== 'T') throw new ArgumentError('trans', trans, "'N' (A·x = b) or 'T' (Aᵀ·x = b)");
    this.checkLive();
    return solveRHS('SparseLU.solve', this.shape[0], b, (x) => this.solveInPlace(x, trans));
  }

  /**
   * Solve in place: `b` (a Float64Array of length n) is overwritten with x.
   * @throws {@link ShapeError} when b has the wrong length.
   *
   * @example
   * ```ts
   * import { csc, splu } from 'sparsity';
   * const b = Float64Array.from([4, 6]);
   * splu(csc([[2, 0], [0, 3]])).solveInPlace(b);
   * Array.from(b); // => [2, 2]
   * ```
   */
  solveInPlace(b: Float64Array, trans: 'N' | 'T' = 'N'): Float64Array {
    const n = this.shape[0];
    if (!(b instanceof Float64Array)) throw new ArgumentError('b', b, 'a Float64Array (solveInPlace overwrites it)');
    if (b.length !== n) throw new ShapeError('SparseLU.solveInPlace', [n, n], b.length);
    this.checkLive();
    assertFinite(b, 'b');
    if (this.resident) {
      this.resident.solve(b, this.permR, this.q, trans === 'T');
      return b;
    }
    const [L, U] = this.rawFactors();
    const { indptr: lp, indices: li, data: lx } = L;
    const { indptr: up, indices: ui, data: ux } = U;
    const y = this.work;
    const pinv = this.permR;
    const q = this.q;
    if (trans === 'N') {
      for (let i = 0; i < n; i++) y[pinv[i]!] = b[i]!;
      // L (unit diagonal first in each column), then U (diagonal last); in WASM (lu_solve, the
      // same loops) when the kernels are in use.
      if (callOnCopies('lu_solve', [lp, li, lx, up, ui, ux, y], [n], [6]) === null) this.substitute(y);
      for (let k = 0; k < n; k++) b[q[k]!] = y[k]!;
    } else {
      for (let k = 0; k < n; k++) y[k] = b[q[k]!]!;
      for (let j = 0; j < n; j++) {
        const d = up[j + 1]! - 1;
        let s = y[j]!;
        for (let p = up[j]!; p < d; p++) s -= ux[p]! * y[ui[p]!]!;
        y[j] = s / ux[d]!;
      }
      for (let j = n - 1; j >= 0; j--) {
        let s = y[j]!;
        for (let p = lp[j]! + 1; p < lp[j + 1]!; p++) s -= lx[p]! * y[li[p]!]!;
        y[j] = s;
      }
      for (let i = 0; i < n; i++) b[i] = y[pinv[i]!]!;
    }
    return b;
  }

  /** y ← U⁻¹·L⁻¹·y in JS (the loops of `lu_solve` in assembly/sparse-simplicial.ts). */
  private substitute(y: Float64Array): void {
    const n = this.shape[0];
    const { indptr: lp, indices: li, data: lx } = this.raw![0];
    const { indptr: up, indices: ui, data: ux } = this.raw![1];
    for (let j = 0; j < n; j++) {
        const yj = y[j]!;
        if (yj === 0) continue;
        for (let p = lp[j]! + 1; p < lp[j + 1]!; p++) y[li[p]!]! -= lx[p]! * yj;
      }
      for (let j = n - 1; j >= 0; j--) {
        const d = up[j + 1]! - 1;
        const yj = y[j]! / ux[d]!;
        y[j] = yj;
        if (yj === 0) continue;
        for (let p = up[j]!; p < d; p++) y[ui[p]!]! -= ux[p]! * yj;
      }
  }
}

// `using lu = splu(A)`.
installDispose(SparseLU.prototype, SparseLU.prototype.dispose);

/**
 * Share of off-diagonal entries whose transpose is also stored, and whether the diagonal is
 * zero-free (for a pattern that is not symmetric; a symmetric one has share 1, see {@link Symmetry}).
 */
function patternSymmetry(A: CSCMatrix): { matched: number; zeroFreeDiagonal: boolean } {
  const n = A.shape[1];
  const ap = A.indptr;
  const ai = A.indices;
  let off = 0;
  let matched = 0;
  let diag = 0;
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (i === j) {
        if (A.data[p] !== 0) diag++;
        continue;
      }
      off++;
      // Binary search for (j, i) in column i (indices are sorted).
      let lo = ap[i]!;
      let hi = ap[i + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = ai[mid]!;
        if (v === j) {
          matched++;
          break;
        }
        if (v < j) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  }
  return { matched: off === 0 ? 1 : matched / off, zeroFreeDiagonal: diag === n };
}

/** Column order q (q[k] = column factored k-th) for a named ordering or a given permutation. */
function columnOrder(A: CSCMatrix, kind: unknown): Int32Array {
  const n = A.shape[0];
  if (kind === 'natural') {
    const q = new Int32Array(n);
    for (let k = 0; k < n; k++) q[k] = k;
    return q;
  }
  if (kind === 'amd') return amdOrder(symmetricPattern(A));
  if (kind === 'colamd') return colamdOrder(A);
  if (kind === 'amd-ata') return amdOrder(ataPattern(A, Math.max(16, Math.floor(10 * Math.sqrt(n)))));
  if (typeof kind === 'object' && kind !== null && typeof (kind as ArrayLike<number>).length === 'number') {
    return checkPermutation('ordering', kind as ArrayLike<number>, n);
  }
  throw new ArgumentError('ordering', kind, "'auto', 'amd', 'nesdis', 'colamd', 'amd-ata', 'natural' or a permutation array");
}

/**
 * Sparse LU factorization with threshold partial pivoting, Pr·A·Pc = L·U (SciPy's
 * `scipy.sparse.linalg.splu`).
 *
 * Left-looking (Gilbert–Peierls): column k of L and U comes from one sparse triangular solve
 * L·x = A(:, q_k), whose nonzero pattern is found beforehand by a depth-first search in the graph
 * of L, so the time is proportional to the flop count, O(flops + nnz(A) + n). The pivot is the
 * diagonal entry when |x_diag| ≥ τ·max|x_i| (τ = `pivotThreshold`), else the largest candidate.
 *
 * @param A - n x n sparse matrix (CSR, CSC or COO; never modified)
 * @param options - `ordering` (default `'auto'`), `pivotThreshold` τ (default 0.1)
 * @returns the factorization: `L`, `U`, `permR`, `permC`, `solve(b, trans)`
 * @throws {@link ShapeError} when A is not square; {@link ArgumentError} when A is singular (naming
 *   the original column where no nonzero pivot was found: structurally singular when the column
 *   had no candidate row left, numerically when the candidates were all zero), on NaN/Infinity,
 *   a bad option value or an unknown option.
 *
 * @example
 * ```ts
 * import { csr, splu } from 'sparsity';
 * const A = csr([[1, 2, 0], [3, 0, 4], [0, 5, 6]]);
 * const lu = splu(A);
 * Array.from(lu.solve([3, 7, 11])).map((v) => Math.round(v * 1e12) / 1e12); // => [1, 1, 1]
 * let message = '';
 * try { splu(csr([[1, 1], [1, 1]])); } catch (e) { message = e.message; }
 * message.includes('singular, detected at column'); // => true
 * ```
 */
export function splu(A: SparseMatrix, options: SpluOptions = {}): SparseLU {
  return spluChecked(squareCSC('splu', A), options)!;
}

/**
 * {@link splu} of canonical CSC `C` (already checked by `squareCSC`). With `rhs`, the
 * factorization may solve A·x = rhs itself and drop its factors (the simplicial path with the
 * WASM kernels, see {@link luSimplicial}): it then returns null, rhs holding x; otherwise rhs is
 * untouched and the factorization is returned. `symmetry`: {@link symmetryOf}(C) when the caller
 * has it already.
 * @internal
 */
export function spluChecked(C: CSCMatrix, options: SpluOptions | undefined, rhs?: Float64Array, symmetry?: Symmetry): SparseLU | null {
  const opts = readOptions<Record<string, unknown>>('splu', options as Record<string, unknown> | undefined, OPTION_KEYS);
  const tol = opts.pivotThreshold ?? 0.1;
  if (typeof tol !== 'number' || !(tol >= 0 && tol <= 1)) throw new ArgumentError('pivotThreshold', tol, 'a number in [0, 1]');
  const ordering = opts.ordering ?? 'auto';
  if (ordering === 'auto' || ordering === 'amd' || ordering === 'nesdis') {
    // A symmetric pattern with the diagonal stored is its own A + Aᵀ + I: its off-diagonal
    // pattern is the graph to order, and A the pattern to analyze.
    const s = symmetry ?? symmetryOf(C);
    const symPattern = s.pattern;
    const sym = ordering === 'auto' ? (symPattern ? { matched: 1, zeroFreeDiagonal: s.zeroFreeDiagonal } : patternSymmetry(C)) : null;
    if (!sym || (sym.matched >= 0.5 && sym.zeroFreeDiagonal)) {
      // Symmetric strategy: first the supernodal factorization with the pivots on the diagonal;
      // when a pivot fails the threshold test, Gilbert–Peierls with row pivoting in the same
      // order. Under 'auto' that is abandoned too (and the factorization redone with the AᵀA
      // ordering) when more than 5% of the pivots leave the diagonal, which spoils the A + Aᵀ
      // ordering's fill.
      const G = symPattern ? offDiagonalPattern(C) : symmetricPattern(C);
      const S = analyzeSymmetricLU(G, ordering, 'auto', symPattern ? C : undefined);
      const used = S.ordering === 'nesdis' ? 'nesdis' : 'amd';
      const f = S.simplicial ? luSimplicial(C, S, tol, rhs ?? 'resident') : luSupernodal(C, C.toCSR(), S, tol);
      if (f === 'solved') return null;
      if (f) return new SparseLU('resident' in f ? f.resident : [f.L, f.U], f.pinv, f.q, f.flops, used);
      const lu = luFactor(C, S.perm, tol, used, sym ? Math.max(1, Math.floor(0.05 * C.shape[0])) : Infinity);
      if (lu) return lu;
    }
    return luFactor(C, columnOrder(C, 'amd-ata'), tol, 'amd-ata')!;
  }
  const used = typeof ordering === 'string' ? (ordering as LUOrdering) : 'given';
  return luFactor(C, columnOrder(C, ordering), tol, used)!;
}

/**
 * The numeric Gilbert–Peierls factorization of canonical CSC `A` with column order `q`.
 * @internal
 */
export function luFactor(A: CSCMatrix, q: Int32Array, tol: number, used: LUOrdering | 'given', maxOffDiagonal = Infinity): SparseLU | null {
  const n = A.shape[0];
  const ap = A.indptr;
  const ai = A.indices;
  const ax = A.data;
  let cap = 4 * ap[n]! + n;
  let li = new Int32Array(cap);
  let lx = new Float64Array(cap);
  let ui = new Int32Array(cap);
  let ux = new Float64Array(cap);
  const lp = new Int32Array(n + 1);
  const up = new Int32Array(n + 1);
  const pinv = new Int32Array(n).fill(-1);
  const x = new Float64Array(n);
  const reach = new Int32Array(n);
  const stack = new Int32Array(n);
  const pstack = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  // Symmetric pruning (Eisenstat & Liu): lpend[J] ends the part of L(:, J) that the depth-first
  // searches still need to visit (-1: all of it).
  const lpend = new Int32Array(n).fill(-1);
  let lnz = 0;
  let unz = 0;
  let flops = 0;
  let offDiagonal = 0;
  for (let k = 0; k < n; k++) {
    if (lnz + n > li.length) {
      li = grow(li, lnz + n);
      lx = grow(lx, lnz + n);
    }
    if (unz + n > ui.length) {
      ui = grow(ui, unz + n);
      ux = grow(ux, unz + n);
    }
    lp[k] = lnz;
    up[k] = unz;
    const col = q[k]!;
    // Pattern of x = L \ A(:, col): nodes reachable from A's rows in the graph of L, in
    // topological order reach[top..n).
    let top = n;
    for (let p = ap[col]!; p < ap[col + 1]!; p++) {
      const start = ai[p]!;
      if (mark[start] === k) continue;
      let head = 0;
      stack[0] = start;
      while (head >= 0) {
        const j = stack[head]!;
        const J = pinv[j]!;
        if (mark[j] !== k) {
          mark[j] = k;
          pstack[head] = J < 0 ? 0 : lp[J]! + 1;
        }
        let done = true;
        const pend = J < 0 ? 0 : lpend[J]! >= 0 ? lpend[J]! : lp[J + 1]!;
        for (let t = pstack[head]!; t < pend; t++) {
          const i = li[t]!;
          if (mark[i] === k) continue;
          pstack[head] = t + 1;
          stack[++head] = i;
          done = false;
          break;
        }
        if (done) {
          head--;
          reach[--top] = j;
        }
      }
    }
    // Numeric solve.
    for (let p = ap[col]!; p < ap[col + 1]!; p++) x[ai[p]!] = ax[p]!;
    for (let t = top; t < n; t++) {
      const j = reach[t]!;
      const J = pinv[j]!;
      if (J < 0) continue;
      const xj = x[j]!;
      const pend = lp[J + 1]!;
      flops += 2 * (pend - lp[J]! - 1);
      if (xj === 0) continue;
      for (let p = lp[J]! + 1; p < pend; p++) x[li[p]!]! -= lx[p]! * xj;
    }
    // Pivot among the rows not yet pivotal; U takes the pivotal ones.
    let ipiv = -1;
    let amax = -1;
    for (let t = top; t < n; t++) {
      const i = reach[t]!;
      if (pinv[i]! < 0) {
        const v = Math.abs(x[i]!);
        if (v > amax) {
          amax = v;
          ipiv = i;
        }
      } else {
        ui[unz] = pinv[i]!;
        ux[unz++] = x[i]!;
      }
    }
    if (ipiv === -1 || amax <= 0) {
      throw new ArgumentError(
        `A (column ${col})`, ipiv === -1 ? 'no candidate pivot row' : 'only zero candidate pivots',
        `a nonsingular matrix: A is ${ipiv === -1 ? 'structurally' : 'numerically'} singular, detected at column ${col} (step ${k} of the factorization)`,
      );
    }
    if (pinv[col]! < 0 && mark[col] === k && Math.abs(x[col]!) >= amax * tol) ipiv = col;
    else if (++offDiagonal > maxOffDiagonal) return null;
    const pivot = x[ipiv]!;
    ui[unz] = k;
    ux[unz++] = pivot;
    pinv[ipiv] = k;
    li[lnz] = ipiv;
    lx[lnz++] = 1;
    for (let t = top; t < n; t++) {
      const i = reach[t]!;
      if (pinv[i]! < 0) {
        li[lnz] = i;
        lx[lnz++] = x[i]! / pivot;
      }
      x[i] = 0;
    }
    flops += lnz - lp[k]! - 1;
    // Prune: when U(J, k) ≠ 0 and L(ipiv, J) ≠ 0, every row of L(:, J) that is not yet pivotal
    // is also in L(:, k), so later searches reach it through column k; move those rows behind
    // lpend[J] (values with them: the numeric updates still use the whole column).
    for (let p = up[k]!; p < unz - 1; p++) {
      const J = ui[p]!;
      if (lpend[J]! >= 0) continue;
      const end = lp[J + 1]!;
      let found = false;
      for (let t = lp[J]! + 1; t < end; t++) {
        if (li[t] === ipiv) {
          found = true;
          break;
        }
      }
      if (!found) continue;
      let head = lp[J]! + 1;
      let tail = end;
      while (head < tail) {
        const i = li[head]!;
        if (pinv[i]! >= 0) head++;
        else {
          tail--;
          li[head] = li[tail]!;
          li[tail] = i;
          const v = lx[head]!;
          lx[head] = lx[tail]!;
          lx[tail] = v;
        }
      }
      lpend[J] = tail;
    }
  }
  lp[n] = lnz;
  up[n] = unz;
  for (let p = 0; p < lnz; p++) li[p] = pinv[li[p]!]!;
  // Entries that cancelled to exactly zero are not kept (SuperLU does not store them either);
  // the diagonals stay (L's is 1, U's is a nonzero pivot).
  lnz = dropZeros(n, lp, li, lx, true);
  unz = dropZeros(n, up, ui, ux, false);
  const L = new CSCMatrix({ indptr: lp, indices: li.slice(0, lnz), data: lx.slice(0, lnz), shape: [n, n] });
  const U = new CSCMatrix({ indptr: up, indices: ui.slice(0, unz), data: ux.slice(0, unz), shape: [n, n] });
  return new SparseLU([L, U], pinv, q, flops, used);
}
