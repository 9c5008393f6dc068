/**
 * Shared input handling of the least-squares models (lasso, elasticNet, lassoPath): validation,
 * the working design, the weighted centred target, and scikit-learn's α_max.
 *
 * @module
 * @internal
 */
import type { VectorLike } from '../../core/array.js';
import { checkNumber } from '../../core/array.js';
import { dotAt } from '../../kernels/blas1.js';
import { checkPenaltyFactor, checkTarget, columnAxpy, columnDot, type Design, type DesignInput, designShape, fullGradient, releaseDesign } from './design.js';
import { designOf, PreparedDesign } from './prepared-design.js';
import { designBlock, minimizeBlock } from './unpenalized-block.js';

/** The prepared least-squares problem. @internal */
export interface EnetData {
  d: Design;
  /** ỹ = √sw ⊙ (y − ȳ) (ȳ = 0 without intercept). */
  y: Float64Array;
  /** Weighted mean of y (0 without intercept). */
  yMean: number;
  /** ‖ỹ‖². */
  yy: number;
  pf: Float64Array;
  fitIntercept: boolean;
  /** The design was built for this call (free it with {@link releaseEnet}), not taken from a handle. */
  owned: boolean;
}

/** Free the WASM memory of a design built for one call (no-op for a handle's or a JS design). @internal */
export function releaseEnet(data: EnetData): void {
  if (data.owned) releaseDesign(data.d);
}

/**
 * Validate X (or take a prepared design), y, sampleWeight, penaltyFactor and build the design.
 * @internal
 */
export function prepareEnet(
  op: string, X: DesignInput | PreparedDesign, y: VectorLike, o: { fitIntercept?: boolean; sampleWeight?: VectorLike; penaltyFactor?: VectorLike },
): EnetData {
  const [n, p] = X instanceof PreparedDesign ? [X.n, X.p] : designShape(X);
  const yv = checkTarget(y, n, op);
  const pf = checkPenaltyFactor(o.penaltyFactor, p, op);
  const { d, weights: sw, fitIntercept, owned } = designOf(op, X, o);
  let yMean = 0;
  if (fitIntercept && n > 0) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (sw ? sw[i]! : 1) * yv[i]!;
    yMean = s / d.vv;
  }
  const yt = new Float64Array(n);
  for (let i = 0; i < n; i++) yt[i] = d.v[i]! * (yv[i]! - yMean);
  return { d, y: yt, yMean, yy: dotAt(n, yt, 0, yt, 0), pf, fitIntercept, owned };
}

/** The intercept ȳ − x̄ᵀw (0 without intercept). @internal */
export function interceptOf(data: EnetData, w: Float64Array): number {
  if (!data.fitIntercept) return 0;
  return data.yMean - dotAt(w.length, data.d.xMean, 0, w, 0);
}

/**
 * α_max = maxⱼ |x̃ⱼᵀr| / (n·l1Ratio·fⱼ) over the penalized features (one-sided for positive
 * coefficients), where r is the residual after the unpenalized features (fⱼ = 0) are fitted by least
 * squares (nonnegative under `positive`), as glmnet starts its λ sequence; r = ỹ when every feature
 * is penalized. At l1Ratio = 1 it is the smallest α with every penalized coefficient zero. @internal
 */
export function alphaMax(data: EnetData, l1Ratio: number, positive: boolean): number {
  const { d, pf } = data;
  let r = data.y;
  const blk = pf.some((f) => f === 0) ? designBlock(d, pf) : null;
  if (blk) {
    // From w_U = 0 the block's gradient is X̃_Uᵀỹ; the fitted residual replaces ỹ.
    const T0 = d.centred ? dotAt(d.n, d.v, 0, r, 0) : 0;
    blk.x.fill(0);
    for (let a = 0; a < blk.idx.length; a++) blk.b[a] = columnDot(d, blk.idx[a]!, r, T0);
    if (minimizeBlock(blk, positive)) {
      r = r.slice();
      for (let a = 0; a < blk.idx.length; a++) columnAxpy(d, blk.idx[a]!, -blk.x[a]!, r);
    }
  }
  const g = fullGradient(d, r, d.centred ? dotAt(d.n, d.v, 0, r, 0) : 0, new Float64Array(d.p));
  let m = 0;
  for (let j = 0; j < d.p; j++) {
    if (pf[j]! === 0) continue;
    const a = (positive ? g[j]! : Math.abs(g[j]!)) / pf[j]!;
    if (a > m) m = a;
  }
  return m / (d.n * l1Ratio);
}

/** alpha ≥ 0. @internal */
export function checkAlpha(v: unknown, def: number, name = 'alpha'): number {
  if (v === undefined) return def;
  return checkNumber(name, v, 0);
}
