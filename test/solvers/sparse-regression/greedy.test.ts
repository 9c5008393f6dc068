import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { csr, fromDense } from '../../../src/formats/index.js';
import { svd } from '../../../src/linalg/index.js';
import { cosamp } from '../../../src/solvers/sparse-regression/cosamp.js';
import { iht } from '../../../src/solvers/sparse-regression/iht.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';

function rows(X: { data: Float64Array; shape: number[] }): number[][] {
  const [n, d] = X.shape as [number, number];
  return Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * d, i * d + d)));
}

describe('iht and cosamp recover a noiseless sparse vector', () => {
  const p = makeSparseRegression({ n: 120, d: 300, k: 8, design: 'isotropic', seed: 3 });
  for (const [name, fn] of [['iht', iht], ['cosamp', cosamp]] as const) {
    it(`${name}: exact support and coefficients, with and without an intercept`, () => {
      const r = fn(p.X, p.y, { k: 8, fitIntercept: false });
      expect(r.converged).toBe(true);
      expect(Array.from(r.support)).toEqual(Array.from(p.support));
      for (let j = 0; j < 300; j++) expect(r.coef[j]).toBeCloseTo(p.coef[j]!, 8);
      expect(r.intercept).toBe(0);
      const shifted = p.y.map((v) => v + 3);
      const s = fn(p.X, shifted, { k: 8 });
      expect(Array.from(s.support)).toEqual(Array.from(p.support));
      expect(s.intercept).toBeCloseTo(3, 8);
      for (let j = 0; j < 300; j++) expect(s.coef[j]).toBeCloseTo(p.coef[j]!, 8);
      // history is the residual norm: it ends at (numerically) zero.
      expect(s.history.at(-1)!).toBeLessThan(1e-8);
    });
    it(`${name}: a sparse design gives the same answer as the dense one`, () => {
      const Xs = fromDense(rows(p.X as never)).toCSR();
      const a = fn(p.X, p.y, { k: 8 });
      const b = fn(Xs, p.y, { k: 8 });
      expect(Array.from(b.support)).toEqual(Array.from(a.support));
      for (let j = 0; j < 300; j++) expect(b.coef[j]).toBeCloseTo(a.coef[j]!, 10);
      expect(b.intercept).toBeCloseTo(a.intercept, 10);
    });
    it(`${name}: bad input gives typed errors`, () => {
      expect(() => fn(p.X, p.y, { k: 0 })).toThrow(ArgumentError);
      expect(() => fn(p.X, p.y, { k: 301 })).toThrow(ArgumentError);
      expect(() => fn(p.X, p.y.subarray(1), { k: 3 })).toThrow(ShapeError);
      const bad = Float64Array.from(p.y);
      bad[4] = NaN;
      expect(() => fn(p.X, bad, { k: 3 })).toThrow(ArgumentError);
      expect(() => fn(csr([[1, NaN], [0, 1]]), [1, 2], { k: 1 })).toThrow(ArgumentError);
    });
  }
  it('iht stops when onIteration returns false', () => {
    const r = iht(p.X, p.y, { k: 8, onIteration: (info) => info.iteration < 2 });
    expect(r.iterations).toBe(2);
    expect(r.converged).toBe(false);
  });
  it('iht with a fixed step of 1/‖X‖² still converges on an easy problem', () => {
    const q = makeSparseRegression({ n: 200, d: 50, k: 3, seed: 9 });
    const r = iht(q.X, q.y, { k: 3, step: 1 / 600, fitIntercept: false, maxIter: 5000 });
    expect(Array.from(r.support)).toEqual(Array.from(q.support));
    expect(() => iht(q.X, q.y, { k: 3, step: -1 })).toThrow(ArgumentError);
  });
});

describe('makeSparseRegression', () => {
  it('AR(1) columns have correlation ρ^|i−j| and y = X·coef without noise', () => {
    const p = makeSparseRegression({ n: 20000, d: 4, k: 2, design: 'ar1', rho: 0.8, seed: 1 });
    const [n, d] = p.X.shape as [number, number];
    const col = (j: number) => Float64Array.from({ length: n }, (_, i) => p.X.data[i * d + j]!);
    const corr = (a: Float64Array, b: Float64Array) => {
      let s = 0, sa = 0, sb = 0;
      for (let i = 0; i < n; i++) { s += a[i]! * b[i]!; sa += a[i]! ** 2; sb += b[i]! ** 2; }
      return s / Math.sqrt(sa * sb);
    };
    expect(corr(col(0), col(1))).toBeCloseTo(0.8, 1);
    expect(corr(col(0), col(2))).toBeCloseTo(0.64, 1);
    expect(corr(col(0), col(3))).toBeCloseTo(0.512, 1);
    expect(p.y).toEqual(p.yTrue);
  });
  it('decoy columns are exact sums of two other columns', () => {
    const p = makeSparseRegression({ n: 30, d: 20, k: 2, design: 'decoy', decoys: 2, seed: 2 });
    const d = 20;
    for (const j of [18, 19]) {
      let found = false;
      for (let a = 0; a < 18 && !found; a++) for (let b = a + 1; b < 18 && !found; b++) {
        let ok = true;
        for (let i = 0; i < 30 && ok; i++) ok = Math.abs(p.X.data[i * d + j]! - p.X.data[i * d + a]! - p.X.data[i * d + b]!) < 1e-12;
        found = ok;
      }
      expect(found).toBe(true);
    }
  });
  it('ill-conditioned designs have the requested spread of singular values (population)', () => {
    const p = makeSparseRegression({ n: 40, d: 10, k: 2, design: 'illConditioned', conditionNumber: 1e4, seed: 4 });
    expect(p.X.shape).toEqual([40, 10]);
    const s = svd(p.X, { vectors: false }).s;
    const ratio = s[0]! / s[9]!;
    expect(ratio).toBeGreaterThan(1e3);
    expect(ratio).toBeLessThan(1e5);
    expect(() => makeSparseRegression({ n: 5, d: 3, k: 4 })).toThrow(ArgumentError);
    expect(() => makeSparseRegression({ n: 5, d: 3, k: 1, design: 'bogus' as never })).toThrow(ArgumentError);
  });
});
