/**
 * The plan P_ij = exp(U_i + V_j − G_ij) from scaled potentials, its cost ⟨C, P⟩ and its exact
 * marginal error, and the assembly of the public result fields shared by the solvers.
 *
 * @module
 * @internal
 */
import { type NdArray, toNdarray } from '../formats/dense.js';
import type { CostShift } from './scaled-cost.js';
import { expandPlan, expandVector, type ReducedProblem } from './support.js';
import type { OTProblem } from './validation.js';
import { allocFloat64 } from '../core/alloc.js';

/** What one evaluation pass over the plan yields. @internal */
export interface PlanSummary {
  /** ⟨C, P⟩. */
  cost: number;
  /** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁. */
  marginalError: number;
  /** Rows of P that are exactly zero although a_i > 0 (underflow). */
  zeroRows: number;
  /** Columns of P that are exactly zero although b_j > 0. */
  zeroCols: number;
}

/**
 * One exact pass (every entry through Math.exp, only exponents below −745, whose exp is 0 in
 * double precision, skipped): optional storage of P in `out`, cost and marginal error. O(n·m).
 * @internal
 */
export function evaluatePlan(p: OTProblem, G: Float64Array, U: Float64Array, V: Float64Array, out: Float64Array | null): PlanSummary {
  const { n, m, a, b, C } = p;
  const col = new Float64Array(m);
  let cost = 0;
  let rowErr = 0;
  let zeroRows = 0;
  for (let i = 0; i < n; i++) {
    const base = i * m;
    const ui = U[i]!;
    let s = 0;
    let c = 0;
    for (let j = 0; j < m; j++) {
      const e = ui + V[j]! - G[base + j]!;
      let v = 0;
      if (e > -745.2) {
        v = Math.exp(e);
        s += v;
        c += v * C[base + j]!;
        col[j] = col[j]! + v;
      }
      if (out) out[base + j] = v;
    }
    cost += c;
    rowErr += Math.abs(s - a[i]!);
    if (s === 0) zeroRows++;
  }
  let colErr = 0;
  let zeroCols = 0;
  for (let j = 0; j < m; j++) {
    colErr += Math.abs(col[j]! - b[j]!);
    if (col[j] === 0) zeroCols++;
  }
  return { cost, marginalError: rowErr + colErr, zeroRows, zeroCols };
}

/** The result fields every solver returns. @internal */
export interface FinishedPlan {
  plan: NdArray | null;
  x: Float64Array;
  y: Float64Array;
  cost: number;
  marginalError: number;
  /** Human-readable notes on underflow and precision. */
  warnings: string[];
}

/**
 * Evaluate the plan at (U, V) on the reduced problem, expand it and the potentials to the full
 * index sets (zero-mass rows/columns: potential −∞, zero plan entries) and convert the potentials
 * to the public normalisation x = (U + 1)/η + α, y = V/η + β (α, β: the cost shift).
 * @internal
 */
export function finishPlan(
  full: OTProblem, red: ReducedProblem, shift: CostShift, G: Float64Array, U: Float64Array, V: Float64Array, returnPlan: boolean,
): FinishedPlan {
  const p = red.problem;
  const store = returnPlan ? allocFloat64('transportPlan', 'plan entries', p.n * p.m) : null;
  const s = evaluatePlan(p, G, U, V, store);
  const warnings: string[] = [];
  if (s.zeroRows > 0 || s.zeroCols > 0) {
    warnings.push(
      `underflow: ${s.zeroRows} row(s) and ${s.zeroCols} column(s) of the plan are exactly zero although their mass is positive ` +
        `(all their entries are below the smallest double at reg = ${1 / p.eta}; a larger reg or more iterations may resolve them)`,
    );
  }
  const eta = p.eta;
  const xr = new Float64Array(p.n);
  const yr = new Float64Array(p.m);
  for (let i = 0; i < p.n; i++) xr[i] = (U[i]! + 1) / eta + shift.alpha[i]!;
  for (let j = 0; j < p.m; j++) yr[j] = V[j]! / eta + shift.beta[j]!;
  const plan = store ? toNdarray({ rows: full.n, cols: full.m, data: expandPlan(store, red, full.n, full.m) }) : null;
  return {
    plan,
    x: expandVector(xr, red.rows, full.n, -Infinity),
    y: expandVector(yr, red.cols, full.m, -Infinity),
    cost: s.cost,
    marginalError: s.marginalError,
    warnings,
  };
}
