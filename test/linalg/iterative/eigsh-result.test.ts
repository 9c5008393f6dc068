// eigsh on a nonsymmetric matrix is refused (it used to return a different wrong value for each
// seed), and its result carries reason like the other iterative routines.
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../../src/core/errors.js';
import { csr } from '../../../src/formats/factories.js';
import { eigsh } from '../../../src/linalg/iterative/eigsh.js';
import { aslinearoperator } from '../../../src/linalg/iterative/linear-operator.js';
import { poisson2d } from './helpers.js';

describe('eigsh: symmetry check and reason', () => {
  it('refuses a nonsymmetric matrix, sparse or matrix-free', () => {
    const n = 30;
    const rows: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j === i ? 2 : j === i + 1 ? -1 : j === i - 1 ? -0.5 : 0)));
    const A = csr(rows);
    expect(() => eigsh(A, 2, { seed: 1 })).toThrow(ArgumentError);
    expect(() => eigsh(A, 2, { seed: 1 })).toThrow(/a symmetric matrix \(eigsh assumes A = Aᵀ/);
    const op = aslinearoperator((x: Float64Array) => A.matvec(x), { shape: [n, n], symmetric: true });
    expect(() => eigsh(op, 2)).toThrow(ArgumentError);
  });

  it('accepts a symmetric matrix and reports reason', () => {
    const P = poisson2d(8);
    const r = eigsh(P, 2, { which: 'LA', seed: 0 });
    expect([r.converged, r.reason, r.stopped]).toEqual([true, 'converged', false]);
    const s = eigsh(P, 2, { which: 'SA', seed: 0, maxIter: 1, ncv: 5 });
    expect([s.converged, s.reason]).toEqual([false, 'maxIter']);
    const t = eigsh(P, 2, { which: 'SA', seed: 0, ncv: 5, onIteration: () => false });
    expect([t.stopped, t.reason]).toEqual([true, 'stopped']);
  });
});
