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
import { axpyAt, dotAt } from '../../kernels/blas1.js';
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
  readonly g: Float64Array;
  readonly h: Float64Array;
  readonly s: Float64Array;
  readonly p: Float64Array;
  readonly t: Float64Array;
  readonly Rm: { rows: number; cols: number; data: Float64Array };
}

/** Scratch for problems with k unknowns. @internal */
export function gatheredCglsWork(k: number): GatheredCglsWork {
  return {
    k, g: new Float64Array(k), h: new Float64Array(k), s: new Float64Array(k), p: new Float64Array(k),
    t: new Float64Array(k), Rm: { rows: k, cols: k, data: new Float64Array(k * k) },
  };
}

/**
 * One pass over the problem's rows aᵢ: qᵢ = aᵢ·v − shiftᵢ, out = Σ qᵢ·aᵢ; returns Σ qᵢ². With
 * shift = b this gives the residual form (out = −Aᵀr); with no shift, out = AᵀA·v. Four rows at
 * a time (their dot products share the loads of v, their updates one load and store of out):
 * this pass is the whole O(len·k) cost of a CGLS iteration.
 */
function gatherPass(
  A: DenseMatrix, rows: Int32Array, p0: number, len: number, v: Float64Array, shift: Float64Array | null, out: Float64Array,
): number {
  const k = A.cols;
  const a = A.data;
  out.fill(0, 0, k);
  let qq = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    const o1 = rows[p0 + i]! * k;
    const o2 = rows[p0 + i + 1]! * k;
    const o3 = rows[p0 + i + 2]! * k;
    const o4 = rows[p0 + i + 3]! * k;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    let q4 = 0;
    for (let t = 0; t < k; t++) {
      const vt = v[t]!;
      q1 += a[o1 + t]! * vt;
      q2 += a[o2 + t]! * vt;
      q3 += a[o3 + t]! * vt;
      q4 += a[o4 + t]! * vt;
    }
    if (shift) {
      q1 -= shift[p0 + i]!;
      q2 -= shift[p0 + i + 1]!;
      q3 -= shift[p0 + i + 2]!;
      q4 -= shift[p0 + i + 3]!;
    }
    qq += q1 * q1 + q2 * q2 + q3 * q3 + q4 * q4;
    for (let t = 0; t < k; t++) out[t]! += q1 * a[o1 + t]! + q2 * a[o2 + t]! + q3 * a[o3 + t]! + q4 * a[o4 + t]!;
  }
  for (; i < len; i++) {
    const o = rows[p0 + i]! * k;
    let q = dotAt(k, a, o, v, 0);
    if (shift) q -= shift[p0 + i]!;
    qq += q * q;
    axpyAt(k, q, a, o, out, 0);
  }
  return qq;
}

/**
 * Solve problem j of `P` by CGLS (CG on the normal equations AᵀA + λI, in the factored form that
 * never forms AᵀA) with right preconditioner R⁻¹, R upper triangular k x k (row-major at
 * `R[rOff..rOff + k²)`), typically the R of a QR of a sketch S·[A; √λI] so that A·R⁻¹ is well
 * conditioned. x (at `x[xOff..xOff + k)`) is the warm start and receives the solution.
 *
 * The gradient g = Aᵀ(b − Ax) − λx is updated by recurrence (g ← g − α(AᵀA + λI)t), so each
 * iteration is a single pass over the problem's rows (a dot product and an axpy per row,
 * O(|rows_j|·k)) plus two triangular solves (O(k²)). Stops when ‖R⁻ᵀg‖ ≤ tol·‖R⁻ᵀg₀‖ (relative
 * to the warm start) or ≤ 1e-15·‖b_j‖·√k, or after maxIter iterations. Returns the iterations done.
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
  const { g, h, s, p, t, Rm } = work;
  Rm.data.set(R.subarray(rOff, rOff + k * k));
  let bnorm2 = 0;
  for (let i = 0; i < len; i++) bnorm2 += b[p0 + i]! ** 2;
  // g = Aᵀ(b − Ax) − λx = −(Σ (aᵢ·x − bᵢ)aᵢ) − λx
  for (let u = 0; u < k; u++) t[u] = x[xOff + u]!;
  gatherPass(A, rows, p0, len, t, b, g);
  for (let u = 0; u < k; u++) g[u] = -g[u]! - lambda * t[u]!;
  s.set(g);
  solveTriangularVecInPlace(Rm, s, false, true);
  let gamma = dotAt(k, s, 0, s, 0);
  const stop = Math.max(tol * tol * gamma, 1e-30 * bnorm2 * k);
  if (!(gamma > stop)) return 0;
  p.set(s);
  let it = 0;
  while (it < maxIter) {
    it++;
    // t = R⁻¹p, h = AᵀA·t, δ = ‖At‖² + λ‖t‖²
    t.set(p);
    solveTriangularVecInPlace(Rm, t, false, false);
    const tt = dotAt(k, t, 0, t, 0);
    const delta = gatherPass(A, rows, p0, len, t, null, h) + lambda * tt;
    if (!(delta > 0)) break;
    const alpha = gamma / delta;
    axpyAt(k, alpha, t, 0, x, xOff);
    for (let u = 0; u < k; u++) g[u] = g[u]! - alpha * (h[u]! + lambda * t[u]!);
    s.set(g);
    solveTriangularVecInPlace(Rm, s, false, true);
    const gammaNew = dotAt(k, s, 0, s, 0);
    if (!(gammaNew > stop)) break;
    const beta = gammaNew / gamma;
    gamma = gammaNew;
    for (let u = 0; u < k; u++) p[u] = s[u]! + beta * p[u]!;
  }
  return it;
}
