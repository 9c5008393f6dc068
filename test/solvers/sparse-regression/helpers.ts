import { makeSparseRegression, type MakeSparseRegressionOptions } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { refitOnSupport } from '../../../src/solvers/sparse-regression/refit.js';
import { interceptFor, prepareRegression } from '../../../src/solvers/sparse-regression/design.js';

/** (1/N)‖X·w* − (X·ŵ + b̂)‖²: in-sample prediction error against the noiseless response. */
export function predictionError(p: ReturnType<typeof makeSparseRegression>, coef: Float64Array, intercept: number): number {
  const [n, d] = p.X.shape as [number, number];
  let s = 0;
  for (let i = 0; i < n; i++) {
    let v = intercept;
    for (let j = 0; j < d; j++) v += p.X.data[i * d + j]! * coef[j]!;
    s += (p.yTrue[i]! - v) ** 2;
  }
  return s / n;
}

/** The oracle: least squares (with intercept) on the true support. */
export function oracleError(p: ReturnType<typeof makeSparseRegression>): number {
  const q = prepareRegression(p.X, p.y, true);
  const w = refitOnSupport(q, p.support);
  return predictionError(p, w, interceptFor(q, w));
}

export function problem(o: MakeSparseRegressionOptions) {
  return makeSparseRegression(o);
}
