/**
 * Linear operators: anything that can compute A·x and Aᵀ·x, the input of every Krylov solver.
 *
 * @module
 */
import { checkShape, toFloat64 } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { optionKeys, readOptions } from '../../core/options.js';
import { CompressedMatrix } from '../../formats/compressed.js';
import { COOMatrix } from '../../formats/coo.js';
import type { CSRMatrix } from '../../formats/csr.js';
import { asDenseMatrix, type DenseInput, isDenseMatrix, isNdarray } from '../../formats/dense.js';
import type { SparseMatrix } from '../../formats/factories.js';
import { denseBidiagStep } from '../../kernels/dense/bidiag.js';
import { gemm } from '../dense/gemm.js';
import { sparseTimesRowMajor } from '../sparse/dense-products.js';
import '../sparse/methods.js'; // solvers' callers use A.matvec & co. on the matrices they pass
import { spmv, spmvTransposed } from '../sparse/spmv.js';
import { matvecDense, rmatvecDense } from '../dense/matvec.js';

/**
 * An m x n linear map given by its action: `matvec(x)` = A·x (x of length n, result of length m)
 * and `rmatvec(y)` = Aᵀ·y (y of length m, result of length n). `matmat(X)` = A·X and
 * `rmatmat(Y)` = Aᵀ·Y on row-major dense blocks are optional: block methods (randomized SVD) use
 * them when present and fall back to column-by-column products otherwise.
 *
 * Implementations must return new arrays and must not modify their argument.
 */
export interface LinearOperator {
  /** `[rows, cols]`. */
  readonly shape: readonly [number, number];
  /** A·x, a new Float64Array of length rows. */
  matvec(x: Float64Array): Float64Array;
  /** Aᵀ·y, a new Float64Array of length cols. */
  rmatvec(y: Float64Array): Float64Array;
  /** Optional block product A·X for X of shape cols x k (row-major), giving rows x k. */
  matmat?(X: DenseMatrix): DenseMatrix;
  /** Optional block product Aᵀ·Y for Y of shape rows x k (row-major), giving cols x k. */
  rmatmat?(Y: DenseMatrix): DenseMatrix;
}

/**
 * Operators made by {@link aslinearoperator} can also write their products into a caller's buffer
 * (no allocation per product: the solvers' inner loops use this).
 * @internal
 */
export interface BufferedOperator extends LinearOperator {
  /** out ← A·x (out has length rows, must not alias x). */
  matvecInto?(x: Float64Array, out: Float64Array): void;
  /** out ← Aᵀ·y (out has length cols, must not alias y). */
  rmatvecInto?(y: Float64Array, out: Float64Array): void;
  /**
   * One LSQR bidiagonalization step fused into a single pass over A: u ← A·x − alpha·u (in place)
   * and out ← Aᵀ·u (the new u); returns ‖u‖². Operators that stream a large matrix provide it.
   */
  bidiagStepInto?(x: Float64Array, alpha: number, u: Float64Array, out: Float64Array): number;
}

/** Operators made here (returned as they are when passed to aslinearoperator again). */
const made = new WeakSet<object>();

function mark<T extends LinearOperator>(op: T): T {
  made.add(op);
  return op;
}

/** out ← A·x through the operator's buffered product when it has one. @internal */
export function applyInto(op: BufferedOperator, x: Float64Array, out: Float64Array): void {
  if (op.matvecInto) op.matvecInto(x, out);
  else out.set(op.matvec(x));
}

/** out ← Aᵀ·y through the operator's buffered product when it has one. @internal */
export function applyTransposeInto(op: BufferedOperator, y: Float64Array, out: Float64Array): void {
  if (op.rmatvecInto) op.rmatvecInto(y, out);
  else out.set(op.rmatvec(y));
}

/** A matrix-free operator given as a function, with the options that complete it. */
export interface FunctionOperatorOptions {
  /** `[rows, cols]` of the operator (required for a function). */
  shape: readonly [number, number] | number[];
  /** Aᵀ·y; when omitted, `rmatvec` throws unless `symmetric` is set. */
  rmatvec?: (y: Float64Array) => Float64Array | ArrayLike<number>;
  /** The operator is symmetric: `rmatvec` is `matvec` (requires a square shape). */
  symmetric?: boolean;
}

/** What {@link aslinearoperator} accepts. */
export type OperatorSource =
  | LinearOperator
  | SparseMatrix
  | DenseInput
  | ((x: Float64Array) => Float64Array | ArrayLike<number>);

/**
 * A preconditioner M ≈ A⁻¹ for the Krylov solvers: anything {@link aslinearoperator} accepts
 * (e.g. {@link jacobiPreconditioner}'s result), or a function r => M·r.
 */
export type PreconditionerSource = OperatorSource | ((r: Float64Array) => Float64Array | ArrayLike<number>);

/** True when `x` has the shape of a {@link LinearOperator} (a `shape` pair and a `matvec` function). */
function isOperatorLike(x: unknown): x is LinearOperator {
  return (
    typeof x === 'object' && x !== null && typeof (x as LinearOperator).matvec === 'function' &&
    Array.isArray((x as LinearOperator).shape) && !isNdarray(x)
  );
}

function checkOut(op: string, v: unknown, len: number): Float64Array {
  const out = v instanceof Float64Array ? v : toFloat64(v as ArrayLike<number>, `${op} result`, true);
  if (out.length !== len) throw new ShapeError(`${op} result`, len, out.length, 'do not match (wrong output length)');
  return out;
}

function vecIn(op: string, x: Float64Array | ArrayLike<number>, len: number, shape: readonly number[]): Float64Array {
  const v = x instanceof Float64Array ? x : toFloat64(x, 'x');
  if (v.length !== len) throw new ShapeError(op, shape, v.length);
  return v;
}

function blockCheck(op: string, X: DenseMatrix, need: number, shape: readonly number[]): void {
  if (!isDenseMatrix(X)) throw new ArgumentError('X', X, 'a DenseMatrix { rows, cols, data }');
  if (X.rows !== need) throw new ShapeError(op, shape, [X.rows, X.cols], 'are not aligned');
}

function sparseOperator(A: SparseMatrix): LinearOperator {
  const c = A instanceof COOMatrix ? A.toCSR() : A;
  if (!(c instanceof CompressedMatrix)) throw new ArgumentError('A', A, 'a sparse matrix');
  const shape = c.shape;
  const [m, n] = shape;
  const op: BufferedOperator = {
    shape,
    matvec: (x) => spmv(c, x),
    rmatvec: (y) => spmvTransposed(c, y),
    // Work vectors in WASM memory (allocF64) are read and written in place by the SIMD kernels.
    matvecInto: (x, out) => {
      spmv(c, x, { out });
    },
    rmatvecInto: (y, out) => {
      spmvTransposed(c, y, { out });
    },
    matmat(X) {
      blockCheck('matmat', X, n, shape);
      return { rows: m, cols: X.cols, data: sparseTimesRowMajor(c, X.data, X.cols) };
    },
    rmatmat(Y) {
      blockCheck('rmatmat', Y, m, [n, m]);
      // Aᵀ·Y: the transpose is a view of the same arrays in the other format.
      return { rows: n, cols: Y.cols, data: sparseTimesRowMajor(c.transpose(), Y.data, Y.cols) };
    },
  };
  return mark(op);
}

/**
 * Wrap a row-major DenseMatrix as a {@link LinearOperator} (no copy).
 * @internal
 */
export function denseOperator(a: DenseMatrix): LinearOperator {
  const shape = Object.freeze([a.rows, a.cols]) as readonly [number, number];
  const { rows: m, cols: n } = a;
  const op: BufferedOperator = {
    shape,
    matvec: (x) => matvecDense(a, vecIn('matvec', x, n, shape)),
    rmatvec: (y) => rmatvecDense(a, vecIn('rmatvec', y, m, [n, m])),
    matvecInto: (x, out) => {
      matvecDense(a, vecIn('matvec', x, n, shape), out);
    },
    rmatvecInto: (y, out) => {
      rmatvecDense(a, vecIn('rmatvec', y, m, [n, m]), out);
    },
    bidiagStepInto: (x, alpha, u, out) => denseBidiagStep(a.data, m, n, x, alpha, u, out),
    matmat(X) {
      blockCheck('matmat', X, n, shape);
      const out = new Float64Array(m * X.cols);
      gemm(false, false, m, X.cols, n, 1, a.data, 0, n, X.data, 0, X.cols, 0, out, 0, X.cols);
      return { rows: m, cols: X.cols, data: out };
    },
    rmatmat(Y) {
      blockCheck('rmatmat', Y, m, [n, m]);
      const out = new Float64Array(n * Y.cols);
      gemm(true, false, n, Y.cols, m, 1, a.data, 0, n, Y.data, 0, Y.cols, 0, out, 0, Y.cols);
      return { rows: n, cols: Y.cols, data: out };
    },
  };
  return mark(op);
}

function wrapOperatorLike(A: LinearOperator): LinearOperator {
  const shape = checkShape(A.shape, 'A.shape');
  const [m, n] = shape;
  if (typeof A.rmatvec !== 'function') throw new ArgumentError('A.rmatvec', A.rmatvec, 'a function (y) => Aᵀy');
  const op: BufferedOperator = {
    shape,
    matvec: (x) => checkOut('matvec', A.matvec(vecIn('matvec', x, n, shape)), m),
    rmatvec: (y) => checkOut('rmatvec', A.rmatvec(vecIn('rmatvec', y, m, [n, m])), n),
  };
  // The library's own composite operators (e.g. sketch-and-precondition's A·R⁻¹) bring buffered
  // and fused products: keep them.
  const src = A as BufferedOperator;
  if (typeof src.matvecInto === 'function') op.matvecInto = src.matvecInto.bind(A);
  if (typeof src.rmatvecInto === 'function') op.rmatvecInto = src.rmatvecInto.bind(A);
  if (typeof src.bidiagStepInto === 'function') op.bidiagStepInto = src.bidiagStepInto.bind(A);
  if (typeof A.matmat === 'function') {
    const mm = A.matmat.bind(A);
    op.matmat = (X) => {
      blockCheck('matmat', X, n, shape);
      const r = mm(X);
      if (!isDenseMatrix(r) || r.rows !== m || r.cols !== X.cols) throw new ShapeError('matmat result', [m, X.cols], isDenseMatrix(r) ? [r.rows, r.cols] : -1);
      return r;
    };
  }
  if (typeof A.rmatmat === 'function') {
    const rm = A.rmatmat.bind(A);
    op.rmatmat = (Y) => {
      blockCheck('rmatmat', Y, m, [n, m]);
      const r = rm(Y);
      if (!isDenseMatrix(r) || r.rows !== n || r.cols !== Y.cols) throw new ShapeError('rmatmat result', [n, Y.cols], isDenseMatrix(r) ? [r.rows, r.cols] : -1);
      return r;
    };
  }
  return mark(op);
}

function functionOperator(
  f: (x: Float64Array) => Float64Array | ArrayLike<number>, options: FunctionOperatorOptions | undefined,
): LinearOperator {
  if (!options || options.shape === undefined) throw new ArgumentError('options.shape', options?.shape, 'the operator shape [rows, cols] (required for a function)');
  const shape = checkShape(options.shape, 'options.shape');
  const [m, n] = shape;
  const { rmatvec, symmetric } = options;
  if (symmetric && m !== n) throw new ShapeError('aslinearoperator', shape, shape, 'is not square (symmetric operator)');
  if (rmatvec !== undefined && typeof rmatvec !== 'function') throw new ArgumentError('options.rmatvec', rmatvec, 'a function (y) => Aᵀy');
  const mv = (x: Float64Array | ArrayLike<number>): Float64Array => checkOut('matvec', f(vecIn('matvec', x, n, shape)), m);
  return mark({
    shape,
    matvec: mv,
    rmatvec: rmatvec
      ? (y) => checkOut('rmatvec', rmatvec(vecIn('rmatvec', y, m, [n, m])), n)
      : symmetric
        ? mv
        : () => {
            throw new ArgumentError('rmatvec', undefined, 'an rmatvec function (pass { rmatvec } or { symmetric: true } to aslinearoperator)');
          },
  });
}

const FUNCTION_OPERATOR_KEYS = optionKeys<FunctionOperatorOptions>({ shape: true, rmatvec: true, symmetric: true });

/**
 * View a sparse matrix, a dense matrix, an operator-like object or a function as a
 * {@link LinearOperator} (SciPy's `aslinearoperator`).
 *
 * - CSR / CSC / COO: products use the sparse kernels (COO is converted to CSR once), O(nnz) each.
 * - dense (`ndarray`, `number[][]`, DenseMatrix): O(mn) products, block products through the
 *   cache-blocked matmul; the data is not copied when already row-major Float64Array.
 * - `{ shape, matvec, rmatvec, matmat?, rmatmat? }`: wrapped with input and output length checks.
 * - a function `x => A·x`: pass `{ shape }` and either `rmatvec` or `symmetric: true` in `options`.
 *
 * @param A - the matrix, operator or function
 * @param options - shape and transpose action when `A` is a function
 * @returns a LinearOperator; its `matvec` / `rmatvec` throw {@link ShapeError} on wrong lengths.
 * @throws {@link ArgumentError} on an unsupported input or a function without `options.shape`;
 *   {@link ShapeError} when `symmetric` is set for a non-square shape.
 *
 * @example
 * ```ts
 * import { aslinearoperator, csr } from 'sparsity';
 * const A = aslinearoperator(csr([[2, 0], [1, 3]]));
 * Array.from(A.matvec(new Float64Array([1, 1]))); // => [2, 4]
 * Array.from(A.rmatvec(new Float64Array([1, 1]))); // => [3, 3]
 * // Matrix-free: the 3 x 3 operator x -> 2x, symmetric
 * const D = aslinearoperator((x) => x.map((v) => 2 * v), { shape: [3, 3], symmetric: true });
 * Array.from(D.rmatvec(new Float64Array([1, 2, 3]))); // => [2, 4, 6]
 * ```
 */
export function aslinearoperator(A: OperatorSource, options?: FunctionOperatorOptions): LinearOperator {
  if (options !== undefined) options = readOptions('aslinearoperator', options, FUNCTION_OPERATOR_KEYS);
  if (typeof A === 'function') return functionOperator(A, options);
  if (made.has(A as object)) return A as LinearOperator;
  if (A instanceof CompressedMatrix || A instanceof COOMatrix) return sparseOperator(A as SparseMatrix);
  if (isOperatorLike(A)) return wrapOperatorLike(A);
  if (isNdarray(A) || isDenseMatrix(A) || Array.isArray(A)) return denseOperator(asDenseMatrix(A as DenseInput, 'A'));
  throw new ArgumentError('A', A, 'a sparse matrix, a dense matrix, a LinearOperator or a function');
}

/**
 * The operator without re-wrapping when it already is one made here (internal fast path: solvers
 * call this on their input).
 * @internal
 */
export function toOperator(A: OperatorSource, name = 'A'): LinearOperator {
  try {
    return aslinearoperator(A);
  } catch (e) {
    if (e instanceof ArgumentError && e.argument === 'A') throw new ArgumentError(name, A, 'a sparse matrix, a dense matrix, a LinearOperator or a function');
    throw e;
  }
}
