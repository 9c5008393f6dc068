import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { fromDense } from '../../../src/formats/index.js';
import { lassoCv } from '../../../src/solvers/sparse-regression/lasso-cv.js';
import { preconditionedLasso } from '../../../src/solvers/sparse-regression/preconditioned-lasso.js';
import { pufferBasis, pufferPreconditioner } from '../../../src/solvers/sparse-regression/puffer.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';
import { oracleError, predictionError, problem } from './helpers.js';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;

function rowsOf(X: { data: Float64Array; shape: number[] }): number[][] {
  const [n, d] = X.shape as [number, number];
  return Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * d, i * d + d)));
}

describe('the Puffer transform', () => {
  it('makes the columns of F·X orthonormal when n ≥ d (any correlation)', () => {
    const p = problem({ n: 80, d: 12, k: 2, design: 'ar1', rho: 0.99, seed: 1 });
    const X = { rows: 80, cols: 12, data: p.X.data as Float64Array };
    const F = pufferPreconditioner(pufferBasis(X), 0);
    const Z = F.X;
    for (let a = 0; a < 12; a++) {
      for (let b = 0; b < 12; b++) {
        let s = 0;
        for (let t = 0; t < Z.rows; t++) s += Z.data[t * 12 + a]! * Z.data[t * 12 + b]!;
        expect(s).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
    // F·y in the same coordinates: F·X·w = F·(X·w).
    const w = Float64Array.from({ length: 12 }, (_, j) => j - 5);
    const Xw = Float64Array.from({ length: 80 }, (_, i) => { let s = 0; for (let j = 0; j < 12; j++) s += X.data[i * 12 + j]! * w[j]!; return s; });
    const lhs = F.apply(Xw);
    for (let t = 0; t < Z.rows; t++) {
      let s = 0;
      for (let j = 0; j < 12; j++) s += Z.data[t * 12 + j]! * w[j]!;
      expect(lhs[t]).toBeCloseTo(s, 8);
    }
  });
});

describe('sparseRegression on random supports', () => {
  // Small versions of the designs (the full curves against N are in bench/compare/10-sparse-regression.mjs).
  const seeds = [1, 2, 3];
  it('isotropic and decoy designs: near the oracle, and better than LassoCV', () => {
    for (const design of ['isotropic', 'decoy'] as const) {
      const two: number[] = [];
      const cv: number[] = [];
      for (const seed of seeds) {
        const p = problem({ design, n: 150, d: 500, k: 5, noise: 0.2, seed });
        const or = oracleError(p);
        const r = sparseRegression(p.X, p.y, { seed });
        const l = lassoCv(p.X, p.y, { nAlphas: 50 });
        two.push(predictionError(p, r.coef, r.intercept) / or);
        cv.push(predictionError(p, l.coef, l.intercept) / or);
      }
      expect(median(two)).toBeLessThan(1.5);
      expect(median(cv)).toBeGreaterThan(2 * median(two));
    }
  });
  it('AR(1) with ρ = 0.99: phase 1 picks a Puffer-family preconditioner and beats LassoCV', () => {
    const two: number[] = [];
    const cv: number[] = [];
    for (const seed of seeds) {
      const p = problem({ design: 'ar1', rho: 0.99, n: 150, d: 500, k: 5, noise: 0.2, seed });
      const or = oracleError(p);
      const r = sparseRegression(p.X, p.y, { seed });
      expect(r.preconditioner).toMatch(/^puffer/);
      expect(r.scores.find((s) => s.name === r.preconditioner)!.score).toBeGreaterThan(r.scores[0]!.score);
      const l = lassoCv(p.X, p.y, { nAlphas: 50 });
      two.push(predictionError(p, r.coef, r.intercept) / or);
      cv.push(predictionError(p, l.coef, l.intercept) / or);
    }
    expect(median(two)).toBeLessThan(median(cv));
  });
  it('a known noise level selects by the risk inflation criterion; k caps the support; sparse X gives the dense answer', () => {
    const p = problem({ design: 'decoy', n: 120, d: 200, k: 4, noise: 0.1, seed: 4 });
    const a = sparseRegression(p.X, p.y, { noiseLevel: 0.1, seed: 1 });
    expect(Array.from(a.support)).toEqual(Array.from(p.support));
    const b = sparseRegression(p.X, p.y, { k: 3, seed: 1 });
    expect(b.support.length).toBeLessThanOrEqual(3);
    const s = sparseRegression(fromDense(rowsOf(p.X as never)).toCSC(), p.y, { noiseLevel: 0.1, seed: 1 });
    expect(Array.from(s.support)).toEqual(Array.from(a.support));
    for (let j = 0; j < 200; j++) expect(s.coef[j]).toBeCloseTo(a.coef[j]!, 9);
  });
  it('bad input gives typed errors; a constant column is never selected', () => {
    const p = problem({ n: 40, d: 30, k: 3, noise: 0.1, seed: 5 });
    expect(() => sparseRegression(p.X, p.y, { k: 31 })).toThrow(ArgumentError);
    expect(() => sparseRegression(p.X, p.y, { k: 0 })).toThrow(ArgumentError);
    expect(() => sparseRegression(p.X, p.y, { k: 25 })).not.toThrow();
    const small = problem({ n: 6, d: 30, k: 3, seed: 5 });
    expect(() => sparseRegression(small.X, small.y, { k: 6 })).toThrow(ArgumentError);
    expect(() => sparseRegression(p.X, p.y.subarray(2))).toThrow(ShapeError);
    expect(() => sparseRegression(p.X, p.y, { noiseLevel: -1 })).toThrow(ArgumentError);
    expect(() => sparseRegression(p.X, p.y, { candidates: [-1] })).toThrow(ArgumentError);
    const bad = Float64Array.from(p.y);
    bad[0] = Infinity;
    expect(() => sparseRegression(p.X, bad)).toThrow(ArgumentError);
    const rows = rowsOf(p.X as never);
    for (const r of rows) r[7] = 3;
    const c = sparseRegression(rows, p.y, { seed: 1 });
    expect(c.coef[7]).toBe(0);
  });
});

describe('preconditionedLasso', () => {
  const p = problem({ design: 'ar1', rho: 0.95, n: 200, d: 50, k: 4, noise: 0.05, seed: 2 });
  it('Puffer + cross-validated refit recovers the support; a fixed α and no refit work too', () => {
    const r = preconditionedLasso(p.X, p.y);
    expect(r.preconditioner).toBe('puffer');
    expect(Array.from(r.support)).toEqual(Array.from(p.support));
    expect(predictionError(p, r.coef, r.intercept)).toBeLessThan(1.5 * oracleError(p));
    const f = preconditionedLasso(p.X, p.y, { alpha: r.alpha, refit: false });
    expect(Array.from(f.support)).toEqual(Array.from(r.support));
    // Without the refit the Lasso's coefficients are shrunk towards zero.
    const j = p.support[0]!;
    expect(Math.abs(f.coef[j]!)).toBeLessThan(Math.abs(r.coef[j]!));
  });
  it('accepts a custom preconditioner and checks what it returns', () => {
    const same = preconditionedLasso(p.X, p.y, { preconditioner: (X, y) => ({ X, y }) });
    const none = preconditionedLasso(p.X, p.y, { preconditioner: 'columnNormalize' });
    // The same support; the coefficients to rounding (the identity route refits from its unit-column
    // copy scaled back, the custom one from X).
    expect(Array.from(same.support)).toEqual(Array.from(none.support));
    same.coef.forEach((v, j) => expect(Math.abs(v - none.coef[j]!)).toBeLessThan(1e-12 * (1 + Math.abs(v))));
    expect(() => preconditionedLasso(p.X, p.y, { preconditioner: (X) => ({ X, y: [1] }) })).toThrow(ArgumentError);
    expect(() => preconditionedLasso(p.X, p.y, { preconditioner: 'bogus' as never })).toThrow(ArgumentError);
    expect(() => preconditionedLasso(p.X, p.y, { alpha: -1 })).toThrow(ArgumentError);
  });
});
