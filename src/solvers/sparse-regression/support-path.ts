/**
 * Supports proposed by a Lasso path on a transformed problem, refitted by least squares on the
 * original rows, and the choice among them: K-fold cross-validation of the whole procedure
 * (transform, path and refit redone on each fold's training rows), or the risk inflation criterion
 * when the noise level is known.
 *
 * This is how the preconditioned methods choose α: the Lasso on the transformed design only proposes
 * supports; each is judged by how well least squares on it predicts the original, untransformed
 * rows. Judging α by the Lasso's own error on transformed rows fails badly after a whitening
 * transform, which amplifies the noise; and choosing supports on all rows before cross-validating
 * only the refits is badly optimistic (large supports fit the held-out noise), so every fold redoes
 * the selection.
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import type { Seed } from '../../core/rng.js';
import { toNdarray } from '../../formats/dense.js';
import { lassoPath } from '../glm/lasso-path.js';
import { crossValidatePath, type PathFit } from './cross-validate.js';
import { interceptFor, prepareRegression, type DesignInput, type PreparedRegression } from './design.js';
import { kFold } from './folds.js';
import { alphaGrid } from '../glm/alpha-grid.js';
import { lassoAlphaMax } from './lasso-cv.js';
import { refitOnSupport } from './refit.js';
import { nonzeros, sameSupport } from './support.js';

/** A row transform with column normalization: (centred X, centred y) -> (Z with unit columns, z). @internal */
export type ProblemTransform = (Xc: DenseMatrix, yc: Float64Array) => { Z: DenseMatrix; z: Float64Array; norms: Float64Array; name: string };

/** Settings of {@link refitPath}. @internal */
export interface RefitPathSettings {
  transform: ProblemTransform;
  /** α/α_max along the path, decreasing. */
  ratios: Float64Array;
  fitIntercept: boolean;
  tol: number;
  maxIter: number;
  /** Path points whose support is larger are left out. */
  maxSupport: number;
  /** Least squares on each support (true), or the Lasso's own coefficients mapped back to X's scale. */
  refit: boolean;
}

/** A path of refits with the supports and α that produced them. @internal */
export interface RefitPath extends PathFit {
  supports: (Int32Array | undefined)[];
  alphas: Float64Array;
  prepared: PreparedRegression;
  /** The transform's name. */
  name: string;
}

/** The centred design as a dense matrix (sparse input is densified: the transforms are dense). @internal */
export function centredDense(p: PreparedRegression): DenseMatrix {
  const D = p.design.dense();
  if (!p.fitIntercept) return D;
  const { rows, cols } = D;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = D.data[i * cols + j]! - p.xMean[j]!;
  return { rows, cols, data: out };
}

/**
 * Transform the (centred) problem, run the Lasso path at α = ratio·α_max, and refit least squares on
 * the original rows at every path point whose support has at most maxSupport features.
 * @internal
 */
export function refitPath(X: DesignInput, y: Float64Array, s: RefitPathSettings): RefitPath {
  const p = prepareRegression(X, y, s.fitIntercept);
  const { Z, z, norms, name } = s.transform(centredDense(p), p.y);
  const A = s.ratios.length;
  const aMax = lassoAlphaMax(Z, z, false);
  const alphas = s.ratios.map((r) => r * aMax);
  const coefs: Float64Array[] = [];
  const intercepts = new Float64Array(A);
  const supports: (Int32Array | undefined)[] = [];
  const coefPath = aMax > 0 ? truncatedPath(Z, z, alphas, s) : null;
  let last: Int32Array | undefined;
  let lastW: Float64Array | undefined;
  for (let t = 0; t < A; t++) {
    const S = coefPath ? (coefPath[t] ? nonzeros(coefPath[t]!) : null) : new Int32Array(0);
    if (!S || S.length > s.maxSupport) {
      supports.push(undefined);
      continue;
    }
    let w: Float64Array;
    if (!s.refit) w = coefPath ? coefPath[t]!.map((b, j) => (norms[j]! > 0 ? b / norms[j]! : 0)) : new Float64Array(p.design.d);
    else w = last && lastW && sameSupport(last, S) ? lastW : refitOnSupport(p, S);
    last = S;
    lastW = w;
    supports.push(S);
    coefs[t] = w;
    intercepts[t] = interceptFor(p, w);
  }
  return { coefs, intercepts, supports, alphas, prepared: p, name };
}

/** Path points computed per chunk: the path stops once a support exceeds maxSupport. */
const CHUNK = 8;

/**
 * The Lasso path on (Z, z) at the given α, computed CHUNK points at a time (warm-started) and
 * stopped after the first chunk that reaches a support larger than maxSupport; the points not
 * computed are left undefined.
 */
function truncatedPath(Z: DenseMatrix, z: Float64Array, alphas: Float64Array, s: RefitPathSettings): (Float64Array | undefined)[] {
  const X = toNdarray(Z);
  const out: (Float64Array | undefined)[] = [];
  let warm: Float64Array | undefined;
  for (let t0 = 0; t0 < alphas.length; t0 += CHUNK) {
    const part = lassoPath(X, z, {
      alphas: alphas.subarray(t0, t0 + CHUNK), fitIntercept: false, tol: s.tol, maxIter: s.maxIter,
      ...(warm ? { warmStart: warm } : {}),
    }).coefs;
    out.push(...part);
    warm = part[part.length - 1]!;
    if (nonzeros(warm).length > s.maxSupport) break;
  }
  return out;
}

/**
 * How {@link selectRefit} scores a path point: K-fold CV, or, with a known noise level σ, the risk
 * inflation criterion RSS/n + 2σ²·ln(d)·|S|/n (Foster & George 1994: Mallows' Cp with the penalty
 * that accounts for having searched d features; plain Cp's 2σ²|S|/n overfits path-selected supports).
 * @internal
 */
export type SupportCriterion = { kind: 'cv'; folds: number; seed?: Seed } | { kind: 'ric'; sigma: number };

/** The chosen refit and every path point's score. @internal */
export interface SelectedRefit {
  coef: Float64Array;
  intercept: number;
  alpha: number;
  index: number;
  scores: Float64Array;
  /** The transform's name. */
  name: string;
  /** Path points evaluated. */
  points: number;
}

/**
 * Choose a point of the refit path: the least K-fold CV error (the whole procedure redone per fold),
 * or the least risk-inflation criterion RSS/n + 2σ²·ln(d)·|S|/n on all rows. Ties go to the earlier (sparser) point.
 * @internal
 */
export function selectRefit(X: DesignInput, y: Float64Array, s: RefitPathSettings, criterion: SupportCriterion): SelectedRefit {
  const full = refitPath(X, y, s);
  const A = s.ratios.length;
  let scores: Float64Array;
  let index: number;
  if (criterion.kind === 'cv') {
    const folds = kFold(y.length, criterion.folds, criterion.seed);
    const r = crossValidatePath(X, y, folds, A, (Xtr, ytr) => refitPath(Xtr, ytr, s));
    scores = r.mseMean;
    index = r.best;
  } else {
    const p = full.prepared;
    const { n, d } = p.design;
    scores = new Float64Array(A).fill(Infinity);
    index = 0;
    for (let t = 0; t < A; t++) {
      const w = full.coefs[t];
      if (!w) continue;
      const pred = p.op.matvec(w);
      let rss = 0;
      for (let i = 0; i < n; i++) rss += (p.y[i]! - pred[i]!) ** 2;
      scores[t] = rss / n + (2 * criterion.sigma * criterion.sigma * Math.log(Math.max(d, 2)) * full.supports[t]!.length) / n;
      if (scores[t]! < scores[index]!) index = t;
    }
  }
  const coef = full.coefs[index] ?? new Float64Array(full.prepared.design.d);
  return {
    coef, intercept: full.intercepts[index] ?? interceptFor(full.prepared, coef), alpha: full.alphas[index]!, index, scores,
    name: full.name, points: full.coefs.filter(Boolean).length,
  };
}

/** The α/α_max grid of the refit paths: nAlphas log-spaced ratios from 1 down to eps. @internal */
export function ratioGrid(nAlphas: number, eps: number): Float64Array {
  return alphaGrid(1, nAlphas, eps);
}

/**
 * The largest support worth refitting by default: ⌊n/4⌋ (at least 1, at most d). A least-squares
 * refit on |S| columns from the ~4n/5 training rows of a fold has variance ∝ |S|/n, so larger
 * supports cannot win the cross-validation unless the signal is dense, and their refits dominate
 * the cost.
 * @internal
 */
export function maxRefitSupport(n: number, d: number): number {
  return Math.max(1, Math.min(d, Math.floor(n / 4)));
}
