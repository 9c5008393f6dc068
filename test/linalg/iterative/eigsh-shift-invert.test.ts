import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { csr } from '../../../src/formats/factories.js';
import type { CSRMatrix } from '../../../src/formats/csr.js';
import { qrFactor } from '../../../src/linalg/dense/qr.js';
import { solveTriangular } from '../../../src/linalg/dense/triangular.js';
import { eigsh } from '../../../src/linalg/iterative/eigsh.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { readMtx, toTriplets } from './helpers.js';
import { poisson2d } from './problems.js';

/** (A − σI)⁻¹ through a dense QR made once (test oracle for a user-supplied OPinv). */
function denseOPinv(A: CSRMatrix, sigma: number): (x: Float64Array) => Float64Array {
  const n = A.shape[0];
  const d = A.toDense();
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from({ length: n }, (_, j) => d.get(i, j) - (i === j ? sigma : 0)));
  const f = qrFactor(rows);
  const R = f.R();
  return (x) => solveTriangular(R, f.applyQT(x));
}

const skip = pythonMissing(['numpy', 'scipy']);

type Case = { name: string; make: () => CSRMatrix; k: number; sigma?: number; which: 'LM' | 'LA' | 'SA' | 'SM'; factor?: boolean };
const cases: Case[] = [
  { name: 'pts5ldd03 (SPD) nearest sigma = 9, below its spectrum', make: () => readMtx('pts5ldd03'), k: 4, sigma: 9, which: 'LM' },
  { name: 'can___24 interior, sigma = 1.3', make: () => readMtx('can___24'), k: 4, sigma: 1.3, which: 'LM' },
  { name: 'Poisson 20x20 interior, sigma = 3.9', make: () => poisson2d(20), k: 6, sigma: 3.9, which: 'LM' },
  { name: 'Poisson 20x20, which LA: just above sigma = 2.03', make: () => poisson2d(20), k: 3, sigma: 2.03, which: 'LA' },
  { name: "can___24 which 'SM' (no shift)", make: () => readMtx('can___24'), k: 3, which: 'SM' },
  { name: 'dwt_992 nearest sigma = 0.5 (sparse LU of an indefinite A − σI)', make: () => readMtx('dwt_992'), k: 5, sigma: 0.5, which: 'LM', factor: true },
  { name: 'bcspwr10 (n = 5300) nearest sigma = 1.7', make: () => readMtx('bcspwr10'), k: 4, sigma: 1.7, which: 'LM', factor: true },
  { name: 'Poisson 30x30 smallest via sigma = 0 (sparse Cholesky)', make: () => poisson2d(30), k: 4, sigma: 0, which: 'LM', factor: true },
  { name: 'pts5ldd03 nearest sigma = 40, factored', make: () => readMtx('pts5ldd03'), k: 3, sigma: 40, which: 'LM', factor: true },
];

// All SciPy references in one python run (each start of python + SciPy costs seconds here).
let refs: number[][] | null = null;
function reference(i: number): number[] {
  refs ??= runPython<number[][]>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
out = []
for c in inp:
    t = c['A']; A = sp.csc_array((t['data'], (t['row'], t['col'])), shape=tuple(t['shape']), dtype=float)
    kw = {'which': c['which']}
    if c['sigma'] is not None: kw['sigma'] = c['sigma']
    vals = sla.eigsh(A, c['k'], return_eigenvectors=False, v0=np.ones(A.shape[0]), **kw)
    out.append(sorted(vals.tolist()))
print(json.dumps(out))
`, cases.map((c) => ({ A: toTriplets(c.make()), k: c.k, which: c.which, sigma: c.sigma ?? null })));
  return refs[i]!;
}

describe('eigsh shift-invert (sparse factorization or user OPinv) and which SM, against scipy eigsh(sigma=...)', () => {
  cases.forEach((c, ci) => {
    it.skipIf(skip !== null)(c.name, () => {
      const A = c.make();
      const ref = reference(ci);
      const { k, sigma, which } = c;
      const r = sigma === undefined
        ? eigsh(A, k, { which, seed: 1 })
        : c.factor
          ? eigsh(A, k, { sigma, which, seed: 1 })
          : eigsh(A, k, { sigma, which, OPinv: denseOPinv(A, sigma), seed: 1 });
      expect(r.converged).toBe(true);
      const scale = Math.max(1, ...ref.map(Math.abs));
      for (let i = 0; i < k; i++) expect(Math.abs(r.values[i]! - ref[i]!), `value ${i}: ${r.values[i]} vs ${ref[i]}`).toBeLessThan(1e-9 * scale);
      // Eigenvector residuals against A itself.
      const n = A.shape[0];
      for (let i = 0; i < k; i++) {
        const v = Float64Array.from({ length: n }, (_, t) => r.vectors.get(t, i));
        const av = A.matvec(v);
        let e = 0;
        for (let t = 0; t < n; t++) e += (av[t]! - r.values[i]! * v[t]!) ** 2;
        expect(Math.sqrt(e)).toBeLessThan(1e-8 * scale);
      }
    });
  });
});

describe("eigsh which: 'SM' and sigma = 0 by hand", () => {
  it('Poisson 1-D (n = 30): the smallest is 2 − 2cos(π/31), by hand', () => {
    const n = 30;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)));
    const A = csr(rows);
    const r = eigsh(A, 2, { which: 'SM', seed: 0, maxIter: 2000 });
    expect(r.converged).toBe(true);
    expect(r.values[0]).toBeCloseTo(2 - 2 * Math.cos(Math.PI / 31), 10);
    expect(r.values[1]).toBeCloseTo(2 - 2 * Math.cos((2 * Math.PI) / 31), 10);
    // Shift-invert at 0 gets the same values in far fewer products.
    const si = eigsh(A, 2, { sigma: 0, OPinv: denseOPinv(A, 0), seed: 0 });
    expect(si.values[0]).toBeCloseTo(r.values[0]!, 10);
    expect(si.values[1]).toBeCloseTo(r.values[1]!, 10);
    expect(si.matvecs).toBeLessThan(r.matvecs);
  });
});

describe('eigsh shift-invert errors', () => {
  const A = csr([[2, 1, 0], [1, 2, 1], [0, 1, 2]]);
  it('typed errors', () => {
    expect(() => eigsh(A, 1, { OPinv: (x: Float64Array) => x })).toThrow(/OPinv/);
    expect(() => eigsh(A, 1, { sigma: NaN })).toThrow(/sigma/);
    expect(() => eigsh(A, 1, { sigma: 1, OPinv: csr([[1, 0], [0, 1]]) })).toThrow(ShapeError);
    expect(() => eigsh(A, 1, { sigma: 1, OPinv: 'lu' as never })).toThrow(ArgumentError);
    expect(() => eigsh(A, 1, { which: 'BE' as never })).toThrow(/which/);
    expect(() => eigsh(A, 1, { mode: 'cayley' } as never)).toThrow(/options\.mode/);
    // A given only as an operator cannot be factored: OPinv is required.
    const op = { shape: [3, 3] as [number, number], matvec: (x: Float64Array) => A.matvec(x), rmatvec: (x: Float64Array) => A.matvec(x) };
    expect(() => eigsh(op, 1, { sigma: 1 })).toThrow(/OPinv: expected an OPinv operator/);
    // σ exactly an eigenvalue (2 is one of 2, 2 ± √2): A − σI is singular.
    expect(() => eigsh(A, 1, { sigma: 2 })).toThrow(ArgumentError);
  });
  it('the factorization path: dense input, sigma = 0, and the same values as with OPinv', () => {
    const P = poisson2d(8);
    const viaFactor = eigsh(P, 3, { sigma: 0.7, seed: 2 });
    const viaOPinv = eigsh(P, 3, { sigma: 0.7, OPinv: denseOPinv(P, 0.7), seed: 2 });
    const viaDense = eigsh(P.toDense(), 3, { sigma: 0.7, seed: 2 });
    for (let i = 0; i < 3; i++) {
      expect(viaFactor.values[i]).toBeCloseTo(viaOPinv.values[i]!, 11);
      expect(viaDense.values[i]).toBeCloseTo(viaOPinv.values[i]!, 11);
    }
    // Exact: eigenvalues of the 8x8-grid Laplacian are 4 − 2cos(iπ/9) − 2cos(jπ/9); the smallest is i = j = 1.
    const small = eigsh(P, 1, { sigma: 0, seed: 0 });
    expect(small.values[0]).toBeCloseTo(4 - 4 * Math.cos(Math.PI / 9), 12);
  });
});

describe('eigsh shift-invert: the factorization it makes', () => {
  it('is freed when eigsh returns or throws (Cholesky and LU factors in WASM memory)', () => {
    const w = getWasm()!;
    const A = poisson2d(20);
    // Cholesky (sigma below the spectrum), LU (interior sigma): a first call takes any scratch
    // the kernels keep across calls.
    for (const sigma of [0.001, 3.9]) {
      eigsh(A, 3, { sigma });
      const before = w.arena.allocated;
      const r = eigsh(A, 3, { sigma });
      expect(r.values.length).toBe(3);
      expect(w.arena.allocated).toBe(before);
      // A callback that throws ends the run after the factorization.
      expect(() => eigsh(A, 3, { sigma, onIteration: () => { throw new Error('stop'); } })).toThrow('stop');
      expect(w.arena.allocated).toBe(before);
    }
  });
});
