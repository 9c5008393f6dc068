/**
 * prepareDesign: a handle reused across lassoPath / lasso / elasticNet calls gives exactly the
 * results of passing X (dense, sparse, weighted, with and without intercept), snapshots X, and
 * rejects conflicting options; lassoPath's early stops (maxActive, stopWhen) return a prefix of
 * the full path, ending at the first α the rule names.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, createRng, elasticNet, fromDense, lasso, lassoPath, prepareDesign, PreparedDesign,
} from '../../../src/index.js';
import { diabetes } from './data.js';

const { X, y } = diabetes();
const n = X.length;
const rng = createRng(31);
const sw = Array.from({ length: n }, () => 0.3 + rng.random());
const y2 = y.map((v, i) => v * 0.5 + 10 * Math.sin(i));

/** A sparse 80 x 30 design (about 20% nonzeros) and a target. */
const sp = (() => {
  const r = createRng(8);
  const rows: number[][] = [];
  for (let i = 0; i < 80; i++) rows.push(Array.from({ length: 30 }, () => (r.random() < 0.2 ? r.normal() + 1 : 0)));
  const t = rows.map((row) => 1 + 2 * row[1]! - row[4]! + 0.5 * row[9]! + 0.1 * r.normal());
  return { rows, t };
})();

const same = (a: { coefs: Float64Array[]; intercepts: Float64Array; dualityGaps: Float64Array; alphas: Float64Array }, b: typeof a): void => {
  expect(Array.from(a.alphas)).toEqual(Array.from(b.alphas));
  expect(a.coefs.map((c) => Array.from(c))).toEqual(b.coefs.map((c) => Array.from(c)));
  expect(Array.from(a.intercepts)).toEqual(Array.from(b.intercepts));
  expect(Array.from(a.dualityGaps)).toEqual(Array.from(b.dualityGaps));
};
const nnz = (w: Float64Array): number => w.reduce((c, v) => c + (v !== 0 ? 1 : 0), 0);

describe('prepareDesign', () => {
  it('gives the results of X itself, dense and sparse, with and without intercept and weights, on several targets', () => {
    const cases = [
      { Xin: X, ys: [y, y2], opts: {} },
      { Xin: X, ys: [y], opts: { fitIntercept: false } },
      { Xin: X, ys: [y2], opts: { sampleWeight: sw } },
      { Xin: fromDense(sp.rows, 'csc'), ys: [sp.t], opts: {} },
      { Xin: fromDense(sp.rows, 'csr'), ys: [sp.t], opts: { fitIntercept: false } },
    ];
    for (const { Xin, ys, opts } of cases) {
      const D = prepareDesign(Xin, opts);
      expect(D).toBeInstanceOf(PreparedDesign);
      for (const t of ys) {
        same(lassoPath(D, t, { nAlphas: 20, tol: 1e-10 }), lassoPath(Xin, t, { ...opts, nAlphas: 20, tol: 1e-10 }));
        const a = lasso(D, t, { alpha: 0.3, tol: 1e-10 });
        const b = lasso(Xin, t, { ...opts, alpha: 0.3, tol: 1e-10 });
        expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
        expect(a.intercept).toBe(b.intercept);
        const e = elasticNet(D, t, { alpha: 0.2, l1Ratio: 0.4, tol: 1e-10 });
        const f = elasticNet(Xin, t, { ...opts, alpha: 0.2, l1Ratio: 0.4, tol: 1e-10 });
        expect(Array.from(e.coef)).toEqual(Array.from(f.coef));
      }
    }
  });

  it('snapshots X: later changes to X (dense values, sparse values and pattern) do not reach the handle', () => {
    const Xd = X.map((r) => r.slice());
    const before = lassoPath(Xd, y, { nAlphas: 10 });
    const D = prepareDesign(Xd);
    for (const row of Xd) row[0] = 0;
    same(lassoPath(D, y, { nAlphas: 10 }), before);
    const A = fromDense(sp.rows, 'csc');
    const ref = lassoPath(A, sp.t, { nAlphas: 10 });
    const S = prepareDesign(A);
    A.data.fill(1);
    A.indices.fill(0);
    same(lassoPath(S, sp.t, { nAlphas: 10 }), ref);
  });

  it('rejects sampleWeight with a handle, a conflicting fitIntercept and unknown options', () => {
    const D = prepareDesign(X, { fitIntercept: false });
    const err = (f: () => unknown): ArgumentError => {
      try {
        f();
      } catch (e) {
        return e as ArgumentError;
      }
      throw new Error('no throw');
    };
    expect(err(() => lassoPath(D, y, { sampleWeight: sw })).argument).toBe('lassoPath options.sampleWeight');
    expect(err(() => lasso(D, y, { fitIntercept: true })).argument).toBe('lasso options.fitIntercept');
    expect(lasso(D, y, { fitIntercept: false, alpha: 1 }).intercept).toBe(0);
    expect(err(() => prepareDesign(X, { fitintercept: true } as never))).toBeInstanceOf(ArgumentError);
    expect(err(() => lassoPath(D, y.slice(1)))).toBeInstanceOf(Error);
  });
});

describe('lassoPath early stops', () => {
  const full = lassoPath(X, y, { nAlphas: 40, tol: 1e-10 });
  it('the full path has stopped: false and one entry per α', () => {
    expect(full.stopped).toBe(false);
    expect(full.alphas.length).toBe(40);
    expect(full.intercepts.length).toBe(40);
  });
  it('maxActive ends at the first α with more than maxActive nonzeros, a prefix of the full path', () => {
    for (const maxActive of [0, 3, 6]) {
      const first = full.coefs.findIndex((c) => nnz(c) > maxActive);
      const part = lassoPath(prepareDesign(X), y, { nAlphas: 40, tol: 1e-10, maxActive });
      expect(part.stopped).toBe(true);
      expect(part.coefs.length).toBe(first + 1);
      expect(nnz(part.coefs[first]!)).toBeGreaterThan(maxActive);
      same(part, {
        alphas: full.alphas.slice(0, first + 1), coefs: full.coefs.slice(0, first + 1),
        intercepts: full.intercepts.slice(0, first + 1), dualityGaps: full.dualityGaps.slice(0, first + 1),
      });
    }
    const all = lassoPath(X, y, { nAlphas: 40, tol: 1e-10, maxActive: 10 });
    expect(all.stopped).toBe(false);
    expect(all.coefs.length).toBe(40);
  });
  it('stopWhen receives each α index and its coefficients; true ends the path there', () => {
    const seen: number[] = [];
    const part = lassoPath(X, y, { nAlphas: 40, tol: 1e-10, stopWhen: (k, coef) => (seen.push(k), coef[2] !== 0 && k >= 12) });
    const k = full.coefs.findIndex((c, i) => c[2] !== 0 && i >= 12);
    expect(seen).toEqual(Array.from({ length: k + 1 }, (_, i) => i));
    expect(part.alphas.length).toBe(k + 1);
    expect(part.stopped).toBe(true);
    expect(Array.from(part.coefs[k]!)).toEqual(Array.from(full.coefs[k]!));
  });
  it('rejects a bad maxActive or stopWhen', () => {
    expect(() => lassoPath(X, y, { maxActive: -1 })).toThrow(ArgumentError);
    expect(() => lassoPath(X, y, { maxActive: 1.5 })).toThrow(ArgumentError);
    expect(() => lassoPath(X, y, { stopWhen: 3 as never })).toThrow(ArgumentError);
  });
});
