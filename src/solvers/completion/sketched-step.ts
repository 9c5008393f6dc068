/**
 * The sketched half-step of Gu, Song, Yin & Zhang (ICLR 2024): each problem is solved only
 * approximately, by preconditioned CGLS from the previous sweep's factor, in O(|Ω_j|·k) per
 * iteration instead of the O(|Ω_j|·k²) of its normal equations.
 *
 * @module
 * @internal
 */
import { asDenseMatrix } from '../../formats/index.js';
import { qr } from '../../linalg/index.js';
import { choleskyDense } from '../../linalg/dense/cholesky.js';
import { gramDense } from '../../linalg/dense/matmul.js';
import { solveTriangularInPlace } from '../../linalg/dense/triangular.js';
import { dotAt } from '../../kernels/blas1.js';
import {
  gatheredCgls, gatheredCglsRange, gatheredCglsWork, type GatheredCglsWork, gatheredResidualSq,
} from '../../linalg/iterative/gathered-cgls.js';
import type { SparseEmbedding } from '../../sketch/sparse-embedding.js';
import { degreesOf, gatherRows, type HalfStep, JITTER, largestGroup } from './batch.js';
import { type ExactScratch, exactScratch, solveExact } from './exact-step.js';

/** Settings of the sketched solver. @internal */
export interface SketchedSettings {
  /**
   * `'shared'`: one preconditioner per half-step from the degree-weighted Gram matrix of the fixed
   * factor; `'sketch'`: per problem, the R of a QR of a CountSketch of its matrix.
   */
  readonly preconditioner: 'shared' | 'sketch';
  /** CountSketch over the rows of G (other dimension), with s rows (`'sketch'` only). */
  readonly sketch: SparseEmbedding | null;
  /** Relative reduction of the preconditioned normal-equation residual asked of each problem. */
  readonly innerTol: number;
  /** CGLS iteration cap per problem. */
  readonly innerMaxIter: number;
  /** CGLS also stops once the preconditioned gradient is below this fraction of the warm start's residual norm. */
  readonly innerFloor: number;
  /** Problems with at most this many rows are solved exactly (normal equations + Cholesky). */
  readonly exactBelow: number;
}

/** Ratio between the problem sizes that share one `'shared'` preconditioner. */
const BUCKET_RATIO = 1.15;

/**
 * The preconditioners of `'shared'`: C = Σᵢ wᵢ·gᵢgᵢᵀ / Σᵢ wᵢ over the rows gᵢ of G, wᵢ the number
 * of problems row i appears in. Under uniform sampling E[AᵀA] = len·C for every problem with len
 * rows, so R with RᵀR = len·C + λI makes A·R⁻¹ well conditioned once len ≫ k (the spread of its
 * singular values is about 1 ± √(k/len)). Problems whose sizes are within 15% share one R (with
 * λ = 0 CGLS's iterates do not depend on the scale of R, but `innerFloor` compares ‖R⁻ᵀg‖ with
 * the residual, which needs R at the problem's scale). One Gram
 * matrix (rows·k²) per half-step plus a k x k Cholesky per size class: O(rows·k² + k³·log(len range)).
 * @internal
 */
export class SharedPreconditioner {
  private readonly C: Float64Array;
  private readonly k: number;
  private readonly cache = new Map<number, Float64Array>();
  private readonly traceC: number;

  constructor(h: HalfStep, private readonly lambda: number) {
    const { G, groups } = h;
    const k = (this.k = G.cols);
    const total = groups.ptr[groups.count]!;
    const w = h.degrees ?? degreesOf(groups.idx, G.rows);
    let used = 0;
    for (let i = 0; i < G.rows; i++) if (w[i]! > 0) used++;
    const S = new Float64Array(used * k);
    let q = 0;
    for (let i = 0; i < G.rows; i++) {
      if (!(w[i]! > 0)) continue;
      const f = Math.sqrt(w[i]! / total);
      for (let t = 0; t < k; t++) S[q * k + t] = f * G.data[i * k + t]!;
      q++;
    }
    this.C = gramDense({ rows: used, cols: k, data: S }).data;
    let tr = 0;
    for (let t = 0; t < k; t++) tr += this.C[t * k + t]!;
    this.traceC = tr;
  }

  /** Ridge of a problem with len rows: λ + 1e-12·E[trace(AᵀA)]/k, as the exact step's. */
  ridge(len: number): number {
    return this.lambda + (JITTER * len * this.traceC) / this.k;
  }

  /**
   * P = (RᵀR)⁻¹ (row-major k x k, symmetric) for a problem with len rows, R the size class's
   * preconditioner: with L = Rᵀ the Cholesky factor of RᵀR, P = L⁻ᵀL⁻¹ = YᵀY for Y = L⁻¹. The CGLS
   * kernels apply R⁻¹R⁻ᵀ as this one product.
   */
  P(len: number): Float64Array {
    const key = Math.round(Math.log(len) / Math.log(BUCKET_RATIO));
    let P = this.cache.get(key);
    if (P) return P;
    const k = this.k;
    const scale = BUCKET_RATIO ** key;
    const M = new Float64Array(k * k);
    for (let q = 0; q < k * k; q++) M[q] = scale * this.C[q]!;
    // A small relative shift keeps R defined when G is rank deficient (e.g. an all-zero start).
    const shift = (this.lambda > 0 ? this.lambda : 0) + 1e-10 * (scale * this.traceC / k) + 1e-300;
    for (let t = 0; t < k; t++) M[t * k + t]! += shift;
    const L = choleskyDense({ rows: k, cols: k, data: M });
    const Y = new Float64Array(k * k);
    for (let t = 0; t < k; t++) Y[t * k + t] = 1;
    solveTriangularInPlace(L, { rows: k, cols: k, data: Y }, true, false);
    P = gramDense({ rows: k, cols: k, data: Y }).data;
    this.cache.set(key, P);
    return P;
  }

  /**
   * The CGLS plan of the half-step's problems with more than `exactBelow` rows: each one's ridge
   * and the offset of its P = (RᵀR)⁻¹ in one table (problems with at most `exactBelow` rows get offset -1).
   */
  plan(groups: HalfStep['groups'], exactBelow: number): CglsPlan {
    const k = this.k;
    const ridge = new Float64Array(groups.count);
    const rOff = new Int32Array(groups.count);
    const slot = new Map<Float64Array, number>();
    const mats: Float64Array[] = [];
    for (let g = 0; g < groups.count; g++) {
      const len = groups.ptr[g + 1]! - groups.ptr[g]!;
      if (len <= exactBelow) {
        rOff[g] = -1;
        continue;
      }
      ridge[g] = this.ridge(len);
      const P = this.P(len);
      let q = slot.get(P);
      if (q === undefined) {
        q = mats.length;
        slot.set(P, q);
        mats.push(P);
      }
      rOff[g] = q * k * k;
    }
    const R = new Float64Array(Math.max(1, mats.length) * k * k);
    mats.forEach((M, q) => R.set(M, q * k * k));
    return { ridge, rOff, R, inv: true };
  }
}

/**
 * Per problem of a half-step: its CGLS ridge and the offset of its preconditioner in `R` (-1:
 * solved exactly), which holds upper triangular factors R or, with `inv`, P = (RᵀR)⁻¹. @internal
 */
export interface CglsPlan {
  readonly ridge: Float64Array;
  readonly rOff: Int32Array;
  readonly R: Float64Array;
  readonly inv: boolean;
}

/**
 * Runs the planned CGLS problems of a half-step (e.g. on the worker pool) and returns the CGLS
 * iterations; must give what {@link gatheredCglsRange} over all problems gives. @internal
 */
export type CglsRunner = (h: HalfStep, plan: CglsPlan, set: SketchedSettings, resid: Float64Array | null) => number;

/** Scratch and the shared preconditioner of one half-step, made once by {@link sketchedSetup}. @internal */
export interface SketchedScratch {
  readonly shared: SharedPreconditioner | null;
  readonly exact: ExactScratch;
  readonly work: GatheredCglsWork;
  readonly buf: Float64Array;
  readonly R: Float64Array;
}

/** The shared preconditioner (when used) and the scratch of a half-step. @internal */
export function sketchedSetup(h: HalfStep, set: SketchedSettings): SketchedScratch {
  const k = h.G.cols;
  const largest = largestGroup(h.groups);
  const shared = set.preconditioner === 'shared' && largest > set.exactBelow ? new SharedPreconditioner(h, h.lambda) : null;
  const s = set.sketch ? set.sketch.shape[0] : 0;
  return {
    shared,
    exact: exactScratch(k, Math.min(largest, set.exactBelow)),
    work: gatheredCglsWork(k),
    buf: shared ? new Float64Array(0) : new Float64Array((Math.min(Math.max(largest, 1), s) + k) * k),
    R: new Float64Array(k * k),
  };
}

/**
 * Every problem of the half-step. With the `'shared'` preconditioner, the problems with at most
 * `exactBelow` rows are solved exactly here and the others by {@link gatheredCglsRange} on the
 * plan, through `runner` when given (the worker pool) or on this thread; otherwise by
 * {@link sketchedRange}. With `resid`, resid[g] ← ‖A_g·x_g − b_g‖² after each solve. Returns the
 * total number of CGLS iterations.
 * @internal
 */
export function sketchedHalfStep(h: HalfStep, set: SketchedSettings, resid: Float64Array | null = null, runner: CglsRunner | null = null): number {
  const scratch = sketchedSetup(h, set);
  const { G, groups, F } = h;
  if (!scratch.shared) return sketchedRange(h, set, scratch, 0, groups.count, resid);
  const k = G.cols;
  for (let g = 0; g < groups.count; g++) {
    const p0 = groups.ptr[g]!;
    const len = groups.ptr[g + 1]! - p0;
    if (len > set.exactBelow) continue;
    solveExact(h, g, scratch.exact);
    if (resid) resid[g] = gatheredResidualSq(G.data, k, groups.idx, groups.val, p0, len, F, g * k);
  }
  const plan = scratch.shared.plan(groups, set.exactBelow);
  if (runner) return runner(h, plan, set, resid);
  return gatheredCglsRange(G.data, k, groups.ptr, groups.idx, groups.val, F, plan.ridge, plan.R, plan.rOff, plan.inv, set.innerTol, set.innerMaxIter, set.innerFloor, scratch.work, resid, 0, groups.count);
}

/**
 * Problems g0 ≤ g < g1 without the shared preconditioner (they write disjoint rows of F). For
 * every group g with A = G[idx_g] (len x k): when len ≤ `exactBelow`, the exact solve; otherwise
 * CGLS on A·R⁻¹ from the warm start F[g] until the preconditioned gradient falls by `innerTol`
 * (one pass over the rows, O(len·k), per iteration; a few iterations since cond(A·R⁻¹) = O(1)),
 * with the paper's R: the R of qr([SA; √λ'·I]), SA the CountSketch of A's rows (SA = A when
 * len ≤ s; O(len·k + s·k²) per problem). λ' = λ + 1e-12·‖A‖²_F/k as in the exact step. With
 * `resid`, resid[g] ← ‖A·x − b‖² after the solve. Returns the number of CGLS iterations.
 * @internal
 */
export function sketchedRange(h: HalfStep, set: SketchedSettings, scratch: SketchedScratch, g0: number, g1: number, resid: Float64Array | null = null): number {
  const { G, groups, lambda, F } = h;
  const k = G.cols;
  const { exact, work, buf, R } = scratch;
  const P = { A: G, ptr: groups.ptr, rows: groups.idx, b: groups.val };
  const s = set.sketch ? set.sketch.shape[0] : 0;
  let iterations = 0;
  for (let g = g0; g < g1; g++) {
    const p0 = groups.ptr[g]!;
    const len = groups.ptr[g + 1]! - p0;
    if (resid) resid[g] = 0;
    if (len <= set.exactBelow) {
      solveExact(h, g, exact);
      if (resid) resid[g] = gatheredResidualSq(G.data, k, groups.idx, groups.val, p0, len, F, g * k);
      continue;
    }
    // 'sketch': small problems are not sketched (SA = A, gathered); larger ones: SA = CountSketch of A's rows.
    const rows = Math.min(len, s);
    let fro: number;
    if (len > s) {
      set.sketch!.applyRowsInto(G.data, k, groups.idx, p0, len, buf);
      fro = 0;
      for (let i = 0; i < len; i++) fro += dotAt(k, G.data, groups.idx[p0 + i]! * k, G.data, groups.idx[p0 + i]! * k);
    } else {
      fro = gatherRows(G, groups.idx, p0, len, buf);
    }
    if (!(fro > 0) && lambda === 0) {
      F.fill(0, g * k, (g + 1) * k);
      if (resid) resid[g] = gatheredResidualSq(G.data, k, groups.idx, groups.val, p0, len, F, g * k);
      continue;
    }
    const ridge = lambda + (JITTER * fro) / k;
    const sq = Math.sqrt(ridge);
    buf.fill(0, rows * k, (rows + k) * k);
    for (let t = 0; t < k; t++) buf[(rows + t) * k + t] = sq;
    const Rn = asDenseMatrix(qr({ rows: rows + k, cols: k, data: buf.subarray(0, (rows + k) * k) }, { mode: 'r' }).R);
    R.set(Rn.data.subarray(0, k * k));
    iterations += gatheredCgls(P, g, ridge, R, 0, F, g * k, set.innerTol, set.innerMaxIter, work, set.innerFloor);
    if (resid) resid[g] = gatheredResidualSq(G.data, k, groups.idx, groups.val, p0, len, F, g * k);
  }
  return iterations;
}
