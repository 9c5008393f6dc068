/**
 * The common shape of every sketching matrix S (m x n): apply it to a dense or sparse n x d
 * matrix, to a vector, or materialise it. Concrete sketches live one per file (gaussian.ts,
 * srht.ts, count-sketch.ts, osnap.ts); they store only their random seed-derived parameters and
 * regenerate nothing between calls, so `apply` and `applyVector` always use the same S.
 *
 * @module
 */
import { checkPositiveInt, toFloat64, type VectorLike } from '../core/array.js';
import type { DenseMatrix } from '../core/dense.js';
import { ArgumentError, ShapeError } from '../core/errors.js';
import { COOMatrix } from '../formats/coo.js';
import { CSCMatrix } from '../formats/csc.js';
import { CSRMatrix } from '../formats/csr.js';
import { asDenseMatrix, type DenseInput, type NdArray, toNdarray } from '../formats/dense.js';

/** A matrix a sketch can be applied to: dense (`ndarray`, `number[][]`) or sparse (CSR, CSC, COO). */
export type SketchInput = DenseInput | CSRMatrix | CSCMatrix | COOMatrix;

/** The sketch families of this module. */
export type SketchKind = 'gaussian' | 'srht' | 'countsketch' | 'osnap';

/**
 * A random m x n sketching matrix S with E[SᵀS] = I (so ‖Sx‖ ≈ ‖x‖ for x in a low-dimensional
 * subspace). Made by {@link gaussianSketch}, {@link srht}, {@link countSketch} or {@link osnap}.
 *
 * `apply(A)` returns S·A as a dense m x d `ndarray` for a dense or sparse n x d matrix A;
 * `applyVector(b)` returns S·b with the same S; `toDense()` materialises S (m x n) for inspection.
 */
export interface Sketch {
  /** Which family: `'gaussian'`, `'srht'`, `'countsketch'` or `'osnap'`. */
  readonly kind: SketchKind;
  /** Shape [m, n]: m sketch rows, n input rows. */
  readonly shape: readonly [number, number];
  /** The seed that regenerates this sketch (the one given, or the random one drawn). */
  readonly seed: number | string;
  /** S·A as a dense m x d ndarray, for a dense or sparse A with n rows. */
  apply(A: SketchInput): NdArray;
  /** S·b for a vector b of length n. */
  applyVector(b: VectorLike): Float64Array;
  /** S itself as a dense m x n ndarray (O(m·n) memory: for inspection and tests). */
  toDense(): NdArray;
}

/** A matrix argument read once into one of three internal layouts. @internal */
export type Prepared =
  | { readonly kind: 'dense'; readonly rows: number; readonly cols: number; readonly dense: DenseMatrix }
  | { readonly kind: 'csr'; readonly rows: number; readonly cols: number; readonly csr: CSRMatrix }
  | { readonly kind: 'csc'; readonly rows: number; readonly cols: number; readonly csc: CSCMatrix };

/**
 * Read a dense or sparse matrix argument (COO is converted to CSR), rejecting NaN/Infinity.
 * @throws ArgumentError on a non-matrix or non-finite entries.
 * @internal
 */
export function prepareMatrix(A: SketchInput, name = 'A'): Prepared {
  if (A instanceof COOMatrix) A = A.toCSR();
  if (A instanceof CSRMatrix) {
    A.assertFiniteData(name);
    return { kind: 'csr', rows: A.shape[0], cols: A.shape[1], csr: A };
  }
  if (A instanceof CSCMatrix) {
    A.assertFiniteData(name);
    return { kind: 'csc', rows: A.shape[0], cols: A.shape[1], csc: A };
  }
  const dense = asDenseMatrix(A as DenseInput, name);
  return { kind: 'dense', rows: dense.rows, cols: dense.cols, dense };
}

/** Validate the sketch size m and input size n (integers ≥ 1). @internal */
export function checkSketchShape(m: unknown, n: unknown): [number, number] {
  return [checkPositiveInt('m', m, 2 ** 31 - 1), checkPositiveInt('n', n, 2 ** 31 - 1)];
}

/** Options shared by every sketch constructor. */
export interface SketchOptions {
  /** Seed of the random sketch (number or string); omitted, a random seed is drawn and kept in `sketch.seed`. */
  seed?: number | string;
}

/**
 * Shared plumbing of the concrete sketches: argument checks and ndarray conversion around the
 * three internal products (dense, CSR, CSC) and the vector product.
 * @internal
 */
export abstract class SketchBase implements Sketch {
  abstract readonly kind: SketchKind;
  readonly shape: readonly [number, number];
  readonly seed: number | string;

  protected constructor(m: number, n: number, seed: number | string) {
    this.shape = Object.freeze([m, n]) as readonly [number, number];
    this.seed = seed;
  }

  /** Number of sketch rows m. @internal */
  get m(): number {
    return this.shape[0];
  }

  /** Number of input rows n. @internal */
  get n(): number {
    return this.shape[1];
  }

  apply(A: SketchInput): NdArray {
    return toNdarray(this.applyPrepared(prepareMatrix(A)));
  }

  applyVector(b: VectorLike): Float64Array {
    const v = toFloat64(b, 'b');
    if (v.length !== this.n) throw new ShapeError(`${this.kind}.applyVector`, this.shape, v.length);
    return this.applyVec(v);
  }

  toDense(): NdArray {
    const [m, n] = this.shape;
    if (m * n > 2 ** 27) throw new ArgumentError('toDense', `${m} x ${n}`, 'a sketch with at most 2^27 entries');
    return toNdarray(this.materialise());
  }

  /** S·A for a prepared matrix (shape checked here). @internal */
  applyPrepared(P: Prepared): DenseMatrix {
    if (P.rows !== this.n) throw new ShapeError(`${this.kind}.apply`, this.shape, [P.rows, P.cols]);
    switch (P.kind) {
      case 'dense':
        return this.applyDense(P.dense);
      case 'csr':
        return this.applyCSR(P.csr);
      case 'csc':
        return this.applyCSC(P.csc);
    }
  }

  /** S·A for a row-major dense A (n x d). @internal */
  protected abstract applyDense(A: DenseMatrix): DenseMatrix;
  /** S·A for a CSR A. @internal */
  protected abstract applyCSR(A: CSRMatrix): DenseMatrix;
  /** S·A for a CSC A. @internal */
  protected abstract applyCSC(A: CSCMatrix): DenseMatrix;
  /** S·b for a checked vector. @internal */
  abstract applyVec(b: Float64Array): Float64Array;
  /** S as a row-major m x n DenseMatrix. @internal */
  protected abstract materialise(): DenseMatrix;
}
