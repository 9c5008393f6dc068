/**
 * Supports along a Lasso path, and the choice of one of them by the error of its least-squares
 * refit: cross-validated on the original rows, or by Mallows' Cp when the noise level is known.
 *
 * This is how the preconditioned methods pick α: the Lasso (on a transformed design) only proposes
 * supports; each is judged by how well least squares on it predicts the original, untransformed
 * data. Judging α by the Lasso's own error on transformed rows fails badly after a whitening
 * transform, which amplifies the noise (see the sparse-regression guide).
 *
 * @module
 */
import type { DenseMatrix } from '../../core/dense.js';
import type { Seed } from '../../core/rng.js';
import { toNdarray } from '../../formats/dense.js';
import { lassoPath } from '../glm/lasso-path.js';
import { preparedColumns, type PreparedRegression } from './design.js';
import { kFold } from './folds.js';
import { alphaGrid, lassoAlphaMax } from './lasso-cv.js';
import { lstsqDense } from '../../linalg/dense/lstsq.js';
import { matvecDense } from '../../linalg/dense/matvec.js';
import { nonzeros, sameSupport } from './support.js';

/** Distinct supports met along a path, with the largest α that produced each. @internal */
export interface SupportPath {
  alphas: number[];
  supports: Int32Array[];
}

/**
 * Lasso path on (Z, z) without intercept (the caller centred), nAlphas log-spaced from α_max down to
 * eps·α_max; returns each distinct nonempty support of size ≤ maxSupport, in path order.
 * @internal
 */
export function lassoSupportPath(Z: DenseMatrix, z: Float64Array, o: { nAlphas: number; eps: number; tol: number; maxIter: number; maxSupport: number }): SupportPath {
  const aMax = lassoAlphaMax(Z, z, false);
  const out: SupportPath = { alphas: [], supports: [] };
  if (aMax === 0) return out;
  const alphas = alphaGrid(aMax, o.nAlphas, o.eps);
  const path = lassoPath(toNdarray(Z), z, { alphas, fitIntercept: false, tol: o.tol, maxIter: o.maxIter });
  for (let t = 0; t < alphas.length; t++) {
    const S = nonzeros(path.coefs[t]!);
    if (S.length === 0 || S.length > o.maxSupport) continue;
    const last = out.supports[out.supports.length - 1];
    if (last && sameSupport(last, S)) continue;
    out.alphas.push(alphas[t]!);
    out.supports.push(S);
  }
  return out;
}

/** Held-out squared error of the least-squares refit on S, fitted on `train` rows, tested on `test`. */
function refitError(XS: DenseMatrix, y: Float64Array, train: Int32Array, test: Int32Array): number {
  const k = XS.cols;
  const A = new Float64Array(train.length * k);
  const b = new Float64Array(train.length);
  for (let r = 0; r < train.length; r++) {
    A.set(XS.data.subarray(train[r]! * k, train[r]! * k + k), r * k);
    b[r] = y[train[r]!]!;
  }
  const w = lstsqDense({ rows: train.length, cols: k, data: A }, { rows: train.length, cols: 1, data: b }).x.data;
  let s = 0;
  for (let r = 0; r < test.length; r++) {
    const i = test[r]!;
    const pred = matvecDense({ rows: 1, cols: k, data: XS.data.subarray(i * k, i * k + k) }, w)[0]!;
    s += (y[i]! - pred) ** 2;
  }
  return s;
}

/** How {@link chooseSupport} scores a support. @internal */
export type SupportCriterion = { kind: 'cv'; folds: number; seed?: Seed } | { kind: 'cp'; sigma: number };

/**
 * The support whose least-squares refit on the original (centred) rows has the least estimated
 * prediction error: K-fold CV error, or Cp = RSS/n + 2σ²|S|/n. Ties go to the earlier (smaller) support.
 * Returns the index and every support's score. O(Σ_S n|S|²·K).
 * @internal
 */
export function chooseSupport(p: PreparedRegression, supports: Int32Array[], criterion: SupportCriterion): { index: number; scores: number[] } {
  const n = p.design.n;
  const scores: number[] = [];
  const folds = criterion.kind === 'cv' ? kFold(n, criterion.folds, criterion.seed) : null;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (const S of supports) {
    const XS = preparedColumns(p, S);
    if (folds) {
      let s = 0;
      for (const f of folds) s += refitError(XS, p.y, f.train, f.test);
      scores.push(s / n);
    } else {
      const sigma = (criterion as { sigma: number }).sigma;
      scores.push(refitError(XS, p.y, all, all) / n + (2 * sigma * sigma * S.length) / n);
    }
  }
  let index = 0;
  for (let t = 1; t < scores.length; t++) if (scores[t]! < scores[index]!) index = t;
  return { index, scores };
}
