/**
 * Options, results and small vector helpers shared by `sbl` and `kroSbl`.
 *
 * @module
 * @internal
 */
import { checkNumber, checkPositiveInt } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import type { CVec } from '../../linalg/dense/complex.js';

/** Per-iteration information passed to `onIteration` of {@link sbl} and {@link kroSbl}. */
export interface SBLIterationInfo {
  /** EM iteration (1-based). */
  iteration: number;
  /** Relative change ‖γ⁽ᵗ⁾ − γ⁽ᵗ⁻¹⁾‖ / ‖γ⁽ᵗ⁻¹⁾‖ (the stopping criterion). */
  gammaChange: number;
  /** Current noise variance σ². */
  noiseVariance: number;
  /** Number of coefficients still active (not pruned). */
  active: number;
}

/** Options shared by {@link sbl} and {@link kroSbl}. */
export interface SBLCommonOptions {
  /** Known noise variance σ² > 0 (for complex data: E|nᵢ|², both parts together). Fixed unless `estimateNoise`. */
  noiseVariance?: number;
  /** Estimate σ² by EM (default: true when `noiseVariance` is not given, else false); `noiseVariance` is then the start. */
  estimateNoise?: boolean;
  /** Maximum EM iterations (default 150). */
  maxIter?: number;
  /** Stop when ‖γ⁽ᵗ⁾ − γ⁽ᵗ⁻¹⁾‖ / ‖γ⁽ᵗ⁻¹⁾‖ < tol (default 1e-4). */
  tol?: number;
  /** Complex data: interleaved (re, im) values in the dictionary rows and in y (default false). */
  complex?: boolean;
  /** Called once per EM iteration; returning false stops early (`stopped: true`). */
  onIteration?: (info: SBLIterationInfo) => boolean | void;
}

/** Result of {@link sbl} and {@link kroSbl}. */
export interface SBLResult {
  /** Posterior mean of x (length N; interleaved re/im of length 2N for complex data), zero where pruned. */
  x: Float64Array;
  /** Prior variances: `[γ]` for `sbl`, `[γ₁, …, γ_I]` for `kroSbl` (γ = γ₁ ⊗ … ⊗ γ_I), zero where pruned. */
  gammas: Float64Array[];
  /** Indices n with γₙ > 0 after pruning (ascending). */
  support: Int32Array;
  /** Final noise variance σ² (the given one when not estimated). */
  noiseVariance: number;
  /** True when the relative γ change fell below `tol`. */
  converged: boolean;
  /** Set when onIteration returned false. */
  stopped?: boolean;
  /** EM iterations done. */
  iterations: number;
  /** Relative γ change per iteration. */
  history: number[];
}

/** Parsed common options. @internal */
export interface CommonOptions {
  maxIter: number;
  tol: number;
  complex: boolean;
  onIteration: ((info: SBLIterationInfo) => boolean | void) | undefined;
}

/** The option keys of {@link SBLCommonOptions}. @internal */
export const COMMON_KEYS = ['noiseVariance', 'estimateNoise', 'maxIter', 'tol', 'complex', 'onIteration'] as const;

/** Validate maxIter, tol, complex and onIteration. @internal */
export function commonOptions(o: SBLCommonOptions): CommonOptions {
  const maxIter = o.maxIter === undefined ? 150 : checkPositiveInt('maxIter', o.maxIter);
  const tol = o.tol === undefined ? 1e-4 : checkNumber('tol', o.tol, 0);
  if (o.onIteration !== undefined && typeof o.onIteration !== 'function') throw new ArgumentError('onIteration', o.onIteration, 'a function (info) => boolean | void');
  if (o.complex !== undefined && typeof o.complex !== 'boolean') throw new ArgumentError('complex', o.complex, 'a boolean');
  return { maxIter, tol, complex: !!o.complex, onIteration: o.onIteration };
}

/** Validate a prune threshold in [0, 1). @internal */
export function pruneOption(v: unknown, def: number): number {
  if (v === undefined) return def;
  const t = checkNumber('pruneThreshold', v, 0, 1);
  if (t >= 1) throw new ArgumentError('pruneThreshold', v, 'a number in [0, 1)');
  return t;
}

/** ‖a − b‖ / ‖b‖ (∞ when b = 0 and a ≠ 0, 0 when both are 0). @internal */
export function relativeChange(a: Float64Array, b: Float64Array): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i]! - b[i]!) ** 2;
    n += b[i]! ** 2;
  }
  return n > 0 ? Math.sqrt(d / n) : d > 0 ? Infinity : 0;
}

/** Σ |vᵢ|² over both planes. @internal */
export function norm2(v: CVec): number {
  let s = 0;
  for (let i = 0; i < v.re.length; i++) s += v.re[i]! ** 2;
  if (v.im) for (let i = 0; i < v.im.length; i++) s += v.im[i]! ** 2;
  return s;
}

/** ‖y − Hμ‖² given Hμ. @internal */
export function residualNorm2(y: CVec, Hmu: CVec): number {
  let s = 0;
  for (let i = 0; i < y.re.length; i++) s += (y.re[i]! - Hmu.re[i]!) ** 2;
  if (y.im || Hmu.im) for (let i = 0; i < y.re.length; i++) s += ((y.im ? y.im[i]! : 0) - (Hmu.im ? Hmu.im[i]! : 0)) ** 2;
  return s;
}
