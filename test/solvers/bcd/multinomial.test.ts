/**
 * The multinomial (softmax) logistic BCD problem: objective and kept-up-to-date gradient against a
 * direct computation and finite differences, Böhning's bound above the true Hessian, and the
 * optimum against scikit-learn 1.2's multinomial LogisticRegression (live, /usr/bin/python3) on
 * the standardized wine data (three classes): L2 (lbfgs, polished by exact Newton steps in NumPy) coefficients to 1e-8, L1 (saga) objective
 * never worse.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bcd, createRng, eigh, fromDense, multinomialProblem, ShapeError } from '../../../src/index.js';
import { modelOf } from '../../../src/solvers/bcd/problems.js';
import { thrownArgument } from './thrown-argument.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { wine } from '../glm/data.js';

/** Σᵢ [log Σ_c exp(aᵢᵀw_c) − aᵢᵀw_{yᵢ}] + ½λ‖W‖², W feature-major, by plain loops. */
function directObjective(A: number[][], y: number[], K: number, lambda: number, x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) {
    const z = Array.from({ length: K }, (_, c) => A[i]!.reduce((t, a, j) => t + a * x[j * K + c]!, 0));
    s += Math.log(z.reduce((t, v) => t + Math.exp(v), 0)) - z[y[i]!]!;
  }
  return s + 0.5 * lambda * x.reduce((t, v) => t + v * v, 0);
}

describe('multinomial problem: values, gradient, curvature bound', () => {
  const rng = createRng(11);
  const K = 4;
  const A = Array.from({ length: 40 }, () => Array.from({ length: 6 }, () => (rng.random() < 0.6 ? rng.normal() : 0)));
  const y = A.map(() => rng.integer(0, K));
  const lambda = 0.3;
  const P = multinomialProblem(fromDense(A, 'csr'), y, { lambda, nClasses: K });
  const n = 6 * K;
  const x = Float64Array.from({ length: n }, () => rng.normal());

  it('objective equals the direct sum; the gradient kept through moves equals finite differences', () => {
    expect(P.size).toBe(n);
    expect(P.objective(x)).toBeCloseTo(directObjective(A, y, K, lambda, x), 10);
    const model = modelOf(P);
    model.reset(new Float64Array(n));
    // Reach x by block moves (the incremental path), then compare with central differences.
    for (let j = 0; j < 6; j++) {
      const blk = Int32Array.from({ length: K }, (_, c) => j * K + c);
      model.move(blk, Float64Array.from(blk, (v) => x[v]!));
    }
    expect(model.value()).toBeCloseTo(directObjective(A, y, K, lambda, x), 10);
    const h = 1e-6;
    for (let v = 0; v < n; v++) {
      const xp = x.slice();
      const xm = x.slice();
      xp[v] = xp[v]! + h;
      xm[v] = xm[v]! - h;
      const fd = (directObjective(A, y, K, lambda, xp) - directObjective(A, y, K, lambda, xm)) / (2 * h);
      expect(Math.abs(model.grad[v]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
    }
  });

  it('the block Hessian bound minus the true Hessian (by differences of the gradient) is positive semidefinite', () => {
    const model = modelOf(P);
    const all = Int32Array.from({ length: n }, (_, v) => v);
    const B = model.blockHessian(all).data;
    const H = new Float64Array(n * n);
    const h = 1e-5;
    for (let v = 0; v < n; v++) {
      const e = new Float64Array(n);
      model.reset(x);
      e[v] = h;
      model.move(all, e);
      const gp = model.grad.slice();
      e[v] = -2 * h;
      model.move(all, e);
      for (let u = 0; u < n; u++) H[u * n + v] = (gp[u]! - model.grad[u]!) / (2 * h);
    }
    const D = new Float64Array(n * n);
    for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) D[u * n + v] = B[u * n + v]! - 0.5 * (H[u * n + v]! + H[v * n + u]!);
    const ev = eigh({ rows: n, cols: n, data: D }, { vectors: false }).values;
    expect(ev[0]!).toBeGreaterThan(-1e-6);
    // The diagonal is the coordinate constants Lⱼc = ½(1 − 1/K)‖aⱼ‖² + λ.
    for (let v = 0; v < n; v++) expect(B[v * n + v]).toBeCloseTo(P.lipschitz[v]!, 12);
    const j = 2;
    const colSq = A.reduce((t, row) => t + row[j]! * row[j]!, 0);
    expect(P.lipschitz[j * K]).toBeCloseTo(0.5 * (1 - 1 / K) * colSq + lambda, 12);
  });

  it('bad input: typed errors naming the argument', () => {
    const arg = thrownArgument;
    expect(arg(() => multinomialProblem([[1, 2], [3, 4]], [0, 1.5]))).toBe('y[1]');
    expect(arg(() => multinomialProblem([[1, 2], [3, 4]], [0, 3], { nClasses: 3 }))).toBe('y[1]');
    expect(arg(() => multinomialProblem([[1, 2], [3, 4]], [0, -1]))).toBe('y[1]');
    expect(arg(() => multinomialProblem([[1, 2], [3, 4]], [0, 1], { nClasses: 1 }))).toBe('nClasses');
    expect(arg(() => multinomialProblem([[1, 2], [3, 4]], [0, 1], { lambda: -1 }))).toBe('lambda');
    expect(arg(() => multinomialProblem([[1, NaN], [3, 4]], [0, 1]))).toMatch(/^A/);
    expect(arg(() => multinomialProblem([[1, 2], [3, 4]], [0, 1], { classes: 2 } as never))).toBe('multinomialProblem options.classes');
    expect(() => multinomialProblem([[1, 2], [3, 4]], [0, 1, 1])).toThrow(ShapeError);
  });
});

const PY = '/usr/bin/python3';
const reason = pythonMissing(['sklearn'], PY);
describe.skipIf(reason !== null)('optimum against scikit-learn multinomial LogisticRegression (standardized wine, no intercept)', () => {
  const { X, labels } = wine();
  const p = X[0]!.length;
  // Standardize (the raw wine scales make every curvature bound loose).
  for (let j = 0; j < p; j++) {
    const m = X.reduce((t, r) => t + r[j]!, 0) / X.length;
    const s = Math.sqrt(X.reduce((t, r) => t + (r[j]! - m) ** 2, 0) / X.length);
    for (const r of X) r[j] = (r[j]! - m) / s;
  }
  const K = 3;
  let ref: { l2: { coef: number[][]; obj: number }; l1: { obj: number } };
  beforeAll(() => {
    ref = runPython(`
import numpy as np, warnings
from sklearn.linear_model import LogisticRegression
warnings.simplefilter('ignore')
X = np.array(inp['X']); y = np.array(inp['y'])
def obj(W, C, pen):
    Z = X @ W.T
    lse = np.log(np.exp(Z - Z.max(1, keepdims=True)).sum(1)) + Z.max(1)
    loss = np.sum(lse - Z[np.arange(len(Z)), y])
    return float(loss + (0.5 * (W ** 2).sum() if pen == 'l2' else np.abs(W).sum()) / C)
m = LogisticRegression(C=0.5, fit_intercept=False, multi_class='multinomial', tol=1e-12, max_iter=100000).fit(X, y)
# lbfgs stops near 1e-5 of the optimum: polish with exact Newton steps in NumPy (strongly convex).
W = m.coef_.copy(); K, p = W.shape; Y = np.eye(K)[y]
for _ in range(8):
    Z = X @ W.T; P = np.exp(Z - Z.max(1, keepdims=True)); P /= P.sum(1, keepdims=True)
    G = (P - Y).T @ X + W / 0.5
    H = np.zeros((K * p, K * p))
    for i in range(len(X)):
        S = np.diag(P[i]) - np.outer(P[i], P[i])
        H += np.kron(S, np.outer(X[i], X[i]))
    H += np.eye(K * p) / 0.5
    W = W - np.linalg.solve(H, G.ravel()).reshape(K, p)
m.coef_ = W
s = LogisticRegression(C=0.2, penalty='l1', solver='saga', fit_intercept=False, multi_class='multinomial', tol=1e-12, max_iter=100000).fit(X, y)
print(json.dumps({'l2': {'coef': m.coef_.tolist(), 'obj': obj(m.coef_, 0.5, 'l2')}, 'l1': {'obj': obj(s.coef_, 0.2, 'l1')}}))`,
      { X, y: labels }, PY);
  }, 300_000);

  it('L2 (λ = 1/C = 2): coefficients equal lbfgs\'s polished by Newton steps to 1e-8, objective never worse (GSQ, Newton on feature blocks)', () => {
    const P = multinomialProblem(X, labels, { lambda: 2 });
    const r = bcd(P, { blockSize: K, selection: 'gsq', update: 'newton', tol: 1e-10, maxIter: 20000 });
    expect(r.converged).toBe(true);
    expect(r.objective).toBeLessThanOrEqual(ref.l2.obj * (1 + 1e-10));
    for (let j = 0; j < p; j++) for (let c = 0; c < K; c++) expect(Math.abs(r.x[j * K + c]! - ref.l2.coef[c]![j]!)).toBeLessThan(1e-8);
  });

  it('L1 (λ₁ = 1/C = 5, no ridge): objective never worse than saga\'s (to 1e-8 relative)', () => {
    const P = multinomialProblem(X, labels, { lambda: 0, l1: 5 });
    const r = bcd(P, { blockSize: K, selection: 'gsl', update: 'newton', tol: 1e-9, maxIter: 50000 });
    expect(r.converged).toBe(true);
    expect(r.objective).toBeLessThanOrEqual(ref.l1.obj * (1 + 1e-8));
  });
});
