/**
 * choleskySparse against NumPy: solutions, L·Lᵀ = A[p][:, p], log-determinants, updateValues equal
 * to a fresh factorization, typed errors.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, type CSCMatrix, ShapeError, SparseCholesky, choleskySparse, createRng, csc, setBackend, spgemm } from '../../../src/index.js';
import { analyzeCholesky } from '../../../src/linalg/direct/cholesky-symbolic.js';
import { factorSupernodal } from '../../../src/linalg/direct/cholesky-numeric.js';
import { DescendantLists } from '../../../src/linalg/direct/supernode-lists.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fixture, laplacianPlusIdentity, relResidual, rhs } from './helpers.js';
import { poisson2d, poisson3d } from './problems.js';

function permuted(A: CSCMatrix, p: Int32Array): number[][] {
  const D = A.toDense();
  return Array.from(p, (pi) => Array.from(p, (pj) => D.get(pi, pj)));
}

const spd: [string, () => CSCMatrix][] = [
  ['Poisson 2-D 30x30', () => poisson2d(30)],
  ['Poisson 3-D 8^3', () => poisson3d(8)],
  ['LFAT5', () => fixture('LFAT5')],
  ['pts5ldd03', () => fixture('pts5ldd03')],
  ['dwt_992 Laplacian + I', () => laplacianPlusIdentity(fixture('dwt_992'))],
  ['jagmesh7 Laplacian + I', () => laplacianPlusIdentity(fixture('jagmesh7'))],
];

describe('choleskySparse', () => {
  for (const [name, make] of spd) {
    it(`${name}: residual, L·Lᵀ = A[p][:, p], supernodes cover L`, () => {
      const A = make();
      const n = A.shape[0];
      const F = choleskySparse(A);
      const b = rhs(n);
      const x = F.solve(b);
      expect(relResidual(A, x, b)).toBeLessThan(name === 'LFAT5' ? 1e-9 : 1e-12);
      const L = F.L;
      expect(L.nnz).toBeLessThanOrEqual(F.nnzL);
      const LLt = spgemm(L, L.transpose().toCSC()).toDense();
      const P = permuted(A, F.perm);
      let err = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          err = Math.max(err, Math.abs(LLt.get(i, j) - P[i]![j]!));
          scale = Math.max(scale, Math.abs(P[i]![j]!));
        }
      }
      expect(err / scale).toBeLessThan(1e-13);
      // L is lower triangular with a positive diagonal.
      for (let j = 0; j < n; j++) {
        expect(L.indices[L.indptr[j]!]).toBe(j);
        expect(L.data[L.indptr[j]!]!).toBeGreaterThan(0);
      }
    });
  }

  it('solveInPlace, dense and sparse right-hand sides agree with solve', () => {
    const A = poisson2d(12);
    const F = choleskySparse(A);
    const b = rhs(144);
    const x = F.solve(b);
    const y = Float64Array.from(b);
    F.solveInPlace(y);
    expect(Array.from(y)).toEqual(Array.from(x));
    const B = Array.from({ length: 144 }, (_, i) => [b[i]!, 2 * b[i]!]);
    const X = F.solve(B);
    for (let i = 0; i < 144; i++) {
      expect(X.get(i, 0)).toBeCloseTo(x[i]!, 13);
      expect(X.get(i, 1)).toBeCloseTo(2 * x[i]!, 13);
    }
    const e3 = new COOMatrix({ row: [3], col: [0], data: [1], shape: [144, 1] });
    const S = F.solve(e3);
    const d = new Float64Array(144);
    d[3] = 1;
    const col = F.solve(d);
    const Sd = S.toDense();
    for (let i = 0; i < 144; i++) expect(Sd.get(i, 0)).toBeCloseTo(col[i]!, 14);
  });

  it('user ordering and natural ordering give the same solution; the factor keeps the given order up to a postorder', () => {
    const A = poisson2d(10);
    const b = rhs(100);
    const x1 = choleskySparse(A).solve(b);
    const x2 = choleskySparse(A, { ordering: 'natural' }).solve(b);
    const rev = Int32Array.from({ length: 100 }, (_, i) => 99 - i);
    const x3 = choleskySparse(A, { ordering: rev }).solve(b);
    for (let i = 0; i < 100; i++) {
      expect(x2[i]).toBeCloseTo(x1[i]!, 12);
      expect(x3[i]).toBeCloseTo(x1[i]!, 12);
    }
  });

  it('updateValues gives the same factor as a fresh factorization; a new pattern is refused', () => {
    const A = poisson2d(15);
    const F = choleskySparse(A);
    const A2 = A.clone();
    for (let p = 0; p < A2.data.length; p++) A2.data[p] = A2.data[p]! * (A2.data[p]! > 0 ? 1.5 : 0.7);
    const fresh = choleskySparse(A2);
    const before = F.L;
    F.updateValues(A2);
    expect(F.L).not.toBe(before);
    expect(Array.from(F.perm)).toEqual(Array.from(fresh.perm));
    expect(Array.from(F.L.indices)).toEqual(Array.from(fresh.L.indices));
    expect(Array.from(F.L.data)).toEqual(Array.from(fresh.L.data));
    expect(F.logDet()).toBe(fresh.logDet());
    expect(() => F.updateValues(poisson2d(14))).toThrow(ArgumentError);
    // A failed update leaves the factor as it was.
    const bad = A2.clone();
    bad.data.fill(-1);
    expect(() => F.updateValues(bad)).toThrow(ArgumentError);
    expect(F.logDet()).toBe(fresh.logDet());
  });

  it('supernodal updates wider than one column block: L·Lᵀ = A[p][:, p], and the WASM and JS numeric phases agree', () => {
    // 3-D 14³ by nested dissection: separators of up to 196 columns, so descendant updates reach
    // more than 64 target columns (several column blocks), consecutive or not.
    const A = poisson3d(14);
    const n = A.shape[0];
    const S = analyzeCholesky(A, 'nesdis', true, 'supernodal');
    let wide = 0;
    let scattered = 0;
    const lists = new DescendantLists(S);
    for (let s = 0; s < S.nsuper; s++) {
      lists.forEach(s, (d, p1, p2) => {
        const r0 = S.rowPtr[d]!;
        const k = p2 - p1;
        const m = S.rowPtr[d + 1]! - r0 - p1;
        if (m * k * (S.superStart[d + 1]! - S.superStart[d]!) <= 4096) return;
        if (k > 64) wide++;
        if (S.rows[r0 + p2 - 1]! - S.rows[r0 + p1]! !== k - 1) scattered++;
      });
      lists.factored(s);
    }
    expect(wide).toBeGreaterThan(0);
    expect(scattered).toBeGreaterThan(0);
    const pattern = { indptr: A.indptr, indices: A.indices };
    const factors = (['wasm', 'js'] as const).map((b) => {
      setBackend(b);
      try {
        return new SparseCholesky(S, pattern, factorSupernodal(S, A.data));
      } finally {
        setBackend('auto');
      }
    });
    // L·Lᵀ·x = A[p][:, p]·x for random x (probes of the factorization's defining identity).
    const rng = createRng(3);
    for (const F of factors) {
      const L = F.L;
      const Lt = L.transpose().toCSC();
      for (let t = 0; t < 3; t++) {
        const x = Float64Array.from({ length: n }, () => rng.random() - 0.5);
        const y = L.matvec(Lt.matvec(x));
        const xo = new Float64Array(n);
        for (let k = 0; k < n; k++) xo[F.perm[k]!] = x[k]!;
        const ao = A.matvec(xo);
        let err = 0;
        let nrm = 0;
        for (let k = 0; k < n; k++) {
          err = Math.max(err, Math.abs(y[k]! - ao[F.perm[k]!]!));
          nrm = Math.max(nrm, Math.abs(ao[F.perm[k]!]!));
        }
        expect(err / nrm).toBeLessThan(1e-13);
      }
    }
    const [Lw, Lj] = factors.map((F) => F.L);
    expect(Array.from(Lw!.indptr)).toEqual(Array.from(Lj!.indptr));
    let diff = 0;
    for (let p = 0; p < Lj!.nnz; p++) diff = Math.max(diff, Math.abs(Lw!.data[p]! - Lj!.data[p]!));
    expect(diff).toBeLessThan(1e-13);
  });

  const skip = pythonMissing(['numpy']);
  it.skipIf(!!skip)('logDet and solutions match NumPy (slogdet, solve)', () => {
    const mats = [poisson2d(9), poisson3d(5), fixture('pts5ldd03'), fixture('LFAT5'), laplacianPlusIdentity(fixture('can___24'))];
    const ref = runPython<{ logdet: number; x: number[] }[]>(`
import numpy as np
out = []
for m in inp:
    A = np.array(m['A'])
    s, ld = np.linalg.slogdet(A)
    out.append({'logdet': float(ld), 'x': np.linalg.solve(A, np.array(m['b'])).tolist()})
print(json.dumps(out))
`, mats.map((A) => {
      const D = A.toDense();
      return { A: Array.from({ length: A.shape[0] }, (_, i) => Array.from({ length: A.shape[0] }, (_, j) => D.get(i, j))), b: Array.from(rhs(A.shape[0])) };
    }));
    mats.forEach((A, t) => {
      const F = choleskySparse(A);
      expect(Math.abs(F.logDet() - ref[t]!.logdet)).toBeLessThan(1e-10 * Math.max(1, Math.abs(ref[t]!.logdet)));
      const x = F.solve(rhs(A.shape[0]));
      const xr = ref[t]!.x;
      const nrm = Math.sqrt(xr.reduce((s, v) => s + v * v, 0));
      const err = Math.sqrt(xr.reduce((s, v, i) => s + (v - x[i]!) ** 2, 0));
      expect(err / nrm).toBeLessThan(t === 3 ? 1e-7 : 1e-12);
    });
  });

  it('typed errors: not positive definite names the column, non-square, NaN, bad options', () => {
    // Indefinite: the pivot of original column 2 is negative.
    const A = csc([[2, 0, 0], [0, 1, 0], [0, 0, -3]]);
    let err: unknown;
    try {
      choleskySparse(A, { ordering: 'natural' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as Error).message).toMatch(/column 2/);
    expect(() => choleskySparse(csc([[1, 2, 3], [4, 5, 6]]))).toThrow(ShapeError);
    expect(() => choleskySparse(csc([[1, 0], [0, Number.NaN]]))).toThrow(ArgumentError);
    expect(() => choleskySparse(poisson2d(3), { orderig: 'amd' } as never)).toThrow(/orderig/);
    expect(() => choleskySparse(poisson2d(3), { ordering: 'colamd' } as never)).toThrow(ArgumentError);
    expect(() => choleskySparse(poisson2d(3), { ordering: [0, 1, 1, 3, 4, 5, 6, 7, 8] })).toThrow(/ordering\[2\]/);
    expect(() => choleskySparse(poisson2d(3)).solve([1, 2])).toThrow(ShapeError);
    expect(() => choleskySparse([[1]] as never)).toThrow(ArgumentError);
  });

  it('does not modify its input; handles n = 0 and n = 1', () => {
    const A = poisson2d(6);
    const copy = { p: A.indptr.slice(), i: A.indices.slice(), d: A.data.slice() };
    choleskySparse(A).solve(rhs(36));
    expect(A.indptr).toEqual(copy.p);
    expect(A.indices).toEqual(copy.i);
    expect(A.data).toEqual(copy.d);
    expect(choleskySparse(csc({ indptr: [0], indices: [], data: [], shape: [0, 0] })).solve([]).length).toBe(0);
    expect(Array.from(choleskySparse(csc([[4]])).solve([8]))).toEqual([2]);
  });
});
