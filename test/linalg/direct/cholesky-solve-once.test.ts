/**
 * spsolve's Cholesky route for a vector b (choleskySolveOnce: analysis, factorization and solve in
 * WASM memory, no factor object) against the factor object's own solve, which the SciPy tests in
 * cholesky.test.ts and spsolve.test.ts check: the same bits on both backends, and the routes it
 * hands back (AMD's order for the general path, not positive definite for LU).
 */
import { describe, expect, it } from 'vitest';
import { COOMatrix, type CSCMatrix, choleskySparse, csc, setBackend, splu, spsolve } from '../../../src/index.js';
import { amdOrder } from '../../../src/linalg/direct/amd.js';
import { choleskySolveOnce } from '../../../src/linalg/direct/cholesky-solve-once.js';
import { offDiagonalPattern } from '../../../src/linalg/direct/pattern.js';
import { fixture, laplacianPlusIdentity, relResidual, rhs } from './helpers.js';
import { poisson2d, poisson3d } from './problems.js';

/** n·I + the all-ones matrix: SPD with a dense pattern (a supernodal factor: n/1.5 flops per nonzero). */
function denseSPD(n: number): CSCMatrix {
  return csc(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? n + 1 : 1))));
}

/** 2-D grid Laplacian with `diag` on the diagonal: symmetric, positive diagonal, indefinite for diag < 4. */
function shiftedGrid(g: number, diag: number): CSCMatrix {
  const P = poisson2d(g);
  const data = Float64Array.from(P.data);
  for (let j = 0; j < g * g; j++) {
    for (let p = P.indptr[j]!; p < P.indptr[j + 1]!; p++) if (P.indices[p] === j) data[p] = diag;
  }
  return new COOMatrix({ ...P.toCOO(), data, shape: P.shape }).toCSC();
}

describe('spsolve, Cholesky route with a vector b', () => {
  // [A, route on the WASM backend]: solved in WASM memory (simplicial, AMD kept), handed back to
  // the general path (nested-dissection trial; supernodal layout), or not positive definite.
  const cases: [string, () => CSCMatrix, 'solved' | 'general' | 'not-pd'][] = [
    ['jagmesh7 Laplacian + I', () => laplacianPlusIdentity(fixture('jagmesh7')), 'solved'],
    ['Poisson 2-D 30x30', () => poisson2d(30), 'solved'],
    ['Poisson 3-D 12^3', () => poisson3d(12), 'solved'],
    ['Poisson 3-D 14^3 (nested-dissection trial)', () => poisson3d(14), 'general'],
    ['dense SPD 240 (supernodal)', () => denseSPD(240), 'general'],
    ['shifted grid, indefinite', () => shiftedGrid(20, 3), 'not-pd'],
  ];

  it.each(cases)('%s: same bits as the factor object (or LU), both backends', (_, make, route) => {
    const A = make();
    const n = A.shape[0];
    const b = rhs(n);
    const copy = Float64Array.from(b);
    for (const backend of ['wasm', 'js'] as const) {
      setBackend(backend);
      try {
        const x = spsolve(A, b);
        expect(Array.from(b)).toEqual(Array.from(copy));
        const ref = route === 'not-pd' ? splu(A).solve(b) : choleskySparse(A).solve(b);
        expect(x.every((v, i) => Object.is(v, ref[i]))).toBe(true);
        expect(relResidual(A, x, b)).toBeLessThan(1e-12);
      } finally {
        setBackend('auto');
      }
    }
  });

  it.each(cases)('%s: the route taken', (_, make, route) => {
    const A = make();
    const n = A.shape[0];
    const G = offDiagonalPattern(A);
    for (const backend of ['wasm', 'js'] as const) {
      setBackend(backend);
      try {
        const x = rhs(n);
        const r = choleskySolveOnce(A, x);
        if (backend === 'js') {
          // Nothing done without the WASM kernels.
          expect(r).toBeUndefined();
        } else if (route !== 'general') {
          expect(r).toBe(route === 'solved');
          if (route === 'solved') expect(relResidual(A, x, rhs(n))).toBeLessThan(1e-12);
        } else {
          // Handed back: AMD's order of A's off-diagonal pattern, x untouched.
          expect(r).toBeInstanceOf(Int32Array);
          expect(Array.from(r as Int32Array)).toEqual(Array.from(amdOrder(G)));
        }
        if (r !== true) expect(Array.from(x)).toEqual(Array.from(rhs(n)));
      } finally {
        setBackend('auto');
      }
    }
  });
});
