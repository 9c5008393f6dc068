import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { csr } from '../../../src/formats/factories.js';
import { gmres } from '../../../src/linalg/iterative/gmres.js';
import { jacobiPreconditioner } from '../../../src/linalg/iterative/jacobi.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { toTriplets } from './helpers.js';
import { closeCount, convdiff2d, golden, problem, relres, rhs } from './problems.js';

describe('gmres against SciPy golden iteration counts', () => {
  for (const c of golden.gmres) {
    it(`${c.problem} restart=${c.restart} rtol=${c.rtol}${c.jacobi ? ' jacobi' : ''}: ${c.iterations} its, info ${c.info}`, () => {
      const A = problem(c.problem);
      const b = rhs(A.shape[0]);
      const r = gmres(A, b, { rtol: c.rtol, restart: c.restart, maxIter: c.maxiter, M: c.jacobi ? jacobiPreconditioner(A) : undefined });
      expect(closeCount(r.iterations, c.iterations), `ours ${r.iterations} vs SciPy ${c.iterations}`).toBe(true);
      expect(r.info === 0).toBe(c.info === 0);
      expect(r.history.length).toBe(r.iterations + 1);
      const rr = relres(A, r.x, b);
      expect(Math.abs(rr - r.residualNorm / Math.hypot(...b))).toBeLessThan(1e-12 + 1e-6 * rr);
      if (c.info === 0) {
        expect(r.converged).toBe(true);
        expect(rr).toBeLessThanOrEqual(c.rtol);
      } else {
        expect(r.info).toBe(c.maxiter);
        expect(r.reason).toBe('maxIter');
        expect(rr).toBeGreaterThan(c.rtol);
      }
    });
  }
});

describe('gmres: live SciPy on a convection–diffusion problem with x0', () => {
  const skip = pythonMissing(['numpy', 'scipy']);
  it.skipIf(skip !== null)('same solution and count from a nonzero x0', () => {
    const A = convdiff2d(25, 0.7, 0.3);
    const n = A.shape[0];
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(0.3 * i));
    const x0 = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 11) / 11);
    const py = runPython<{ x: number[]; its: number; info: number }>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
t = inp['A']; A = sp.csr_array((t['data'], (t['row'], t['col'])), shape=tuple(t['shape']), dtype=float)
its = [0]
def cb(_): its[0] += 1
x, info = sla.gmres(A, np.array(inp['b']), x0=np.array(inp['x0']), rtol=1e-10, restart=15, callback=cb, callback_type='pr_norm')
print(json.dumps({'x': x.tolist(), 'its': its[0], 'info': int(info)}))
`, { A: toTriplets(A), b: Array.from(b), x0: Array.from(x0) });
    const x0copy = Float64Array.from(x0);
    const r = gmres(A, b, { x0, rtol: 1e-10, restart: 15 });
    expect(x0).toEqual(x0copy);
    expect(r.info).toBe(py.info);
    expect(closeCount(r.iterations, py.its), `ours ${r.iterations} vs SciPy ${py.its}`).toBe(true);
    let d = 0;
    let s = 0;
    for (let i = 0; i < n; i++) { d += (r.x[i]! - py.x[i]!) ** 2; s += py.x[i]! ** 2; }
    expect(Math.sqrt(d / s)).toBeLessThan(1e-8);
  });
});

describe('gmres: exact cases, convention, errors', () => {
  it('full GMRES on an n x n system converges in at most n steps', () => {
    const A = csr([[1, 2, 0, 0], [0, 1, 2, 0], [0, 0, 1, 2], [3, 0, 0, 1]]);
    const r = gmres(A, [1, 1, 1, 1], { rtol: 1e-13 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(4);
    // Hand solution: x = (1/9)(3, -1, 5, -2)·... check by residual.
    expect(Array.from(A.matvec(r.x)).map((v) => Math.round(v * 1e10) / 1e10)).toEqual([1, 1, 1, 1]);
  });
  it('b = 0 gives x = 0 at once; the residual estimate decreases within a cycle', () => {
    const A = convdiff2d(10, 0.5, 0.5);
    expect(Array.from(gmres(A, new Float64Array(100)).x)).toEqual(new Array(100).fill(0));
    const r = gmres(A, rhs(100), { restart: 100, rtol: 1e-10 });
    for (let i = 1; i < r.history.length; i++) expect(r.history[i]!).toBeLessThanOrEqual(r.history[i - 1]! * (1 + 1e-12));
  });
  it('onIteration sees every inner iteration and can stop', () => {
    const A = convdiff2d(20, 0.4, 0.2);
    const seen: number[] = [];
    const r = gmres(A, rhs(400), { restart: 10, onIteration: (info) => { seen.push(info.iteration); return info.iteration < 25; } });
    expect(r.stopped).toBe(true);
    expect(r.reason).toBe('stopped');
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(25);
    expect(r.info).toBe(25);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // x was formed from the partial cycle: its true residual matches the result's.
    expect(relres(A, r.x, rhs(400))).toBeCloseTo(r.residualNorm / Math.hypot(...rhs(400)), 10);
  });
  it('a matrix-free operator and a function preconditioner', () => {
    const A = convdiff2d(12, 0.3, 0.1);
    const op = { shape: A.shape, matvec: (x: Float64Array) => A.matvec(x), rmatvec: (y: Float64Array) => A.rmatvec(y) };
    const r = gmres(op, rhs(144), { rtol: 1e-10, M: (v: Float64Array) => v.map((t) => t / 4) });
    expect(r.converged).toBe(true);
    expect(relres(A, r.x, rhs(144))).toBeLessThan(1e-10);
  });
  it('bad input gives typed errors', () => {
    const A = csr([[2, 1], [0, 3]]);
    expect(() => gmres(csr([[1, 2, 3]]), [1])).toThrow(ShapeError);
    expect(() => gmres(A, [1, 2, 3])).toThrow(ShapeError);
    expect(() => gmres(A, [1, NaN])).toThrow(ArgumentError);
    expect(() => gmres(A, [1, 2], { x0: [1] })).toThrow(ShapeError);
    expect(() => gmres(A, [1, 2], { x0: [1, Infinity] })).toThrow(ArgumentError);
    expect(() => gmres(A, [1, 2], { restart: 0 })).toThrow(/restart/);
    expect(() => gmres(A, [1, 2], { rtol: -1 })).toThrow(ArgumentError);
    expect(() => gmres(A, [1, 2], { maxIter: 1.5 })).toThrow(/maxIter/);
    expect(() => gmres(A, [1, 2], { M: csr([[1, 0, 0]]) })).toThrow(ShapeError);
    expect(() => gmres(A, [1, 2], { maxiter: 3 } as never)).toThrow(/options\.maxiter/);
    expect(() => gmres(A, [1, 2], { tol: 1e-3 } as never)).toThrow(ArgumentError);
  });
});
