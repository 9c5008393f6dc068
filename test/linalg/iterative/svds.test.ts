import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { csr } from '../../../src/formats/factories.js';
import type { CSRMatrix } from '../../../src/formats/csr.js';
import { svds } from '../../../src/linalg/iterative/svds.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { readMtx, toTriplets } from './helpers.js';
import { convdiff2d } from './problems.js';

/** ‖A·v_i − s_i·u_i‖ and ‖Aᵀu_i − s_i·v_i‖, max over i, relative to s_max. */
function tripletError(A: CSRMatrix, r: ReturnType<typeof svds>): number {
  const [m, n] = A.shape;
  const k = r.s.length;
  let worst = 0;
  for (let i = 0; i < k; i++) {
    const u = Float64Array.from({ length: m }, (_, t) => r.u.get(t, i));
    const v = Float64Array.from({ length: n }, (_, t) => r.vt.get(i, t));
    const av = A.matvec(v);
    const atu = A.rmatvec(u);
    let e1 = 0;
    let e2 = 0;
    for (let t = 0; t < m; t++) e1 += (av[t]! - r.s[i]! * u[t]!) ** 2;
    for (let t = 0; t < n; t++) e2 += (atu[t]! - r.s[i]! * v[t]!) ** 2;
    worst = Math.max(worst, Math.sqrt(e1), Math.sqrt(e2));
  }
  return worst / r.s[k - 1]!;
}

describe('svds against SciPy svds and NumPy svd (live)', () => {
  const skip = pythonMissing(['numpy', 'scipy']);
  const cases: { name: string; make: () => CSRMatrix; k: number; which: 'LM' | 'SM' }[] = [
    { name: 'ash219 (219 x 85, tall)', make: () => readMtx('ash219'), k: 6, which: 'LM' },
    { name: 'lp_e226 (223 x 472, wide)', make: () => readMtx('lp_e226'), k: 5, which: 'LM' },
    { name: 'bfwa62 (square, non-symmetric)', make: () => readMtx('bfwa62'), k: 4, which: 'LM' },
    { name: 'convdiff 15x15 (225 x 225)', make: () => convdiff2d(15, 0.5, 0.3), k: 3, which: 'SM' },
    { name: 'ash219 smallest', make: () => readMtx('ash219'), k: 3, which: 'SM' },
  ];
  // All references in one python run (each start of python + SciPy costs seconds here).
  let refs: { scipy: number[]; numpy: number[] }[] | null = null;
  const reference = (i: number) => {
    refs ??= runPython<{ scipy: number[]; numpy: number[] }[]>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
out = []
for c in inp:
    t = c['A']; A = sp.csr_array((t['data'], (t['row'], t['col'])), shape=tuple(t['shape']), dtype=float)
    k = c['k']; which = c['which']
    s = sla.svds(A, k, which=which, return_singular_vectors=False, rng=np.random.default_rng(0))
    full = np.linalg.svd(A.toarray(), compute_uv=False)
    ref = np.sort(full[:k]) if which == 'LM' else np.sort(full[-k:])
    out.append({'scipy': np.sort(s).tolist(), 'numpy': ref.tolist()})
print(json.dumps(out))
`, cases.map((c) => ({ A: toTriplets(c.make()), k: c.k, which: c.which })));
    return refs[i]!;
  };
  cases.forEach(({ name, make, k, which }, ci) => {
    it.skipIf(skip !== null)(`${name}, k=${k}, which=${which}`, () => {
      const A = make();
      const py = reference(ci);
      const r = svds(A, k, { which, seed: 3 });
      expect(r.converged).toBe(true);
      const smax = Math.max(...py.numpy);
      for (let i = 0; i < k; i++) {
        // The normal operator squares the condition: small σ are accurate to about ε·σ_max²/σ.
        const tol = which === 'LM' ? 1e-10 * smax : 1e-7 * smax;
        expect(Math.abs(r.s[i]! - py.numpy[i]!), `s[${i}] vs numpy`).toBeLessThan(tol);
        expect(Math.abs(r.s[i]! - py.scipy[i]!), `s[${i}] vs scipy svds`).toBeLessThan(tol);
      }
      expect(tripletError(A, r)).toBeLessThan(which === 'LM' ? 1e-8 : 1e-5);
    });
  });
});

describe('svds: hand cases, orthonormality, errors', () => {
  it('diagonal matrix: exact values and vectors, ascending', () => {
    const A = csr([[5, 0, 0, 0], [0, 1, 0, 0], [0, 0, 3, 0], [0, 0, 0, 2], [0, 0, 0, 0]]);
    const r = svds(A, 3, { seed: 0 });
    expect(Array.from(r.s).map((v) => Math.round(v * 1e10) / 1e10)).toEqual([2, 3, 5]);
    // v for s = 5 is ±e0, u is ±e0 with the same sign.
    expect(Math.abs(r.vt.get(2, 0))).toBeCloseTo(1, 10);
    expect(r.u.get(0, 2) * r.vt.get(2, 0)).toBeCloseTo(1, 10);
    const sm = svds(A, 2, { which: 'SM', seed: 0 });
    expect(Array.from(sm.s).map((v) => Math.round(v * 1e8) / 1e8)).toEqual([1, 2]);
  });
  it('u and v have orthonormal columns; a matrix-free operator works', () => {
    const A = convdiff2d(10, 0.3, 0.1);
    const op = { shape: A.shape, matvec: (x: Float64Array) => A.matvec(x), rmatvec: (y: Float64Array) => A.rmatvec(y) };
    const r = svds(op, 4, { seed: 2 });
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let uu = 0;
        let vv = 0;
        for (let t = 0; t < 100; t++) { uu += r.u.get(t, i) * r.u.get(t, j); vv += r.vt.get(i, t) * r.vt.get(j, t); }
        expect(uu).toBeCloseTo(i === j ? 1 : 0, 10);
        expect(vv).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    const direct = svds(A, 4, { seed: 2 });
    for (let i = 0; i < 4; i++) expect(r.s[i]).toBeCloseTo(direct.s[i]!, 10);
  });
  it('bad input gives typed errors', () => {
    const A = csr([[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
    expect(() => svds(A, 3)).toThrow(/k: expected an integer in \[1, 2\]/);
    expect(() => svds(A, 0)).toThrow(ArgumentError);
    expect(() => svds(A, 1, { which: 'LA' as never })).toThrow(/which/);
    expect(() => svds(A, 1, { v0: [1, 2] })).toThrow(ShapeError);
    expect(() => svds(A, 1, { v0: [1, 2, NaN] })).toThrow(ArgumentError);
    expect(() => svds(A, 1, { k: 2 } as never)).toThrow(/options\.k/);
    expect(() => svds(csr([[1, 2, 3]]), 1)).toThrow(ArgumentError);
  });
});
