import { describe, expect, it } from 'vitest';
import { supportSplicer } from '../../../src/solvers/sparse-regression/polish.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';
import { lstsq } from '../../../src/linalg/dense/lstsq.js';

/** Centred copies of X and y (the splicer works on a centred problem). */
function centred(X: Float64Array, y: Float64Array, n: number, d: number) {
  const Z = Float64Array.from(X);
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += Z[i * d + j]!;
    for (let i = 0; i < n; i++) Z[i * d + j] = Z[i * d + j]! - m / n;
  }
  let m = 0;
  for (let i = 0; i < n; i++) m += y[i]!;
  return { Z: { rows: n, cols: d, data: Z }, z: y.map((v) => v - m / n) };
}

/** ‖z − Z_S w‖² of least squares on S, by QR (lstsq), independent of the splicer's algebra. */
function rssOf(Z: { rows: number; cols: number; data: Float64Array }, z: Float64Array, S: ArrayLike<number>): number {
  const { rows: n, cols: d, data } = Z;
  if (S.length === 0) return z.reduce((s, v) => s + v * v, 0);
  const A = Array.from({ length: n }, (_, i) => Array.from(S, (j) => data[i * d + j]!));
  const w = lstsq(A, z).x;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let t = 0; t < S.length; t++) f += A[i]![t]! * w[t]!;
    s += (z[i]! - f) ** 2;
  }
  return s;
}

describe('spliced supports (forward step, exchanges, backward pass)', () => {
  it('report the least-squares residual of each support, and no single exchange lowers it (checked by QR refits of every exchange)', () => {
    // A design where the forward step alone stalls (with maxSwaps = 0 some size is not a local minimum).
    const n = 30;
    const d = 16;
    const p = makeSparseRegression({ n, d, k: 4, design: 'ar1', rho: 0.95, noise: 0.5, seed: 2 });
    const { Z, z } = centred(p.X.data as Float64Array, p.y, n, d);
    const reported: number[] = [];
    const path = supportSplicer(Z, z).path(6, (_, rss) => {
      reported.push(rss);
      return false;
    });
    expect(path.map((S) => S.length)).toEqual([1, 2, 3, 4, 5, 6]);
    path.forEach((S, i) => {
      const r = rssOf(Z, z, S);
      // The backward pass may replace a support by one with a lower residual than the forward one reported.
      expect(r).toBeLessThanOrEqual(reported[i]! * (1 + 1e-9));
      for (let a = 0; a < S.length; a++) {
        for (let c = 0; c < d; c++) {
          if (Array.from(S).includes(c)) continue;
          const T = Array.from(S);
          T[a] = c;
          expect(rssOf(Z, z, T)).toBeGreaterThanOrEqual(r * (1 - 1e-8));
        }
      }
    });
    // The last size has no backward replacement: its residual is the one reported.
    expect(rssOf(Z, z, path[5]!)).toBeCloseTo(reported[5]!, 8);
  });

  it("recover L0Learn's high-correlation case (n = 200, d = 1000, k = 25, AR(1) 0.95) where OMP's proposals do not", () => {
    const p = makeSparseRegression({ n: 200, d: 1000, k: 25, design: 'ar1', rho: 0.95, noise: 0.5, coefficients: 'ones', seed: 1 });
    const T = Array.from(p.support).join();
    const r = sparseRegression(p.X, p.y, { seed: 1 });
    expect(Array.from(r.support).join()).toBe(T);
    const omp = sparseRegression(p.X, p.y, { seed: 1, polish: false, unrefitted: false });
    expect(Array.from(omp.support).join()).not.toBe(T);
  }, 120_000);
});
