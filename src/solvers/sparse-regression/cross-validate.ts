/**
 * K-fold cross-validation of a path of fits: every fold refits the whole path on its training rows
 * and scores each point of the path by the squared error on its held-out rows. Shared by
 * {@link lassoCv} (the Lasso path) and the preconditioned methods (refitted supports).
 *
 * @module
 */
import type { VectorLike } from '../../core/array.js';
import { designRowsOf, pick, type Design, type DesignInput } from './design.js';
import type { Fold } from './folds.js';
import { nonzeros } from './support.js';
import { matvecDense } from '../../linalg/dense/matvec.js';

/**
 * A path of fits on some rows: coefficients and intercept at each point of a fixed grid. The
 * coefficients are on all d columns, or, when `supports` is given, on supports[t]'s columns only
 * (coefs[t][u] belongs to column supports[t][u]). @internal
 */
export interface PathFit {
  coefs: (Float64Array | undefined)[];
  intercepts: ArrayLike<number>;
  supports?: (Int32Array | undefined)[];
}

/**
 * The held-out mean squared error of coefficients b on the columns S (b[u] of S[u]) with intercept
 * `intercept`, for one fold's held-out rows. @internal
 */
export type HeldOutError = (S: ArrayLike<number>, b: Float64Array, intercept: number) => number;

/**
 * Held-out mean squared error of every path point in every fold: an A x K row-major matrix
 * (A path points, K folds) and its mean over folds. `design` is X checked (prepareRegression's);
 * `fit` fits the path on the given training rows (of fold `fold`), and may score points on the
 * fold's held-out rows as it goes (`heldOut`, the same error as the path's points get here).
 * Points a fold's fit leaves out (`coefs[t]` undefined) score +Infinity.
 * @internal
 */
export function crossValidatePath(
  design: Design, X: DesignInput, y: VectorLike, folds: Fold[], A: number, fit: (train: Int32Array, fold: number, heldOut: HeldOutError) => PathFit,
): { msePath: Float64Array; mseMean: Float64Array; best: number } {
  const yv = Float64Array.from(y as ArrayLike<number>);
  const K = folds.length;
  const msePath = new Float64Array(A * K);
  folds.forEach((fold, f) => {
    const yte = pick(yv, fold.test);
    const test = designRowsOf(design, X, fold.test);
    // Path points are sparse: predict from the support's columns only, O(|test|·|S|).
    const heldOut: HeldOutError = (S, b, intercept) => {
      const pred = matvecDense(test.columns(S), b);
      let s = 0;
      for (let i = 0; i < yte.length; i++) s += (yte[i]! - pred[i]! - intercept) ** 2;
      return s / yte.length;
    };
    const path = fit(fold.train, f, heldOut);
    for (let t = 0; t < A; t++) {
      const w = path.coefs[t];
      if (!w) {
        msePath[t * K + f] = Infinity;
        continue;
      }
      const S = path.supports ? path.supports[t]! : nonzeros(w);
      msePath[t * K + f] = heldOut(S, path.supports ? w : Float64Array.from(S, (j) => w[j]!), path.intercepts[t]!);
    }
  });
  const mseMean = new Float64Array(A);
  let best = 0;
  for (let t = 0; t < A; t++) {
    let s = 0;
    for (let f = 0; f < K; f++) s += msePath[t * K + f]!;
    mseMean[t] = s / K;
    if (mseMean[t]! < mseMean[best]!) best = t;
  }
  return { msePath, mseMean, best };
}
