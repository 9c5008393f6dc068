/**
 * A few singular triplets of a large sparse (or matrix-free) matrix, as SciPy's
 * `scipy.sparse.linalg.svds` with its default ARPACK path: eigsh on the normal operator.
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { checkPositiveInt, toFloat64 } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { type NdArray, toNdarray } from '../../formats/dense.js';
import { gemm } from '../dense/gemm.js';
import { qrDense, qrQDense } from '../dense/qr.js';
import { svdDense } from '../dense/svd.js';
import { opMatmat, opRmatmat } from './block.js';
import { optCallback, optTol } from './common.js';
import { readOptions } from '../../core/options.js';
import { type EigshIterationInfo, type EigshOptions, eigsh } from './eigsh.js';
import {
  type BufferedOperator, type LinearOperator, type OperatorSource, applyInto, applyTransposeInto, toOperator,
} from './linear-operator.js';

/** Options of {@link svds} (SciPy's names; `maxiter` is `maxIter`). */
export interface SvdsOptions extends Pick<EigshOptions, 'maxIter' | 'seed'> {
  /** `'LM'` the k largest singular values (default), `'SM'` the k smallest. */
  which?: 'LM' | 'SM';
  /**
   * Relative accuracy of the singular values (0, the default, means machine precision); the
   * eigenproblem of AᵀA is solved to tol², as SciPy does.
   */
  tol?: number;
  /** Lanczos basis size of the inner eigsh (default min(p, max(2k + 1, 20)), p = min(m, n)). */
  ncv?: number;
  /** Starting vector of length min(m, n) (default: seeded random). */
  v0?: VectorLike;
  /** Called after each restart cycle of the inner eigsh with its info (eigenvalues of AᵀA, i.e. σ²); return `false` to stop. */
  onIteration?: (info: EigshIterationInfo) => boolean | void;
}

/** Result of {@link svds}: SciPy's `(u, s, vh)` plus the convergence fields of the inner eigsh. */
export interface SvdsResult {
  /** m x k left singular vectors, column i for s[i]. */
  u: NdArray;
  /** The k singular values, ascending (as SciPy returns them). */
  s: Float64Array;
  /** k x n right singular vectors as rows, row i for s[i]. */
  vt: NdArray;
  /** All k eigenpairs of the normal operator met the tolerance. */
  converged: boolean;
  /** Converged pairs among the k. */
  nconv: number;
  /** Restart cycles of the inner eigsh. */
  iterations: number;
  /** Products with the normal operator (each is one product with A and one with Aᵀ). */
  matvecs: number;
  /** Largest eigen-residual estimate after each cycle (of AᵀA or AAᵀ). */
  history: number[];
  /** `onIteration` returned false. */
  stopped: boolean;
}

const KEYS = ['which', 'tol', 'maxIter', 'ncv', 'v0', 'seed', 'onIteration'] as const;

/**
 * The p x p Gram operator XᵀX with its block product (X = A, or Aᵀ when A is wide); its buffered
 * product goes through one scratch vector, so eigsh's Lanczos steps allocate nothing.
 */
function normalOperator(op: LinearOperator, wide: boolean): BufferedOperator {
  const p = wide ? op.shape[0] : op.shape[1];
  const q = wide ? op.shape[1] : op.shape[0];
  const shape = Object.freeze([p, p]) as readonly [number, number];
  const mv = wide ? (x: Float64Array) => op.matvec(op.rmatvec(x)) : (x: Float64Array) => op.rmatvec(op.matvec(x));
  const mm = wide ? (X: DenseMatrix) => opMatmat(op, opRmatmat(op, X)) : (X: DenseMatrix) => opRmatmat(op, opMatmat(op, X));
  const tmp = new Float64Array(q);
  const into = wide
    ? (x: Float64Array, out: Float64Array) => { applyTransposeInto(op, x, tmp); applyInto(op, tmp, out); }
    : (x: Float64Array, out: Float64Array) => { applyInto(op, x, tmp); applyTransposeInto(op, tmp, out); };
  return { shape, matvec: mv, rmatvec: mv, matmat: mm, rmatmat: mm, matvecInto: into, rmatvecInto: into };
}

/**
 * The k largest (or smallest) singular values and vectors of an m x n matrix or operator, as
 * `scipy.sparse.linalg.svds(A, k)` with its default ARPACK solver.
 *
 * Runs {@link eigsh} on the Gram operator XᵀX of size p = min(m, n) (X = A when m ≥ n, else Aᵀ),
 * each product being one A·x and one Aᵀ·y; orthonormalizes the k eigenvectors V by QR, then takes
 * the SVD of the small X·V = U·Σ·Wᵀ, so A ≈ U·Σ·(V·W)ᵀ on that subspace. Like SciPy's, this squares
 * the condition number: singular values much below σ_max·√ε lose accuracy (`'SM'` on an
 * ill-conditioned A). Cost: the eigsh cycles (2·ncv sparse products each) plus O(max(m, n)·k²).
 *
 * @param A - m x n: sparse, dense, or a LinearOperator with `rmatvec`
 * @param k - number of singular triplets, 1 ≤ k < min(m, n)
 * @param options - {@link SvdsOptions}
 * @returns {@link SvdsResult} with s ascending; non-convergence gives `converged: false` with the best estimates
 * @throws {@link ArgumentError} on an empty A, a bad k, option or unknown option key, NaN in v0;
 *   {@link ShapeError} when v0 has the wrong length.
 *
 * @example
 * ```ts
 * import { svds, csr } from 'sparsity';
 * // diag(1, 2, 3, 4) padded to 5 x 4: singular values 1, 2, 3, 4.
 * const A = csr([[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 4], [0, 0, 0, 0]]);
 * const r = svds(A, 2, { seed: 1 });
 * Array.from(r.s).map((v) => Math.round(v * 1e10) / 1e10); // => [3, 4]
 * r.u.shape; // => [5, 2]
 * r.vt.shape; // => [2, 4]
 * Math.round(Math.abs(r.vt.get(1, 3)) * 1e10) / 1e10; // => 1
 * ```
 */
export function svds(A: OperatorSource, k: number, options: SvdsOptions = {}): SvdsResult {
  options = readOptions('svds', options, KEYS);
  const op = toOperator(A);
  const [m, n] = op.shape;
  if (m === 0 || n === 0) throw new ArgumentError('A', `a ${m} x ${n} matrix`, 'a non-empty matrix');
  const p = Math.min(m, n);
  if (p < 2) throw new ArgumentError('k', k, `an integer in [1, min(m, n) − 1], but min(m, n) = ${p}`);
  checkPositiveInt('k', k, p - 1);
  const which = options.which ?? 'LM';
  if (which !== 'LM' && which !== 'SM') throw new ArgumentError('which', which, "'LM' or 'SM'");
  const tol = optTol('tol', options.tol, 0);
  optCallback(options.onIteration);
  let v0: Float64Array | undefined;
  if (options.v0 !== undefined) {
    v0 = toFloat64(options.v0, 'v0');
    if (v0.length !== p) throw new ShapeError('svds v0', p, v0.length);
  }
  const wide = m < n;
  const eig = eigsh(normalOperator(op, wide), k, {
    which, tol: tol * tol, maxIter: options.maxIter, ncv: options.ncv, v0, seed: options.seed, onIteration: options.onIteration,
  });
  // Orthonormal basis of the eigenvectors (ARPACK's, or ours, may lose orthogonality in clusters).
  const E: DenseMatrix = { rows: p, cols: k, data: Float64Array.from(eig.vectors.data) };
  const Q = qrQDense(qrDense(E));
  // XV (q x k), then its small SVD.
  const XV = wide ? opRmatmat(op, Q) : opMatmat(op, Q);
  const { U, s, Vt } = svdDense(XV, true, false);
  const W = Vt!; // k x k, rows = right singular vectors of XV
  const Uq = U!; // q x k
  const q = XV.rows;
  // Reverse to ascending order, as SciPy.
  const sAsc = Float64Array.from(s).reverse();
  const rev = (M: DenseMatrix): DenseMatrix => {
    // Reverse the columns of M.
    const out = new Float64Array(M.rows * M.cols);
    for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[i * M.cols + j] = M.data[i * M.cols + (M.cols - 1 - j)]!;
    return { rows: M.rows, cols: M.cols, data: out };
  };
  // Right vectors of XV in ascending order, mapped back through Q: QW (p x k) = Q·R with
  // R[t][j] = W[k − 1 − j][t].
  const QW = new Float64Array(p * k);
  const R = new Float64Array(k * k);
  for (let t = 0; t < k; t++) for (let j = 0; j < k; j++) R[t * k + j] = W.data[(k - 1 - j) * k + t]!;
  gemm(false, false, p, k, k, 1, Q.data, 0, k, R, 0, k, 0, QW, 0, k);
  const Urev = rev(Uq); // q x k, columns ascending
  let u: DenseMatrix;
  let vt: DenseMatrix;
  if (!wide) {
    // X = A (m x n): u = U (m x k), vᵀ = (Q·W)ᵀ (k x n).
    u = Urev;
    vt = { rows: k, cols: n, data: transpose(QW, p, k) };
  } else {
    // X = Aᵀ (n x m): A's left vectors are Q·W (m x k), its right vectors U (n x k).
    u = { rows: m, cols: k, data: QW };
    vt = { rows: k, cols: q, data: transpose(Urev.data, q, k) };
  }
  return {
    u: toNdarray(u), s: sAsc, vt: toNdarray(vt), converged: eig.converged, nconv: eig.nconv,
    iterations: eig.iterations, matvecs: eig.matvecs, history: eig.history, stopped: eig.stopped,
  };
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}
