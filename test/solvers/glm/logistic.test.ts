/**
 * Logistic regression against scikit-learn 1.2 (live, /usr/bin/python3): our objective is never
 * worse than scikit-learn's at tight tolerance (relative 1e-8) on wine (one class against the rest)
 * and on a sparse problem, for L1, L2 and elastic-net penalties; multinomial on the three wine
 * classes; invariants and bad input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, createRng, fromDense, logisticRegression, ShapeError } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { wine } from './data.js';

const PY = '/usr/bin/python3';
const { X, labels } = wine();
const yBin: number[] = labels.map((c) => (c === 0 ? 1 : 0));

/** Sparse 300 x 80 design (about 8% nonzeros) with labels from a sparse logistic model. */
const sp = (() => {
  const r = createRng(21);
  const rows: number[][] = [];
  for (let i = 0; i < 300; i++) rows.push(Array.from({ length: 80 }, () => (r.random() < 0.08 ? r.normal() : 0)));
  const t = rows.map((row) => {
    const z = 0.5 + 2 * row[1]! - 3 * row[4]! + 1.5 * row[10]! + row[33]!;
    return r.random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  });
  return { rows, t };
})();

interface Obj { wine: number[]; sparse: number[]; multi: number }
const CASES = [['l1', 0.5], ['l2', 1], ['l1', 10], ['elasticnet', 2]] as const;
const reason = pythonMissing(['sklearn', 'scipy'], PY);
let ref: Obj;
beforeAll(() => {
  if (reason) return;
  ref = runPython<Obj>(`
import numpy as np, scipy.sparse as sps, warnings
from sklearn.linear_model import LogisticRegression
warnings.simplefilter('ignore')
def obj(m, X, y, pen, C, l1r):
    z = X @ m.coef_.ravel() + m.intercept_[0]
    s = np.where(y == 1, 1.0, -1.0)
    loss = C * np.sum(np.logaddexp(0, -s * z))
    w = m.coef_.ravel()
    r = {'l1': np.abs(w).sum(), 'l2': 0.5 * w @ w, 'elasticnet': l1r * np.abs(w).sum() + 0.5 * (1 - l1r) * w @ w}[pen]
    return float(loss + r)
def fit(X, y, pen, C):
    kw = dict(penalty=pen, C=C, tol=1e-12, max_iter=200000)
    if pen == 'l2': m = LogisticRegression(solver='lbfgs', **kw)
    else: m = LogisticRegression(solver='saga', l1_ratio=0.5 if pen == 'elasticnet' else None, **kw)
    return obj(m.fit(X, y), X, y, pen, C, 0.5)
Xw = np.array(inp['X']); yw = np.array(inp['y'])
S = sps.csr_matrix(np.array(inp['spX'])); ys = np.array(inp['spy'])
out = {'wine': [fit(Xw, yw, p, C) for p, C in inp['cases']], 'sparse': [fit(S, ys, p, C) for p, C in inp['cases']]}
m = LogisticRegression(C=1, tol=1e-12, max_iter=100000, multi_class='multinomial').fit(Xw, np.array(inp['labels']))
Z = Xw @ m.coef_.T + m.intercept_
lse = np.log(np.exp(Z - Z.max(1, keepdims=True)).sum(1)) + Z.max(1)
out['multi'] = float(np.sum(lse - Z[np.arange(len(Z)), np.array(inp['labels'])]) + 0.5 * (m.coef_ ** 2).sum())
print(json.dumps(out))`, { X, y: yBin, spX: sp.rows, spy: sp.t, cases: CASES, labels }, PY);
}, 300_000);

describe.skipIf(reason !== null)('objective never worse than scikit-learn (tol 1e-12)', () => {
  it('wine, class 0 against the rest: L1, L2, elastic net', () => {
    CASES.forEach(([penalty, C], k) => {
      const f = logisticRegression(X, yBin, { penalty, C, tol: 1e-10, ...(penalty === 'elasticnet' ? { l1Ratio: 0.5 } : {}) });
      expect(f.converged, `${penalty} C=${C}`).toBe(true);
      expect(f.objective, `${penalty} C=${C}`).toBeLessThanOrEqual(ref.wine[k]! * (1 + 1e-8));
    });
  });
  it('sparse CSR and CSC 300 x 80: L1, L2, elastic net', () => {
    CASES.forEach(([penalty, C], k) => {
      for (const fmt of ['csr', 'csc'] as const) {
        const f = logisticRegression(fromDense(sp.rows, fmt as 'csr'), sp.t, { penalty, C, tol: 1e-10, ...(penalty === 'elasticnet' ? { l1Ratio: 0.5 } : {}) });
        expect(f.converged).toBe(true);
        expect(f.objective, `${penalty} C=${C} ${fmt}`).toBeLessThanOrEqual(ref.sparse[k]! * (1 + 1e-8));
      }
    });
  });
  it('multinomial L2 on the three wine classes', () => {
    const f = logisticRegression(X, labels, { tol: 1e-10, maxIter: 500 });
    expect(f.coef.length).toBe(3);
    expect(f.converged).toBe(true);
    expect(f.objective).toBeLessThanOrEqual(ref.multi * (1 + 1e-8));
  });
});

describe('invariants', () => {
  it('L1 gives a sparse solution whose zero coordinates satisfy |∇ⱼ| ≤ 1', () => {
    const f = logisticRegression(X, yBin, { penalty: 'l1', C: 0.5, tol: 1e-12 });
    const w = f.coef[0]!;
    expect(w.some((v) => v === 0)).toBe(true);
    for (let j = 0; j < w.length; j++) {
      let g = 0;
      for (let i = 0; i < X.length; i++) {
        let z = f.intercept[0]!;
        for (let k = 0; k < w.length; k++) z += X[i]![k]! * w[k]!;
        g += 0.5 * X[i]![j]! * (1 / (1 + Math.exp(-z)) - yBin[i]!);
      }
      if (w[j] === 0) expect(Math.abs(g)).toBeLessThanOrEqual(1 + 1e-8);
      else expect(Math.abs(g + Math.sign(w[j]!))).toBeLessThan(1e-6);
    }
  });
  it('probabilities sum to one, predictions are class labels, the history decreases', () => {
    const f = logisticRegression(X, labels.map((c) => c * 10 + 5), { tol: 1e-8 });
    const P = f.predictProba(X);
    for (const row of P) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const pred = f.predict(X);
    const acc = pred.filter((v, i) => v === labels[i]! * 10 + 5).length / labels.length;
    expect(acc).toBeGreaterThan(0.95);
    for (let k = 1; k < f.history.length; k++) expect(f.history[k]!).toBeLessThanOrEqual(f.history[k - 1]! + 1e-12);
  });
  it('integer sample weights act as repeated samples', () => {
    const sw = X.map((_, i) => (i % 3) + 1);
    const Xr: number[][] = [];
    const yr: number[] = [];
    X.forEach((row, i) => {
      for (let r = 0; r < sw[i]!; r++) {
        Xr.push(row);
        yr.push(yBin[i]!);
      }
    });
    const a = logisticRegression(X, yBin, { penalty: 'l1', tol: 1e-12, sampleWeight: sw });
    const b = logisticRegression(Xr, yr, { penalty: 'l1', tol: 1e-12 });
    for (let j = 0; j < 13; j++) expect(Math.abs(a.coef[0]![j]! - b.coef[0]![j]!)).toBeLessThan(1e-7);
  });
});

describe('bad input', () => {
  const err = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      return e as Error;
    }
    throw new Error('did not throw');
  };
  it('throws typed errors naming the argument', () => {
    expect(err(() => logisticRegression(X, yBin.slice(2)))).toBeInstanceOf(ShapeError);
    expect((err(() => logisticRegression(X, yBin, { C: -1 })) as ArgumentError).argument).toBe('C');
    expect((err(() => logisticRegression(X, yBin, { C: 0 })) as ArgumentError).argument).toBe('C');
    expect((err(() => logisticRegression(X, yBin, { penalty: 'elasticnet', l1Ratio: 2 })) as ArgumentError).argument).toBe('l1Ratio');
    expect((err(() => logisticRegression(X, yBin, { penalty: 'l0' as never })) as ArgumentError).argument).toBe('penalty');
    expect((err(() => logisticRegression(X, labels, { multiClass: 'binary' })) as ArgumentError).argument).toBe('y');
    expect((err(() => logisticRegression(X, yBin.map(() => 1))) as ArgumentError).argument).toBe('y');
    const yn = yBin.slice();
    yn[4] = NaN;
    expect((err(() => logisticRegression(X, yn)) as ArgumentError).argument).toBe('y[4]');
    expect((err(() => logisticRegression(X, yBin, { c: 1 } as never)) as ArgumentError).argument).toBe('logisticRegression options.c');
  });
});
