/**
 * The max-heap selection: the indexed heap against sorting, and bcd's heap picks against the
 * linear scans (identical iterates: same objective history and final x) for every greedy rule on
 * fixed and variable blocks, smooth and L1 problems, sparse least squares, logistic, multinomial
 * and label propagation.
 */
import { describe, expect, it } from 'vitest';
import {
  bcd, bcdLeastSquaresData, createRng, labelPropagationProblem, latticeGraph, leastSquaresProblem, logisticProblem, multinomialProblem,
} from '../../../src/index.js';
import type { BcdOptions, BcdProblem } from '../../../src/index.js';
import { IndexedMaxHeap } from '../../../src/solvers/bcd/max-heap.js';

describe('IndexedMaxHeap', () => {
  it('pops in decreasing score, ties to the smaller index, after random rekeying', () => {
    const rng = createRng(3);
    const m = 200;
    // Few distinct values, so ties are common.
    const key = Float64Array.from({ length: m }, () => rng.integer(0, 20));
    const heap = new IndexedMaxHeap(key);
    for (let t = 0; t < 500; t++) {
      const i = rng.integer(0, m);
      key[i] = rng.integer(0, 20);
      heap.update(i, key[i]!);
      const best = key.reduce((b, v, j) => (v > key[b]! ? j : b), 0);
      expect(heap.top()).toBe(best);
    }
    const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => key[b]! - key[a]! || a - b);
    const popped = Array.from({ length: m }, () => heap.pop());
    expect(popped).toEqual(order);
    expect(heap.top()).toBe(-1);
  });
});

/** Run with the heap and with the scan; both must give the very same iterates. */
function same(P: BcdProblem, o: BcdOptions): void {
  const a = bcd(P, { ...o, heap: true, tol: 0 });
  const b = bcd(P, { ...o, heap: false, tol: 0 });
  expect(a.iterations).toBe(b.iterations);
  expect(a.history.objective).toEqual(b.history.objective);
  expect(Array.from(a.x)).toEqual(Array.from(b.x));
  // And the run made progress (the comparison is not between two stalled runs).
  expect(a.history.objective.at(-1)!).toBeLessThan(a.history.objective[0]!);
}

describe('heap picks equal the linear scans', () => {
  const { A, b } = bcdLeastSquaresData({ rows: 300, cols: 120, seed: 2 });
  const rules = ['gs', 'gsl', 'gsq'] as const;
  it('sparse least squares: fixed (contiguous, sorted, balanced) and variable blocks, gradient and Newton updates', () => {
    const P = leastSquaresProblem(A, b);
    for (const selection of rules) {
      for (const partition of ['contiguous', 'sorted', 'balanced', 'variable'] as const) {
        same(P, { selection, partition, blockSize: 4, maxIter: 150 });
      }
      same(P, { selection, update: 'newton', blockSize: 5, maxIter: 100 });
    }
  });
  it('L1 and x ≥ 0 (the gradient mapping changes with x): least squares and logistic', () => {
    const P = leastSquaresProblem(A, b, { l1: 50 });
    const N = leastSquaresProblem(A, b, { nonNegative: true });
    const rng = createRng(5);
    const M = Array.from({ length: 120 }, () => Array.from({ length: 30 }, () => (rng.random() < 0.2 ? rng.normal() : 0)));
    const y = M.map((row) => (row[0]! - row[3]! + 0.3 * rng.normal() > 0 ? 1 : -1));
    const Q = logisticProblem(M, y, { lambda: 0.5, l1: 0.2 });
    for (const selection of rules) {
      same(P, { selection, blockSize: 3, maxIter: 300 });
      same(P, { selection, partition: 'variable', blockSize: 3, maxIter: 300 });
      same(N, { selection, update: 'linesearch', blockSize: 3, maxIter: 300 });
      same(Q, { selection, blockSize: 2, maxIter: 300 });
      same(Q, { selection, partition: 'variable', blockSize: 2, update: 'newton', maxIter: 200 });
    }
  });
  it('multinomial (blocks of one feature\'s classes) and label propagation (tree and red-black blocks)', () => {
    const rng = createRng(6);
    const M = Array.from({ length: 90 }, () => Array.from({ length: 12 }, () => rng.normal()));
    const y = M.map((row) => (row[0]! > 0.5 ? 2 : row[1]! > 0 ? 1 : 0));
    const P = multinomialProblem(M, y, { lambda: 1 });
    for (const selection of rules) {
      same(P, { selection, blockSize: 3, update: 'newton', maxIter: 150 });
      same(P, { selection, partition: 'variable', blockSize: 4, maxIter: 150 });
    }
    const { W, labels } = latticeGraph({ side: 16, seed: 2 });
    const L = labelPropagationProblem(W, labels);
    for (const selection of rules) {
      same(L, { selection, partition: 'tree', maxIter: 100 });
      same(L, { selection, partition: 'red-black', maxIter: 20 });
      same(L, { selection, blockSize: 4, maxIter: 300 });
    }
  });
});
