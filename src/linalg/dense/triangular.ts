/**
 * Triangular solves T·X = B and Tᵀ·X = B by substitution, and the right-side solve X·Tᵀ = B on
 * strided sub-blocks of one buffer (the panels of the Cholesky factorizations).
 *
 * @module
 */
import { toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput, isDenseMatrix, isNdarray, type NdArray, toNdarray } from '../../formats/dense.js';
import { axpyAt, dotAt } from '../../kernels/blas1.js';
import { gemm, gemmNT } from './gemm.js';
import { trsmRowsLowerTWasm } from '../../kernels/dense/supernodal.js';
import { optionKeys, readOptions } from '../../core/options.js';

/** Options of {@link solveTriangular}. */
export interface SolveTriangularOptions {
  /** Use the lower triangle of T (default false: the upper triangle, as SciPy). */
  lower?: boolean;
  /** Solve Tᵀ·x = b instead of T·x = b (default false). */
  trans?: boolean;
  /** Assume a unit diagonal (the stored diagonal is not read). Default false. */
  unitDiagonal?: boolean;
}

function checkDiag(T: DenseMatrix, unit: boolean): void {
  if (unit) return;
  const n = T.rows;
  for (let i = 0; i < n; i++) {
    if (T.data[i * T.cols + i] === 0) throw new ArgumentError(`T[${i}][${i}]`, 0, 'a nonzero diagonal entry (T is singular)');
  }
}

/**
 * Solve op(T)·x = b in place for a row-major n x n triangular T (only the chosen triangle is read).
 * O(n²). No singularity check (see {@link solveTriangular}).
 * @internal
 */
export function solveTriangularVecInPlace(T: DenseMatrix, b: Float64Array, lower: boolean, trans: boolean, unit = false): Float64Array {
  const n = T.rows;
  const ld = T.cols;
  const t = T.data;
  // Effective orientation: Tᵀ of an upper matrix is lower, read by columns.
  if (!trans) {
    if (lower) {
      for (let i = 0; i < n; i++) {
        const s = b[i]! - dotAt(i, t, i * ld, b, 0);
        b[i] = unit ? s : s / t[i * ld + i]!;
      }
    } else {
      for (let i = n - 1; i >= 0; i--) {
        const s = b[i]! - dotAt(n - 1 - i, t, i * ld + i + 1, b, i + 1);
        b[i] = unit ? s : s / t[i * ld + i]!;
      }
    }
  } else if (lower) {
    // Lᵀ x = b: backward, column-oriented (row i of L is column i of Lᵀ).
    for (let i = n - 1; i >= 0; i--) {
      const xi = unit ? b[i]! : b[i]! / t[i * ld + i]!;
      b[i] = xi;
      axpyAt(i, -xi, t, i * ld, b, 0);
    }
  } else {
    // Uᵀ x = b: forward, row i of U scatters into later entries.
    for (let i = 0; i < n; i++) {
      const xi = unit ? b[i]! : b[i]! / t[i * ld + i]!;
      b[i] = xi;
      axpyAt(n - 1 - i, -xi, t, i * ld + i + 1, b, i + 1);
    }
  }
  return b;
}

/**
 * Block size of the blocked solve with many right-hand sides: the off-diagonal blocks go through
 * {@link gemm} (the bulk of the n²p flops), the nb x nb diagonal blocks through row operations.
 */
const NB = 64;

/**
 * Solve op(T)·X = B in place for B n x p row-major. O(n²p). With n > NB and p ≥ 8 it is blocked
 * (a right-looking TRSM): each block row of X first takes the product of the solved rows through
 * GEMM, then its diagonal block is solved by row operations of length p.
 * @internal
 */
export function solveTriangularInPlace(T: DenseMatrix, B: DenseMatrix, lower: boolean, trans: boolean, unit = false): DenseMatrix {
  const n = T.rows;
  const ld = T.cols;
  const t = T.data;
  const p = B.cols;
  const x = B.data;
  const scaleRow = (i: number): void => {
    if (unit) return;
    const d = 1 / t[i * ld + i]!;
    for (let c = i * p; c < (i + 1) * p; c++) x[c] = x[c]! * d;
  };
  const nb = n > NB && p >= 8 ? NB : Math.max(n, 1);
  // Forward (T lower, or Tᵀ with T upper) over block rows ascending, else backward.
  const forward = lower !== trans;
  const nBlocks = Math.ceil(n / nb);
  for (let bi = 0; bi < nBlocks; bi++) {
    const ib = forward ? bi * nb : (nBlocks - 1 - bi) * nb;
    const ie = Math.min(ib + nb, n);
    const w = ie - ib;
    // X[ib:ie] −= op(T)[ib:ie, solved] · X[solved], the solved rows being [0, ib) or [ie, n).
    if (!trans) {
      if (lower && ib > 0) gemm(false, false, w, p, ib, -1, t, ib * ld, ld, x, 0, p, 1, x, ib * p, p);
      if (!lower && ie < n) gemm(false, false, w, p, n - ie, -1, t, ib * ld + ie, ld, x, ie * p, p, 1, x, ib * p, p);
    } else {
      // op(T)[ib:ie, j] = T[j, ib:ie]: a transposed block of T.
      if (lower && ie < n) gemm(true, false, w, p, n - ie, -1, t, ie * ld + ib, ld, x, ie * p, p, 1, x, ib * p, p);
      if (!lower && ib > 0) gemm(true, false, w, p, ib, -1, t, ib, ld, x, 0, p, 1, x, ib * p, p);
    }
    // The diagonal block by substitution.
    if (!trans) {
      if (lower) {
        for (let i = ib; i < ie; i++) {
          for (let j = ib; j < i; j++) axpyAt(p, -t[i * ld + j]!, x, j * p, x, i * p);
          scaleRow(i);
        }
      } else {
        for (let i = ie - 1; i >= ib; i--) {
          for (let j = i + 1; j < ie; j++) axpyAt(p, -t[i * ld + j]!, x, j * p, x, i * p);
          scaleRow(i);
        }
      }
    } else if (lower) {
      for (let i = ie - 1; i >= ib; i--) {
        scaleRow(i);
        for (let j = ib; j < i; j++) axpyAt(p, -t[i * ld + j]!, x, i * p, x, j * p);
      }
    } else {
      for (let i = ib; i < ie; i++) {
        scaleRow(i);
        for (let j = i + 1; j < ie; j++) axpyAt(p, -t[i * ld + j]!, x, i * p, x, j * p);
      }
    }
  }
  return B;
}

/** Triangles of at most this many columns are solved by row-wise dot products (no kernel call). */
const TRSM_LEAF = 32;
/** Reciprocals of a leaf triangle's diagonal (scratch; the solve is synchronous). */
const TRSM_INV = new Float64Array(TRSM_LEAF);

/**
 * Solve X·Tᵀ = B on the right, in place (X ← B·T⁻ᵀ), for T n x n lower triangular with a nonzero
 * diagonal, on sub-blocks of one buffer: the rows of this TRSM are right-hand sides, so a panel's
 * rows below its diagonal block are solved where they lie.
 *
 * Layout, all row-major in `l` with the same leading dimension `ld` (≥ n):
 * - B (overwritten by X), m x n: entry (i, j) at `l[xo + i·ld + j]`;
 * - T, n x n: entry (i, j) at `l[to + i·ld + j]`, only the lower triangle with the diagonal read.
 * The two blocks must not overlap. No singularity check.
 *
 * Recursive halving: solve the left columns, subtract their product with T's lower-left block from
 * the right columns in the matmul kernel, solve the right columns; so all but the leaf triangles'
 * flops run in the kernel. Leaves (at most 32 columns, or fewer than 4 rows) are solved by
 * substitution, in WASM when `l` is resident in WASM memory.
 * O(m·n²).
 * @internal
 */
export function solveRightLowerTransStridedInPlace(m: number, n: number, l: Float64Array, xo: number, to: number, ld: number): void {
  if (n <= TRSM_LEAF || m < 4) {
    // The same substitution in WASM when l is resident (the sparse factor's blocks).
    if (trsmRowsLowerTWasm(m, n, l, xo, to, ld)) return;
    if (n > TRSM_LEAF) {
      // Few rows (m < 4) with a wide triangle: plain substitution row by row.
      for (let i = 0; i < m; i++) {
        const io = xo + i * ld;
        for (let j = 0; j < n; j++) l[io + j] = (l[io + j]! - dotAt(j, l, io, l, to + j * ld)) * (1 / l[to + j * ld + j]!);
      }
      return;
    }
    const inv = TRSM_INV;
    for (let j = 0; j < n; j++) inv[j] = 1 / l[to + j * ld + j]!;
    // Two rows at a time, so each entry of T is loaded once per pair of rows.
    let i = 0;
    for (; i + 1 < m; i += 2) {
      const a = xo + i * ld;
      const b = a + ld;
      for (let j = 0; j < n; j++) {
        const jo = to + j * ld;
        let s0 = l[a + j]!;
        let s1 = l[b + j]!;
        for (let t = 0; t < j; t++) {
          const y = l[jo + t]!;
          s0 -= l[a + t]! * y;
          s1 -= l[b + t]! * y;
        }
        l[a + j] = s0 * inv[j]!;
        l[b + j] = s1 * inv[j]!;
      }
    }
    if (i < m) {
      const a = xo + i * ld;
      for (let j = 0; j < n; j++) l[a + j] = (l[a + j]! - dotAt(j, l, a, l, to + j * ld)) * inv[j]!;
    }
    return;
  }
  const n1 = ((n >> 1) + 7) & ~7;
  solveRightLowerTransStridedInPlace(m, n1, l, xo, to, ld);
  gemmNT(m, n - n1, n1, -1, l, xo, ld, l, to + n1 * ld, ld, l, xo + n1, ld);
  solveRightLowerTransStridedInPlace(m, n - n1, l, xo + n1, to + n1 * ld + n1, ld);
}

/**
 * Solve op(T)·x = b for a vector, returning a new Float64Array (internal entry for R⁻¹ products:
 * no input conversion). Throws on a zero diagonal entry unless `unit`.
 * @internal
 */
export function solveTriangularVec(T: DenseMatrix, b: Float64Array, lower = false, trans = false, unit = false): Float64Array {
  if (T.rows !== T.cols) throw new ShapeError('solveTriangular', [T.rows, T.cols], [T.rows, T.cols], 'is not square');
  if (b.length !== T.rows) throw new ShapeError('solveTriangular', [T.rows, T.cols], b.length);
  checkDiag(T, unit);
  return solveTriangularVecInPlace(T, Float64Array.from(b), lower, trans, unit);
}

/**
 * Solve op(T)·X = B for a DenseMatrix right-hand side, returning a new DenseMatrix.
 * @internal
 */
export function solveTriangularDense(T: DenseMatrix, B: DenseMatrix, lower = false, trans = false, unit = false): DenseMatrix {
  if (T.rows !== T.cols) throw new ShapeError('solveTriangular', [T.rows, T.cols], [T.rows, T.cols], 'is not square');
  if (B.rows !== T.rows) throw new ShapeError('solveTriangular', [T.rows, T.cols], [B.rows, B.cols], 'are not aligned');
  checkDiag(T, unit);
  return solveTriangularInPlace(T, { rows: B.rows, cols: B.cols, data: B.data.slice() }, lower, trans, unit);
}

/**
 * Solve T·x = b (or Tᵀ·x = b) for triangular T, as `scipy.linalg.solve_triangular` (upper by
 * default). Only the chosen triangle of T is read.
 *
 * Forward or back substitution: O(n²) per right-hand side.
 *
 * @param T - n x n triangular matrix
 * @param b - vector of length n (returns a Float64Array) or n x p matrix (returns an ndarray)
 * @param options - {@link SolveTriangularOptions}
 * @throws {@link ShapeError} when T is not square or b does not have n rows; {@link ArgumentError}
 *   on a zero diagonal entry (singular T) or NaN/Infinity.
 *
 * @example
 * ```ts
 * import { solveTriangular } from 'sparsity';
 * Array.from(solveTriangular([[2, 1], [0, 4]], [4, 8])); // => [1, 2]
 * Array.from(solveTriangular([[2, 0], [1, 4]], [2, 9], { lower: true })); // => [1, 2]
 * Array.from(solveTriangular([[2, 1], [0, 4]], [2, 9], { trans: true })); // => [1, 2]
 * ```
 */
export function solveTriangular(T: DenseInput, b: VectorLike, options?: SolveTriangularOptions): Float64Array;
export function solveTriangular(T: DenseInput, b: DenseInput, options?: SolveTriangularOptions): NdArray;
export function solveTriangular(T: DenseInput, b: VectorLike | DenseInput, options: SolveTriangularOptions = {}): Float64Array | NdArray {
  options = readOptions('solveTriangular', options, optionKeys<SolveTriangularOptions>({ lower: true, trans: true, unitDiagonal: true }));
  const t = asDenseMatrix(T, 'T');
  const lower = options.lower ?? false;
  const trans = options.trans ?? false;
  const unit = options.unitDiagonal ?? false;
  if (b instanceof Float64Array || ArrayBuffer.isView(b) || (Array.isArray(b) && (b.length === 0 || typeof b[0] === 'number'))) {
    return solveTriangularVec(t, toFloat64(b as VectorLike, 'b'), lower, trans, unit);
  }
  if (!isNdarray(b) && !isDenseMatrix(b) && !Array.isArray(b)) throw new ArgumentError('b', b, 'a vector or a dense matrix');
  return toNdarray(solveTriangularDense(t, asDenseMatrix(b as DenseInput, 'b'), lower, trans, unit));
}
