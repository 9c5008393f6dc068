/**
 * Plumbing shared by the sketched least-squares solvers: argument checks, the choice of sketch,
 * products with a prepared matrix, and the QR of the sketched matrix.
 *
 * @module
 * @internal
 */
import { checkPositiveInt, toFloat64, type VectorLike } from '../core/array.js';
import type { DenseMatrix } from '../core/dense.js';
import { ArgumentError, ShapeError } from '../core/errors.js';
import { matvecDense, rmatvecDense } from '../linalg/dense/matvec.js';
import { qrApplyVecInPlace, qrDense, qrRDense, type QRFactors } from '../linalg/dense/qr.js';
import { solveTriangularVecInPlace } from '../linalg/dense/triangular.js';
import { countSketch } from './count-sketch.js';
import { gaussianSketch } from './gaussian.js';
import { osnap } from './osnap.js';
import { type Prepared, prepareMatrix, type Sketch, SketchBase, type SketchInput, type SketchKind } from './sketch.js';
import { srht } from './srht.js';

/** A sketch given by family name, or a ready {@link Sketch} (its shape must be [m, n]). */
export type SketchChoice = SketchKind | Sketch;

/** A checked least-squares problem min ‖Ax − b‖. @internal */
export interface LeastSquaresProblem {
  readonly A: Prepared;
  readonly b: Float64Array;
  readonly n: number;
  readonly d: number;
}

/**
 * Read A (dense or sparse) and b; require n ≥ d ≥ 1 and matching lengths.
 * @throws ShapeError on mismatched lengths or a wide A; ArgumentError on NaN/Infinity.
 * @internal
 */
export function prepareProblem(op: string, A: SketchInput, b: VectorLike): LeastSquaresProblem {
  const P = prepareMatrix(A, 'A');
  const bv = toFloat64(b, 'b');
  const n = P.rows;
  const d = P.cols;
  if (bv.length !== n) throw new ShapeError(op, [n, d], bv.length, 'do not match (b needs one entry per row of A)');
  if (d === 0) throw new ShapeError(op, [n, d], bv.length, 'do not match (A has no columns)');
  if (n < d) {
    throw new ShapeError(op, [n, d], bv.length, `do not match: sketched least squares needs a tall A (n ≥ d), got n = ${n} < d = ${d}; use a direct solver for wide or square systems`);
  }
  return { A: P, b: bv, n, d };
}

/** A·x for a prepared matrix. @internal */
export function applyA(P: Prepared, x: Float64Array): Float64Array {
  switch (P.kind) {
    case 'dense':
      return matvecDense(P.dense, x);
    case 'csr':
      return P.csr.matvec(x);
    case 'csc':
      return P.csc.matvec(x);
  }
}

/** Aᵀ·y for a prepared matrix. @internal */
export function applyAT(P: Prepared, y: Float64Array): Float64Array {
  switch (P.kind) {
    case 'dense':
      return rmatvecDense(P.dense, y);
    case 'csr':
      return P.csr.rmatvec(y);
    case 'csc':
      return P.csc.rmatvec(y);
  }
}

/** ‖A·x − b‖₂. @internal */
export function residualNorm(P: Prepared, x: Float64Array, b: Float64Array): number {
  const r = applyA(P, x);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/**
 * The sketch to use: a ready Sketch (checked against [m, n]) or a new one of the named family.
 * @throws ArgumentError for an unknown family or a sketch of the wrong shape.
 * @internal
 */
export function makeSketch(choice: SketchChoice | undefined, m: number, n: number, seed: number | string | undefined, fallback: SketchKind): Sketch {
  const c = choice ?? fallback;
  if (typeof c === 'object' && c !== null) {
    if (!(c instanceof SketchBase)) throw new ArgumentError('sketch', c, "a sketch from gaussianSketch/srht/countSketch/osnap, or 'gaussian' | 'srht' | 'countsketch' | 'osnap'");
    if (c.shape[1] !== n) throw new ShapeError('sketch', c.shape, [n], 'do not match (the sketch must have one column per row of A)');
    return c;
  }
  const opts = seed === undefined ? {} : { seed };
  switch (c) {
    case 'gaussian':
      return gaussianSketch(m, n, opts);
    case 'srht':
      return srht(m, n, opts);
    case 'countsketch':
      return countSketch(m, n, opts);
    case 'osnap':
      return osnap(m, n, opts);
    default:
      throw new ArgumentError('sketch', c, "'gaussian', 'srht', 'countsketch', 'osnap' or a Sketch object");
  }
}

/**
 * Validate a sketch size: an integer with d ≤ m (and m ≤ n for the sampling SRHT, checked by it).
 * @internal
 */
export function checkSketchRows(m: unknown, d: number): number {
  const mm = checkPositiveInt('m', m, 2 ** 31 - 1);
  if (mm < d) throw new ArgumentError('m', mm, `an integer ≥ d = ${d} (the sketch must keep at least as many rows as A has columns)`);
  return mm;
}

/** The sketched problem: QR of S·A and the vector Qᵀ·S·b (first d entries). @internal */
export interface SketchedQR {
  readonly F: QRFactors;
  /** R (d x d, upper triangular). */
  readonly R: DenseMatrix;
  /** (Qᵀ·S·b)[0 .. d). */
  readonly qtsb: Float64Array;
  /** The sketch rows actually used. */
  readonly m: number;
}

/**
 * Sketch A and b with S, factor S·A = QR (Householder, via linalg's qr), and check that R is
 * nonsingular.
 * @throws ArgumentError when S·A is rank deficient (A does not have full column rank, or the
 *   sketch is too small).
 * @internal
 */
export function sketchedQR(S: Sketch, prob: LeastSquaresProblem): SketchedQR {
  const base = S as SketchBase;
  const SA = base.applyPrepared(prob.A);
  const Sb = base.applyVec(prob.b);
  const F = qrDense(SA);
  const R = qrRDense(F);
  const d = prob.d;
  // Numerical rank test as numpy.linalg.lstsq's default rcond: |R_ii| ≤ max(m, d)·ε·max_j |R_jj|.
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(R.data[i * d + i]!));
  const floor = Math.max(SA.rows, d) * 2.220446049250313e-16 * maxDiag;
  for (let i = 0; i < d; i++) {
    const rii = Math.abs(R.data[i * d + i]!);
    if (!(rii > floor) || !Number.isFinite(rii)) {
      throw new ArgumentError('A', `a sketch S·A with R[${i}][${i}] = ${R.data[i * d + i]}`, 'a matrix of full column rank (S·A is rank deficient)');
    }
  }
  qrApplyVecInPlace(F, Sb, true);
  return { F, R, qtsb: Sb.slice(0, d), m: SA.rows };
}

/** x = R⁻¹·y (new array). @internal */
export function solveR(R: DenseMatrix, y: Float64Array): Float64Array {
  return solveTriangularVecInPlace(R, y.slice(), false, false);
}

/** x = R⁻ᵀ·y (new array). @internal */
export function solveRT(R: DenseMatrix, y: Float64Array): Float64Array {
  return solveTriangularVecInPlace(R, y.slice(), false, true);
}
