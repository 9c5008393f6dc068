/**
 * The product and elementwise methods of the matrix classes (`A.matvec(x)`, `A.matmul(B)`,
 * `A.add(B)`, `A.pin()`, ...), as one-line sugar over the functions of this folder.
 *
 * Why here: `formats/` holds storage only and sits below `linalg/`, so it cannot import the
 * products. This module declares the methods on the classes (TypeScript declaration merging) and
 * installs them on the prototypes when it is loaded; every entry point that hands out matrices
 * (`sparsity`, the `linalg` barrel, the sparse operators) loads it, and `package.json` lists it in
 * `sideEffects` so bundlers keep it. Each method does exactly what the function it names does.
 *
 * @module
 */
import { CompressedMatrix } from '../../formats/compressed.js';
import { COOMatrix } from '../../formats/coo.js';
import type { CSRMatrix } from '../../formats/csr.js';
import type { DenseInput, NdArray } from '../../formats/dense.js';
import { type SparseMatrix, isSparse } from '../../formats/factories.js';
import { denseSparse, sparseDenseBody } from './dense-products.js';
import { add, multiply, scale, sub } from './elementwise.js';
import type { DenseOperandOptions, SpgemmOptions, SpmvOptions } from './options.js';
import { asCompressed } from './operand.js';
import { type PinnedMatrix, pin } from './pin.js';
import { spgemm } from './spgemm.js';
import { spmv, spmvTransposed } from './spmv.js';

declare module '../../formats/compressed.js' {
  interface CompressedMatrix {
    /**
     * Matrix–vector product y = alpha·A·x + beta·y: the same as `spmv(A, x, options)`.
     * CSR gathers rows (JS, WASM SIMD, worker threads), CSC scatters columns. O(nnz + rows + cols).
     * @param x - vector of length cols (a plain-array x is checked for NaN/Infinity).
     * @param options - `{ out, alpha, beta, threads }` ({@link SpmvOptions}).
     * @throws {@link ShapeError} when `x.length !== cols` or `out.length !== rows`; {@link ArgumentError} on bad
     * options or an `out` that shares memory with x.
     */
    matvec(x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array;
    /**
     * Transposed product y = alpha·Aᵀ·x + beta·y, by default a new Float64Array of length cols.
     * O(nnz + rows + cols).
     * @param x - vector of length rows.
     * @param options - `{ out, alpha, beta, threads }` ({@link SpmvOptions}).
     * @throws {@link ShapeError} when `x.length !== rows` or `out.length !== cols`.
     */
    rmatvec(x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array;
    /**
     * Matrix product A·B: `spgemm(A, B, options)` for a sparse B (result in this format),
     * `sparseDense(A, B)` for a dense B (`ndarray`, `number[][]`, or a row-major Float64Array with
     * `{ cols }`), `spmv(A, x)` for a vector. O(flops + nnz(C) + rows) for sparse B;
     * O(nnz(A)·cols(B) + size of B and C) for dense B.
     * @throws {@link ShapeError} when the inner dimensions differ; {@link ArgumentError} on bad options;
     * {@link ResourceError} when a sparse result would exceed 2^31 - 1 entries or memory.
     */
    matmul(B: SparseMatrix, options?: SpgemmOptions): this;
    matmul(B: DenseInput, options?: DenseOperandOptions): NdArray;
    matmul(B: Float64Array | readonly number[], options?: DenseOperandOptions): Float64Array;
    /**
     * Dense times sparse, D·A: the same as `denseSparse(D, A)`. O(nnz(A)·rows(D) + size of D and the result).
     * @throws {@link ShapeError} when cols(D) !== rows(A).
     */
    rmatmul(D: DenseInput): NdArray;
    rmatmul(D: Float64Array): Float64Array;
    /**
     * A + B in this format, canonical, entries that cancel removed: the same as `add(A, B)`.
     * O(nnz(A) + nnz(B) + rows + cols).
     * @throws {@link ShapeError} when the shapes differ.
     */
    add(B: SparseMatrix): this;
    /** A − B: the same as `sub(A, B)`. @throws {@link ShapeError} when the shapes differ. */
    sub(B: SparseMatrix): this;
    /**
     * Elementwise product A ∘ B with a sparse or dense B: the same as `multiply(A, B)`.
     * @throws {@link ShapeError} when the shapes differ; {@link ArgumentError} on NaN/Infinity in a dense B.
     */
    multiply(B: SparseMatrix | DenseInput): this;
    /** s·A (same structure): the same as `scale(A, s)`. O(nnz). @throws {@link ArgumentError} when `s` is not finite. */
    scale(s: number): this;
    /**
     * Keep this matrix in WASM memory across calls: the same as `pin(A)` (release the handle;
     * call `updateValues()` after changing values in place).
     */
    pin(): PinnedMatrix<this & SparseMatrix>;
  }
}

declare module '../../formats/coo.js' {
  interface COOMatrix {
    /**
     * y = alpha·A·x + beta·y over the triplets (duplicates add up): the same as `spmv(A, x, options)`
     * (`threads` is ignored: COO runs on one thread). O(nnz).
     * @throws {@link ShapeError} when `x.length !== cols` or `out.length !== rows`.
     */
    matvec(x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array;
    /** y = alpha·Aᵀ·x + beta·y. O(nnz). @throws {@link ShapeError} when `x.length !== rows`. */
    rmatvec(x: Float64Array | ArrayLike<number>, options?: SpmvOptions): Float64Array;
    /**
     * Matrix product A·B through CSR: a CSR matrix for sparse B, an `ndarray` for dense B, a
     * Float64Array for a vector or a row-major Float64Array with `{ cols }`.
     * @throws {@link ShapeError} when the inner dimensions differ.
     */
    matmul(B: SparseMatrix, options?: SpgemmOptions): CSRMatrix;
    matmul(B: DenseInput, options?: DenseOperandOptions): NdArray;
    matmul(B: Float64Array | readonly number[], options?: DenseOperandOptions): Float64Array;
    /** A + B as a canonical CSR matrix. @throws {@link ShapeError} when the shapes differ. */
    add(B: SparseMatrix): CSRMatrix;
    /** A − B as a canonical CSR matrix. @throws {@link ShapeError} when the shapes differ. */
    sub(B: SparseMatrix): CSRMatrix;
    /** Elementwise product A ∘ B as a canonical CSR matrix. @throws {@link ShapeError} when the shapes differ. */
    multiply(B: SparseMatrix | DenseInput): CSRMatrix;
    /** s·A as a COO matrix with the same triplets. @throws {@link ArgumentError} when `s` is not finite. */
    scale(s: number): COOMatrix;
    /** The same as `pin(A)` (a COO pin holds nothing: COO products run in JS). */
    pin(): PinnedMatrix<COOMatrix>;
  }
}

type AnyMatmul = (this: SparseMatrix, B: unknown, options?: SpgemmOptions | DenseOperandOptions) => unknown;

/** A·B for any right operand: SpGEMM, sparse x dense, or SpMV. */
const matmul: AnyMatmul = function (this: SparseMatrix, B, options) {
  if (isSparse(B)) return spgemm(this, B, options as SpgemmOptions | undefined);
  return sparseDenseBody(asCompressed(this), B as DenseInput, (options as DenseOperandOptions | undefined)?.cols);
};

for (const proto of [CompressedMatrix.prototype, COOMatrix.prototype] as unknown as object[]) {
  Object.assign(proto, {
    matvec(this: SparseMatrix, x: Float64Array | ArrayLike<number>, options?: SpmvOptions) {
      return spmv(this, x, options);
    },
    rmatvec(this: SparseMatrix, x: Float64Array | ArrayLike<number>, options?: SpmvOptions) {
      return spmvTransposed(this, x, options);
    },
    matmul,
    add(this: SparseMatrix, B: SparseMatrix) {
      return add(this, B);
    },
    sub(this: SparseMatrix, B: SparseMatrix) {
      return sub(this, B);
    },
    multiply(this: SparseMatrix, B: SparseMatrix | DenseInput) {
      return multiply(this, B);
    },
    scale(this: SparseMatrix, s: number) {
      return scale(this, s);
    },
    pin(this: SparseMatrix) {
      return pin(this);
    },
  });
}
Object.assign(CompressedMatrix.prototype, {
  rmatmul(this: CompressedMatrix, D: DenseInput | Float64Array) {
    return denseSparse(D as Float64Array, this as unknown as SparseMatrix);
  },
});

/** The methods are installed (a value to import, so this module counts as used). @internal */
export const sparseMethodsInstalled = true;
