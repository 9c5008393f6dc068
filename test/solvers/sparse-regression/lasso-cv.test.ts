import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../../src/core/errors.js';
import { lassoCv } from '../../../src/solvers/sparse-regression/lasso-cv.js';
import { kFold } from '../../../src/solvers/sparse-regression/folds.js';
import { pythonMissing, runPython } from '../../helpers/python.js';

const fixtures = join(__dirname, '..', '..', 'fixtures');
function diabetes(): { X: number[][]; y: number[] } {
  const read = (f: string) => gunzipSync(readFileSync(join(fixtures, 'datasets', f))).toString('utf8').trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const raw = read('diabetes_data_raw.csv.gz');
  const y = read('diabetes_target.csv.gz').map((r) => r[0]!);
  const n = raw.length;
  const d = raw[0]!.length;
  const X = raw.map((r) => r.slice());
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += raw[i]![j]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (raw[i]![j]! - m) ** 2;
    const s = Math.sqrt(v / n);
    for (let i = 0; i < n; i++) X[i]![j] = (raw[i]![j]! - m) / s;
  }
  return { X, y };
}

interface Golden { alpha: number; alphas: number[]; mse: number[]; coef: number[]; intercept: number }
const golden = JSON.parse(readFileSync(join(fixtures, 'golden', 'lasso-cv-diabetes.json'), 'utf8')) as Record<string, Golden>;

describe('kFold', () => {
  it("splits like scikit-learn's KFold (contiguous, first n mod K folds one larger)", () => {
    const f = kFold(11, 3);
    expect(f.map((x) => Array.from(x.test))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10]]);
    expect(Array.from(f[1]!.train)).toEqual([0, 1, 2, 3, 8, 9, 10]);
    const s = kFold(10, 5, 7);
    expect(s.flatMap((x) => Array.from(x.test)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => kFold(4, 5)).toThrow(ArgumentError);
    expect(() => kFold(4, 1)).toThrow(ArgumentError);
  });
});

describe('lassoCv on the diabetes data', () => {
  const { X, y } = diabetes();
  for (const cv of [5, 3]) {
    it(`picks LassoCV's α with cv = ${cv} (committed scikit-learn fixture)`, () => {
      const g = golden[`cv${cv}`]!;
      const r = lassoCv(X, y, { cv, tol: 1e-10, maxIter: 100000 });
      for (let t = 0; t < 100; t++) expect(r.alphas[t]).toBeCloseTo(g.alphas[t]!, 10);
      for (let t = 0; t < 100; t++) expect(Math.abs(r.mseMean[t]! - g.mse[t]!) / g.mse[t]!).toBeLessThan(1e-7);
      expect(r.alpha).toBe(r.alphas[g.alphas.findIndex((a) => a === g.alpha)]);
      expect(Math.abs(r.alpha - g.alpha) / g.alpha).toBeLessThan(1e-12);
      for (let j = 0; j < 10; j++) expect(r.coef[j]).toBeCloseTo(g.coef[j]!, 6);
      expect(r.intercept).toBeCloseTo(g.intercept, 6);
      expect(r.converged).toBe(true);
    });
  }
  const missing = pythonMissing(['sklearn'], '/usr/bin/python3');
  it.skipIf(missing !== null)('agrees with a live LassoCV on a shuffled-free 4-fold run', () => {
    const out = runPython<{ alpha: number }>(
      'import numpy as np\nfrom sklearn.linear_model import LassoCV\n' +
      'm = LassoCV(n_alphas=40, cv=4, tol=1e-10, max_iter=100000).fit(np.array(inp["X"]), np.array(inp["y"]))\n' +
      'print(json.dumps({"alpha": m.alpha_}))', { X, y }, '/usr/bin/python3');
    const r = lassoCv(X, y, { cv: 4, nAlphas: 40, tol: 1e-10, maxIter: 100000 });
    expect(Math.abs(r.alpha - out.alpha) / out.alpha).toBeLessThan(1e-10);
  });
  it('rejects bad options', () => {
    expect(() => lassoCv(X, y, { cv: 1 })).toThrow(ArgumentError);
    expect(() => lassoCv(X, y, { nAlphas: 0 })).toThrow(ArgumentError);
    expect(() => lassoCv(X, y, { eps: 2 })).toThrow(ArgumentError);
  });
});
