/**
 * Lasso, elastic net and the Lasso path against scikit-learn 1.2 (live, /usr/bin/python3) on the
 * standardized diabetes data, plus invariants (sparse = dense, penalty factors as column scaling,
 * certified gaps) and bad input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError, createRng, CSCMatrix, elasticNet, fromDense, lasso, lassoPath, ShapeError } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { diabetes } from './data.js';

const PY = '/usr/bin/python3';
const { X, y } = diabetes();
const n = X.length;
const p = X[0]!.length;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const rng = createRng(12);
const sw = Array.from({ length: n }, () => 0.2 + 2 * rng.random());
const LASSO_ALPHAS = [0.01, 0.1, 1, 5];
const ENET = [[0.1, 0.5], [1, 0.2], [0.05, 0.9]] as const;

interface Fit { coef: number[]; b: number }
interface Ref { lasso: Fit[]; enet: Fit[]; weighted: Fit; positive: Fit; pathAlphas: number[]; pathCoefs: number[][]; sparse: Fit }

/** A sparse problem with an intercept: 120 x 40, about 15% nonzeros. */
const sp = (() => {
  const r = createRng(5);
  const rows: number[][] = [];
  for (let i = 0; i < 120; i++) rows.push(Array.from({ length: 40 }, () => (r.random() < 0.15 ? r.normal() + 1 : 0)));
  const t = rows.map((row) => 3 + 2 * row[0]! - 1.5 * row[3]! + row[7]! + 0.1 * r.normal());
  return { rows, t };
})();

const reason = pythonMissing(['sklearn', 'scipy'], PY);
let ref: Ref;
beforeAll(() => {
  if (reason) return;
  ref = runPython<Ref>(`
import numpy as np, scipy.sparse as sps, warnings
from sklearn.linear_model import Lasso, ElasticNet, lasso_path
warnings.simplefilter('ignore')
X = np.array(inp['X']); y = np.array(inp['y'])
fit = lambda m: {'coef': m.coef_.tolist(), 'b': float(m.intercept_)}
out = {}
out['lasso'] = [fit(Lasso(alpha=a, tol=1e-12, max_iter=100000).fit(X, y)) for a in inp['la']]
out['enet'] = [fit(ElasticNet(alpha=a, l1_ratio=r, tol=1e-12, max_iter=100000).fit(X, y)) for a, r in inp['en']]
out['weighted'] = fit(Lasso(alpha=0.5, tol=1e-12, max_iter=100000).fit(X, y, sample_weight=np.array(inp['sw'])))
out['positive'] = fit(Lasso(alpha=0.1, positive=True, tol=1e-12, max_iter=100000).fit(X, y))
al, coefs, _ = lasso_path(X, y, n_alphas=30, tol=1e-12, max_iter=100000)
out['pathAlphas'] = al.tolist(); out['pathCoefs'] = coefs.T.tolist()
S = sps.csc_matrix(np.array(inp['spX']))
out['sparse'] = fit(Lasso(alpha=0.02, tol=1e-12, max_iter=100000).fit(S, np.array(inp['spy'])))
print(json.dumps(out))`, { X, y, la: LASSO_ALPHAS, en: ENET, sw, spX: sp.rows, spy: sp.t }, PY);
}, 120_000);

describe.skipIf(reason !== null)('against scikit-learn (tol 1e-12) on diabetes', () => {
  it('lasso coefficients and intercept agree to 1e-6 at four α', () => {
    LASSO_ALPHAS.forEach((alpha, k) => {
      const f = lasso(X, y, { alpha, tol: 1e-12 });
      expect(f.converged).toBe(true);
      expect(maxDiff(f.coef, ref.lasso[k]!.coef)).toBeLessThan(1e-6);
      expect(Math.abs(f.intercept - ref.lasso[k]!.b)).toBeLessThan(1e-6);
    });
  });
  it('elastic-net coefficients agree to 1e-6 at three (α, l1Ratio)', () => {
    ENET.forEach(([alpha, l1Ratio], k) => {
      const f = elasticNet(X, y, { alpha, l1Ratio, tol: 1e-12 });
      expect(maxDiff(f.coef, ref.enet[k]!.coef)).toBeLessThan(1e-6);
      expect(Math.abs(f.intercept - ref.enet[k]!.b)).toBeLessThan(1e-6);
    });
  });
  it('plain cyclic epochs (scikit-learn\'s own loop) give the same coefficients', () => {
    const f = lasso(X, y, { alpha: 0.1, tol: 1e-12, selection: 'cyclic', maxIter: 100000 });
    expect(maxDiff(f.coef, ref.lasso[1]!.coef)).toBeLessThan(1e-6);
    const g = lasso(X, y, { alpha: 0.1, tol: 1e-12, selection: 'random', seed: 3, maxIter: 100000 });
    expect(maxDiff(g.coef, ref.lasso[1]!.coef)).toBeLessThan(1e-6);
  });
  it('sample weights and positive coefficients agree', () => {
    const f = lasso(X, y, { alpha: 0.5, tol: 1e-12, sampleWeight: sw });
    expect(maxDiff(f.coef, ref.weighted.coef)).toBeLessThan(1e-6);
    expect(Math.abs(f.intercept - ref.weighted.b)).toBeLessThan(1e-6);
    const g = lasso(X, y, { alpha: 0.1, tol: 1e-12, positive: true });
    expect(maxDiff(g.coef, ref.positive.coef)).toBeLessThan(1e-6);
    expect(Math.min(...g.coef)).toBeGreaterThanOrEqual(0);
  });
  it('lassoPath: the same α grid and the same active set at every α', () => {
    const path = lassoPath(X, y, { nAlphas: 30, tol: 1e-12, fitIntercept: false, maxIter: 100000 });
    expect(maxDiff(path.alphas, ref.pathAlphas) / ref.pathAlphas[0]!).toBeLessThan(1e-12);
    path.coefs.forEach((w, k) => {
      // At α_max exactly the entering coordinate is a tie broken by rounding (scikit-learn keeps ~1e-16).
      const ours = [...w].map((v) => Math.abs(v) > 1e-10);
      const theirs = ref.pathCoefs[k]!.map((v) => Math.abs(v) > 1e-10);
      expect(ours, `alpha #${k}`).toEqual(theirs);
      expect(maxDiff(w, ref.pathCoefs[k]!)).toBeLessThan(1e-6);
    });
    expect(path.converged.every(Boolean)).toBe(true);
  });
  it('sparse CSC X with an intercept (implicit centring) agrees', () => {
    const S = fromDense(sp.rows, 'csc');
    const f = lasso(S, sp.t, { alpha: 0.02, tol: 1e-12 });
    expect(maxDiff(f.coef, ref.sparse.coef)).toBeLessThan(1e-6);
    expect(Math.abs(f.intercept - ref.sparse.b)).toBeLessThan(1e-6);
  });
});

describe('invariants', () => {
  it('sparse CSC, CSR and dense X give the same fit, with weights and an intercept', () => {
    const w8 = sw.slice(0, 120);
    const a = lasso(sp.rows, sp.t, { alpha: 0.01, tol: 1e-12, sampleWeight: w8 });
    const b = lasso(fromDense(sp.rows, 'csc'), sp.t, { alpha: 0.01, tol: 1e-12, sampleWeight: w8 });
    const c = lasso(fromDense(sp.rows, 'csr'), sp.t, { alpha: 0.01, tol: 1e-12, sampleWeight: w8 });
    expect(b.coef.some((v) => v !== 0)).toBe(true);
    expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-8);
    expect(maxDiff(a.coef, c.coef)).toBeLessThan(1e-8);
    expect(Math.abs(a.intercept - b.intercept)).toBeLessThan(1e-8);
    expect(Math.abs(a.dualityGap - b.dualityGap)).toBeLessThan(1e-8);
  });
  it('a penalty factor f acts as dividing the column by f (and 0 leaves the feature unpenalized)', () => {
    const pf = [1, 2, 0.5, 1, 3, 1, 1, 0.25, 1, 1];
    const Xs = X.map((row) => row.map((v, j) => v / pf[j]!));
    const a = lasso(X, y, { alpha: 1, tol: 1e-13, penaltyFactor: pf });
    const b = lasso(Xs, y, { alpha: 1, tol: 1e-13 });
    expect(maxDiff(a.coef, Array.from(b.coef, (v, j) => v / pf[j]!))).toBeLessThan(1e-7);
    // Unpenalized feature 0 (weak alone): its gradient vanishes at the optimum, though α is large.
    const c = lasso(X, y, { alpha: 5, tol: 1e-14, penaltyFactor: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
    const plain = lasso(X, y, { alpha: 5, tol: 1e-14 });
    expect(plain.coef[0]).toBe(0);
    expect(c.coef[0]).not.toBe(0);
    let g = 0;
    for (let i = 0; i < n; i++) {
      let r = y[i]! - c.intercept;
      for (let j = 0; j < p; j++) r -= X[i]![j]! * c.coef[j]!;
      g += X[i]![0]! * r;
    }
    expect(Math.abs(g / n)).toBeLessThan(1e-6);
  });
  it('the certified gap bounds the distance to the optimum, and history ends at it', () => {
    const loose = lasso(X, y, { alpha: 0.05, tol: 1e-3 });
    const tight = lasso(X, y, { alpha: 0.05, tol: 1e-14 });
    expect(loose.objective - tight.objective).toBeLessThanOrEqual(loose.dualityGap + 1e-12);
    expect(loose.objective - tight.objective).toBeGreaterThanOrEqual(-1e-12);
    expect(loose.history.at(-1)).toBe(loose.dualityGap);
    expect(tight.dualityGap).toBeLessThan(1e-14 * y.reduce((s, v) => s + v * v, 0));
  });
  it('warmStart from the solution converges after the one epoch every fit makes; inputs are not mutated', () => {
    const a = lasso(X, y, { alpha: 0.1, tol: 1e-10 });
    const start = a.coef.slice();
    const b = lasso(X, y, { alpha: 0.1, tol: 1e-10, warmStart: start });
    expect(b.iterations).toBe(1);
    expect(b.converged).toBe(true);
    expect(Array.from(start)).toEqual(Array.from(a.coef));
  });
  it('covariance mode\'s support solve: a 100-α diabetes path certifies 5e-9 in about one epoch per α', () => {
    // Coordinate descent with Anderson alone takes 1881 epochs on this path; with the support solve 123.
    const path = lassoPath(X, y, { nAlphas: 100, eps: 1e-3, tol: 5e-9, fitIntercept: false, maxIter: 100000 });
    expect(path.converged.every(Boolean)).toBe(true);
    const yy = y.reduce((s, v) => s + v * v, 0);
    expect(Math.max(...path.dualityGaps)).toBeLessThanOrEqual((5e-9 * yy) / n);
    expect(path.iterations.reduce((s, v) => s + v, 0)).toBeLessThan(200);
  });
  it('onIteration returning false stops with stopped: true', () => {
    let calls = 0;
    const f = lasso(X, y, { alpha: 0.01, tol: 1e-14, selection: 'cyclic', onIteration: () => ++calls < 3 });
    expect(f.stopped).toBe(true);
    expect(f.converged).toBe(false);
    expect(calls).toBe(3);
  });
  it('α ≥ α_max gives all zeros and the intercept ȳ', () => {
    const path = lassoPath(X, y, { nAlphas: 3 });
    const f = lasso(X, y, { alpha: path.alphas[0]! * 1.0001 });
    expect(f.coef.every((v) => v === 0)).toBe(true);
    expect(f.intercept).toBeCloseTo(y.reduce((s, v) => s + v, 0) / n, 10);
  });
});

describe('bad input', () => {
  it('throws typed errors naming the argument', () => {
    const catchErr = (f: () => unknown): Error => {
      try {
        f();
      } catch (e) {
        return e as Error;
      }
      throw new Error('did not throw');
    };
    expect(catchErr(() => lasso(X, y.slice(1)))).toBeInstanceOf(ShapeError);
    const Xn = X.map((r) => r.slice());
    Xn[3]![2] = NaN;
    expect((catchErr(() => lasso(Xn, y)) as ArgumentError).argument).toMatch(/^X/);
    const yi = y.slice();
    yi[5] = Infinity;
    expect((catchErr(() => lasso(X, yi)) as ArgumentError).argument).toBe('y[5]');
    const S = new CSCMatrix({ indptr: [0, 1, 2], indices: [0, 1], data: [1, NaN], shape: [2, 2] });
    expect((catchErr(() => lasso(S, [1, 2])) as ArgumentError).argument).toBe('X.data[1]');
    expect((catchErr(() => lasso(X, y, { alpha: -1 })) as ArgumentError).argument).toBe('alpha');
    expect((catchErr(() => elasticNet(X, y, { l1Ratio: 1.5 })) as ArgumentError).argument).toBe('l1Ratio');
    expect((catchErr(() => lasso(X, y, { selection: 'greedy' as never })) as ArgumentError).argument).toBe('selection');
    expect((catchErr(() => lasso(X, y, { maxiter: 5 } as never)) as ArgumentError).argument).toBe('lasso options.maxiter');
    expect((catchErr(() => lasso(X, y, { l1Ratio: 0.5 } as never)) as ArgumentError).argument).toBe('lasso options.l1Ratio');
    const bad = sw.slice();
    bad[0] = -1;
    expect((catchErr(() => lasso(X, y, { sampleWeight: bad })) as ArgumentError).argument).toBe('sampleWeight[0]');
    expect(catchErr(() => lasso(X, y, { penaltyFactor: [1, 2] }))).toBeInstanceOf(ShapeError);
    expect((catchErr(() => lassoPath(X, y, { eps: 0 })) as ArgumentError).argument).toBe('eps');
  });

  it('names a NaN or ±Infinity of a large dense X (checked inside the design pass), whatever its weight', () => {
    // 200 x 100 = 20000 entries: above the size at which the design lives in WASM memory.
    const rng = createRng(4);
    const n = 200;
    const p = 100;
    const yl = Array.from({ length: n }, () => rng.normal());
    for (const [bad, i, j, weighted, fitIntercept] of [[Infinity, 150, 37, false, true], [NaN, 0, 99, true, false], [-Infinity, 199, 0, true, true]] as const) {
      const Xl = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
      Xl[i]![j] = bad;
      const sampleWeight = weighted ? Array.from({ length: n }, (_, k) => (k === i ? 0 : 1)) : undefined;
      const e = catchErrOf(() => lassoPath(Xl, yl, { nAlphas: 3, fitIntercept, sampleWeight }));
      expect(e).toBeInstanceOf(ArgumentError);
      expect((e as ArgumentError).argument).toBe(`X[${i * p + j}]`);
    }
    // Large finite values whose squares overflow are not rejected (as before: only NaN/±Infinity are).
    const Xh = Array.from({ length: n }, (_, k) => Array.from({ length: p }, (_, q) => (q === 3 ? 1e200 * (k % 2 ? 1 : -1) : rng.normal())));
    expect(() => lassoPath(Xh, yl, { nAlphas: 2, fitIntercept: false, maxIter: 5 })).not.toThrow(ArgumentError);
  });
});

function catchErrOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}
