// Strict options: every public function that takes options rejects unknown keys with an
// ArgumentError naming the key and suggesting the valid one (SciPy/POT spellings included).
import { describe, expect, it } from 'vitest';
import * as sp from '../../src/index.js';
import { editDistance, readOptions, suggestKey } from '../../src/core/options.js';

const { ArgumentError } = sp;

function errorOf(f: () => unknown): InstanceType<typeof ArgumentError> {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgumentError);
    return e as InstanceType<typeof ArgumentError>;
  }
  throw new Error('expected an ArgumentError, nothing was thrown');
}

const A = sp.csr([[4, 1, 0], [1, 3, 1], [0, 1, 2]]);
const D = [[4, 1], [1, 3]];
const a3 = [0.2, 0.3, 0.5];
const C3 = [[0, 1, 4], [1, 0, 1], [4, 1, 0]];

describe('readOptions', () => {
  it('accepts undefined, null and known keys; rejects non-objects', () => {
    expect(readOptions('f', undefined, ['tol'])).toEqual({});
    expect(readOptions('f', null, ['tol'])).toEqual({});
    const o = { tol: 1 };
    expect(readOptions('f', o, ['tol'])).toBe(o);
    for (const bad of [3, 'tol', true, [1], new Float64Array(2)]) {
      expect(errorOf(() => readOptions('f', bad as never, ['tol'])).message).toMatch(/^f options: expected an options object/);
    }
  });

  it('maps an alias to its canonical key on a copy, and refuses two different values', () => {
    const o = { rtol: 1e-3 };
    const r = readOptions<{ tol?: number }>('cg', o as never, ['tol'], { rtol: 'tol' });
    expect(r).toEqual({ tol: 1e-3 });
    expect(o).toEqual({ rtol: 1e-3 });
    expect(readOptions('cg', { rtol: 1e-3, tol: 1e-3 } as never, ['tol'], { rtol: 'tol' })).toEqual({ tol: 1e-3 });
    expect(errorOf(() => readOptions('cg', { rtol: 1e-3, tol: 1e-4 } as never, ['tol'], { rtol: 'tol' })).argument).toBe('cg options.rtol');
  });

  it('suggests by foreign spelling, by case/underscores, then by edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    const keys = ['tol', 'maxIter', 'onIteration', 'seed', 'full', 'vectors'];
    expect(suggestKey('maxiter', keys)).toBe('maxIter');
    expect(suggestKey('iter_lim', keys)).toBe('maxIter');
    expect(suggestKey('numItermax', keys)).toBe('maxIter');
    expect(suggestKey('full_matrices', keys)).toBe('full');
    expect(suggestKey('random_state', keys)).toBe('seed');
    expect(suggestKey('callback', keys)).toBe('onIteration');
    expect(suggestKey('max_Iter', keys)).toBe('maxIter');
    expect(suggestKey('maxItr', keys)).toBe('maxIter');
    expect(suggestKey('completelyDifferent', keys)).toBeUndefined();
  });
});

describe('public functions reject unknown option keys', () => {
  // [call, the key given, the suggestion expected (or null for none)]
  const cases: [string, () => unknown, string, string | null][] = [
    ['cg', () => sp.cg(A, [1, 2, 3], { maxiter: 5 } as never), 'maxiter', 'maxIter'],
    ['lsqr', () => sp.lsqr(A, [1, 2, 3], { iter_lim: 5 } as never), 'iter_lim', 'maxIter'],
    ['eigsh', () => sp.eigsh(A, 1, { maxiter: 5 } as never), 'maxiter', 'maxIter'],
    ['svd', () => sp.svd(D, { full_matrices: false } as never), 'full_matrices', 'full'],
    ['qr', () => sp.qr(D, { mod: 'r' } as never), 'mod', 'mode'],
    ['eigh', () => sp.eigh(D, { eigvals_only: true } as never), 'eigvals_only', 'vectors'],
    ['cholesky', () => sp.cholesky(D, { lower: true } as never), 'lower', 'upper'],
    ['lstsq', () => sp.lstsq(D, [1, 2], { rcnd: 1e-3 } as never), 'rcnd', 'rcond'],
    ['matmul', () => sp.matmul(D, D, { transa: true } as never), 'transa', 'transA'],
    ['pinv', () => sp.pinv(D, { rtol: 1e-3 } as never), 'rtol', null],
    ['solveTriangular', () => sp.solveTriangular(D, [1, 2], { unit_diagonal: true } as never), 'unit_diagonal', 'unitDiagonal'],
    ['randomizedSvd', () => sp.randomizedSvd(D, 1, { n_oversamples: 3 } as never), 'n_oversamples', 'oversamples'],
    ['sinkhorn', () => sp.sinkhorn(a3, a3, C3, { reg: 0.1, numItermax: 10 } as never), 'numItermax', 'maxIter'],
    ['sinkhornNewtonSparse', () => sp.sinkhornNewtonSparse(a3, a3, C3, { reg: 0.1, stopThr: 1e-9 } as never), 'stopThr', 'tol'],
    ['wassersteinEntropic', () => sp.wassersteinEntropic(a3, a3, C3, { reg: 0.1, numItermax: 10 } as never), 'numItermax', 'maxIter'],
    ['gridCost', () => sp.gridCost(2, 2, { metrc: 'cityblock' } as never), 'metrc', 'metric'],
    ['gaussianSketch', () => sp.gaussianSketch(2, 8, { random_state: 1 } as never), 'random_state', 'seed'],
    ['sketchAndSolve', () => sp.sketchAndSolve(D, [1, 2], { sed: 1 } as never), 'sed', 'seed'],
    ['spmv', () => sp.spmv(A, [1, 2, 3], { thread: 1 } as never), 'thread', 'threads'],
    ['spgemm', () => sp.spgemm(A, A, { sort: true } as never), 'sort', 'sorted'],
    ['identity', () => sp.identity(3, { formt: 'csc' } as never), 'formt', 'format'],
    ['random', () => sp.random(3, 3, 0.5, { random_state: 1 } as never), 'random_state', 'seed'],
    ['mmwrite', () => sp.mmwrite(A, { symetry: 'symmetric' } as never), 'symetry', 'symmetry'],
    ['mmread', () => sp.mmread('%%MatrixMarket matrix coordinate real general\n1 1 0\n', { fromat: 'csr' } as never), 'fromat', 'format'],
  ];
  it.each(cases)('%s', (_name, call, key, hint) => {
    const e = errorOf(call);
    expect(e.argument).toMatch(new RegExp(`options\\.${key}$`));
    if (hint) expect(e.message).toContain(`did you mean "${hint}"?`);
    else expect(e.message).not.toContain('did you mean');
  });

  it('routines that never call onIteration do not accept it (randomizedSvd, linfRegression, lstsq)', () => {
    const cb = () => undefined;
    expect(errorOf(() => sp.randomizedSvd(D, 1, { onIteration: cb } as never)).argument).toBe('randomizedSvd options.onIteration');
    expect(errorOf(() => sp.lstsq(D, [1, 2], { onIteration: cb } as never)).argument).toBe('lstsq options.onIteration');
    const M = Array.from({ length: 16 }, (_, i) => [1, i]);
    expect(errorOf(() => sp.linfRegression(M, Array.from({ length: 16 }, (_, i) => i), { onIteration: cb } as never)).argument).toBe('linfRegression options.onIteration');
  });

  it('null options are fine in sketch/ (they were a TypeError)', () => {
    expect(sp.gaussianSketch(2, 8, null as never).shape).toEqual([2, 8]);
    expect(sp.countSketch(2, 8, null as never).shape).toEqual([2, 8]);
    expect(sp.fwht([1, 1], null as never).length).toBe(2);
  });

  it("cg accepts SciPy's current name rtol with the same meaning as tol", () => {
    const byTol = sp.cg(A, [1, 2, 3], { tol: 1e-3 });
    const byRtol = sp.cg(A, [1, 2, 3], { rtol: 1e-3 });
    expect(byRtol.iterations).toBe(byTol.iterations);
    expect(Array.from(byRtol.x)).toEqual(Array.from(byTol.x));
    expect(() => sp.cg(A, [1, 2, 3], { rtol: 1e-3, tol: 1e-6 })).toThrow(ArgumentError);
  });
});
