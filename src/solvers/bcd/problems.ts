/**
 * The problems block coordinate descent works on: a smooth part f kept up to date under block
 * moves (residuals, margins or Qx, and the full gradient), plus an optional L1 penalty λ‖x‖₁ or
 * the constraint x ≥ 0.
 *
 * - least squares f(x) = ½‖Ax − b‖²;
 * - L2-regularized logistic f(x) = Σᵢ log(1 + exp(−bᵢaᵢᵀx)) + ½λ‖x‖² (bᵢ = ±1);
 * - quadratic f(x) = ½xᵀQx − cᵀx (Q sparse symmetric positive definite), which covers graph label
 *   propagation.
 *
 * A move of block b by δ updates the margins m = Ax through the block's columns (CSC) and the
 * gradient Aᵀφ'(m) through the rows whose margins changed (CSR), so it costs O(nnz of the touched
 * columns and rows), never O(nnz(A)); for a quadratic, g += Q_{:,b}δ.
 *
 * @module
 */
import { checkNumber, toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, CSCMatrix, CSRMatrix, COOMatrix, type DenseInput, fromDense, type SparseMatrix } from '../../formats/index.js';
import { readOptions, optBool } from '../../core/options.js';
import type { ChangeSet } from './heap-selection.js';

const MODEL = Symbol('bcd model');

/** The smooth part as the driver sees it. @internal */
export interface SmoothModel {
  readonly n: number;
  /** Coordinate Lipschitz constants of ∇f (diagonal of the Hessian or its bound). */
  readonly L: Float64Array;
  /** Current full gradient ∇f(x) (kept up to date by `move`). */
  readonly grad: Float64Array;
  /** Whether blockHessian is the same at every x (so it may be factored once per block). */
  readonly constantHessian: boolean;
  /** The symmetric sparse matrix whose graph the blocks live on (quadratics), else null. */
  readonly graph: CSCMatrix | null;
  /** Set the state to x (copied). O(nnz). */
  reset(x: Float64Array): void;
  /** Current x (live). */
  readonly x: Float64Array;
  /** f at the current x. O(rows) or O(n). */
  value(): number;
  /** x_b += δ, updating the gradient; every gradient entry it changes is added to `changes`. */
  move(block: Int32Array, delta: Float64Array, changes?: ChangeSet | null): void;
  /** The block Hessian ∇²_bb f (logistic: its bound ¼A_bᵀA_b + λI) as a dense k x k matrix. */
  blockHessian(block: Int32Array): DenseMatrix;
}

/** A problem for {@link bcd}: a smooth part, an optional L1 weight and an optional x ≥ 0. */
export interface BcdProblem {
  /** Which smooth part. */
  readonly kind: 'least-squares' | 'logistic' | 'multinomial' | 'quadratic';
  /** Number of variables. */
  readonly size: number;
  /** Coordinate Lipschitz constants Lᵢ of ∇f. */
  readonly lipschitz: Float64Array;
  /** Weight λ of the L1 penalty λ‖x‖₁ (0: none). */
  readonly l1: number;
  /** Whether x is constrained to x ≥ 0. */
  readonly nonNegative: boolean;
  /** F(x) = f(x) + λ‖x‖₁ (+∞ when x ≥ 0 is violated). */
  objective(x: VectorLike): number;
  /** @internal */
  readonly [MODEL]: SmoothModel;
}

/** Options shared by the problem constructors. */
export interface BcdProblemOptions {
  /** Weight λ ≥ 0 of an L1 penalty λ‖x‖₁ (default 0). */
  l1?: number;
  /** Constrain x ≥ 0 (default false). */
  nonNegative?: boolean;
}

/** The model of a problem. @internal */
export function modelOf(p: BcdProblem): SmoothModel {
  const m = (p as { [MODEL]?: SmoothModel })?.[MODEL];
  if (!m) throw new ArgumentError('problem', p, 'a problem made by leastSquaresProblem, logisticProblem, multinomialProblem, quadraticProblem or labelPropagationProblem');
  return m;
}

/** A as CSC (converted once). @internal */
export function toCsc(A: DenseInput | SparseMatrix, name: string): CSCMatrix {
  if (A instanceof CSCMatrix) return A;
  if (A instanceof CSRMatrix || A instanceof COOMatrix) return A.toCSC();
  return fromDense(asDenseMatrix(A as DenseInput, name) as unknown as DenseInput, 'csc');
}

/** Wrap a smooth model with the penalty options into a problem. @internal */
export function makeProblem(kind: BcdProblem['kind'], model: SmoothModel, o: Record<string, unknown>): BcdProblem {
  const l1 = o.l1 === undefined ? 0 : checkNumber('l1', o.l1, 0);
  const nonNegative = optBool('nonNegative', o.nonNegative, false);
  return {
    kind,
    size: model.n,
    lipschitz: model.L,
    l1,
    nonNegative,
    objective(x: VectorLike): number {
      const v = toFloat64(x, 'x');
      if (v.length !== model.n) throw new ShapeError('objective', model.n, v.length);
      const saved = model.x.slice();
      model.reset(v);
      let f = model.value();
      model.reset(saved);
      for (let i = 0; i < v.length; i++) {
        if (nonNegative && v[i]! < 0) return Infinity;
        f += l1 * Math.abs(v[i]!);
      }
      return f;
    },
    [MODEL]: model,
  };
}

/**
 * Loss Σᵢ φ(aᵢᵀx) over the rows of A, with margins and the gradient kept up to date.
 * φ is ½(m − bᵢ)² (least squares) or log(1 + e^{−bᵢm}) (logistic), plus ½λ‖x‖².
 */
class LinearLossModel implements SmoothModel {
  readonly n: number;
  readonly L: Float64Array;
  readonly grad: Float64Array;
  readonly constantHessian = true;
  readonly graph = null;
  readonly x: Float64Array;
  private readonly m: Float64Array;
  private readonly d: Float64Array;
  private readonly csr: CSRMatrix;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;

  constructor(
    private readonly A: CSCMatrix, private readonly b: Float64Array, private readonly logistic: boolean, private readonly lambda: number,
  ) {
    const [rows, n] = A.shape;
    this.n = n;
    this.csr = A.toCSR();
    this.m = new Float64Array(rows);
    this.d = new Float64Array(rows);
    this.grad = new Float64Array(n);
    this.x = new Float64Array(n);
    this.touched = new Int32Array(rows);
    this.mark = new Uint8Array(rows);
    this.L = new Float64Array(n);
    const { indptr, data } = A;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) s += data[k]! * data[k]!;
      this.L[j] = (logistic ? 0.25 * s : s) + lambda;
    }
    this.reset(this.x);
  }

  private deriv(i: number): number {
    const mi = this.m[i]!;
    if (!this.logistic) return mi - this.b[i]!;
    const z = this.b[i]! * mi;
    // −bᵢσ(−z), computed without overflow
    return z >= 0 ? (-this.b[i]! * Math.exp(-z)) / (1 + Math.exp(-z)) : -this.b[i]! / (1 + Math.exp(z));
  }

  reset(x: Float64Array): void {
    this.x.set(x);
    this.m.fill(0);
    const { indptr, indices, data } = this.A;
    for (let j = 0; j < this.n; j++) {
      const xj = x[j]!;
      if (xj !== 0) for (let k = indptr[j]!; k < indptr[j + 1]!; k++) this.m[indices[k]!] = this.m[indices[k]!]! + data[k]! * xj;
    }
    for (let i = 0; i < this.m.length; i++) this.d[i] = this.deriv(i);
    this.grad.fill(0);
    for (let j = 0; j < this.n; j++) {
      let s = 0;
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) s += data[k]! * this.d[indices[k]!]!;
      this.grad[j] = s + this.lambda * x[j]!;
    }
  }

  value(): number {
    let s = 0;
    for (let i = 0; i < this.m.length; i++) {
      if (this.logistic) {
        const z = -this.b[i]! * this.m[i]!;
        s += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      } else {
        const r = this.m[i]! - this.b[i]!;
        s += 0.5 * r * r;
      }
    }
    if (this.lambda > 0) {
      let q = 0;
      for (let j = 0; j < this.n; j++) q += this.x[j]! * this.x[j]!;
      s += 0.5 * this.lambda * q;
    }
    return s;
  }

  move(block: Int32Array, delta: Float64Array, changes?: ChangeSet | null): void {
    const { indptr, indices, data } = this.A;
    let nt = 0;
    for (let t = 0; t < block.length; t++) {
      const j = block[t]!;
      const dj = delta[t]!;
      if (dj === 0) continue;
      this.x[j] = this.x[j]! + dj;
      this.grad[j] = this.grad[j]! + this.lambda * dj;
      changes?.add(j);
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) {
        const i = indices[k]!;
        this.m[i] = this.m[i]! + data[k]! * dj;
        if (!this.mark[i]) {
          this.mark[i] = 1;
          this.touched[nt++] = i;
        }
      }
    }
    const { indptr: rp, indices: ci, data: rv } = this.csr;
    for (let t = 0; t < nt; t++) {
      const i = this.touched[t]!;
      this.mark[i] = 0;
      const nd = this.deriv(i);
      const dd = nd - this.d[i]!;
      this.d[i] = nd;
      if (dd === 0) continue;
      for (let k = rp[i]!; k < rp[i + 1]!; k++) this.grad[ci[k]!] = this.grad[ci[k]!]! + rv[k]! * dd;
      if (changes) for (let k = rp[i]!; k < rp[i + 1]!; k++) changes.add(ci[k]!);
    }
  }

  blockHessian(block: Int32Array): DenseMatrix {
    const k = block.length;
    const H = new Float64Array(k * k);
    const { indptr, indices, data } = this.A;
    const dense = new Float64Array(this.m.length);
    const s = this.logistic ? 0.25 : 1;
    for (let a = 0; a < k; a++) {
      const ja = block[a]!;
      for (let q = indptr[ja]!; q < indptr[ja + 1]!; q++) dense[indices[q]!] = data[q]!;
      for (let c = 0; c <= a; c++) {
        const jc = block[c]!;
        let v = 0;
        for (let q = indptr[jc]!; q < indptr[jc + 1]!; q++) v += data[q]! * dense[indices[q]!]!;
        H[a * k + c] = s * v;
        H[c * k + a] = s * v;
      }
      for (let q = indptr[ja]!; q < indptr[ja + 1]!; q++) dense[indices[q]!] = 0;
      H[a * k + a] = H[a * k + a]! + this.lambda;
    }
    return { rows: k, cols: k, data: H };
  }
}

/** f(x) = ½xᵀQx − cᵀx with g = Qx − c kept up to date. */
class QuadraticModel implements SmoothModel {
  readonly n: number;
  readonly L: Float64Array;
  readonly grad: Float64Array;
  readonly constantHessian = true;
  readonly x: Float64Array;

  constructor(readonly graph: CSCMatrix, private readonly c: Float64Array) {
    this.n = graph.shape[0];
    this.L = new Float64Array(this.n);
    const { indptr, indices, data } = graph;
    for (let j = 0; j < this.n; j++) {
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) if (indices[k] === j) this.L[j] = this.L[j]! + data[k]!;
      if (!(this.L[j]! > 0)) throw new ArgumentError(`Q[${j}, ${j}]`, this.L[j], 'a positive diagonal (Q must be positive definite)');
    }
    this.grad = new Float64Array(this.n);
    this.x = new Float64Array(this.n);
    this.reset(this.x);
  }

  reset(x: Float64Array): void {
    this.x.set(x);
    const { indptr, indices, data } = this.graph;
    for (let i = 0; i < this.n; i++) this.grad[i] = -this.c[i]!;
    for (let j = 0; j < this.n; j++) {
      const xj = x[j]!;
      if (xj !== 0) for (let k = indptr[j]!; k < indptr[j + 1]!; k++) this.grad[indices[k]!] = this.grad[indices[k]!]! + data[k]! * xj;
    }
  }

  value(): number {
    // ½xᵀQx − cᵀx = ½xᵀ(g − c)
    let s = 0;
    for (let i = 0; i < this.n; i++) s += this.x[i]! * (this.grad[i]! - this.c[i]!);
    return 0.5 * s;
  }

  move(block: Int32Array, delta: Float64Array, changes?: ChangeSet | null): void {
    const { indptr, indices, data } = this.graph;
    for (let t = 0; t < block.length; t++) {
      const j = block[t]!;
      const dj = delta[t]!;
      if (dj === 0) continue;
      this.x[j] = this.x[j]! + dj;
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) this.grad[indices[k]!] = this.grad[indices[k]!]! + data[k]! * dj;
      if (changes) {
        changes.add(j);
        for (let k = indptr[j]!; k < indptr[j + 1]!; k++) changes.add(indices[k]!);
      }
    }
  }

  blockHessian(block: Int32Array): DenseMatrix {
    const k = block.length;
    const pos = new Map<number, number>();
    block.forEach((j, a) => pos.set(j, a));
    const H = new Float64Array(k * k);
    const { indptr, indices, data } = this.graph;
    for (let a = 0; a < k; a++) {
      const j = block[a]!;
      for (let q = indptr[j]!; q < indptr[j + 1]!; q++) {
        const c = pos.get(indices[q]!);
        if (c !== undefined) H[c * k + a] = H[c * k + a]! + data[q]!;
      }
    }
    return { rows: k, cols: k, data: H };
  }
}

/**
 * Least squares ½‖Ax − b‖² (+ λ‖x‖₁, or x ≥ 0) for {@link bcd}.
 *
 * Lᵢ = ‖aᵢ‖²; block Hessians A_bᵀA_b. A block move costs O(nnz of its columns and touched rows).
 *
 * @param A - m x n matrix (sparse CSC is natural; CSR, COO and dense are converted once)
 * @param b - right-hand side, length m
 * @param options - {@link BcdProblemOptions}
 * @returns a {@link BcdProblem}
 * @throws {@link ShapeError} when b does not match A; {@link ArgumentError} on NaN/Infinity, λ < 0
 *   or an unknown option.
 *
 * @example
 * ```ts
 * import { leastSquaresProblem } from 'sparsity';
 * const P = leastSquaresProblem([[1, 0], [0, 2], [1, 1]], [1, 2, 3]);
 * P.objective([0, 0]); // => 7
 * Array.from(P.lipschitz); // => [2, 5]
 * ```
 */
export function leastSquaresProblem(A: DenseInput | SparseMatrix, b: VectorLike, options: BcdProblemOptions = {}): BcdProblem {
  const o = readOptions<Record<string, unknown>>('leastSquaresProblem', options as Record<string, unknown> | undefined, ['l1', 'nonNegative']);
  const M = toCsc(A, 'A');
  const bv = toFloat64(b, 'b');
  if (bv.length !== M.shape[0]) throw new ShapeError('leastSquaresProblem', M.shape, bv.length);
  for (let k = 0; k < M.data.length; k++) if (!Number.isFinite(M.data[k]!)) throw new ArgumentError(`A.data[${k}]`, M.data[k], 'a finite number');
  return makeProblem('least-squares', new LinearLossModel(M, bv, false, 0), o);
}

/**
 * L2-regularized logistic regression Σᵢ log(1 + exp(−yᵢaᵢᵀx)) + ½λ‖x‖² (+ L1 or x ≥ 0) for {@link bcd}.
 *
 * Lᵢ = ¼‖aᵢ‖² + λ; block Hessians are bounded by ¼A_bᵀA_b + λI (used by the Newton update and
 * the GSQ rule).
 *
 * @param A - m x n matrix (sparse CSC natural)
 * @param y - labels ±1, length m
 * @param options - {@link BcdProblemOptions} plus `lambda` ≥ 0 (default 1)
 * @returns a {@link BcdProblem}
 * @throws {@link ShapeError} when y does not match A; {@link ArgumentError} when a label is not ±1,
 *   on NaN/Infinity, λ < 0 or an unknown option.
 *
 * @example
 * ```ts
 * import { logisticProblem } from 'sparsity';
 * const P = logisticProblem([[1, 0], [0, 1]], [1, -1], { lambda: 1 });
 * Number(P.objective([0, 0]).toFixed(6)); // => 1.386294
 * ```
 */
export function logisticProblem(A: DenseInput | SparseMatrix, y: VectorLike, options: BcdProblemOptions & { lambda?: number } = {}): BcdProblem {
  const o = readOptions<Record<string, unknown>>('logisticProblem', options as Record<string, unknown> | undefined, ['l1', 'nonNegative', 'lambda']);
  const lambda = o.lambda === undefined ? 1 : checkNumber('lambda', o.lambda, 0);
  const M = toCsc(A, 'A');
  const yv = toFloat64(y, 'y');
  if (yv.length !== M.shape[0]) throw new ShapeError('logisticProblem', M.shape, yv.length);
  yv.forEach((v, i) => {
    if (v !== 1 && v !== -1) throw new ArgumentError(`y[${i}]`, v, 'a label +1 or -1');
  });
  return makeProblem('logistic', new LinearLossModel(M, yv, true, lambda), o);
}

/**
 * A sparse quadratic ½xᵀQx − cᵀx (+ L1 or x ≥ 0) for {@link bcd}; Q symmetric positive definite.
 *
 * Lᵢ = Qᵢᵢ; block Hessians Q_bb; a move of block b costs O(nnz(Q_{:,b})). Blocks that form a
 * forest in the graph of Q can be solved exactly by message passing (`update: 'tree'`).
 *
 * @param Q - n x n symmetric positive definite sparse matrix (both triangles stored)
 * @param c - linear term, length n
 * @param options - {@link BcdProblemOptions}
 * @returns a {@link BcdProblem}
 * @throws {@link ShapeError} when Q is not square or c does not match; {@link ArgumentError} on
 *   NaN/Infinity, a non-positive diagonal or an unknown option.
 *
 * @example
 * ```ts
 * import { csc, quadraticProblem } from 'sparsity';
 * const P = quadraticProblem(csc([[2, -1], [-1, 2]]), [1, 1]);
 * P.objective([1, 1]); // => -1
 * ```
 */
export function quadraticProblem(Q: SparseMatrix | DenseInput, c: VectorLike, options: BcdProblemOptions = {}): BcdProblem {
  const o = readOptions<Record<string, unknown>>('quadraticProblem', options as Record<string, unknown> | undefined, ['l1', 'nonNegative']);
  const M = toCsc(Q, 'Q');
  if (M.shape[0] !== M.shape[1]) throw new ShapeError('quadraticProblem', M.shape, M.shape, 'is not square');
  const cv = toFloat64(c, 'c');
  if (cv.length !== M.shape[0]) throw new ShapeError('quadraticProblem', M.shape, cv.length);
  for (let k = 0; k < M.data.length; k++) if (!Number.isFinite(M.data[k]!)) throw new ArgumentError(`Q.data[${k}]`, M.data[k], 'a finite number');
  return makeProblem('quadratic', new QuadraticModel(M, cv), o);
}
