/**
 * The log-domain Sinkhorn iteration on scaled potentials (U = ηx̃ − 1, V = ηỹ, G = ηC̃, see
 * `scaled-cost.ts`):
 *
 *   U_i ← U_i + log a_i − log Σ_j exp(U_i + V_j − G_ij)      (rows of P now sum to a)
 *   V_j ← V_j + log b_j − log Σ_i exp(U_i + V_j − G_ij)      (columns of P now sum to b)
 *
 * which is the textbook update x_i = −(1/η)·log Σ_j exp(η(y_j − C_ij) − 1) + (1/η)·log a_i written
 * relative to the current potentials, so every exponent stays ≤ 0 after the first half-step and
 * nothing overflows (the line sums fall back to an exact max-shifted log-sum-exp otherwise, see
 * `log-domain.ts`).
 *
 * Stopping rule: after a full iteration the column sums equal b (to rounding), so the marginal error
 * ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ is the row part, which the next row pass computes anyway: checking it
 * every `checkEvery` iterations costs O(n) extra.
 *
 * @module
 * @internal
 */
import { colLogSums, rowLogSums, truncation } from './log-domain.js';
import type { OTProblem } from './validation.js';

/** Options of the inner Sinkhorn loops. @internal */
export interface LoopOptions {
  /** Stop when the marginal error is ≤ tol. */
  tol: number;
  /** Iteration limit (full iterations: one row and one column update). */
  maxIter: number;
  /** Check the error every this many iterations. */
  checkEvery: number;
  /** Called at each check with the iteration count and the marginal error; false stops. */
  onCheck?: ((iteration: number, error: number) => boolean | void) | undefined;
}

/** Outcome of an inner loop. @internal */
export interface LoopResult {
  /** Full iterations done. */
  iterations: number;
  /** The last check met the tolerance. */
  converged: boolean;
  /** onCheck returned false. */
  stopped: boolean;
  /** Marginal error at the last check (NaN if there was none). */
  error: number;
}

/**
 * The verdict of a marginal-error check: 'converged' when e ≤ tol, 'stopped' when `onCheck`
 * returned false, else null (go on). `onCheck` is called in every case. @internal
 */
export function checkVerdict(o: LoopOptions, it: number, e: number): 'converged' | 'stopped' | null {
  const verdict = o.onCheck ? o.onCheck(it, e) : undefined;
  if (e <= o.tol) return 'converged';
  return verdict === false ? 'stopped' : null;
}

/** Smallest positive entry of x. @internal */
export function minPositive(x: Float64Array): number {
  let mn = Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > 0 && x[i]! < mn) mn = x[i]!;
  return mn;
}

/**
 * Run log-domain Sinkhorn iterations on U, V in place (a and b strictly positive). O(n·m) per
 * iteration, O(n + m) extra memory.
 * @internal
 */
export function logSinkhornLoop(p: OTProblem, G: Float64Array, U: Float64Array, V: Float64Array, o: LoopOptions): LoopResult {
  const { n, m, a, b } = p;
  const logA = new Float64Array(n);
  const logB = new Float64Array(m);
  for (let i = 0; i < n; i++) logA[i] = Math.log(a[i]!);
  for (let j = 0; j < m; j++) logB[j] = Math.log(b[j]!);
  const rowTr = truncation(minPositive(a), m);
  const colTr = truncation(minPositive(b), n);
  const rs = new Float64Array(n);
  const lrs = new Float64Array(n);
  const cs = new Float64Array(m);
  const lcs = new Float64Array(m);
  let it = 0;
  let error = NaN;
  let converged = false;
  let stopped = false;
  for (;;) {
    const due = it > 0 && it % o.checkEvery === 0;
    if (it >= o.maxIter && !due) break;
    rowLogSums(G, U, V, n, m, rowTr, lrs, rs);
    if (due) {
      let e = 0;
      for (let i = 0; i < n; i++) e += Math.abs(rs[i]! - a[i]!);
      error = e;
      const v = checkVerdict(o, it, e);
      if (v !== null) {
        converged = v === 'converged';
        stopped = v === 'stopped';
        break;
      }
    }
    if (it >= o.maxIter) break;
    for (let i = 0; i < n; i++) U[i] = U[i]! + logA[i]! - lrs[i]!;
    colLogSums(G, U, V, n, m, colTr, lcs, cs);
    for (let j = 0; j < m; j++) V[j] = V[j]! + logB[j]! - lcs[j]!;
    it++;
  }
  return { iterations: it, converged, stopped, error };
}
