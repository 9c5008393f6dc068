/**
 * Preconditioned CGLS for many small least-squares problems whose matrices are row subsets of one
 * shared dense matrix (the half-steps of alternating minimization, ALS for recommenders, column-wise
 * imputation): one routine that runs a problem on caller-owned scratch, so a loop over thousands of
 * problems allocates nothing per problem, and a range driver that the worker pool runs on every
 * thread.
 *
 * Every function here is self-contained (it calls only functions of this module, by name, and
 * uses no import): the worker pool ships their source text to its threads (see
 * `src/solvers/completion/tasks.ts`), so a problem is solved by the same code, to the same bits,
 * whichever thread takes it. That is why the k-length dot products and the k x k triangular
 * solves are written out here instead of calling `kernels/blas1.ts` and `linalg/dense/triangular.ts`.
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';

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
  readonly z: Float64Array;
  readonly t: Float64Array;
}

/** Scratch for problems with k unknowns. @internal */
export function gatheredCglsWork(k: number): GatheredCglsWork {
  return { k, g: new Float64Array(k), h: new Float64Array(k), s: new Float64Array(k), z: new Float64Array(k), t: new Float64Array(k) };
}

/**
 * In place: x ← R⁻¹x (`trans` false) or R⁻ᵀx (`trans` true) for R upper triangular k x k,
 * row-major at `R[rOff..rOff + k²)`. O(k²).
 * @internal
 */
export function gatheredTrsv(R: Float64Array, rOff: number, k: number, x: Float64Array, trans: boolean): void {
  if (!trans) {
    for (let i = k - 1; i >= 0; i--) {
      const r = rOff + i * k;
      let s = x[i]!;
      for (let u = i + 1; u < k; u++) s -= R[r + u]! * x[u]!;
      x[i] = s / R[r + i]!;
    }
  } else {
    // Rᵀx = b: forward; row i of R scatters into the later entries.
    for (let i = 0; i < k; i++) {
      const r = rOff + i * k;
      const xi = x[i]! / R[r + i]!;
      x[i] = xi;
      for (let u = i + 1; u < k; u++) x[u] = x[u]! - xi * R[r + u]!;
    }
  }
}

/**
 * First half of applying the preconditioner to the gradient g: returns γ = gᵀ(RᵀR)⁻¹g. With R
 * (`inv` false; upper triangular, row-major at `M[off..off + k²)`): s ← R⁻ᵀg and γ = ‖s‖²; then
 * `gatheredTrsv(M, off, k, z ← s, false)` completes z = R⁻¹s. With P = (RᵀR)⁻¹ (`inv` true; full
 * symmetric at `M[off..off + k²)`): z ← P·g and γ = g·z, one product in place of the two
 * triangular solves (whose every step waits on the previous one).
 * @internal
 */
export function gatheredPrecondGamma(
  M: Float64Array, off: number, k: number, g: Float64Array, s: Float64Array, z: Float64Array, inv: boolean,
): number {
  let gamma = 0;
  if (!inv) {
    s.set(g);
    gatheredTrsv(M, off, k, s, true);
    for (let u = 0; u < k; u++) gamma += s[u]! * s[u]!;
    return gamma;
  }
  for (let i = 0; i < k; i++) {
    const r = off + i * k;
    let zi = 0;
    for (let u = 0; u < k; u++) zi += M[r + u]! * g[u]!;
    z[i] = zi;
  }
  for (let u = 0; u < k; u++) gamma += g[u]! * z[u]!;
  return gamma;
}

/**
 * One pass over the problem's rows aᵢ: qᵢ = aᵢ·v − shiftᵢ, out = Σ qᵢ·aᵢ; returns Σ qᵢ². With
 * shift = b this gives the residual form (out = −Aᵀr); with no shift, out = AᵀA·v. Four rows at
 * a time (their dot products share the loads of v, their updates one load and store of out):
 * this pass is the whole O(len·k) cost of a CGLS iteration.
 * @internal
 */
export function gatherPass(
  a: Float64Array, k: number, rows: Int32Array, p0: number, len: number, v: Float64Array, shift: Float64Array | null, out: Float64Array,
): number {
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
    let q = 0;
    for (let t = 0; t < k; t++) q += a[o + t]! * v[t]!;
    if (shift) q -= shift[p0 + i]!;
    qq += q * q;
    for (let t = 0; t < k; t++) out[t]! += q * a[o + t]!;
  }
  return qq;
}

/**
 * ‖A[rows]·x − b‖² of one problem (x at `x[xOff..xOff + k)`): its share of the training residual,
 * taken right after its solve while its rows are still in cache. O(len·k).
 * @internal
 */
export function gatheredResidualSq(
  a: Float64Array, k: number, rows: Int32Array, b: Float64Array, p0: number, len: number, x: Float64Array, xOff: number,
): number {
  let s = 0;
  for (let i = 0; i < len; i++) {
    const o = rows[p0 + i]! * k;
    let q = -b[p0 + i]!;
    for (let t = 0; t < k; t++) q += a[o + t]! * x[xOff + t]!;
    s += q * q;
  }
  return s;
}

/**
 * Solve problem j of `P` by CGLS (CG on the normal equations AᵀA + λI, in the factored form that
 * never forms AᵀA) with right preconditioner R⁻¹, R upper triangular k x k (row-major at
 * `R[rOff..rOff + k²)`), typically the R of a QR of a sketch S·[A; √λI] so that A·R⁻¹ is well
 * conditioned; with `inv`, `R[rOff..rOff + k²)` holds P = (RᵀR)⁻¹ instead (full symmetric), which
 * gives the same iterates in exact arithmetic for one k x k product per iteration instead of two
 * triangular solves. x (at `x[xOff..xOff + k)`) is the warm start and receives the solution.
 *
 * The gradient g = Aᵀ(b − Ax) − λx is updated by recurrence (g ← g − α(AᵀA + λI)t), so each
 * iteration is a single pass over the problem's rows (a dot product and an axpy per row,
 * O(|rows_j|·k)) plus the preconditioner (O(k²)): z = (RᵀR)⁻¹g, and the direction t = R⁻¹p of
 * CGLS on A·R⁻¹ is updated as t ← z + β·t. Stops when ‖R⁻ᵀg‖ ≤ tol·‖R⁻ᵀg₀‖ (relative
 * to the warm start), or ≤ floor·‖r₀‖ with r₀ = b − Ax₀ the warm start's residual, or
 * ≤ 1e-15·‖b_j‖·√k, or after maxIter iterations. When A·R⁻¹ has orthonormal columns, ‖R⁻ᵀg‖² is
 * the most the problem's ‖r‖² + λ‖x‖² can still fall, so `floor` skips the solves that could
 * improve the fit by less than a fraction floor² (e.g. noise that the model cannot fit).
 * Returns the iterations done.
 * @internal
 */
export function gatheredCgls(
  P: GatheredProblems, j: number, lambda: number, R: Float64Array, rOff: number, x: Float64Array, xOff: number,
  tol: number, maxIter: number, work: GatheredCglsWork, floor = 0, inv = false,
): number {
  const { A, ptr, rows, b } = P;
  return gatheredCglsAt(A.data, A.cols, rows, b, ptr[j]!, ptr[j + 1]! - ptr[j]!, lambda, R, rOff, x, xOff, tol, maxIter, work, floor, inv);
}

/** {@link gatheredCgls} on raw arrays: the problem's entries are p0..p0+len of `rows` and `b`. @internal */
export function gatheredCglsAt(
  a: Float64Array, k: number, rows: Int32Array, b: Float64Array, p0: number, len: number, lambda: number,
  R: Float64Array, rOff: number, x: Float64Array, xOff: number, tol: number, maxIter: number, work: GatheredCglsWork,
  floor: number, inv: boolean,
): number {
  const { g, h, s, z, t } = work;
  let bnorm2 = 0;
  for (let i = 0; i < len; i++) bnorm2 += b[p0 + i]! ** 2;
  // g = Aᵀ(b − Ax) − λx = −(Σ (aᵢ·x − bᵢ)aᵢ) − λx
  for (let u = 0; u < k; u++) t[u] = x[xOff + u]!;
  const rr = gatherPass(a, k, rows, p0, len, t, b, g);
  for (let u = 0; u < k; u++) g[u] = -g[u]! - lambda * t[u]!;
  let gamma = gatheredPrecondGamma(R, rOff, k, g, s, z, inv);
  const stop = Math.max(tol * tol * gamma, floor * floor * rr, 1e-30 * bnorm2 * k);
  if (!(gamma > stop)) return 0;
  if (!inv) {
    z.set(s);
    gatheredTrsv(R, rOff, k, z, false);
  }
  t.set(z);
  let it = 0;
  while (it < maxIter) {
    it++;
    // h = AᵀA·t, δ = ‖At‖² + λ‖t‖²
    let tt = 0;
    for (let u = 0; u < k; u++) tt += t[u]! * t[u]!;
    const delta = gatherPass(a, k, rows, p0, len, t, null, h) + lambda * tt;
    if (!(delta > 0)) break;
    const alpha = gamma / delta;
    for (let u = 0; u < k; u++) x[xOff + u] = x[xOff + u]! + alpha * t[u]!;
    for (let u = 0; u < k; u++) g[u] = g[u]! - alpha * (h[u]! + lambda * t[u]!);
    const gammaNew = gatheredPrecondGamma(R, rOff, k, g, s, z, inv);
    if (!(gammaNew > stop)) break;
    if (!inv) {
      z.set(s);
      gatheredTrsv(R, rOff, k, z, false);
    }
    const beta = gammaNew / gamma;
    gamma = gammaNew;
    for (let u = 0; u < k; u++) t[u] = z[u]! + beta * t[u]!;
  }
  return it;
}

/**
 * Problems g0 ≤ g < g1 of a batch (by {@link gatheredCglsAt} with `tol`, `maxIter`, `floor`),
 * each with its own ridge `ridge[g]` and preconditioner `R[rOff[g]..rOff[g] + k²)` (R, or with
 * `inv` P = (RᵀR)⁻¹); problems with rOff[g] < 0 are skipped (solved elsewhere). A is
 * `a` (row-major, k columns), x is row g of `F` (warm start in, solution out). With `resid`,
 * resid[g] ← ‖A_g·x_g − b_g‖² after the solve. Problems write disjoint rows of F and resid, so
 * ranges run on different threads give the bits of one thread. Returns the CGLS iterations.
 * @internal
 */
export function gatheredCglsRange(
  a: Float64Array, k: number, ptr: Int32Array, rows: Int32Array, b: Float64Array, F: Float64Array,
  ridge: Float64Array, R: Float64Array, rOff: Int32Array, inv: boolean, tol: number, maxIter: number, floor: number,
  work: GatheredCglsWork, resid: Float64Array | null, g0: number, g1: number,
): number {
  let its = 0;
  for (let g = g0; g < g1; g++) {
    const ro = rOff[g]!;
    if (ro < 0) continue;
    const p0 = ptr[g]!;
    const len = ptr[g + 1]! - p0;
    its += gatheredCglsAt(a, k, rows, b, p0, len, ridge[g]!, R, ro, F, g * k, tol, maxIter, work, floor, inv);
    if (resid) resid[g] = gatheredResidualSq(a, k, rows, b, p0, len, F, g * k);
  }
  return its;
}
