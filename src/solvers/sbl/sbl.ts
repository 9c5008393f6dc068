/**
 * Classic sparse Bayesian learning by EM (Tipping 2001; Wipf & Rao 2004) on an explicit dictionary.
 *
 * @module
 */
import { ArgumentError, ShapeError } from '../../core/errors.js';
import type { VectorLike } from '../../core/array.js';
import type { DenseInput } from '../../formats/dense.js';
import { type CMat, type CVec, abs2, cmatmul, fromCVec, selectColumns, toCMat, toCVec } from '../../linalg/dense/complex.js';
import { COMMON_KEYS, commonOptions, norm2, pruneOption, relativeChange, residualNorm2, type SBLCommonOptions, type SBLResult } from './common.js';
import { densePosterior } from './dense-posterior.js';
import { noiseOptions, updateNoiseVariance } from './noise.js';
import { readOptions } from '../../core/options.js';

/** Options of {@link sbl}. */
export interface SBLOptions extends SBLCommonOptions {
  /** Prune γₙ < pruneThreshold·max γ (the column leaves the problem for good); default 1e-3. */
  pruneThreshold?: number;
}

/** Hμ for the active columns. @internal */
export function applyDictionary(H: CMat, mu: CVec): CVec {
  const r = cmatmul(H, { rows: H.cols, cols: 1, re: mu.re, im: mu.im });
  return { re: r.re, im: r.im };
}

/**
 * Sparse Bayesian learning (relevance vector machine / SBL by EM): recover a sparse x from
 * y = H·x + n with the hierarchical prior x ~ N(0, diag(γ)), n ~ N(0, σ²I).
 *
 * Each EM iteration computes the posterior Σ = Γ − ΓHᵀ(σ²I + HΓHᵀ)⁻¹HΓ and μ = σ⁻²ΣHᵀy (on the
 * active columns, through the K x K form (Γ⁻¹ + σ⁻²HᵀH)⁻¹ when fewer than M columns remain, else
 * the M x M one), then sets γ ← diag(Σ) + μ² and prunes γₙ below `pruneThreshold`·max γ (those
 * columns are dropped). With `estimateNoise`, σ² ← (‖y − Hμ‖² + σ²Σₙ(1 − Σₙₙ/γₙ))/M. Stops when
 * ‖Δγ‖/‖γ‖ < tol. Cost per iteration O(M·K·min(M, K) + min(M, K)³) for K active columns.
 * Complex data (`complex: true`, circular Gaussian prior and noise) run through the exact real
 * embedding, at 8x the real cost.
 *
 * @param H - M x N dictionary (M x 2N with interleaved re/im rows when `complex`)
 * @param y - measurements, length M (2M interleaved when `complex`)
 * @param options - {@link SBLOptions}
 * @returns `{ x, gammas: [γ], support, noiseVariance, converged, iterations, history }`
 * @throws {@link ShapeError} when y's length is not M; {@link ArgumentError} on an empty H,
 *   NaN/Infinity, a non-positive `noiseVariance`, an unknown option or one out of range.
 *
 * @example
 * ```ts
 * import { sbl } from 'sparsity';
 * const H = [[1, 0, 1], [0, 1, 1], [1, 1, 0], [1, -1, 0]];
 * const r = sbl(H, [2, 0, 2, 2], { noiseVariance: 1e-6, maxIter: 500, tol: 1e-8 });
 * Array.from(r.support); // => [0]
 * Math.abs(r.x[0] - 2) < 1e-4; // => true
 * ```
 */
export function sbl(H: DenseInput, y: VectorLike, options: SBLOptions = {}): SBLResult {
  options = readOptions('sbl', options, [...COMMON_KEYS, 'pruneThreshold']);
  const { maxIter, tol, complex, onIteration } = commonOptions(options);
  const prune = pruneOption(options.pruneThreshold, 1e-3);
  const D = toCMat(H, 'H', complex);
  const yv = toCVec(y, 'y', complex);
  const { rows: M, cols: N } = D;
  if (M === 0 || N === 0) throw new ArgumentError('H', `a ${M} x ${N} matrix`, 'a dictionary with at least one row and one column');
  if (yv.re.length !== M) throw new ShapeError('sbl', [M, N], complex ? 2 * yv.re.length : yv.re.length);
  const y2 = norm2(yv);
  let { sigma2, estimate } = noiseOptions(options.noiseVariance, options.estimateNoise, y2, M);
  let gamma = new Float64Array(N).fill(1);
  let active = Int32Array.from({ length: N }, (_, i) => i);
  let Ha = D;
  const history: number[] = [];
  let converged = false;
  let stopped = false;
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    const ga = Float64Array.from(active, (j) => gamma[j]!);
    const post = densePosterior(Ha, yv, ga, sigma2);
    const m2 = abs2(post.mu);
    const next = new Float64Array(N);
    let gmax = 0;
    active.forEach((j, t) => {
      next[j] = Math.max(post.diag[t]! + m2[t]!, 0);
      gmax = Math.max(gmax, next[j]!);
    });
    if (estimate) sigma2 = updateNoiseVariance(residualNorm2(yv, applyDictionary(Ha, post.mu)), sigma2, post.wellDetermined, M, y2);
    const keep: number[] = [];
    for (const j of active) {
      if (next[j]! > 0 && next[j]! >= prune * gmax) keep.push(j);
      else next[j] = 0;
    }
    const change = relativeChange(next, gamma);
    gamma = next;
    if (keep.length !== active.length) {
      active = Int32Array.from(keep);
      Ha = selectColumns(D, active);
    }
    history.push(change);
    if (onIteration && onIteration({ iteration: iterations, gammaChange: change, noiseVariance: sigma2, active: active.length }) === false) {
      stopped = true;
      break;
    }
    if (change < tol) {
      converged = true;
      break;
    }
  }
  // The mean under the final γ (and σ²).
  const post = densePosterior(Ha, yv, Float64Array.from(active, (j) => gamma[j]!), sigma2);
  const x: CVec = { re: new Float64Array(N), im: complex ? new Float64Array(N) : null };
  active.forEach((j, t) => {
    x.re[j] = post.mu.re[t]!;
    if (x.im) x.im[j] = post.mu.im![t]!;
  });
  const out: SBLResult = { x: fromCVec(x, complex), gammas: [gamma], support: active, noiseVariance: sigma2, converged, iterations, history };
  if (stopped) out.stopped = true;
  return out;
}
