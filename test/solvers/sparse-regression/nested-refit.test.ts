import { describe, expect, it } from 'vitest';
import { prepareRegression } from '../../../src/solvers/sparse-regression/design.js';
import { nestedRefits, refitOnSupport } from '../../../src/solvers/sparse-regression/refit.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';
import { cholesky, choSolve } from '../../../src/linalg/dense/cholesky.js';

/** The d-length vector of coefficients b of the columns S. */
const spread = (S: Int32Array, b: Float64Array, d: number) => {
  expect(b.length).toBe(S.length);
  const w = new Float64Array(d);
  S.forEach((j, t) => (w[j] = b[t]!));
  return w;
};

describe('refits along nested supports (Cholesky-updated)', () => {
  it('equal the QR least-squares refit on every support of a sequence that adds and removes columns', () => {
    const p = makeSparseRegression({ n: 60, d: 40, k: 5, design: 'ar1', rho: 0.8, noise: 0.3, seed: 3 });
    const q = prepareRegression(p.X, p.y, true);
    const seq = [[], [4], [4, 9], [1, 4, 9, 17], [1, 9, 17], [1, 9, 17, 30, 31], [0, 1, 9, 30, 31, 39], [0, 39], [0, 39], [2, 5, 7, 11, 13, 19, 23]];
    const r = nestedRefits(q, 8);
    for (const S of seq) {
      const s = Int32Array.from(S);
      const b = r.refit(s);
      const w = spread(s, b, 40);
      const want = refitOnSupport(q, s);
      for (let j = 0; j < 40; j++) expect(Math.abs(w[j]! - want[j]!)).toBeLessThan(1e-10 * (1 + Math.abs(want[j]!)));
      // ‖y − Xw‖² from the cached Xᵀy equals the direct residual.
      const pred = q.op.matvec(w);
      let rss = 0;
      for (let i = 0; i < 60; i++) rss += (q.y[i]! - pred[i]!) ** 2;
      expect(r.rss(b, s)).toBeCloseTo(rss, 8);
    }
  });
  it('read the columns a source supplies (undefined: from the design), and equal the refits without it', () => {
    const p = makeSparseRegression({ n: 50, d: 30, k: 4, design: 'ar1', rho: 0.5, noise: 0.3, seed: 8 });
    const q = prepareRegression(p.X, p.y, true);
    // Centred columns by hand, scaled by 2 for the columns the source holds: the refit coefficient
    // of such a column must come out halved, which it cannot if the source is ignored.
    const centred = (j: number, scale: number) => {
      const x = Float64Array.from({ length: 50 }, (_, i) => (p.X.data as Float64Array)[i * 30 + j]!);
      const m = x.reduce((a, b) => a + b, 0) / 50;
      return x.map((v) => (v - m) * scale);
    };
    const asked: number[] = [];
    const plain = nestedRefits(q, 6);
    const exact = nestedRefits(q, 6, (j) => (asked.push(j), j % 2 === 0 ? centred(j, 1) : undefined));
    const doubled = nestedRefits(q, 6, (j) => (j === 4 ? centred(4, 2) : undefined));
    for (const S of [[4], [3, 4, 11], [3, 4, 11, 20, 26], [4, 20]]) {
      const s = Int32Array.from(S);
      const want = spread(s, plain.refit(s), 30);
      const w = spread(s, exact.refit(s), 30);
      const h = spread(s, doubled.refit(s), 30);
      for (let j = 0; j < 30; j++) expect(Math.abs(w[j]! - want[j]!)).toBeLessThan(1e-10 * (1 + Math.abs(want[j]!)));
      expect(h[4]).toBeCloseTo(want[4]! / 2, 10);
    }
    // Each column is asked for once (then cached), the even ones answered by the source.
    expect(asked.sort((a, b) => a - b)).toEqual([3, 4, 11, 20, 26]);
  });
  it('a support with an exactly dependent column falls back to the minimum-norm refit', () => {
    const p = makeSparseRegression({ n: 30, d: 12, k: 2, design: 'decoy', decoys: 2, noise: 0.1, seed: 1 });
    const q = prepareRegression(p.X, p.y, false);
    // Columns 10 and 11 are sums of two others: find one pair and include all three.
    const X = p.X.data as Float64Array;
    let pair: [number, number] = [0, 0];
    for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) if (Math.abs(X[a]! + X[b]! - X[10]!) < 1e-12 && Math.abs(X[12 + a]! + X[12 + b]! - X[22]!) < 1e-12) pair = [a, b];
    expect(pair[1]).toBeGreaterThan(0);
    const S = Int32Array.from([pair[0], pair[1], 10]);
    const r = nestedRefits(q, 5);
    r.refit(Int32Array.from([pair[0]]));
    const w = spread(S, r.refit(S), 12);
    const want = refitOnSupport(q, S);
    for (let j = 0; j < 12; j++) expect(w[j]).toBeCloseTo(want[j]!, 8);
  });
});

describe('makeSparseRegression bandedPrecision', () => {
  it('draws rows whose sample precision is banded with −ρ/(2b) inside the band', () => {
    const d = 6;
    const b = 2;
    const rho = 0.8;
    const n = 40000;
    const p = makeSparseRegression({ n, d, k: 1, design: 'bandedPrecision', rho, bandwidth: b, seed: 7 });
    const X = p.X.data as Float64Array;
    const C: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) C[a]![c]! += (X[i * d + a]! * X[i * d + c]!) / n;
    const L = cholesky(C);
    for (let c = 0; c < d; c++) {
      const e = new Float64Array(d);
      e[c] = 1;
      const col = choSolve(L, e);
      for (let a = 0; a < d; a++) {
        const want = a === c ? 1 : Math.abs(a - c) <= b ? -rho / (2 * b) : 0;
        expect(Math.abs(col[a]! - want)).toBeLessThan(0.03);
      }
    }
  });
});

describe('sparseRegression options', () => {
  it('whitenBelow: 0 scores only the identity; the ill-conditioned AR(1) 0.99 design still scores the Puffer family', () => {
    const p = makeSparseRegression({ n: 50, d: 80, k: 3, design: 'ar1', rho: 0.99, noise: 0.1, seed: 2 });
    const a = sparseRegression(p.X, p.y, { seed: 1, whitenBelow: 0 });
    expect(a.scores.map((s) => s.name)).toEqual(['identity']);
    expect(a.preconditioner).toBe('identity');
    const b = sparseRegression(p.X, p.y, { seed: 1 });
    expect(b.scores.length).toBe(5);
    expect(['lasso', 'omp']).toContain(b.proposer);
    expect(Number.isNaN(b.alpha)).toBe(b.proposer === 'omp');
  });
});
