/**
 * Binary L1 / elastic-net logistic regression on working sets (logistic-working-set.ts) over a
 * sparse CSC design large enough for the WASM column loops: the objective is never worse than
 * scikit-learn liblinear's at tol 1e-10 and the support is the same (the committed fixture
 * golden/logistic-l1-sparse.json, checked against a live liblinear run through /usr/bin/python3); the JS and WASM backends give the
 * same iterates; the optimality conditions hold at the result, intercept included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRng, CSCMatrix, getBackend, logisticRegression, setBackend } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';

const PY = '/usr/bin/python3';
const FIXTURE = join(__dirname, '../../fixtures/golden/logistic-l1-sparse.json');

/** Sparse 400 x 3000 CSC, 6 entries per column (18000 nonzeros), labels from 20 true features. */
function problem(): { A: CSCMatrix; t: Float64Array; n: number; p: number } {
  const r = createRng(12);
  const n = 400;
  const p = 3000;
  const per = 6;
  const indptr = new Int32Array(p + 1);
  const indices = new Int32Array(per * p);
  const data = new Float64Array(per * p);
  for (let j = 0; j < p; j++) {
    const rows = Array.from(r.sample(n, per)).sort((a, b) => a - b);
    for (let k = 0; k < per; k++) {
      indices[j * per + k] = rows[k]!;
      data[j * per + k] = r.normal();
    }
    indptr[j + 1] = (j + 1) * per;
  }
  const A = new CSCMatrix({ indptr, indices, data, shape: [n, p] });
  const beta = new Float64Array(p);
  for (const j of r.sample(p, 20)) beta[j] = 2 * r.normal();
  const z = A.matvec(beta);
  const t = Float64Array.from(z, (v) => (r.random() < 1 / (1 + Math.exp(-v - 0.3)) ? 1 : 0));
  return { A, t, n, p };
}
const P = problem();
const CS = [0.3, 1];

interface Ref { C: number; objective: number; support: number[] }
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Ref[];

/** liblinear at tol 1e-10, no intercept, for each C (slow: minutes under load). */
function liblinear(): Ref[] {
  return runPython<Ref[]>(`
import numpy as np, scipy.sparse as sps, warnings
from sklearn.linear_model import LogisticRegression
warnings.simplefilter('ignore')
X = sps.csc_matrix((np.array(inp['data']), np.array(inp['indices']), np.array(inp['indptr'])), shape=(inp['n'], inp['p']))
y = np.array(inp['t']); s = np.where(y == 1, 1.0, -1.0)
out = []
for C in inp['Cs']:
    m = LogisticRegression(penalty='l1', C=C, solver='liblinear', fit_intercept=False, tol=1e-10, max_iter=100000).fit(X, y)
    w = m.coef_.ravel()
    out.append({'C': C, 'objective': float(C * np.logaddexp(0, -s * (X @ w)).sum() + np.abs(w).sum()), 'support': np.flatnonzero(w).tolist()})
print(json.dumps(out))`, { data: Array.from(P.A.data), indices: Array.from(P.A.indices), indptr: Array.from(P.A.indptr), n: P.n, p: P.p, t: Array.from(P.t), Cs: CS }, PY);
}

/** Largest optimality violation of C·Σ sᵢ·logloss + λ₁‖w‖₁ (+ intercept), computed densely here. */
function violation(w: Float64Array, b: number, C: number, sw: Float64Array | null, intercept: boolean): number {
  const { A, t, n, p } = P;
  const z = A.matvec(w);
  const g = new Float64Array(n);
  let sg = 0;
  for (let i = 0; i < n; i++) {
    g[i] = C * (sw ? sw[i]! : 1) * (1 / (1 + Math.exp(-(z[i]! + b))) - t[i]!);
    sg += g[i]!;
  }
  let worst = intercept ? Math.abs(sg) : 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = A.indptr[j]!; k < A.indptr[j + 1]!; k++) s += A.data[k]! * g[A.indices[k]!]!;
    const v = w[j] !== 0 ? Math.abs(s + Math.sign(w[j]!)) : Math.max(Math.abs(s) - 1, 0);
    worst = Math.max(worst, v);
  }
  return worst;
}

const initial = getBackend();
afterEach(() => setBackend(initial));

describe('L1-logistic on working sets, sparse 400 x 3000', () => {
  it('objective ≤ liblinear (tol 1e-10, the fixture) and the same support, no intercept', () => {
    const ref = fixture;
    CS.forEach((C, k) => {
      const f = logisticRegression(P.A, P.t, { penalty: 'l1', C, fitIntercept: false, tol: 1e-10 });
      expect(f.converged, `C=${C}`).toBe(true);
      expect(f.objective, `C=${C}`).toBeLessThanOrEqual(ref[k]!.objective * (1 + 1e-8));
      const support = Array.from(f.coef[0]!.keys()).filter((j) => f.coef[0]![j] !== 0);
      expect(support, `C=${C}`).toEqual(ref[k]!.support);
      expect(support.length).toBeGreaterThan(10);
      expect(support.length).toBeLessThan(P.p / 2);
    });
  });
  it.skipIf(pythonMissing(['sklearn', 'scipy'], PY) !== null)('the committed fixture agrees with a live liblinear run', () => {
    const live = liblinear();
    fixture.forEach((r, k) => {
      expect(live[k]!.C).toBe(CS[k]);
      expect(live[k]!.support).toEqual(r.support);
      expect(Math.abs(live[k]!.objective - r.objective)).toBeLessThanOrEqual(1e-9 * r.objective);
    });
  }, 600_000);
  it('the JS and WASM column loops give the same iterates (L1 with intercept; elastic net, positive, weights, factors)', () => {
    const r = createRng(5);
    const sw = Float64Array.from({ length: P.n }, () => 0.5 + r.random());
    const pf = Float64Array.from({ length: P.p }, (_, j) => (j % 7 === 0 ? 0.5 : 1));
    const runs = [
      { penalty: 'l1' as const, C: 0.5, tol: 1e-9 },
      { penalty: 'elasticnet' as const, l1Ratio: 0.7, C: 2, positive: true, sampleWeight: sw, penaltyFactor: pf, tol: 1e-9 },
    ];
    for (const o of runs) {
      setBackend('js');
      const a = logisticRegression(P.A, P.t, o);
      setBackend('wasm');
      const b = logisticRegression(P.A, P.t, o);
      expect(a.converged).toBe(true);
      expect(Array.from(b.coef[0]!)).toEqual(Array.from(a.coef[0]!));
      expect(b.intercept[0]).toBe(a.intercept[0]);
      expect(b.iterations).toBe(a.iterations);
      expect(a.coef[0]!.filter((v) => v !== 0).length).toBeGreaterThan(5);
      if (o.positive) expect(a.coef[0]!.every((v) => v >= 0)).toBe(true);
    }
  });
  it('optimality holds at the result, intercept included (checked independently)', () => {
    const C = 0.5;
    const f = logisticRegression(P.A, P.t, { penalty: 'l1', C, tol: 1e-10 });
    expect(f.converged).toBe(true);
    expect(violation(f.coef[0]!, f.intercept[0]!, C, null, true)).toBeLessThan(1e-7);
    const w0 = logisticRegression(P.A, P.t, { penalty: 'l1', C, tol: 1e-10, maxIter: 1 });
    expect(violation(w0.coef[0]!, w0.intercept[0]!, C, null, true)).toBeGreaterThan(1e-3);
  });
});
