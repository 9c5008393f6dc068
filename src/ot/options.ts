/**
 * The regularisation options shared by every entropic OT routine: `reg` (= 1/η, POT's convention)
 * or `eta` (= 1/reg, the paper's), and `normalize`.
 *
 * @module
 */
import { checkNumber } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import type { OptionKeys } from '../core/options.js';

/**
 * Options common to {@link sinkhorn}, {@link sinkhornNewtonSparse} and {@link wassersteinEntropic}:
 * the strength of the entropic regularisation, given either as `reg` or as `eta` = 1/reg.
 *
 * The problem solved is min ⟨C, P⟩ + reg·Σ P_ij log P_ij over P ≥ 0 with P·1 = a and Pᵀ·1 = b;
 * its solution is P_ij = exp(η(x_i + y_j − C_ij) − 1) for dual potentials x, y.
 */
export interface EntropicOptions {
  /** Entropic regularisation strength (POT's `reg`); larger is smoother and faster. Give `reg` or `eta`. */
  reg?: number;
  /** Inverse regularisation η = 1/reg (the SNS paper's notation, e.g. 1200). Give `reg` or `eta`. */
  eta?: number;
  /**
   * Divide `a` and `b` by their sums first (default `false`: they must then sum to 1 within 1e-8).
   * With `normalize`, any non-negative vectors with positive sums are accepted.
   */
  normalize?: boolean;
}

/**
 * Resolve `{ reg, eta }` to η, checking that exactly one is given (or both, consistently).
 * @throws {@link ArgumentError} when neither is given, a value is not a positive finite number,
 *   or `reg` and `eta` disagree.
 * @internal
 */
export function resolveEta(options: EntropicOptions): number {
  const { reg, eta } = options;
  if (reg === undefined && eta === undefined) {
    throw new ArgumentError('reg', undefined, 'a positive number (or pass eta = 1/reg)');
  }
  const r = reg === undefined ? undefined : checkNumber('reg', reg, 0, Infinity, true);
  const e = eta === undefined ? undefined : checkNumber('eta', eta, 0, Infinity, true);
  if (r !== undefined && e !== undefined) {
    if (Math.abs(r * e - 1) > 1e-12) throw new ArgumentError('eta', e, `1/reg = ${1 / r} (reg and eta were both given and disagree)`);
    return e;
  }
  const out = e ?? 1 / r!;
  if (!Number.isFinite(out) || out <= 0) throw new ArgumentError(e === undefined ? 'reg' : 'eta', e ?? r, 'a positive number whose inverse is finite');
  return out;
}

/** The keys of {@link EntropicOptions}, spread into each routine's key list. @internal */
export const ENTROPIC_KEYS: OptionKeys<EntropicOptions> = { reg: true, eta: true, normalize: true };
