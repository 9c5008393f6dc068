/**
 * spsolve and factorized against SciPy's spsolve: vector, dense and sparse right-hand sides, the
 * choice between Cholesky and LU, typed errors.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, CSCMatrix, ShapeError, csc, csr, factorized, setBackend, splu, spsolve } from '../../../src/index.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fixture, relResidual, rhs } from './helpers.js';
import { convectionDiffusion2d, poisson2d, poisson3d } from './problems.js';

describe('spsolve', () => {
  const skip = pythonMissing(['numpy', 'scipy']);
  it.skipIf(!!skip)('vector, dense and sparse b agree with SciPy\'s spsolve (SPD and non-symmetric)', () => {
    const mats = [poisson2d(20), poisson3d(7), convectionDiffusion2d(25, 50), fixture('west0067')];
    const ref = runPython<{ x: number[]; X: number[][]; S: { indptr: number[]; indices: number[]; data: number[] } }[]>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
out = []
for m in inp:
    n = m['n']
    A = sp.csc_matrix((m['data'], m['indices'], m['indptr']), shape=(n, n))
    b = np.array(m['b'])
    B = np.stack([b, np.cos(np.arange(n))], axis=1)
    Bs = sp.csc_matrix(([1.0, -2.0], ([0, n - 1], [0, 1])), shape=(n, 2))
    S = sp.csc_matrix(sla.spsolve(A, Bs))
    S.sort_indices()
    out.append({'x': sla.spsolve(A, b).tolist(), 'X': sla.spsolve(A, B).tolist(), 'S': {'indptr': S.indptr.tolist(), 'indices': S.indices.tolist(), 'data': S.data.tolist()}})
print(json.dumps(out))
`, mats.map((A) => ({ n: A.shape[0], indptr: Array.from(A.indptr), indices: Array.from(A.indices), data: Array.from(A.data), b: Array.from(rhs(A.shape[0])) })));
    mats.forEach((A, t) => {
      const n = A.shape[0];
      const b = rhs(n);
      const x = spsolve(A, b);
      expect(relResidual(A, x, b)).toBeLessThan(1e-12);
      ref[t]!.x.forEach((v, i) => expect(x[i]).toBeCloseTo(v, 10));
      const B = Array.from({ length: n }, (_, i) => [b[i]!, Math.cos(i)]);
      const X = spsolve(csr(A), B);
      ref[t]!.X.forEach((row, i) => row.forEach((v, j) => expect(X.get(i, j)).toBeCloseTo(v, 10)));
      const Bs = new COOMatrix({ row: [0, n - 1], col: [0, 1], data: [1, -2], shape: [n, 2] });
      const S = spsolve(A, Bs);
      expect(S).toBeInstanceOf(CSCMatrix);
      expect(S.shape).toEqual([n, 2]);
      const Sd = S.toDense();
      const R = new CSCMatrix({ indptr: ref[t]!.S.indptr, indices: ref[t]!.S.indices, data: ref[t]!.S.data, shape: [n, 2] }).toDense();
      for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) expect(Sd.get(i, j)).toBeCloseTo(R.get(i, j), 10);
    });
  });

  it('picks Cholesky for SPD input, LU for non-symmetric or indefinite input', () => {
    expect(factorized(poisson2d(5)).method).toBe('cholesky');
    expect(factorized(convectionDiffusion2d(5)).method).toBe('lu');
    // Symmetric with a positive diagonal but indefinite: Cholesky fails, LU takes over.
    const ind = csc([[1, 2], [2, 1]]);
    const solve = factorized(ind);
    expect(solve.method).toBe('lu');
    expect(Array.from(solve([3, 3])).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 1]);
    expect(factorized(poisson2d(5), { method: 'lu' }).method).toBe('lu');
    expect(() => factorized(ind, { method: 'cholesky' })).toThrow(ArgumentError);
    // The symmetry test: an entry without its transposed partner (above or below the diagonal),
    // unequal values, a zero or missing diagonal entry all mean LU; symmetric SPD means Cholesky.
    expect(factorized(csc([[4, 1, 0], [1, 4, 1], [0, 1, 4]])).method).toBe('cholesky');
    expect(factorized(csc([[4, 1, 0], [1, 4, 0], [0, 1, 4]])).method).toBe('lu');
    expect(factorized(csc([[4, 1, 1], [1, 4, 0], [0, 0, 4]])).method).toBe('lu');
    expect(factorized(csc([[4, 1, 0], [1.5, 4, 1], [0, 1, 4]])).method).toBe('lu');
    expect(factorized(csc([[4, 0, 1], [0, 4, 1], [1, 1, 0]])).method).toBe('lu');
    expect(factorized(csc([[0, 1, 0], [1, 4, 1], [0, 1, 4]])).method).toBe('lu');
    const b = rhs(25);
    const a = factorized(poisson2d(5))(b);
    const l = factorized(poisson2d(5), { method: 'lu' })(b);
    a.forEach((v, i) => expect(v).toBeCloseTo(l[i]!, 12));
  });

  it('the symmetry pass of the Cholesky test also picks LU\'s ordering, as splu alone does', () => {
    // Symmetric pattern with the diagonal stored, one diagonal value zero: not zero-free, so
    // 'auto' orders the pattern of AᵀA.
    const Z = new CSCMatrix({ indptr: [0, 2, 5, 7], indices: [0, 1, 0, 1, 2, 1, 2], data: [0, 1, 1, 4, 1, 1, 4], shape: [3, 3] });
    const fz = factorized(Z);
    expect(fz.method).toBe('lu');
    expect((fz.factor as ReturnType<typeof splu>).ordering).toBe('amd-ata');
    expect(splu(Z).ordering).toBe('amd-ata');
    expect(Array.from(spsolve(Z, [1, 6, 5])).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 1, 1]);
    // Symmetric values, indefinite: Cholesky fails and LU orders A + Aᵀ.
    const ind = csc([[1, 2], [2, 1]]);
    expect((factorized(ind).factor as ReturnType<typeof splu>).ordering).toBe('amd');
    expect(splu(ind).ordering).toBe('amd');
  });

  it('factorized keeps working after the caller changes A', () => {
    const A = poisson2d(6);
    const solve = factorized(A);
    const b = rhs(36);
    const x1 = solve(b);
    A.data.fill(1);
    expect(Array.from(solve(b))).toEqual(Array.from(x1));
  });

  it('LU route with a vector b (solved where the factors were computed): same x as splu(A).solve(b), WASM and JS', () => {
    // Convection–diffusion (pairs of columns and chains in the simplicial kernel), SPD input
    // forced to LU, an unsymmetric fixture (ordered on AᵀA: the factor's own solve), and a
    // diagonal pivot that fails the threshold (Gilbert–Peierls).
    const cases: [CSCMatrix, 'auto' | 'lu'][] = [
      [convectionDiffusion2d(40, 100), 'auto'], [convectionDiffusion2d(12, 1000), 'auto'], [poisson2d(20), 'lu'],
      [fixture('west0067'), 'auto'], [csc([[1e-3, 1, 0], [1, 1e-3, 1], [0, 1, 2]]), 'auto'],
    ];
    for (const [A, method] of cases) {
      const n = A.shape[0];
      const b = rhs(n);
      const copy = Float64Array.from(b);
      for (const backend of ['wasm', 'js'] as const) {
        setBackend(backend);
        const x = spsolve(A, b, { method });
        expect(Array.from(b)).toEqual(Array.from(copy));
        expect(Array.from(x)).toEqual(Array.from(splu(A).solve(b)));
        expect(relResidual(A, x, b)).toBeLessThan(1e-12);
      }
      setBackend('auto');
    }
    // NaN in b is refused before any factorization.
    expect(() => spsolve(convectionDiffusion2d(5, 100), Array.from(rhs(25)).fill(Number.NaN, 3, 4))).toThrow(/b/);
  });

  it('typed errors: singular (naming the column), non-square, wrong b, unknown option', () => {
    expect(() => spsolve(csc([[1, 1], [1, 1]]), [1, 2])).toThrow(/singular, detected at column [01] /);
    expect(() => spsolve(csc([[1, 0, 2], [0, 0, 0], [3, 0, 4]]), [1, 2, 3])).toThrow(ArgumentError);
    expect(() => spsolve(csc([[1, 2, 3], [4, 5, 6]]), [1, 2])).toThrow(ShapeError);
    expect(() => spsolve(poisson2d(3), [1, 2])).toThrow(ShapeError);
    expect(() => spsolve(poisson2d(3), rhs(9), { permc_spec: 'NATURAL' } as never)).toThrow(/permc_spec/);
    expect(() => spsolve(poisson2d(3), rhs(9), { method: 'qr' as never })).toThrow(/method/);
    expect(() => spsolve(poisson2d(3), Array.from(rhs(9)).fill(Number.NaN))).toThrow(ArgumentError);
  });
});
