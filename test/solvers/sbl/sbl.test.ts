// sbl against scikit-learn's ARDRegression with the noise pinned (live), noise estimation, complex
// data, the calling convention and bad input.
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError, createRng, sbl } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';

describe('sbl vs scikit-learn ARDRegression (same fixed noise)', () => {
  const skip = pythonMissing(['sklearn', 'numpy'], '/usr/bin/python3');
  it.skipIf(!!skip)('agrees on a 40 x 12 problem with 3 nonzeros', () => {
    // ARDRegression always estimates the noise precision α; a Gamma(α₁, α₂) hyperprior with
    // α₁ = 10¹⁰ and α₂ = 10¹⁰·σ² pins it at 1/σ². Its MacKay updates and our EM reach the same
    // stationary point of the evidence.
    const ref = runPython<{ H: number[][]; y: number[]; coef: number[]; s2: number }>(`
import warnings; warnings.simplefilter('ignore')
import numpy as np
from sklearn.linear_model import ARDRegression
rng = np.random.default_rng(3)
H = rng.standard_normal((40, 12)); x = np.zeros(12); x[[1, 5, 9]] = [2.0, -1.5, 1.0]
s2 = 0.01
y = H @ x + np.sqrt(s2) * rng.standard_normal(40)
m = ARDRegression(fit_intercept=False, alpha_1=1e10, alpha_2=1e10 * s2, lambda_1=1e-12, lambda_2=1e-12, n_iter=5000, tol=1e-14, threshold_lambda=1e8).fit(H, y)
print(json.dumps({'H': H.tolist(), 'y': y.tolist(), 'coef': m.coef_.tolist(), 's2': s2}))
`, null, '/usr/bin/python3');
    const r = sbl(ref.H, ref.y, { noiseVariance: ref.s2, tol: 1e-12, maxIter: 20000, pruneThreshold: 1e-8 });
    for (let j = 0; j < 12; j++) expect(Math.abs(r.x[j]! - ref.coef[j]!)).toBeLessThan(1e-5);
    const big = (v: ArrayLike<number>) => Array.from(v).map((c, j) => (Math.abs(c) > 0.5 ? j : -1)).filter((j) => j >= 0);
    expect(big(r.x)).toEqual([1, 5, 9]);
    expect(big(ref.coef)).toEqual([1, 5, 9]);
  });
});

function problem(seed: string, m: number, n: number, support: number[], s2: number, complex = false) {
  const rng = createRng(seed);
  const w = complex ? 2 : 1;
  const H = Array.from({ length: m }, () => Array.from({ length: w * n }, () => rng.normal()));
  const x = new Float64Array(w * n);
  for (const j of support) {
    x[w * j] = 1 + rng.uniform();
    if (complex) x[w * j + 1] = rng.normal();
  }
  const y = new Float64Array(w * m);
  const sd = Math.sqrt(complex ? s2 / 2 : s2);
  for (let i = 0; i < m; i++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < n; j++) {
      const hr = H[i]![w * j]!;
      const hi = complex ? H[i]![w * j + 1]! : 0;
      const xr = x[w * j]!;
      const xi = complex ? x[w * j + 1]! : 0;
      re += hr * xr - hi * xi;
      im += hr * xi + hi * xr;
    }
    y[w * i] = re + sd * rng.normal();
    if (complex) y[w * i + 1] = im + sd * rng.normal();
  }
  return { H, x, y };
}

describe('sbl', () => {
  it('recovers a sparse vector with fewer measurements than unknowns (M x M form) and prunes the rest', () => {
    const { H, x, y } = problem('sbl-wide', 30, 80, [3, 17, 40, 66], 1e-4);
    const r = sbl(H, y, { noiseVariance: 1e-4 });
    expect(Array.from(r.support)).toEqual([3, 17, 40, 66]);
    for (const j of [3, 17, 40, 66]) expect(Math.abs(r.x[j]! - x[j]!)).toBeLessThan(0.02);
    expect(r.converged).toBe(true);
    expect(r.history.length).toBe(r.iterations);
    expect(r.gammas[0]!.filter((g) => g > 0).length).toBe(4);
  });

  it('estimates the noise variance', () => {
    const { H, y } = problem('sbl-noise', 200, 40, [1, 8, 22], 0.25);
    const r = sbl(H, y, { estimateNoise: true, maxIter: 500 });
    expect(r.noiseVariance).toBeGreaterThan(0.25 / 1.5);
    expect(r.noiseVariance).toBeLessThan(0.25 * 1.5);
    for (const j of [1, 8, 22]) expect(r.support).toContain(j);
    expect(Array.from(r.x).map((v, j) => (Math.abs(v) > 0.3 ? j : -1)).filter((j) => j >= 0)).toEqual([1, 8, 22]);
    // Without noiseVariance the noise is estimated by default.
    expect(sbl(H, y, { maxIter: 500 }).noiseVariance).toBeCloseTo(r.noiseVariance, 12);
  });

  it('handles complex data (interleaved re/im) as the circular complex model', () => {
    const { H, x, y } = problem('sbl-complex', 25, 50, [4, 31, 45], 1e-4, true);
    const r = sbl(H, y, { noiseVariance: 1e-4, complex: true });
    expect(r.x.length).toBe(100);
    expect(Array.from(r.support)).toEqual([4, 31, 45]);
    for (let i = 0; i < 100; i++) expect(Math.abs(r.x[i]! - x[i]!)).toBeLessThan(0.02);
  });

  it('follows the calling convention: onIteration, stopped, no input mutation', () => {
    const { H, y } = problem('sbl-stop', 20, 30, [2, 9], 1e-3);
    const Hc = H.map((r) => r.slice());
    const yc = y.slice();
    const seen: number[] = [];
    const r = sbl(H, y, { noiseVariance: 1e-3, onIteration: (info) => { seen.push(info.iteration); return info.iteration < 3; } });
    expect(seen).toEqual([1, 2, 3]);
    expect(r.stopped).toBe(true);
    expect(r.converged).toBe(false);
    expect(H).toEqual(Hc);
    expect(y).toEqual(yc);
    const short = sbl(H, y, { noiseVariance: 1e-3, maxIter: 2 });
    expect(short.converged).toBe(false);
    expect(short.iterations).toBe(2);
  });

  it('rejects bad input with typed errors', () => {
    const H = [[1, 2, 3], [4, 5, 6]];
    expect(() => sbl(H, [1, 2, 3])).toThrow(ShapeError);
    expect(() => sbl(H, [1, NaN])).toThrow(ArgumentError);
    expect(() => sbl([[1, Infinity, 0], [0, 1, 0]], [1, 2])).toThrow(ArgumentError);
    expect(() => sbl(H, [1, 2], { noiseVariance: 0 })).toThrow(/noiseVariance/);
    expect(() => sbl(H, [1, 2], { noiseVariance: -1 })).toThrow(ArgumentError);
    expect(() => sbl([], [])).toThrow(ArgumentError);
    expect(() => sbl(H, [1, 2], { pruneThreshold: 1 })).toThrow(/pruneThreshold/);
    expect(() => sbl(H, [1, 2], { maxIter: 0 })).toThrow(/maxIter/);
    expect(() => sbl(H, [1, 2], { noise: 1 } as never)).toThrow(/noise/);
    expect(() => sbl([[1, 2, 3]], [1, 2], { complex: true })).toThrow(ArgumentError);
  });
});
