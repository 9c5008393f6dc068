/**
 * The simplicial layout (up-looking Cholesky; left-looking LU with diagonal pivots on the
 * Cholesky structure of A + Aᵀ) against the supernodal layout in the same order, and its WASM and
 * JS loops against each other (the same operations in the same order: bit-identical factors).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COOMatrix, type CSCMatrix, SparseCholesky, choleskySparse, csc, setBackend, splu } from '../../../src/index.js';
import { analyzeCholesky } from '../../../src/linalg/direct/cholesky-symbolic.js';
import { factorSimplicial } from '../../../src/linalg/direct/cholesky-simplicial.js';
import { factorSupernodal } from '../../../src/linalg/direct/cholesky-numeric.js';
import { analyzeSymmetricLU, luSupernodal } from '../../../src/linalg/direct/lu-supernodal.js';
import { luSimplicial } from '../../../src/linalg/direct/lu-simplicial.js';
import { isSymmetric, offDiagonalPattern, symmetricPattern } from '../../../src/linalg/direct/pattern.js';
import { fixture, laplacianPlusIdentity, relResidual } from './helpers.js';
import { convectionDiffusion2d, poisson2d, poisson3d } from './problems.js';

/** max |X − Y| / max |X| over two CSC matrices with the same pattern (which is asserted). */
function samePatternRelErr(X: CSCMatrix, Y: CSCMatrix): number {
  expect(Array.from(X.indptr)).toEqual(Array.from(Y.indptr));
  expect(Array.from(X.indices)).toEqual(Array.from(Y.indices));
  let err = 0;
  let scale = 0;
  X.data.forEach((v, p) => {
    err = Math.max(err, Math.abs(v - Y.data[p]!));
    scale = Math.max(scale, Math.abs(v));
  });
  return err / scale;
}

const spd: [string, () => CSCMatrix][] = [
  ['Poisson 2-D 20x20', () => poisson2d(20)],
  ['Poisson 3-D 7^3', () => poisson3d(7)],
  ['jagmesh7 Laplacian + I', () => laplacianPlusIdentity(fixture('jagmesh7'))],
];

const nonsym: [string, () => CSCMatrix][] = [
  ['convection-diffusion 2-D 30x30, Pe 100', () => convectionDiffusion2d(30, 100)],
  ['Poisson 3-D 7^3', () => poisson3d(7)],
  ['convection-diffusion 2-D 20x20, Pe 1000', () => convectionDiffusion2d(20, 1000)],
  ['convection-diffusion 2-D 20x20 without some entries above the diagonal (non-symmetric pattern)', () => dropSome(convectionDiffusion2d(20, 100))],
];

/** A without the entries (i, i + 1) for even i: a non-symmetric pattern, still diagonally dominant. */
function dropSome(A: CSCMatrix): CSCMatrix {
  const row: number[] = [];
  const col: number[] = [];
  const data: number[] = [];
  for (let j = 0; j < A.shape[1]; j++) {
    for (let p = A.indptr[j]!; p < A.indptr[j + 1]!; p++) {
      const i = A.indices[p]!;
      if (j === i + 1 && i % 2 === 0) continue;
      row.push(i);
      col.push(j);
      data.push(A.data[p]!);
    }
  }
  return new COOMatrix({ row, col, data, shape: [A.shape[0], A.shape[1]] }).toCSC();
}

describe('simplicial layout', () => {
  afterEach(() => setBackend('auto'));

  for (const [name, make] of spd) {
    it(`${name}: simplicial Cholesky equals supernodal Cholesky in the same order`, () => {
      const A = make();
      const pattern = { indptr: A.indptr, indices: A.indices };
      const Ssup = analyzeCholesky(A, 'amd', true, 'supernodal');
      const Ssim = analyzeCholesky(A, Ssup.perm, true, 'simplicial');
      expect(Ssim.simplicial && !Ssup.simplicial).toBe(true);
      expect(Ssim.nnzL).toBe(Ssup.nnzL);
      expect(Ssim.flops).toBe(Ssup.flops);
      const Fsup = new SparseCholesky(Ssup, pattern, factorSupernodal(Ssup, A.data));
      const Fsim = new SparseCholesky(Ssim, pattern, factorSimplicial(Ssim, A.data));
      expect(samePatternRelErr(Fsup.L, Fsim.L)).toBeLessThan(1e-13);
      expect(Math.abs(Fsim.logDet() - Fsup.logDet())).toBeLessThan(1e-11 * Math.abs(Fsup.logDet()));
      const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.cos(i));
      const x1 = Fsup.solve(b);
      const x2 = Fsim.solve(b);
      let d = 0;
      x1.forEach((v, i) => { d = Math.max(d, Math.abs(v - x2[i]!)); });
      expect(d).toBeLessThan(1e-12 * Math.max(...Array.from(x1, Math.abs)));
    });
  }

  for (const [name, make] of nonsym) {
    it(`${name}: simplicial diagonal-pivot LU equals the supernodal one in the same order`, () => {
      const A = make();
      const G = symmetricPattern(A);
      const Ssup = analyzeSymmetricLU(G, 'amd', 'supernodal');
      const Ssim = analyzeSymmetricLU(G, Ssup.perm, 'simplicial');
      const fsup = luSupernodal(A, A.toCSR(), Ssup, 0.1)!;
      const fsim = luSimplicial(A, Ssim, 0.1)!;
      expect(fsup).not.toBeNull();
      expect(fsim).not.toBeNull();
      expect(Array.from(fsim.pinv)).toEqual(Array.from(fsup.pinv));
      expect(samePatternRelErr(fsup.L.sortIndices(), fsim.L.sortIndices())).toBeLessThan(1e-13);
      expect(samePatternRelErr(fsup.U.sortIndices(), fsim.U.sortIndices())).toBeLessThan(1e-13);
      expect(fsim.flops).toBe(fsup.flops);
    });
  }

  it('simplicial LU gives up (null) when a diagonal pivot fails the threshold test', () => {
    const A = csc([[1e-3, 1], [1, 1e-3]]);
    const S = analyzeSymmetricLU(symmetricPattern(A), 'amd', 'simplicial');
    expect(luSimplicial(A, S, 0.5)).toBeNull();
    expect(luSimplicial(A, S, 1e-4)).not.toBeNull();
  });

  it('WASM and JS loops give bit-identical factors (Cholesky and LU)', () => {
    for (const A of [poisson2d(25), laplacianPlusIdentity(fixture('jagmesh7'))]) {
      setBackend('js');
      const Fjs = choleskySparse(A);
      setBackend('wasm');
      const Fw = choleskySparse(A);
      expect(Fjs.nsuper).toBe(A.shape[0]);
      expect(Fw.nsuper).toBe(A.shape[0]);
      expect(Array.from(Fw.L.indices)).toEqual(Array.from(Fjs.L.indices));
      expect(Array.from(Fw.L.data)).toEqual(Array.from(Fjs.L.data));
    }
    // The second matrix has structural zeros in A + Aᵀ's structure: both loops drop them.
    for (const [C, drops] of [[convectionDiffusion2d(25, 100), false], [dropSome(convectionDiffusion2d(20, 100)), true]] as const) {
      const S = analyzeSymmetricLU(symmetricPattern(C), 'amd', 'simplicial');
      setBackend('js');
      const ljs = luSimplicial(C, S, 0.1)!;
      setBackend('wasm');
      const lw = luSimplicial(C, S, 0.1)!;
      // Both factors fill the Cholesky structure (nnzL entries each) less the dropped zeros.
      const kept = ljs.L.nnz + ljs.U.nnz;
      if (drops) expect(kept).toBeLessThan(2 * S.nnzL);
      else expect(kept).toBe(2 * S.nnzL);
      expect(lw.flops).toBe(ljs.flops);
      for (const [X, Y] of [[ljs.L, lw.L], [ljs.U, lw.U]] as const) {
        expect(Array.from(Y.indptr)).toEqual(Array.from(X.indptr));
        expect(Array.from(Y.indices)).toEqual(Array.from(X.indices));
        expect(Array.from(Y.data)).toEqual(Array.from(X.data));
      }
    }
  });

  it('WASM and JS solves give bit-identical solutions (simplicial Cholesky, LU)', () => {
    const cases: [CSCMatrix, (A: CSCMatrix) => { solve(b: Float64Array): Float64Array }][] = [
      [poisson2d(25), choleskySparse],
      [laplacianPlusIdentity(fixture('jagmesh7')), choleskySparse],
      [convectionDiffusion2d(25, 100), splu],
      [dropSome(convectionDiffusion2d(20, 100)), splu],
      [fixture('west0067'), splu],
    ];
    for (const [A, factor] of cases) {
      const n = A.shape[0];
      const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.5);
      b[3] = 0;
      setBackend('js');
      const F = factor(A);
      if (F instanceof SparseCholesky) expect(F.nsuper).toBe(n);
      const xjs = F.solve(b);
      setBackend('wasm');
      const xw = F.solve(b);
      expect(Array.from(xw)).toEqual(Array.from(xjs));
      expect(relResidual(A, xw, b)).toBeLessThan(1e-12);
    }
  });

  it('a symmetric pattern is analyzed as its own A + Aᵀ + I (same analysis as from the built pattern)', () => {
    for (const A of [convectionDiffusion2d(30, 100), poisson3d(7), laplacianPlusIdentity(fixture('jagmesh7'))]) {
      expect(isSymmetric(A, false)).toBe(true);
      const G = symmetricPattern(A);
      const built = analyzeSymmetricLU(G, 'amd', 'simplicial');
      const own = analyzeSymmetricLU(offDiagonalPattern(A), 'amd', 'simplicial', A);
      for (const key of ['perm', 'cp', 'ci', 'parent', 'colcount'] as const) expect(Array.from(own[key])).toEqual(Array.from(built[key]));
      expect([own.nnzL, own.flops]).toEqual([built.nnzL, built.flops]);
    }
  });

  it('isSymmetric: pattern (diagonal stored) and values (positive diagonal)', () => {
    const cd = convectionDiffusion2d(10, 100);
    expect(isSymmetric(cd, false)).toBe(true);
    expect(isSymmetric(cd, true)).toBe(false);
    expect(isSymmetric(poisson2d(10), true)).toBe(true);
    expect(isSymmetric(dropSome(cd), false)).toBe(false);
    // One entry below the diagonal without its partner above.
    expect(isSymmetric(csc([[1, 0, 0], [2, 1, 0], [0, 0, 1]]), false)).toBe(false);
    expect(isSymmetric(csc([[1, 2, 0], [0, 1, 0], [0, 0, 1]]), false)).toBe(false);
    // A diagonal entry missing (not stored).
    expect(isSymmetric(csc([[1, 2], [2, 0]]), false)).toBe(false);
    expect(isSymmetric(csc([[2, -1], [-1, 2]]), true)).toBe(true);
    expect(isSymmetric(csc([[2, -1], [-1, -2]]), true)).toBe(false);
  });

  it('WASM and JS symbolic analyses give the same arrays', () => {
    const C = convectionDiffusion2d(15, 100);
    for (const A of [poisson2d(25), poisson3d(7), laplacianPlusIdentity(fixture('jagmesh7')), laplacianPlusIdentity(fixture('dwt_992')), C]) {
      setBackend('js');
      const Sjs = analyzeCholesky(A, 'amd', true, 'simplicial');
      setBackend('wasm');
      const Sw = analyzeCholesky(A, Sjs.perm, true, 'simplicial');
      for (const key of ['cp', 'ci', 'amap', 'parent', 'colcount'] as const) expect(Array.from(Sw[key])).toEqual(Array.from(Sjs[key]));
      expect(Sw.nnzL).toBe(Sjs.nnzL);
      expect(Sw.flops).toBe(Sjs.flops);
    }
  });

  it('a non-positive pivot is reported with its original column by both loops', () => {
    const A = csc([[4, 1, 0], [1, 4, 1], [0, 1, -4]]);
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      expect(() => choleskySparse(A, { ordering: 'natural' })).toThrow(/column 2/);
    }
  });
});
