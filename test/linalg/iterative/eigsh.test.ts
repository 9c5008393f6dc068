import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { getBackend, setBackend } from '../../../src/kernels/runtime/backend.js';
import { asDenseMatrix } from '../../../src/formats/dense.js';
import { eigsh } from '../../../src/linalg/iterative/eigsh.js';
import { eighDense } from '../../../src/linalg/dense/eigh.js';
import { aslinearoperator } from '../../../src/linalg/iterative/linear-operator.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fixtureDir, poisson2d, readMtx, toTriplets } from './helpers.js';

interface GoldenEig { problem: string; which: 'LM' | 'LA' | 'SA'; k: number; values: number[] }
const golden = JSON.parse(readFileSync(join(fixtureDir, 'golden', 'linalg-iterative.json'), 'utf8')) as { eigsh: GoldenEig[] };

function residuals(A: { matvec(x: Float64Array): Float64Array }, r: ReturnType<typeof eigsh>): number[] {
  const V = asDenseMatrix(r.vectors);
  const out: number[] = [];
  for (let t = 0; t < V.cols; t++) {
    const v = Float64Array.from({ length: V.rows }, (_, i) => V.data[i * V.cols + t]!);
    const av = A.matvec(v);
    let s = 0;
    for (let i = 0; i < v.length; i++) s += (av[i]! - r.values[t]! * v[i]!) ** 2;
    out.push(Math.sqrt(s));
  }
  return out;
}

describe('eigsh', () => {
  it('matches ARPACK (golden) on bcspwr10 and dwt_992 for LM, LA and SA, with small true residuals', () => {
    const mats = { bcspwr10: readMtx('bcspwr10'), dwt_992: readMtx('dwt_992') };
    for (const g of golden.eigsh) {
      const A = mats[g.problem as keyof typeof mats];
      const r = eigsh(A, g.k, { which: g.which, seed: 7 });
      const label = `${g.problem} ${g.which}`;
      expect(r.converged, label).toBe(true);
      g.values.forEach((v, i) => expect(Math.abs(r.values[i]! - v), `${label} λ${i}`).toBeLessThanOrEqual(1e-10 * Math.abs(v)));
      for (const res of residuals(A, r)) expect(res, label).toBeLessThan(1e-9 * Math.max(...g.values.map(Math.abs)));
      expect(r.history.length).toBe(r.iterations);
    }
  });

  it('matches live SciPy eigsh on the 2-D Poisson matrix (clustered spectrum)', (ctx) => {
    const why = pythonMissing();
    if (why) return ctx.skip(why);
    const A = poisson2d(25);
    const py = runPython<Record<string, number[]>>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
t = inp; A = sp.csr_array((t['data'], (t['row'], t['col'])), shape=t['shape'])
print(json.dumps({w: sorted(sla.eigsh(A, 5, which=w, return_eigenvectors=False).tolist()) for w in ['LM', 'SA']}))
`, toTriplets(A));
    for (const which of ['LM', 'SA'] as const) {
      const r = eigsh(A, 5, { which, seed: 1 });
      expect(r.converged).toBe(true);
      py[which]!.forEach((v, i) => expect(Math.abs(r.values[i]! - v)).toBeLessThanOrEqual(1e-10 * Math.abs(v)));
    }
  });

  it('the JS backend (no WASM Gram–Schmidt) gives the same eigenvalues', () => {
    const before = getBackend();
    try {
      setBackend('js');
      const A = readMtx('bcspwr10');
      const js = eigsh(A, 4, { which: 'LA', seed: 3 });
      setBackend('wasm');
      const wasm = eigsh(A, 4, { which: 'LA', seed: 3 });
      expect(js.converged && wasm.converged).toBe(true);
      js.values.forEach((v, i) => expect(Math.abs(v - wasm.values[i]!)).toBeLessThan(1e-12 * Math.abs(v)));
    } finally {
      setBackend(before);
    }
  });

  it('small problems agree with the dense eigh; LinearOperator input works', () => {
    const A = poisson2d(4); // n = 16
    const dense = eighDense(asDenseMatrix(A.toDense())).values;
    const r = eigsh(aslinearoperator((x) => A.matvec(x), { shape: [16, 16], symmetric: true }), 3, { which: 'SA', seed: 2 });
    for (let i = 0; i < 3; i++) expect(r.values[i]).toBeCloseTo(dense[i]!, 12);
    const l = eigsh(A, 2, { which: 'LA', ncv: 16, seed: 2 });
    expect(l.values[1]).toBeCloseTo(dense[15]!, 12);
  });

  it('non-convergence is reported, onIteration can stop, and the start vector is seeded', () => {
    const A = readMtx('bcspwr10');
    const r = eigsh(A, 6, { which: 'SA', maxIter: 2, seed: 1 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    expect(r.nconv).toBeLessThan(6);
    const s = eigsh(A, 6, { seed: 1, onIteration: (info) => info.iteration < 1 });
    expect(s).toMatchObject({ stopped: true, converged: false, iterations: 1 });
    const a = eigsh(A, 2, { seed: 5 });
    const b = eigsh(A, 2, { seed: 5 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.matvecs).toBe(b.matvecs);
  });

  it('throws typed errors', () => {
    const A = poisson2d(3);
    expect(() => eigsh([[1, 2, 3], [4, 5, 6]], 1)).toThrow(ShapeError);
    expect(() => eigsh(A, 9)).toThrow(ArgumentError);
    expect(() => eigsh(A, 0)).toThrow(ArgumentError);
    expect(() => eigsh(A, 2, { which: 'BE' as never })).toThrow(ArgumentError);
    expect(() => eigsh(A, 2, { ncv: 2 })).toThrow(ArgumentError);
    expect(() => eigsh(A, 2, { v0: [1, 2] })).toThrow(ShapeError);
  });
});
