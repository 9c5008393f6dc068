/**
 * Armijo backtracking for maximising a concave function along an ascent direction.
 *
 * @module
 * @internal
 */

/** Options of {@link armijo}. @internal */
export interface ArmijoOptions {
  /** Sufficient-increase constant c₁ in (0, 1) (default 1e-4). */
  c1?: number;
  /** First step tried (default 1, the Newton step). */
  alpha0?: number;
  /** Step reduction factor in (0, 1) (default 0.5). */
  shrink?: number;
  /** Largest number of trial steps (default 30). */
  maxTrials?: number;
}

/** Outcome of a line search. @internal */
export interface LineSearchResult {
  /** Accepted step (the last one tried when `accepted` is false). */
  alpha: number;
  /** The sufficient-increase condition held. */
  accepted: boolean;
  /** Trial steps evaluated. */
  trials: number;
  /** Increase of the objective at `alpha` (as returned by `increase`). */
  increase: number;
}

/**
 * Backtracking line search: the first α in alpha0·shrink^t (t = 0, 1, ...) with
 * increase(α) ≥ c₁·α·slope, where slope = ∇fᵀD > 0 is the directional derivative and increase(α)
 * = f(z + αD) − f(z). Non-finite increases count as failures. O(maxTrials) evaluations.
 * @internal
 */
export function armijo(increase: (alpha: number) => number, slope: number, options: ArmijoOptions = {}): LineSearchResult {
  const c1 = options.c1 ?? 1e-4;
  const shrink = options.shrink ?? 0.5;
  const maxTrials = options.maxTrials ?? 30;
  let alpha = options.alpha0 ?? 1;
  let inc = NaN;
  if (!(slope > 0) || !Number.isFinite(slope)) return { alpha: 0, accepted: false, trials: 0, increase: NaN };
  for (let t = 1; t <= maxTrials; t++) {
    inc = increase(alpha);
    if (Number.isFinite(inc) && inc >= c1 * alpha * slope) return { alpha, accepted: true, trials: t, increase: inc };
    if (t < maxTrials) alpha *= shrink;
  }
  return { alpha, accepted: false, trials: maxTrials, increase: inc };
}
