/**
 * The exact half-step: each problem by its normal equations and a k x k Cholesky factorization.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/index.js';
import { matvec } from '../../linalg/index.js';
import { choleskyPanelInPlace } from '../../linalg/dense/cholesky.js';
import { gramDense } from '../../linalg/dense/matmul.js';
import { gatheredGramInto } from '../../linalg/dense/gathered-gram.js';
import { gatheredResidualSq } from '../../linalg/iterative/gathered-cgls.js';
import { solveTriangularVecInPlace } from '../../linalg/dense/triangular.js';
import { gatherRows, type HalfStep, JITTER, largestGroup } from './batch.js';

/** From this rank on, the Gram matrix goes through the blocked matmul kernel (gram) on a gathered copy (measured: the row-by-row loop is faster up to k = 64). */
const BLOCKED_GRAM_RANK = 96;

/** Ridge (times trace(AᵀA)/k) of the retry when rounding breaks the factorization. */
const RETRY_JITTER = 1e-8;

/** Scratch of {@link solveExact}, made once per half-step by {@link exactScratch}. @internal */
export interface ExactScratch {
  readonly blocked: boolean;
  readonly buf: Float64Array;
  readonly N: { rows: number; cols: number; data: Float64Array };
  rhs: Float64Array;
}

/** Scratch for problems of k unknowns and at most `largest` rows. @internal */
export function exactScratch(k: number, largest: number): ExactScratch {
  const blocked = k >= BLOCKED_GRAM_RANK;
  return {
    blocked,
    buf: blocked ? new Float64Array(Math.max(1, largest) * k) : new Float64Array(0),
    N: { rows: k, cols: k, data: new Float64Array(k * k) },
    rhs: new Float64Array(k),
  };
}

/**
 * Problem g of the half-step: F[g] = (AᵀA + λ'I)⁻¹Aᵀb with A = G[idx_g], λ' = λ + 1e-12·trace(AᵀA)/k;
 * an empty group (or an all-zero A) with λ = 0 gives F[g] = 0. O(len·k² + k³).
 * @internal
 */
export function solveExact(h: HalfStep, g: number, s: ExactScratch): void {
  const { G, groups, lambda, F } = h;
  const k = G.cols;
  const p0 = groups.ptr[g]!;
  const len = groups.ptr[g + 1]! - p0;
  const trace = normalEquations(h, p0, len, s);
  if (!(trace > 0) && lambda === 0) {
    F.fill(0, g * k, (g + 1) * k);
    return;
  }
  const N = s.N.data;
  // In place: L in the lower triangle of N, then L·Lᵀ·x = rhs (no allocation per problem). A
  // pivot lost to rounding (nearly rank-deficient A) gets one retry with a ridge of 1e-8·trace/k.
  for (const jitter of [JITTER, RETRY_JITTER]) {
    if (jitter !== JITTER) normalEquations(h, p0, len, s);
    const ridge = lambda + (jitter * trace) / k;
    for (let t = 0; t < k; t++) N[t * k + t]! += ridge;
    if (choleskyPanelInPlace(k, k, N, 0, k) < 0) {
      const x = s.rhs;
      solveTriangularVecInPlace(s.N, x, true, false);
      solveTriangularVecInPlace(s.N, x, true, true);
      F.set(x, g * k);
      return;
    }
  }
  throw new ArgumentError('completeMatrix options.lambda', lambda, `a ridge > 0: the normal equations of problem ${g} are not positive definite`);
}

/** N = AᵀA, rhs = Aᵀb of the problem at p0..p0+len (zeros for an empty one); returns trace(AᵀA). */
function normalEquations(h: HalfStep, p0: number, len: number, s: ExactScratch): number {
  const { G, groups } = h;
  const k = G.cols;
  const { N, buf } = s;
  if (!s.blocked) return gatheredGramInto(G, groups.idx, p0, len, groups.val, N.data, s.rhs);
  const trace = len > 0 ? gatherRows(G, groups.idx, p0, len, buf) : 0;
  if (trace > 0) {
    const A = { rows: len, cols: k, data: buf.subarray(0, len * k) };
    N.data.set(gramDense(A).data);
    s.rhs = matvec(A, groups.val.subarray(p0, p0 + len), true);
  } else {
    N.data.fill(0);
    s.rhs.fill(0);
  }
  return trace;
}

/**
 * Every problem of the half-step by {@link solveExact}: the Gram matrix accumulated row by row
 * (four rows at a time) for k < 96, formed by `gram` on a gathered copy from there on. Cost
 * O(|Ω|·k² + count·k³). With `resid`, resid[g] ← ‖A_g·x_g − b_g‖² after each solve. Returns 0
 * (no inner iterations).
 * @internal
 */
export function exactHalfStep(h: HalfStep, resid: Float64Array | null = null): number {
  const { G, groups, F } = h;
  const k = G.cols;
  const s = exactScratch(k, largestGroup(groups));
  for (let g = 0; g < groups.count; g++) {
    solveExact(h, g, s);
    if (resid) resid[g] = gatheredResidualSq(G.data, k, groups.idx, groups.val, groups.ptr[g]!, groups.ptr[g + 1]! - groups.ptr[g]!, F, g * k);
  }
  return 0;
}
