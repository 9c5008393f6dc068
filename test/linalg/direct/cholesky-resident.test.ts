// A simplicial SparseCholesky's L left in WASM memory: the same solves, L and logDet as the factor
// in JS arrays, bit for bit; dispose() frees it and later use throws; updateValues re-factors.
import { describe, expect, it } from 'vitest';
import { CSCMatrix, DisposedError, SparseCholesky, choleskySparse, csc, factorized, setBackend, spsolve } from '../../../src/index.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import { residentFactorBudget } from '../../../src/linalg/direct/resident-block.js';
import { fixture, laplacianPlusIdentity, relResidual, rhs } from './helpers.js';
import { poisson2d, poisson3d } from './problems.js';

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));
const sameCSC = (X: CSCMatrix, Y: CSCMatrix): boolean => same(X.indptr, Y.indptr) && same(X.indices, Y.indices) && same(X.data, Y.data);

/** choleskySparse(A) on one backend; with `inJS`, the WASM kernels run but L is kept in JS arrays. */
function factorOn(backend: 'wasm' | 'js', A: CSCMatrix, inJS = false): SparseCholesky {
  setBackend(backend);
  const old = residentFactorBudget();
  if (inJS) residentFactorBudget(0);
  try {
    return choleskySparse(A);
  } finally {
    residentFactorBudget(old);
    setBackend('auto');
  }
}

const copyOf = (A: CSCMatrix): CSCMatrix => new CSCMatrix({ indptr: A.indptr.slice(), indices: A.indices.slice(), data: A.data.slice(), shape: [A.shape[0], A.shape[1]] });

/** A with its values changed, same pattern (still SPD: diagonal dominance kept). */
function rescaled(A: CSCMatrix): CSCMatrix {
  const B = copyOf(A);
  for (let j = 0; j < B.shape[1]; j++) {
    for (let p = B.indptr[j]!; p < B.indptr[j + 1]!; p++) B.data[p] = B.indices[p] === j ? 2 * B.data[p]! + 1 + (j % 5) : 1.5 * B.data[p]!;
  }
  return B;
}

describe('choleskySparse: a simplicial L resident in WASM memory', () => {
  const cases: [string, CSCMatrix][] = [
    ['Poisson 2-D 20x20', poisson2d(20)],
    ['jagmesh7 Laplacian + I', laplacianPlusIdentity(fixture('jagmesh7'))],
  ];
  for (const [name, A] of cases) {
    it(`${name}: vector, dense and sparse solves, L and logDet equal the factor's in JS arrays and the JS backend's`, () => {
      const n = A.shape[0];
      const F = factorOn('wasm', A);
      expect(getWasm()).not.toBeNull();
      expect(F.nsuper).toBe(n); // simplicial
      expect(F.wasmBytes).toBeGreaterThan(0);
      const b = rhs(n);
      const copy = Float64Array.from(b);
      const B = Array.from({ length: n }, (_, i) => [b[i]!, i % 3, -2 * b[n - 1 - i]!]);
      const S = csc(B);
      for (const G of [factorOn('wasm', A, true), factorOn('js', A)]) {
        expect(G.wasmBytes).toBe(0);
        expect(G.nsuper).toBe(n);
        const x = F.solve(b);
        expect(same(x, G.solve(b))).toBe(true);
        expect(relResidual(A, x, b)).toBeLessThan(1e-12);
        expect(same(F.solveInPlace(Float64Array.from(b)), G.solveInPlace(Float64Array.from(b)))).toBe(true);
        expect(same(F.solve(B).data, G.solve(B).data)).toBe(true);
        expect(sameCSC(F.solve(S), G.solve(S))).toBe(true);
        expect(Object.is(F.logDet(), G.logDet())).toBe(true);
        expect(sameCSC(F.L, G.L)).toBe(true);
      }
      // Taking L (a copy out of WASM memory) leaves the solves where they were.
      expect(F.wasmBytes).toBeGreaterThan(0);
      expect(same(b, copy)).toBe(true);
      F.dispose();
    });
  }

  it('never changes behind the caller: A and the L copy can change, the solves do not', () => {
    const A = poisson2d(15);
    const b = rhs(225);
    const F = factorOn('wasm', A);
    const x = F.solve(b);
    const logDet = F.logDet();
    A.data.fill(1);
    F.L.data.fill(7);
    expect(same(F.solve(b), x)).toBe(true);
    expect(F.logDet()).toBe(logDet);
    F.dispose();
  });

  it('updateValues gives the bits of a fresh factorization and frees the old block; a failed update keeps the old factor', () => {
    const w = getWasm()!;
    const A = laplacianPlusIdentity(fixture('jagmesh7'));
    const A2 = rescaled(A);
    const b = rhs(A.shape[0]);
    factorOn('wasm', A).dispose(); // any scratch the kernels keep across calls is taken by now
    const before = w.arena.allocated;
    const F = factorOn('wasm', A);
    const x1 = F.solve(b);
    const held = w.arena.allocated;
    setBackend('wasm');
    F.updateValues(A2);
    setBackend('auto');
    expect(F.wasmBytes).toBeGreaterThan(0);
    expect(w.arena.allocated).toBe(held);
    const fresh = factorOn('wasm', A2);
    expect(same(F.solve(b), fresh.solve(b))).toBe(true);
    expect(Object.is(F.logDet(), fresh.logDet())).toBe(true);
    expect(sameCSC(F.L, fresh.L)).toBe(true);
    expect(same(F.solve(b), x1)).toBe(false);
    fresh.dispose();
    // Not positive definite: the update throws and the factor of A2 stays.
    const bad = copyOf(A2);
    for (let p = bad.indptr[5]!; p < bad.indptr[6]!; p++) if (bad.indices[p] === 5) bad.data[p] = -1;
    const x2 = F.solve(b);
    const bytes = F.wasmBytes;
    expect(() => F.updateValues(bad)).toThrow(/positive definite/);
    expect(F.wasmBytes).toBe(bytes);
    expect(w.arena.allocated).toBe(held);
    expect(same(F.solve(b), x2)).toBe(true);
    F.dispose();
    expect(w.arena.allocated).toBe(before);
  });

  it('dispose frees the WASM memory at once; later use throws DisposedError; an L taken before stays', () => {
    const w = getWasm()!;
    const A = poisson2d(30);
    const b = rhs(900);
    factorOn('wasm', A).dispose();
    const before = w.arena.allocated;
    const F = factorOn('wasm', A);
    expect(F.wasmBytes).toBeGreaterThan(0);
    expect(w.arena.allocated - before).toBe(Math.ceil(F.wasmBytes / 16) * 16);
    const L = F.L;
    const x = F.solve(b);
    F.dispose();
    expect(w.arena.allocated).toBe(before);
    expect(F.disposed).toBe(true);
    expect(F.wasmBytes).toBe(0);
    expect(() => F.solve(b)).toThrow(DisposedError);
    expect(() => F.solve(b)).toThrow(/SparseCholesky was disposed: its factor was freed/);
    expect(() => F.solveInPlace(Float64Array.from(b))).toThrow(DisposedError);
    expect(() => F.L).toThrow(DisposedError);
    expect(() => F.logDet()).toThrow(DisposedError);
    expect(() => F.updateValues(A)).toThrow(DisposedError);
    F.dispose(); // idempotent
    expect(L.nnz).toBeGreaterThan(900);
    expect(relResidual(A, x, b)).toBeLessThan(1e-12);
    // A factor in JS arrays is disposed the same way.
    const G = factorOn('js', A);
    G.dispose();
    expect(() => G.solve(b)).toThrow(DisposedError);
    const dispose = (Symbol as { dispose?: symbol }).dispose;
    if (typeof dispose === 'symbol') {
      const H = factorOn('wasm', A) as unknown as Record<symbol, () => void> & SparseCholesky;
      expect(H.wasmBytes).toBeGreaterThan(0);
      H[dispose]!();
      expect(H.disposed).toBe(true);
      expect(w.arena.allocated).toBe(before);
    }
  });

  it('beyond the budget of WASM memory for factors, a new L goes to JS arrays and solves the same', () => {
    const A = poisson2d(20);
    const b = rhs(400);
    const first = factorOn('wasm', A);
    const old = residentFactorBudget();
    residentFactorBudget(first.wasmBytes + 1);
    try {
      const second = factorOn('wasm', A);
      expect(second.wasmBytes).toBe(0);
      expect(same(second.solve(b), first.solve(b))).toBe(true);
      first.dispose();
      const third = factorOn('wasm', A);
      expect(third.wasmBytes).toBeGreaterThan(0);
      expect(same(third.solve(b), second.solve(b))).toBe(true);
      third.dispose();
    } finally {
      residentFactorBudget(old);
    }
  });

  it('factorized on SPD input: dispose() frees the Cholesky factor; spsolve with a dense b frees its factor', () => {
    const w = getWasm()!;
    const A = poisson2d(20);
    const B = Array.from({ length: 400 }, (_, i) => [Math.sin(i), 1]);
    spsolve(A, B);
    const before = w.arena.allocated;
    const X = spsolve(A, B);
    spsolve(A, csc(B));
    expect(w.arena.allocated).toBe(before);
    const solve = factorized(A);
    expect(solve.method).toBe('cholesky');
    const F = solve.factor as SparseCholesky;
    expect(F.wasmBytes).toBeGreaterThan(0);
    expect(same(solve(B).data, X.data)).toBe(true);
    solve.dispose();
    expect(F.disposed).toBe(true);
    expect(w.arena.allocated).toBe(before);
    expect(() => solve(B)).toThrow(DisposedError);
  });

  it('factorized on SPD input (AMD and the counts in one WASM call): the ordering, perm and solves of choleskySparse', () => {
    // Simplicial; nested-dissection trial (the graph is built after the counts); supernodal.
    const dense = csc(Array.from({ length: 120 }, (_, i) => Array.from({ length: 120 }, (_, j) => (i === j ? 121 : 1))));
    for (const A of [laplacianPlusIdentity(fixture('jagmesh7')), poisson3d(14), dense]) {
      const n = A.shape[0];
      const b = rhs(n);
      for (const backend of ['wasm', 'js'] as const) {
        setBackend(backend);
        try {
          const solve = factorized(A);
          const F = solve.factor as SparseCholesky;
          const G = choleskySparse(A);
          expect(F.ordering).toBe(G.ordering);
          expect(same(F.perm, G.perm)).toBe(true);
          expect(F.nsuper).toBe(G.nsuper);
          expect(same(solve(b), G.solve(b))).toBe(true);
          solve.dispose();
          G.dispose();
        } finally {
          setBackend('auto');
        }
      }
    }
  });
});
