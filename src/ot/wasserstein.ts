/**
 * The entropic transport cost ⟨C, P⟩ with its convergence record (POT's `ot.sinkhorn2`).
 *
 * @module
 */
import type { VectorLike } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import type { DenseInput } from '../formats/dense.js';
import { type IterativeResult, optionKeys, readOptions } from '../core/options.js';
import { ENTROPIC_KEYS } from './options.js';
import { type SinkhornIterationInfo, type SinkhornOptions, sinkhorn } from './sinkhorn.js';
import { type SNSIterationInfo, type SinkhornNewtonSparseOptions, sinkhornNewtonSparse } from './sns.js';

/**
 * Options of {@link wassersteinEntropic}: `solver: 'sinkhorn'` (default) with the options of
 * {@link sinkhorn}, or `solver: 'sns'` with those of {@link sinkhornNewtonSparse}.
 */
export type WassersteinEntropicOptions =
  | ({ solver?: 'sinkhorn' } & SinkhornOptions)
  | ({ solver: 'sns' } & SinkhornNewtonSparseOptions);

/** Every key either solver accepts, plus `solver` (each solver then checks its own). */
const WASSERSTEIN_KEYS = [...new Set([
  'solver', ...Object.keys(ENTROPIC_KEYS),
  ...optionKeys<Omit<SinkhornOptions, keyof typeof ENTROPIC_KEYS>>({ method: true, tol: true, maxIter: true, checkEvery: true, returnPlan: true, epsilonScaling: true, onIteration: true }),
  ...optionKeys<Omit<SinkhornNewtonSparseOptions, keyof typeof ENTROPIC_KEYS>>({
    warmupIters: true, maxNewtonIters: true, finalSinkhornIters: true, density: true, tol: true, cg: true, lineSearch: true,
    densityRetries: true, fallbackSinkhornIters: true, returnPlan: true, onIteration: true,
  }),
])];

/** Result of {@link wassersteinEntropic}: the cost and the convergence record of the solver that computed it. */
export interface WassersteinEntropicResult extends IterativeResult<'converged' | 'maxIter' | 'stopped', SinkhornIterationInfo | SNSIterationInfo> {
  /** ⟨C, P⟩ of the entropic plan (without the entropy term). */
  cost: number;
  /** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ of the plan behind `cost`: when it is not small, neither is the error of `cost`. */
  marginalError: number;
  /** The solver used. */
  solver: 'sinkhorn' | 'sns';
  /** The solver's warnings (non-convergence, underflow, precision). */
  warnings: string[];
}

/**
 * Entropic Wasserstein cost: the transport cost ⟨C, P⟩ of the entropic plan P between a and b.
 *
 * P minimises ⟨C, P⟩ + reg·Σ P_ij log P_ij subject to P·1 = a, Pᵀ·1 = b; the returned value is
 * ⟨C, P⟩ without the entropy term (as POT's `sinkhorn2`). With C_ij = ‖X_i − Y_j‖^p it approaches
 * W_p(a, b)^p as reg → 0. The plan is never stored (O(n + m) memory besides C); time as the chosen
 * solver. The result says whether the solver converged: a cost with `converged: false` belongs to a
 * plan whose marginals are off by `marginalError`.
 *
 * @param a - source weights (length n)
 * @param b - target weights (length m)
 * @param C - n x m cost matrix
 * @param options - `reg` or `eta` (required), `solver`, and that solver's options
 * @returns {@link WassersteinEntropicResult}: `cost` = ⟨C, P⟩, with `converged`, `iterations`, `history`, `reason`
 * @throws {@link ArgumentError} on invalid weights, cost or options (as the solvers).
 *
 * @example
 * ```ts
 * import { wassersteinEntropic, gridCost } from 'sparsity';
 * // All mass moves one cell to the right on a 1 x 3 grid (unnormalised squared distance 1).
 * const C = gridCost(1, 3, { normalize: false });
 * const w = wassersteinEntropic([0.5, 0.5, 0], [0, 0.5, 0.5], C, { reg: 0.01, solver: 'sns' });
 * w.converged; // => true
 * Math.abs(w.cost - 1) < 1e-6; // => true
 * ```
 */
export function wassersteinEntropic(a: VectorLike, b: VectorLike, C: DenseInput, options?: WassersteinEntropicOptions): WassersteinEntropicResult {
  const raw = readOptions('wassersteinEntropic', options as Record<string, unknown> | undefined, WASSERSTEIN_KEYS);
  const { solver = 'sinkhorn', ...rest } = raw;
  if (solver !== 'sinkhorn' && solver !== 'sns') throw new ArgumentError('solver', solver, "'sinkhorn' or 'sns'");
  // The chosen solver checks the remaining keys against its own list.
  const r = solver === 'sinkhorn'
    ? sinkhorn(a, b, C, { ...(rest as SinkhornOptions), returnPlan: false })
    : sinkhornNewtonSparse(a, b, C, { ...(rest as SinkhornNewtonSparseOptions), returnPlan: false });
  return {
    cost: r.cost, marginalError: r.marginalError, solver, converged: r.converged, iterations: r.iterations,
    history: r.history, reason: r.reason, stopped: r.stopped, warnings: r.warnings,
  };
}
