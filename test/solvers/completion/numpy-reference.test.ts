/**
 * Live NumPy references: plain alternating least squares (exact ridge solves from an SVD start)
 * and Soft-Impute with exact SVDs, on small seeded problems.
 */
import { describe, expect, it } from 'vitest';
import { completeMatrix, softImpute } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { lowRankProblem } from './problems.js';

const missing = pythonMissing(['numpy']);

const ALS = `
import numpy as np
m, n, k, lam = inp['m'], inp['n'], inp['k'], inp['lam']
r, c, v = np.array(inp['r']), np.array(inp['c']), np.array(inp['v'])
X = np.zeros((m, n)); X[r, c] = v / (len(v) / (m * n))
U = np.linalg.svd(X, full_matrices=False)[0][:, :k]
U = np.linalg.qr(U)[0]
V = np.zeros((n, k))
rows = [np.where(r == i)[0] for i in range(m)]
cols = [np.where(c == j)[0] for j in range(n)]
for it in range(300):
    for j in range(n):
        A = U[r[cols[j]]]; V[j] = np.linalg.solve(A.T @ A + lam * np.eye(k), A.T @ v[cols[j]])
    for i in range(m):
        A = V[c[rows[i]]]; U[i] = np.linalg.solve(A.T @ A + lam * np.eye(k), A.T @ v[rows[i]])
print(json.dumps((U @ V.T).ravel().tolist()))
`;

const SOFT = `
import numpy as np
m, n, lam = inp['m'], inp['n'], inp['lam']
r, c, v = np.array(inp['r']), np.array(inp['c']), np.array(inp['v'])
Z = np.zeros((m, n))
for it in range(inp['iters']):
    X = Z.copy(); X[r, c] = v
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    Z = (U * np.maximum(s - lam, 0)) @ Vt
print(json.dumps(Z.ravel().tolist()))
`;

function maxRelDiff(a: number[], predict: (i: number, j: number) => number, n: number): number {
  let num = 0;
  let den = 0;
  for (let q = 0; q < a.length; q++) {
    num = Math.max(num, Math.abs(predict(Math.floor(q / n), q % n) - a[q]!));
    den = Math.max(den, Math.abs(a[q]!));
  }
  return num / den;
}

describe.skipIf(missing !== null)('completion against NumPy', () => {
  it("'exact' and 'sketched' reach NumPy's ridge alternating least squares solution (noisy rank 3, λ = 1)", () => {
    const p = lowRankProblem(40, 30, 3, 1.5, 17, 0.05);
    const input = { m: 40, n: 30, k: 3, lam: 1, r: Array.from(p.M.row), c: Array.from(p.M.col), v: Array.from(p.M.data) };
    const ref = runPython<number[]>(ALS, input);
    for (const solver of ['exact', 'sketched'] as const) {
      const fit = completeMatrix(p.M, 3, { solver, lambda: 1, seed: 2, tol: 1e-13, maxIter: 300, innerTol: 1e-8 });
      expect(maxRelDiff(ref, fit.predict, 30)).toBeLessThan(1e-6);
    }
  });

  it("softImpute with λ fixed equals NumPy's Soft-Impute with exact SVDs, iterate for iterate", () => {
    const p = lowRankProblem(30, 20, 3, 1.2, 23, 0.1);
    const input = { m: 30, n: 20, lam: 0.5, iters: 25, r: Array.from(p.M.row), c: Array.from(p.M.col), v: Array.from(p.M.data) };
    const ref = runPython<number[]>(SOFT, input);
    // rank 20 = min(m, n): the randomized SVD spans the whole row space, so it is exact.
    const fit = softImpute(p.M, { lambda: 0.5, rank: 20, maxIter: 25, tol: 0, seed: 1 });
    expect(fit.iterations).toBe(25);
    expect(maxRelDiff(ref, fit.predict, 20)).toBeLessThan(1e-9);
  });
});
