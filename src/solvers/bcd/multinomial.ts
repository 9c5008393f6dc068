/**
 * The multinomial (softmax) logistic problem for block coordinate descent:
 * f(W) = Σᵢ [log Σ_c exp(aᵢᵀw_c) − aᵢᵀw_{yᵢ}] + ½λ‖W‖², with W the p x K coefficients stored
 * feature-major (variable j·K + c is feature j of class c, so contiguous blocks of K hold one
 * feature's K coefficients).
 *
 * The margins M = AW and the residuals D = softmax(M) − Y are kept up to date: moving block b
 * updates M through the block's columns (CSC) and the gradient AᵀD + λW through the rows whose
 * residuals changed (CSR), O(K·nnz of the touched columns and rows), never O(nnz(A)).
 *
 * Curvature: Böhning's bound ∇²f ≼ ½(I_K − 11ᵀ/K) ⊗ AᵀA + λI holds at every W, so its principal
 * submatrices bound every block Hessian (a constant matrix, factored once per block) and its
 * diagonal gives the coordinate constants Lⱼc = ½(1 − 1/K)‖aⱼ‖² + λ (¼‖aⱼ‖² + λ for K = 2, the
 * binary logistic one).
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import type { CSCMatrix, CSRMatrix, DenseInput, SparseMatrix } from '../../formats/index.js';
import { readOptions } from '../../core/options.js';
import type { ChangeSet } from './heap-selection.js';
import { type BcdProblem, type BcdProblemOptions, makeProblem, type SmoothModel, toCsc } from './problems.js';

/** Softmax loss over the rows of A with margins, residuals and the gradient kept up to date. */
class MultinomialModel implements SmoothModel {
  readonly n: number;
  readonly L: Float64Array;
  readonly grad: Float64Array;
  readonly x: Float64Array;
  readonly constantHessian = true;
  readonly graph = null;
  private readonly rows: number;
  private readonly csr: CSRMatrix;
  /** Margins M (rows x K, row-major). */
  private readonly m: Float64Array;
  /** Residuals D = softmax(M) − Y (rows x K). */
  private readonly d: Float64Array;
  private readonly nd: Float64Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint8Array;

  constructor(private readonly A: CSCMatrix, private readonly y: Int32Array, private readonly K: number, private readonly lambda: number) {
    const [rows, p] = A.shape;
    this.rows = rows;
    this.n = p * K;
    this.csr = A.toCSR();
    this.m = new Float64Array(rows * K);
    this.d = new Float64Array(rows * K);
    this.nd = new Float64Array(K);
    this.grad = new Float64Array(this.n);
    this.x = new Float64Array(this.n);
    this.touched = new Int32Array(rows);
    this.mark = new Uint8Array(rows);
    this.L = new Float64Array(this.n);
    const { indptr, data } = A;
    const s = 0.5 * (1 - 1 / K);
    for (let j = 0; j < p; j++) {
      let q = 0;
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) q += data[k]! * data[k]!;
      for (let c = 0; c < K; c++) this.L[j * K + c] = s * q + lambda;
    }
    this.reset(this.x);
  }

  /** Residuals of row i into `out`: softmax(Mᵢ) − e_{yᵢ}, computed without overflow. */
  private rowResiduals(i: number, out: Float64Array): void {
    const K = this.K;
    const o = i * K;
    let mx = -Infinity;
    for (let c = 0; c < K; c++) mx = Math.max(mx, this.m[o + c]!);
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const e = Math.exp(this.m[o + c]! - mx);
      out[c] = e;
      sum += e;
    }
    for (let c = 0; c < K; c++) out[c] = out[c]! / sum;
    out[this.y[i]!] = out[this.y[i]!]! - 1;
  }

  reset(x: Float64Array): void {
    const K = this.K;
    this.x.set(x);
    this.m.fill(0);
    const { indptr, indices, data } = this.A;
    const p = this.n / K;
    for (let j = 0; j < p; j++) {
      for (let c = 0; c < K; c++) {
        const w = x[j * K + c]!;
        if (w !== 0) for (let k = indptr[j]!; k < indptr[j + 1]!; k++) this.m[indices[k]! * K + c] = this.m[indices[k]! * K + c]! + data[k]! * w;
      }
    }
    for (let i = 0; i < this.rows; i++) {
      this.rowResiduals(i, this.nd);
      this.d.set(this.nd, i * K);
    }
    for (let j = 0; j < p; j++) {
      for (let c = 0; c < K; c++) {
        let s = 0;
        for (let k = indptr[j]!; k < indptr[j + 1]!; k++) s += data[k]! * this.d[indices[k]! * K + c]!;
        this.grad[j * K + c] = s + this.lambda * x[j * K + c]!;
      }
    }
  }

  value(): number {
    const K = this.K;
    let s = 0;
    for (let i = 0; i < this.rows; i++) {
      const o = i * K;
      let mx = -Infinity;
      for (let c = 0; c < K; c++) mx = Math.max(mx, this.m[o + c]!);
      let sum = 0;
      for (let c = 0; c < K; c++) sum += Math.exp(this.m[o + c]! - mx);
      s += mx + Math.log(sum) - this.m[o + this.y[i]!]!;
    }
    if (this.lambda > 0) {
      let q = 0;
      for (let v = 0; v < this.n; v++) q += this.x[v]! * this.x[v]!;
      s += 0.5 * this.lambda * q;
    }
    return s;
  }

  move(block: Int32Array, delta: Float64Array, changes?: ChangeSet | null): void {
    const K = this.K;
    const { indptr, indices, data } = this.A;
    let nt = 0;
    for (let t = 0; t < block.length; t++) {
      const v = block[t]!;
      const dv = delta[t]!;
      if (dv === 0) continue;
      const j = (v / K) | 0;
      const c = v - j * K;
      this.x[v] = this.x[v]! + dv;
      this.grad[v] = this.grad[v]! + this.lambda * dv;
      changes?.add(v);
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) {
        const i = indices[k]!;
        this.m[i * K + c] = this.m[i * K + c]! + data[k]! * dv;
        if (!this.mark[i]) {
          this.mark[i] = 1;
          this.touched[nt++] = i;
        }
      }
    }
    const { indptr: rp, indices: ci, data: rv } = this.csr;
    const nd = this.nd;
    for (let t = 0; t < nt; t++) {
      const i = this.touched[t]!;
      this.mark[i] = 0;
      this.rowResiduals(i, nd);
      for (let c = 0; c < K; c++) {
        const dd = nd[c]! - this.d[i * K + c]!;
        if (dd === 0) continue;
        this.d[i * K + c] = nd[c]!;
        for (let k = rp[i]!; k < rp[i + 1]!; k++) {
          const u = ci[k]! * K + c;
          this.grad[u] = this.grad[u]! + rv[k]! * dd;
          changes?.add(u);
        }
      }
    }
  }

  blockHessian(block: Int32Array): DenseMatrix {
    // ½(δ_cc' − 1/K)·aⱼᵀaⱼ' + λδ: the block's principal submatrix of Böhning's bound.
    const K = this.K;
    const k = block.length;
    const H = new Float64Array(k * k);
    const { indptr, indices, data } = this.A;
    const dense = new Float64Array(this.rows);
    for (let a = 0; a < k; a++) {
      const ja = (block[a]! / K) | 0;
      const ca = block[a]! - ja * K;
      for (let q = indptr[ja]!; q < indptr[ja + 1]!; q++) dense[indices[q]!] = data[q]!;
      for (let b = 0; b <= a; b++) {
        const jb = (block[b]! / K) | 0;
        const cb = block[b]! - jb * K;
        let g = 0;
        for (let q = indptr[jb]!; q < indptr[jb + 1]!; q++) g += data[q]! * dense[indices[q]!]!;
        const h = 0.5 * ((ca === cb ? 1 : 0) - 1 / K) * g;
        H[a * k + b] = h;
        H[b * k + a] = h;
      }
      for (let q = indptr[ja]!; q < indptr[ja + 1]!; q++) dense[indices[q]!] = 0;
      H[a * k + a] = H[a * k + a]! + this.lambda;
    }
    return { rows: k, cols: k, data: H };
  }
}

/** Options of {@link multinomialProblem}. */
export interface MultinomialProblemOptions extends BcdProblemOptions {
  /** Weight λ ≥ 0 of the ridge term ½λ‖W‖² (default 1). */
  lambda?: number;
  /** Number of classes K ≥ 2 (default: the largest label + 1). */
  nClasses?: number;
}

/**
 * Multinomial (softmax) logistic regression Σᵢ [log Σ_c exp(aᵢᵀw_c) − aᵢᵀw_{yᵢ}] + ½λ‖W‖²
 * (+ λ₁‖W‖₁ or W ≥ 0) for {@link bcd}: scikit-learn's multinomial `LogisticRegression` objective
 * without intercept, divided by C (λ = 1/C).
 *
 * The variables are the p x K coefficients feature-major: x[j·K + c] is feature j's coefficient
 * for class c, so `blockSize: K` with the contiguous partition moves one feature's K coefficients
 * together. Coordinate constants Lⱼc = ½(1 − 1/K)‖aⱼ‖² + λ and block Hessians are Böhning's bound
 * ½(I − 11ᵀ/K) ⊗ AᵀA + λI (used by the Newton update and the GSQ rule).
 *
 * @param A - m x p matrix (sparse CSC natural; CSR, COO and dense are converted once)
 * @param y - class labels 0..K−1, length m
 * @param options - {@link MultinomialProblemOptions}
 * @returns a {@link BcdProblem} of size p·K
 * @throws {@link ShapeError} when y does not match A; {@link ArgumentError} when a label is not an
 *   integer in [0, K), K < 2, on NaN/Infinity, λ < 0 or an unknown option.
 *
 * @example
 * ```ts
 * import { bcd, multinomialProblem } from 'sparsity';
 * const P = multinomialProblem([[1, 0], [0, 1], [1, 1]], [0, 1, 2], { lambda: 1 });
 * P.size; // => 6
 * Number(P.objective(new Float64Array(6)).toFixed(6)); // => 3.295837
 * const r = bcd(P, { blockSize: 3, update: 'newton', tol: 1e-10, maxIter: 2000 });
 * r.converged; // => true
 * ```
 */
export function multinomialProblem(A: DenseInput | SparseMatrix, y: VectorLike, options: MultinomialProblemOptions = {}): BcdProblem {
  const o = readOptions<Record<string, unknown>>('multinomialProblem', options as Record<string, unknown> | undefined, ['l1', 'nonNegative', 'lambda', 'nClasses']);
  const lambda = o.lambda === undefined ? 1 : checkNumber('lambda', o.lambda, 0);
  const M = toCsc(A, 'A');
  for (let k = 0; k < M.data.length; k++) if (!Number.isFinite(M.data[k]!)) throw new ArgumentError(`A.data[${k}]`, M.data[k], 'a finite number');
  const yv = toFloat64(y, 'y');
  if (yv.length !== M.shape[0]) throw new ShapeError('multinomialProblem', M.shape, yv.length);
  let top = 0;
  for (const v of yv) if (v > top) top = v;
  const K = o.nClasses === undefined ? Math.max(top + 1, 2) : checkPositiveInt('nClasses', o.nClasses);
  if (!(K >= 2)) throw new ArgumentError('nClasses', K, 'an integer ≥ 2');
  const labels = new Int32Array(yv.length);
  yv.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= K) throw new ArgumentError(`y[${i}]`, v, `a class label 0..${K - 1}`);
    labels[i] = v;
  });
  return makeProblem('multinomial', new MultinomialModel(M, labels, K, lambda), o);
}
