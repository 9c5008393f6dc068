// splu's factors left in WASM memory (the simplicial kernel's path): the same solves as the
// factors in JS arrays, bit for bit; dispose() frees them and later use throws.
import { describe, expect, it } from 'vitest';
import { type CSCMatrix, DisposedError, csc, factorized, setBackend, splu, spsolve } from '../../../src/index.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import { residentFactorBudget } from '../../../src/linalg/direct/resident-block.js';
import { relResidual, rhs } from './helpers.js';
import { convectionDiffusion2d, poisson2d } from './problems.js';

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** splu(A) on one backend (the factorization and its solves run there). */
function factorOn(backend: 'wasm' | 'js', A: CSCMatrix): ReturnType<typeof splu> {
  setBackend(backend);
  try {
    return splu(A);
  } finally {
    setBackend('auto');
  }
}

describe('splu: factors resident in WASM memory', () => {
  // Pairs and chains of the simplicial kernel, a large Péclet number, SPD input through LU.
  const cases: [string, CSCMatrix][] = [
    ['convection-diffusion 40x40, Pe 100', convectionDiffusion2d(40, 100)],
    ['convection-diffusion 12x12, Pe 1000', convectionDiffusion2d(12, 1000)],
    ['Poisson 20x20', poisson2d(20)],
  ];
  for (const [name, A] of cases) {
    it(`${name}: vector, transposed, dense and sparse solves and L, U equal the JS factor's`, () => {
      const n = A.shape[0];
      const js = factorOn('js', A);
      const lu = factorOn('wasm', A);
      expect(getWasm()).not.toBeNull();
      expect(js.wasmBytes).toBe(0);
      expect(lu.wasmBytes).toBeGreaterThan(0);
      const b = rhs(n);
      const copy = Float64Array.from(b);
      for (const trans of ['N', 'T'] as const) {
        const x = lu.solve(b, trans);
        expect(same(x, js.solve(b, trans))).toBe(true);
        expect(relResidual(trans === 'N' ? A : A.transpose().toCSC(), x, b)).toBeLessThan(1e-12);
      }
      expect(same(b, copy)).toBe(true);
      const B = Array.from({ length: n }, (_, i) => [b[i]!, i % 3, -2 * b[n - 1 - i]!]);
      expect(same(lu.solve(B).data, js.solve(B).data)).toBe(true);
      const S = csc(B);
      const xs = lu.solve(S, 'T');
      const xj = js.solve(S, 'T');
      expect(same(xs.indptr, xj.indptr) && same(xs.indices, xj.indices) && same(xs.data, xj.data)).toBe(true);
      for (const [F, G] of [[lu.L, js.L], [lu.U, js.U]] as const) {
        expect(same(F.indptr, G.indptr) && same(F.indices, G.indices) && same(F.data, G.data)).toBe(true);
      }
      lu.dispose();
    });
  }

  it('never changes behind the caller: A and the L, U copies can change, the solves do not', () => {
    const A = convectionDiffusion2d(15, 100);
    const b = rhs(225);
    const lu = factorOn('wasm', A);
    const x = lu.solve(b);
    A.data.fill(1);
    lu.L.data.fill(7);
    lu.U.data.fill(7);
    expect(same(lu.solve(b), x)).toBe(true);
    lu.dispose();
  });

  it('dispose frees the WASM memory at once; later use throws DisposedError; copies taken before stay', () => {
    const w = getWasm()!;
    const A = convectionDiffusion2d(30, 100);
    const b = rhs(900);
    setBackend('wasm');
    splu(A).dispose(); // any scratch the kernels keep across calls is taken by now
    const before = w.arena.allocated;
    const lu = splu(A);
    setBackend('auto');
    expect(lu.wasmBytes).toBeGreaterThan(0);
    expect(w.arena.allocated - before).toBe(Math.ceil(lu.wasmBytes / 16) * 16);
    const L = lu.L;
    const x = lu.solve(b);
    lu.dispose();
    expect(w.arena.allocated).toBe(before);
    expect(lu.disposed).toBe(true);
    expect(lu.wasmBytes).toBe(0);
    expect(() => lu.solve(b)).toThrow(DisposedError);
    expect(() => lu.solve(b)).toThrow(/SparseLU was disposed: its factors were freed/);
    expect(() => lu.solveInPlace(Float64Array.from(b))).toThrow(DisposedError);
    expect(() => lu.L).toThrow(DisposedError);
    expect(() => lu.U).toThrow(DisposedError);
    lu.dispose(); // idempotent
    expect(L.nnz).toBeGreaterThan(900);
    expect(relResidual(A, x, b)).toBeLessThan(1e-12);
    const dispose = (Symbol as { dispose?: symbol }).dispose;
    if (typeof dispose === 'symbol') {
      const lu2 = splu(A) as unknown as Record<symbol, () => void> & { disposed: boolean };
      lu2[dispose]!();
      expect(lu2.disposed).toBe(true);
      expect(w.arena.allocated).toBe(before);
    }
  });

  it('beyond the budget of WASM memory for factors, new factors go to JS arrays and solve the same', () => {
    const A = convectionDiffusion2d(20, 100);
    const b = rhs(400);
    const first = factorOn('wasm', A);
    const old = residentFactorBudget();
    residentFactorBudget(first.wasmBytes + 1);
    try {
      const second = factorOn('wasm', A);
      expect(second.wasmBytes).toBe(0);
      expect(same(second.solve(b), first.solve(b))).toBe(true);
      expect(same(second.solve(b, 'T'), first.solve(b, 'T'))).toBe(true);
      first.dispose();
      const third = factorOn('wasm', A);
      expect(third.wasmBytes).toBeGreaterThan(0);
      expect(same(third.solve(b), second.solve(b))).toBe(true);
      third.dispose();
    } finally {
      residentFactorBudget(old);
    }
  });

  it('spsolve with a dense or sparse b frees the factor it made', () => {
    const w = getWasm()!;
    const A = convectionDiffusion2d(20, 100);
    const B = Array.from({ length: 400 }, (_, i) => [Math.sin(i), 1]);
    spsolve(A, B);
    const before = w.arena.allocated;
    const X = spsolve(A, B);
    spsolve(A, csc(B));
    expect(w.arena.allocated).toBe(before);
    const lu = splu(A);
    expect(same(X.data, lu.solve(B).data)).toBe(true);
    lu.dispose();
  });

  it('factorized: dispose() releases the factor and the solver throws afterwards', () => {
    for (const A of [convectionDiffusion2d(10, 100), poisson2d(10)]) {
      const solve = factorized(A);
      const b = rhs(100);
      expect(relResidual(A, solve(b), b)).toBeLessThan(1e-12);
      solve.dispose();
      expect(() => solve(b)).toThrow(DisposedError);
      if (solve.method === 'lu') expect((solve.factor as ReturnType<typeof splu>).disposed).toBe(true);
    }
  });

  it('factorized: Symbol.dispose (for `using`) disposes as dispose() does', () => {
    const dispose = (Symbol as { dispose?: symbol }).dispose;
    if (typeof dispose !== 'symbol') return;
    const A = convectionDiffusion2d(10, 100);
    const solve = factorized(A);
    (solve as unknown as Record<symbol, () => void>)[dispose]!();
    expect(() => solve(rhs(100))).toThrow(DisposedError);
    expect((solve.factor as ReturnType<typeof splu>).disposed).toBe(true);
  });
});
