/**
 * The entropic transport cost ⟨C, P⟩ as a single number (POT's `ot.sinkhorn2`).
 *
 * @module
 */
import type { VectorLike } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import type { DenseInput } from '../formats/dense.js';
import { checkOptions } from './options.js';
import { type SinkhornOptions, sinkhorn } from './sinkhorn.js';
import { type SinkhornNewtonSparseOptions, sinkhornNewtonSparse } from './sns.js';

/**
 * Options of {@link wassersteinEntropic}: `solver: 'sinkhorn'` (default) with the options of
 * {@link sinkhorn}, or `solver: 'sns'` with those of {@link sinkhornNewtonSparse}.
 */
export type WassersteinEntropicOptions =
  | ({ solver?: 'sinkhorn' } & SinkhornOptions)
  | ({ solver: 'sns' } & SinkhornNewtonSparseOptions);

/**
 * Entropic Wasserstein cost: the transport cost ⟨C, P⟩ of the entropic plan P between a and b.
 *
 * P minimises ⟨C, P⟩ + reg·Σ P_ij log P_ij subject to P·1 = a, Pᵀ·1 = b; the returned value is
 * ⟨C, P⟩ without the entropy term (as POT's `sinkhorn2`). With C_ij = ‖X_i − Y_j‖^p it approaches
 * W_p(a, b)^p as reg → 0. The plan is never stored (O(n + m) memory besides C); time as the chosen
 * solver. For convergence details call {@link sinkhorn} or {@link sinkhornNewtonSparse} directly.
 *
 * @param a - source weights (length n)
 * @param b - target weights (length m)
 * @param C - n x m cost matrix
 * @param options - `reg` or `eta` (required), `solver`, and that solver's options
 * @returns ⟨C, P⟩
 * @throws {@link ArgumentError} on invalid weights, cost or options (as the solvers).
 *
 * @example
 * ```ts
 * import { wassersteinEntropic, gridCost } from 'sparsity';
 * // All mass moves one cell to the right on a 1 x 3 grid (unnormalised squared distance 1).
 * const C = gridCost(1, 3, { normalize: false });
 * const w = wassersteinEntropic([0.5, 0.5, 0], [0, 0.5, 0.5], C, { reg: 0.01, solver: 'sns' });
 * Math.abs(w - 1) < 1e-6; // => true
 * ```
 */
export function wassersteinEntropic(a: VectorLike, b: VectorLike, C: DenseInput, options?: WassersteinEntropicOptions): number {
  const o = checkOptions(options);
  const solver = o.solver ?? 'sinkhorn';
  if (solver === 'sinkhorn') return sinkhorn(a, b, C, { ...(o as SinkhornOptions), returnPlan: false }).cost;
  if (solver === 'sns') return sinkhornNewtonSparse(a, b, C, { ...(o as SinkhornNewtonSparseOptions), returnPlan: false }).cost;
  throw new ArgumentError('solver', solver, "'sinkhorn' or 'sns'");
}
