// omp against scikit-learn's OrthogonalMatchingPursuit on the diabetes data (committed fixture from
// test/fixtures/golden/make_omp_diabetes.py, and live through /usr/bin/python3), plus hand cases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError, omp } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';

const root = join(__dirname, '../../fixtures');
const readGz = (name: string): number[][] =>
  gunzipSync(readFileSync(join(root, 'datasets', name))).toString('utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
const X = readGz('diabetes_data_raw.csv.gz');
const y = readGz('diabetes_target.csv.gz').map((r) => r[0]!);

interface Case { k?: number; tol?: number; fitIntercept: boolean; coef: number[]; intercept: number }
const golden = JSON.parse(readFileSync(join(root, 'golden/omp-diabetes.json'), 'utf8')) as { cases: Case[] };

function check(c: Case): void {
  const r = omp(X, y, c.k !== undefined ? { nNonzeroCoefs: c.k, fitIntercept: c.fitIntercept } : { tol: c.tol!, fitIntercept: c.fitIntercept });
  const scale = Math.max(...c.coef.map(Math.abs));
  const want = c.coef.map((v, j) => (v !== 0 ? j : -1)).filter((j) => j >= 0);
  expect(Array.from(r.support).sort((a, b) => a - b)).toEqual(want);
  for (let j = 0; j < c.coef.length; j++) expect(Math.abs(r.coef[j]! - c.coef[j]!)).toBeLessThan(1e-8 * scale);
  expect(Math.abs(r.intercept - c.intercept)).toBeLessThan(1e-8 * Math.max(1, Math.abs(c.intercept)));
  expect(r.converged).toBe(true);
}

describe('omp vs scikit-learn OrthogonalMatchingPursuit (diabetes, fixture)', () => {
  for (const c of golden.cases) {
    it(c.k !== undefined ? `k = ${c.k}, fitIntercept ${c.fitIntercept}` : `tol = ${c.tol}`, () => check(c));
  }
});

describe('omp vs scikit-learn, live', () => {
  const skip = pythonMissing(['sklearn'], '/usr/bin/python3');
  it.skipIf(!!skip)('k = 1..10 on the diabetes data', () => {
    const live = runPython<Case[]>(`
import warnings; warnings.simplefilter('ignore')
import numpy as np
from sklearn.linear_model import OrthogonalMatchingPursuit
X = np.array(inp['X']); y = np.array(inp['y'])
out = []
for k in range(1, 11):
    m = OrthogonalMatchingPursuit(n_nonzero_coefs=k).fit(X, y)
    out.append({'k': k, 'fitIntercept': True, 'coef': m.coef_.tolist(), 'intercept': float(m.intercept_)})
print(json.dumps(out))
`, { X, y }, '/usr/bin/python3');
    for (const c of live) check(c);
  });
});

describe('omp by hand and its contract', () => {
  it('recovers an exactly sparse vector and records the residual history', () => {
    const A = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]];
    const r = omp(A, [3, 0, -1, 2], { nNonzeroCoefs: 2, fitIntercept: false });
    expect(Array.from(r.support)).toEqual([0, 2]);
    expect(Array.from(r.coef).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([3, 0, -1]);
    expect(r.history.length).toBe(2);
    expect(r.history[1]).toBeLessThan(1e-20);
  });
  it('stops when onIteration returns false, and never mutates its inputs', () => {
    const Xc = X.map((r) => r.slice());
    const yc = y.slice();
    const r = omp(X, y, { nNonzeroCoefs: 5, onIteration: (info) => info.iteration < 2 });
    expect(r.stopped).toBe(true);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    expect(X).toEqual(Xc);
    expect(y).toEqual(yc);
  });
  it('rejects bad input with typed errors', () => {
    expect(() => omp([[1, 2]], [1, 2])).toThrow(ShapeError);
    expect(() => omp([[1, NaN]], [1])).toThrow(ArgumentError);
    expect(() => omp([[1, 2]], [1], { nNonzeroCoefs: 3 })).toThrow(/nNonzeroCoefs/);
    expect(() => omp([[1, 2]], [1], { tol: -1 })).toThrow(/tol/);
    expect(() => omp([[1, 2]], [1], { bogus: 1 } as never)).toThrow(/bogus/);
  });
});
