import { describe, expect, it } from 'vitest';
import { foldColumnStatistics } from '../../../src/solvers/sparse-regression/column-statistics.js';
import { prepareRegression, prepareRows } from '../../../src/solvers/sparse-regression/design.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { unitColumns } from '../../../src/solvers/sparse-regression/support-path.js';
import { kFold } from '../../../src/solvers/sparse-regression/folds.js';

describe('fold column statistics from full sums minus held-out sums', () => {
  // Columns shifted far from zero, so that sums about zero would cancel badly.
  const prob = makeSparseRegression({ n: 50, d: 30, k: 3, design: 'ar1', rho: 0.5, noise: 0.5, seed: 4 });
  const X = { rows: 50, cols: 30, data: prob.X.data.map((v, t) => v + 1e4 * ((t % 30) - 15)) };
  const y = Float64Array.from(prob.y);

  it('equal the means, centred norms and centred Xᵀy computed on the training rows directly', () => {
    const p = prepareRegression(X, y, true);
    const stats = foldColumnStatistics(p, y)!;
    const test = Int32Array.from([1, 4, 9, 16, 25, 36, 49]);
    const train = Int32Array.from({ length: 50 }, (_, i) => i).filter((i) => !test.includes(i));
    const s = stats.training(test);
    const q = prepareRows(p, X, y, train);
    const u = unitColumns(q);
    for (let j = 0; j < 30; j++) {
      expect(s.means[j]).toBeCloseTo(q.xMean[j]!, 9);
      expect(Math.sqrt(s.sq[j]!) / u.norms[j]!).toBeCloseTo(1, 11);
      // (x_j − x̄_j)ᵀ(y − ȳ) = norm_j · (unit column j)ᵀ y_c.
      let c = 0;
      for (let i = 0; i < train.length; i++) c += u.X.data[i * 30 + j]! * q.y[i]!;
      expect(s.xty[j]! / (c * u.norms[j]!)).toBeCloseTo(1, 9);
    }
    for (let j = 0; j < 30; j++) expect(Math.sqrt(stats.all.sq[j]!) / unitColumns(p).norms[j]!).toBeCloseTo(1, 11);
  });

  it('given the folds, take all rows from the held-out sums and equal the direct statistics', () => {
    const p = prepareRegression(X, y, true);
    const direct = foldColumnStatistics(p, y)!;
    const folds = kFold(50, 5, 7);
    const viaFolds = foldColumnStatistics(p, y, folds.map((f) => f.test))!;
    // A set of rows that is not a partition is ignored (all rows from their own pass).
    const notPartition = foldColumnStatistics(p, y, [folds[0]!.test, folds[0]!.test])!;
    const close = (a: Float64Array, b: Float64Array, digits: number) => {
      for (let j = 0; j < 30; j++) expect(a[j]! / b[j]!).toBeCloseTo(1, digits);
    };
    for (const s of [viaFolds, notPartition]) {
      close(s.all.means, direct.all.means, 12);
      close(s.all.sq, direct.all.sq, 10);
      close(s.all.xty, direct.all.xty, 9);
    }
    for (const f of folds) {
      // The same rows in a new array (as selectRefit draws them) find the fold's sums.
      const a = viaFolds.training(Int32Array.from(f.test));
      const b = direct.training(f.test);
      close(a.means, b.means, 12);
      close(a.sq, b.sq, 10);
      close(a.xty, b.xty, 9);
    }
  });

  it('are not computed for designs without an intercept', () => {
    expect(foldColumnStatistics(prepareRegression(X, y, false), y)).toBeNull();
  });
});
