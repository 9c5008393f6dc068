/**
 * Block coordinate descent: the selection rules on the paper's synthetic least squares and on a
 * 50 x 50 lattice label propagation (f* from direct solves), message passing against a dense
 * solve, the L1 / logistic problems against the models validated on scikit-learn, bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, bcd, bcdLeastSquaresData, cholesky, choSolve, createRng, labelPropagationProblem, lasso, latticeGraph,
  leastSquaresProblem, logisticProblem, logisticRegression, lstsq, quadraticProblem, ShapeError,
} from '../../../src/index.js';
import type { BcdOptions, BcdProblem } from '../../../src/index.js';
import { buildForest, forestSolve } from '../../../src/solvers/bcd/message-passing.js';
import { makePartition } from '../../../src/solvers/bcd/partitions.js';
import { thrownArgument } from './thrown-argument.js';

/** Iterations until F − f* ≤ rel·|f*| (−1 when not reached within maxIter). */
function itersTo(P: BcdProblem, fstar: number, rel: number, o: BcdOptions): number {
  let hit = -1;
  bcd(P, {
    ...o, tol: 0, seed: 1,
    onIteration: (i) => {
      if (i.objective - fstar <= rel * Math.abs(fstar)) {
        hit = i.iteration;
        return false;
      }
    },
  });
  return hit;
}

describe("the paper's least squares (400 x 100, density 10 ln n / n, columns scaled by 10·N(0, 1))", () => {
  const { A, b } = bcdLeastSquaresData({ rows: 400, cols: 100, seed: 1 });
  const P = leastSquaresProblem(A, b);
  const fstar = P.objective(lstsq(A.toDense(), b).x);
  it('block-Hessian updates: GSL and GSQ need no more iterations than GS, and GS fewer than random', () => {
    const n = Object.fromEntries((['random', 'gs', 'gsl', 'gsq'] as const).map((s) => [s, itersTo(P, fstar, 1e-6, { selection: s, update: 'newton', maxIter: 4000 })]));
    expect(n.gs).toBeGreaterThan(0);
    expect(n.gsl).toBeGreaterThan(0);
    expect(n.gsq).toBeGreaterThan(0);
    expect(n.gsl).toBeLessThanOrEqual(n.gs!);
    expect(n.gsq).toBeLessThanOrEqual(n.gs!);
    expect(n.gs).toBeLessThan(n.random!);
  });
  it('1/L_b updates: after 500 iterations GSL is no worse than GS, and GS far better than random', () => {
    const at = (selection: BcdOptions['selection']) => bcd(P, { selection, maxIter: 500, tol: 0, seed: 1 }).objective - fstar;
    const [r, gs, gsl] = [at('random'), at('gs'), at('gsl')];
    expect(gsl).toBeLessThanOrEqual(gs);
    expect(gs).toBeLessThan(r / 2);
  });
});

describe('50 x 50 lattice label propagation', () => {
  const { W, labels } = latticeGraph({ side: 50, seed: 1 });
  const P = labelPropagationProblem(W, labels);
  it('message passing on tree blocks reaches f − f* ≤ 1e-6|f*| in far fewer iterations than 1/L updates, greedy before random', () => {
    // f* from the exact solution: tree-block message passing to ‖∇f‖∞ ≤ 1e-11 (checked against a
    // dense solve in the next block).
    const sol = bcd(P, { partition: 'tree', selection: 'gs', tol: 1e-11, maxIter: 20000 });
    expect(sol.converged).toBe(true);
    const fstar = sol.objective;
    const treeGs = itersTo(P, fstar, 1e-6, { partition: 'tree', selection: 'gs', maxIter: 5000 });
    const treeRandom = itersTo(P, fstar, 1e-6, { partition: 'tree', selection: 'random', maxIter: 5000 });
    const treeGsq = itersTo(P, fstar, 1e-6, { partition: 'tree', selection: 'gsq', maxIter: 5000 });
    const flat = itersTo(P, fstar, 1e-6, { partition: 'contiguous', selection: 'gsl', maxIter: 10 * treeGs });
    expect(treeGs).toBeGreaterThan(0);
    expect(treeGsq).toBeLessThanOrEqual(treeGs);
    expect(treeGs).toBeLessThan(treeRandom);
    expect(flat === -1 || flat > 10 * treeGs).toBe(true);
  });
  it('red-black blocks are independent sets (two colours on the lattice) and GS beats random', () => {
    const sol = bcd(P, { partition: 'tree', selection: 'gs', tol: 1e-11, maxIter: 20000 });
    const rb = itersTo(P, sol.objective, 1e-6, { partition: 'red-black', selection: 'gs', maxIter: 20000 });
    const rbRandom = itersTo(P, sol.objective, 1e-6, { partition: 'red-black', selection: 'random', maxIter: 20000 });
    expect(rb).toBeGreaterThan(0);
    expect(rb).toBeLessThan(rbRandom);
  });
});

describe('message passing and partitions', () => {
  const { W, labels } = latticeGraph({ side: 12, seed: 4 });
  const P = labelPropagationProblem(W, labels, { regularization: 0.1 });
  const x = bcd(P, { partition: 'tree', tol: 1e-12, maxIter: 5000 });
  it('forest solves equal a dense Cholesky solve, and one exact tree step solves a tree-structured problem', () => {
    expect(x.converged).toBe(true);
    const rng = createRng(3);
    const b = Float64Array.from({ length: 30 }, () => rng.normal());
    // A random tree-structured SPD matrix: a path plus branches, diagonally dominant.
    const rows: number[][] = Array.from({ length: 30 }, (_, i) => Array.from({ length: 30 }, (_, j) => (i === j ? 4 + rng.random() : 0)));
    for (let i = 1; i < 30; i++) {
      const p = i < 15 ? i - 1 : rng.integer(0, i);
      const w = -rng.random();
      rows[i]![p] = w;
      rows[p]![i] = w;
    }
    const Qp = quadraticProblem(rows, b);
    const G = (Qp as unknown as Record<symbol, { graph: import('../../../src/index.js').CSCMatrix }>);
    const graph = Object.getOwnPropertySymbols(G).map((s) => G[s]!.graph)[0]!;
    const f = buildForest(graph, Int32Array.from({ length: 30 }, (_, i) => i));
    const z = new Float64Array(30);
    const r = Float64Array.from(f.nodes, (v) => b[v]!);
    forestSolve(f, r, z);
    const direct = choSolve(cholesky(rows), b);
    for (let a = 0; a < 30; a++) expect(Math.abs(z[a]! - direct[f.nodes[a]!]!)).toBeLessThan(1e-12);
    // And one exact tree step from zero solves the whole problem.
    const one = bcd(Qp, { partition: 'tree', maxIter: 1, tol: 1e-10 });
    for (let i = 0; i < 30; i++) expect(Math.abs(one.x[i]! - direct[i]!)).toBeLessThan(1e-10);
  });
  it('tree partitions are forests, red-black classes independent, balanced blocks have similar mean Lᵢ', () => {
    const graph = Object.getOwnPropertySymbols(P).map((s) => (P as unknown as Record<symbol, { graph: import('../../../src/index.js').CSCMatrix }>)[s]!.graph)[0]!;
    const trees = makePartition('tree', P.lipschitz, 5, graph);
    expect(trees.reduce((s, t) => s + t.length, 0)).toBe(P.size);
    for (const t of trees) expect(() => buildForest(graph, t)).not.toThrow();
    expect(trees.length).toBeLessThanOrEqual(3);
    const rb = makePartition('red-black', P.lipschitz, 5, graph);
    expect(rb.length).toBe(2);
    expect(() => buildForest(graph, Int32Array.from({ length: P.size }, (_, i) => i))).toThrow(ArgumentError);
    const L = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const bal = makePartition('balanced', L, 4, null);
    for (const blk of bal) expect(blk.reduce((s, j) => s + L[j]!, 0) / 4).toBeCloseTo(50.5, 10);
    const sorted = makePartition('sorted', L, 4, null);
    expect(Array.from(sorted[0]!)).toEqual([99, 98, 97, 96]);
  });
});

describe('penalized and logistic problems agree with the models', () => {
  const { A, b } = bcdLeastSquaresData({ rows: 80, cols: 40, seed: 7 });
  const D = A.toDense();
  const rowsX = Array.from({ length: 80 }, (_, i) => Array.from({ length: 40 }, (_, j) => D.get(i, j)));
  it('L1: bcd with variable GS-r blocks matches lasso (λ = n·α, no intercept)', () => {
    const alpha = 5;
    const P = leastSquaresProblem(A, b, { l1: 80 * alpha });
    const r = bcd(P, { partition: 'variable', selection: 'gsl', update: 'newton', tol: 1e-9, maxIter: 20000 });
    const ref = lasso(rowsX, b, { alpha, fitIntercept: false, tol: 1e-14 });
    expect(r.converged).toBe(true);
    for (let j = 0; j < 40; j++) expect(Math.abs(r.x[j]! - ref.coef[j]!)).toBeLessThan(1e-7);
    expect(r.objective / 80).toBeCloseTo(ref.objective, 9);
  });
  it('x ≥ 0: the KKT conditions hold', () => {
    const P = leastSquaresProblem(A, b, { nonNegative: true });
    const r = bcd(P, { selection: 'gsl', update: 'linesearch', tol: 1e-8, maxIter: 50000 });
    expect(r.converged).toBe(true);
    const g = A.rmatvec(Float64Array.from(A.matvec(r.x), (v, i) => v - b[i]!));
    for (let j = 0; j < 40; j++) {
      expect(r.x[j]!).toBeGreaterThanOrEqual(0);
      if (r.x[j] === 0) expect(g[j]!).toBeGreaterThan(-1e-6);
      else expect(Math.abs(g[j]!)).toBeLessThan(1e-6);
    }
  });
  it('L2 logistic: bcd reaches logisticRegression\'s objective (C = 1/λ, no intercept)', () => {
    // Unscaled Gaussian data (the paper's 10·N(0, 1) column scales make the ¼-bound Hessian useless).
    const rng = createRng(8);
    const M = Array.from({ length: 80 }, () => Array.from({ length: 40 }, () => rng.normal()));
    const y = M.map((row) => (row[0]! - row[1]! + 0.5 * rng.normal() > 0 ? 1 : -1));
    const P = logisticProblem(M, y, { lambda: 1 });
    const r = bcd(P, { selection: 'gsq', update: 'newton', blockSize: 5, tol: 1e-9, maxIter: 20000 });
    const ref = logisticRegression(M, y, { C: 1, fitIntercept: false, tol: 1e-12 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.objective - ref.objective)).toBeLessThan(1e-8 * ref.objective);
  });
});

describe('bad input', () => {
  const P = leastSquaresProblem([[1, 2], [3, 4]], [1, 1]);
  const arg = thrownArgument;
  it('typed errors naming the argument', () => {
    expect(arg(() => bcd(P, { selection: 'gsx' as never }))).toBe('selection');
    expect(arg(() => bcd(P, { partition: 'stripes' as never }))).toBe('partition');
    expect(arg(() => bcd(P, { update: 'tree' }))).toBe('update');
    expect(arg(() => bcd(P, { partition: 'tree' }))).toBe('update');
    expect(arg(() => bcd(P, { blockSize: 0 }))).toBe('blockSize');
    expect(arg(() => bcd(P, { tol: NaN }))).toBe('tol');
    expect(arg(() => bcd(P, { maxiter: 3 } as never))).toBe('bcd options.maxiter');
    expect(arg(() => bcd({} as BcdProblem))).toBe('problem');
    expect(arg(() => leastSquaresProblem([[1, NaN]], [1]))).toMatch(/^A/);
    expect(arg(() => leastSquaresProblem([[1, 2]], [1], { l1: -1 }))).toBe('l1');
    expect(arg(() => logisticProblem([[1, 2]], [0]))).toBe('y[0]');
    expect(() => bcd(P, { x0: [1] })).toThrow(ShapeError);
    expect(() => leastSquaresProblem([[1, 2]], [1, 2])).toThrow(ShapeError);
  });
});
