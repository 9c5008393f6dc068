/**
 * Preconditioned CGLS for many small least-squares problems whose matrices are row subsets of one
 * shared dense matrix (the half-steps of alternating minimization, ALS for recommenders, column-wise
 * imputation): one routine that runs a problem on caller-owned scratch, so a loop over thousands of
 * problems allocates nothing per problem.
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';
import { axpyAt, dotAt } from '../dense/blas1.js';
import { solveTriangularVecInPlace } from '../dense/triangular.js';

/**
 * Problems j = 0..count-1: minimize ‖A[rows_j]·x − b_j‖² + λ‖x‖² where rows_j = `rows[ptr[j]..ptr[j+1])`
 * and b_j = `b[ptr[j]..ptr[j+1])`. A is a row-major (any rows) x k dense matrix.
 * @internal
 */
export interface GatheredProblems {
  readonly A: DenseMatrix;
  readonly ptr: Int32Array;
  readonly rows: Int32Array;
  readonly b: Float64Array;
}

/** Scratch vectors of {@link gatheredCgls}, made once by {@link gatheredCglsWork}. @internal */
export interface GatheredCglsWork {
  readonly k: number;
  /** Residual b − A·x over the problem's rows (length ≥ the largest problem). */
  r: Float64Array;
  /** A·t (same length as r). */
  q: Float64Array;
  readonly s: Float64Array;
  readonly p: Float64Array;
  readonly t: Float64Array;
  readonly Rm: { rows: number; cols: number; data: Float64Array };
}

/** Scratch for problems with k unknowns and at most `maxRows` rows each. @internal */
export function gatheredCglsWork(k: number, maxRows: number): GatheredCglsWork {
  const n = Math.max(1, maxRows);
  return {
    k, r: new Float64Array(n), q: new Float64Array(n), s: new Float64Array(k), p: new Float64Array(k),
    t: new Float64Array(k), Rm: { rows: k, cols: k, data: new Float64Array(k * k) },
  };
}

/** out[i] = A[rows[p0 + i]]·v for i < len. */
function gatherMatvec(A: DenseMatrix, rows: Int32Array, p0: number, len: number, v: Float64Array, out: Float64Array): void {
  const k = A.cols;
  const a = A.data;
  for (let i = 0; i < len; i++) out[i] = dotAt(k, a, rows[p0 + i]! * k, v, 0);
}

/** out = Σᵢ y[i]·A[rows[p0 + i]] − λ·x (the gradient direction Aᵀy − λx). */
function gatherRmatvec(
  A: DenseMatrix, rows: Int32Array, p0: number, len: number, y: Float64Array, lambda: number, x: Float64Array, xo: number,
  out: Float64Array,
): void {
  const k = A.cols;
  const a = A.data;
  for (let t = 0; t < k; t++) out[t] = -lambda * x[xo + t]!;
  for (let i = 0; i < len; i++) axpyAt(k, y[i]!, a, rows[p0 + i]! * k, out, 0);
}

/**
 * Solve problem j of `P` by CGLS (CG on the normal equations AᵀA + λI, in the factored form that
 * never forms AᵀA) with right preconditioner R⁻¹, R upper triangular k x k (row-major at
 * `R[rOff..rOff + k²)`), typically the R of a QR of a sketch S·[A; √λI] so that A·R⁻¹ is well
 * conditioned. x (at `x[xOff..xOff + k)`) is the warm start and receives the solution.
 *
 * Stops when ‖R⁻ᵀ(Aᵀr − λx)‖ ≤ tol·‖R⁻ᵀ(Aᵀr₀ − λx₀)‖ (relative to the warm start) or ≤ 1e-15·‖b_j‖·√k,
 * or after maxIter iterations. Each iteration costs two passes over the problem's rows (O(|rows_j|·k))
 * and two triangular solves (O(k²)). Returns the number of iterations done.
 * @internal
 */
export function gatheredCgls(
  P: GatheredProblems, j: number, lambda: number, R: Float64Array, rOff: number, x: Float64Array, xOff: number,
  tol: number, maxIter: number, work: GatheredCglsWork,
): number {
  const { A, ptr, rows, b } = P;
  const k = A.cols;
  const p0 = ptr[j]!;
  const len = ptr[j + 1]! - p0;
  if (work.r.length < len) {
    work.r = new Float64Array(len);
    work.q = new Float64Array(len);
  }
  const { r, q, s, p, t, Rm } = work;
  Rm.data.set(R.subarray(rOff, rOff + k * k));
  // r = b − A·x
  for (let t0 = 0; t0 < k; t0++) t[t0] = x[xOff + t0]!;
  gatherMatvec(A, rows, p0, len, t, q);
  let bnorm2 = 0;
  for (let i = 0; i < len; i++) {
    const bi = b[p0 + i]!;
    bnorm2 += bi * bi;
    r[i] = bi - q[i]!;
  }
  // s = R⁻ᵀ(Aᵀr − λx)
  gatherRmatvec(A, rows, p0, len, r, lambda, x, xOff, s);
  solveTriangularVecInPlace(Rm, s, false, true);
  let gamma = dotAt(k, s, 0, s, 0);
  const stop = Math.max(tol * tol * gamma, 1e-30 * bnorm2 * k);
  if (!(gamma > stop)) return 0;
  p.set(s);
  let it = 0;
  while (it < maxIter) {
    it++;
    // t = R⁻¹p, q = A·t
    t.set(p);
    solveTriangularVecInPlace(Rm, t, false, false);
    gatherMatvec(A, rows, p0, len, t, q);
    const delta = dotAt(len, q, 0, q, 0) + lambda * dotAt(k, t, 0, t, 0);
    if (!(delta > 0)) break;
    const alpha = gamma / delta;
    axpyAt(k, alpha, t, 0, x, xOff);
    axpyAt(len, -alpha, q, 0, r, 0);
    gatherRmatvec(A, rows, p0, len, r, lambda, x, xOff, s);
    solveTriangularVecInPlace(Rm, s, false, true);
    const gammaNew = dotAt(k, s, 0, s, 0);
    if (!(gammaNew > stop)) break;
    const beta = gammaNew / gamma;
    gamma = gammaNew;
    for (let t0 = 0; t0 < k; t0++) p[t0] = s[t0]! + beta * p[t0]!;
  }
  return it;
}
