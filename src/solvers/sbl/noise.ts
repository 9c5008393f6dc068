/**
 * Noise-variance estimation inside the SBL EM loop (Wipf & Rao 2004, eq. 19; Tipping 2001):
 * σ² ← (‖y − H·μ‖² + σ²·Σₙ(1 − Σₙₙ/γₙ)) / M, where Σₙ(1 − Σₙₙ/γₙ) = tr(Γ·Hᴴ·Σ_y⁻¹·H) counts the
 * "well-determined" parameters. The same formula holds for complex data with |·|² and the total
 * (real + imaginary) noise variance.
 *
 * @module
 * @internal
 */
import { checkNumber } from '../../core/array.js';

/** Floor on the estimated noise variance, relative to the mean power of y. */
const FLOOR = 1e-10;

/** The EM update of σ² (see the module comment), floored at 1e-10·‖y‖²/M. @internal */
export function updateNoiseVariance(residualNorm2: number, sigma2: number, wellDetermined: number, M: number, y2: number): number {
  const s = (residualNorm2 + sigma2 * wellDetermined) / M;
  return Math.max(s, (FLOOR * y2) / M);
}

/**
 * Read the `noiseVariance` / `estimateNoise` options: a fixed positive variance, or (estimateNoise)
 * a starting value (default 0.1·‖y‖²/M, as a tenth of the measurement power).
 * @internal
 */
export function noiseOptions(noiseVariance: unknown, estimateNoise: unknown, y2: number, M: number): { sigma2: number; estimate: boolean } {
  const estimate = estimateNoise === undefined ? noiseVariance === undefined : !!estimateNoise;
  if (noiseVariance !== undefined) {
    return { sigma2: checkNumber('noiseVariance', noiseVariance, 0, Infinity, true), estimate };
  }
  return { sigma2: Math.max((0.1 * y2) / Math.max(M, 1), Number.MIN_VALUE), estimate };
}
