import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { csr } from '../../../src/formats/factories.js';
import { jacobiPreconditioner } from '../../../src/linalg/iterative/jacobi.js';
import { minres } from '../../../src/linalg/iterative/minres.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { toTriplets } from './helpers.js';
import { closeCount, golden, poisson2d, problem, relres, rhs } from './problems.js';

describe('minres against SciPy golden iteration counts', () => {
  for (const c of golden.minres) {
    it(`${c.problem} rtol=${c.rtol} shift=${c.shift}${c.jacobi ? ' jacobi' : ''}: ${c.iterations} its`, () => {
      const A = problem(c.problem);
      const b = rhs(A.shape[0]);
      const r = minres(A, b, { rtol: c.rtol, shift: c.shift, maxIter: 20000, M: c.jacobi ? jacobiPreconditioner(A) : undefined });
      expect(closeCount(r.iterations, c.iterations), `ours ${r.iterations} vs SciPy ${c.iterations}`).toBe(true);
      expect(r.info).toBe(c.info);
      expect(r.converged).toBe(true);
      expect(r.history.length).toBe(r.iterations + 1);
      // About the same relative residual as SciPy's solution (LFAT5, cond 1e8: 3.3e-3 vs 2.2e-3).
      const rr = relres(A, r.x, b, c.shift);
      expect(rr).toBeLessThan(Math.max(2 * c.relres, 1e-12));
      expect(rr).toBeGreaterThan(c.relres / 2);
    });
  }
});

describe('minres on a symmetric indefinite problem (live SciPy)', () => {
  const skip = pythonMissing(['numpy', 'scipy']);
  it.skipIf(skip !== null)('Poisson − 2.5·I: same iterate count and solution as SciPy, residual monotone', () => {
    const A = poisson2d(20);
    const b = rhs(400);
    const py = runPython<{ x: number[]; its: number; info: number; neg: number }>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
t = inp['A']; A = sp.csr_array((t['data'], (t['row'], t['col'])), shape=tuple(t['shape']), dtype=float)
its = [0]
def cb(_): its[0] += 1
x, info = sla.minres(A, np.array(inp['b']), shift=2.5, rtol=1e-10, callback=cb)
neg = int((np.linalg.eigvalsh(A.toarray() - 2.5 * np.eye(400)) < 0).sum())
print(json.dumps({'x': x.tolist(), 'its': its[0], 'info': int(info), 'neg': neg}))
`, { A: toTriplets(A), b: Array.from(b) });
    expect(py.neg).toBeGreaterThan(50); // really indefinite
    const r = minres(A, b, { shift: 2.5, rtol: 1e-10 });
    expect(r.istop).toBe(1);
    expect(closeCount(r.iterations, py.its), `ours ${r.iterations} vs SciPy ${py.its}`).toBe(true);
    let d = 0;
    let s = 0;
    for (let i = 0; i < 400; i++) { d += (r.x[i]! - py.x[i]!) ** 2; s += py.x[i]! ** 2; }
    expect(Math.sqrt(d / s)).toBeLessThan(1e-7);
    for (let i = 1; i < r.history.length; i++) expect(r.history[i]!).toBeLessThanOrEqual(r.history[i - 1]! * (1 + 1e-12));
  });
});

describe('minres: exact cases, convention, errors', () => {
  it('a 3 x 3 indefinite system is solved exactly in 3 steps', () => {
    const A = csr([[2, 1, 0], [1, -3, 1], [0, 1, 1]]);
    const r = minres(A, [1, 2, 3], { rtol: 1e-14 });
    expect(r.iterations).toBeLessThanOrEqual(3);
    expect(Array.from(A.matvec(r.x)).map((v) => Math.round(v * 1e10) / 1e10)).toEqual([1, 2, 3]);
  });
  it('x0, onIteration stop, iteration limit', () => {
    const A = poisson2d(15);
    const b = rhs(225);
    const x0 = new Float64Array(225).fill(1);
    const r = minres(A, b, { x0, rtol: 1e-10 });
    expect(x0[0]).toBe(1);
    expect(relres(A, r.x, b)).toBeLessThan(1e-8);
    const s = minres(A, b, { onIteration: (i) => i.iteration < 5 });
    expect(s.stopped).toBe(true);
    expect(s.iterations).toBe(5);
    const m = minres(A, b, { maxIter: 4, rtol: 1e-12 });
    expect(m.istop).toBe(6);
    expect(m.info).toBe(4);
    expect(m.reason).toBe('maxIter');
  });
  it('bad input gives typed errors', () => {
    const A = csr([[2, 1], [1, 3]]);
    expect(() => minres(csr([[1, 2, 3]]), [1])).toThrow(ShapeError);
    expect(() => minres(A, [1])).toThrow(ShapeError);
    expect(() => minres(A, [1, Infinity])).toThrow(ArgumentError);
    expect(() => minres(A, [1, 2], { shift: NaN })).toThrow(/shift/);
    expect(() => minres(A, [1, 2], { atol: 1 } as never)).toThrow(/options\.atol/);
    expect(() => minres(A, [1, 2], { M: csr([[-1, 0], [0, -1]]) })).toThrow(/M: expected a symmetric positive definite/);
    expect(() => minres(csr([[2, 5], [0, 3]]), [1, 2], { check: true })).toThrow(ArgumentError);
  });
});
