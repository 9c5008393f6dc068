import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentError, completeMatrix, movieLensLike, setBackend, shutdown } from '../../../src/index.js';
import { poolSize } from '../../../src/kernels/runtime/threads/pool.js';
import { lowRankProblem, relativeError } from './problems.js';

const bits = (a: ArrayLike<number>) => Buffer.from(Float64Array.from(a).buffer).toString('base64');

describe('completeMatrix with threads', () => {
  afterAll(async () => {
    await shutdown();
  });

  it("'sketched' on 2 threads gives the bits of 1 thread (factors, history, RMSE) and still recovers the matrix", () => {
    const p = lowRankProblem(600, 500, 8, 4, 21);
    const opts = { seed: 3, maxIter: 25, tol: 1e-10 } as const;
    const one = completeMatrix(p.M, 8, { ...opts, threads: 1 });
    const two = completeMatrix(p.M, 8, { ...opts, threads: 2 });
    expect(poolSize()).toBeGreaterThanOrEqual(1);
    expect(bits(two.U.data as Float64Array)).toBe(bits(one.U.data as Float64Array));
    expect(bits(two.V.data as Float64Array)).toBe(bits(one.V.data as Float64Array));
    expect(two.history).toEqual(one.history);
    expect(two.rmse).toBe(one.rmse);
    expect(relativeError(p, two.predict)).toBeLessThan(1e-6);
  });

  it('with biases, ridge, a validation split and power-law degrees (some problems solved exactly) the bits match too', () => {
    const d = movieLensLike({ size: 'ml-100k', rank: 5, noise: 0.5, seed: 2 });
    const opts = { seed: 4, maxIter: 6, tol: 0, biases: true, lambda: 3, validationFraction: 0.1 } as const;
    const one = completeMatrix(d.ratings, 5, { ...opts, threads: 1 });
    const two = completeMatrix(d.ratings, 5, { ...opts, threads: 2 });
    expect(bits(two.U.data as Float64Array)).toBe(bits(one.U.data as Float64Array));
    expect(bits(two.V.data as Float64Array)).toBe(bits(one.V.data as Float64Array));
    expect(two.history).toEqual(one.history);
    expect(two.validationRmse).toBe(one.validationRmse);
  });

  it("under setBackend('js') the pool runs the JS kernel: 2 threads give the bits of 1 thread there too", () => {
    const p = lowRankProblem(300, 250, 6, 4, 9, 0.01);
    const opts = { seed: 5, maxIter: 6, tol: 0 } as const;
    setBackend('js');
    try {
      const one = completeMatrix(p.M, 6, { ...opts, threads: 1 });
      const two = completeMatrix(p.M, 6, { ...opts, threads: 2 });
      expect(bits(two.U.data as Float64Array)).toBe(bits(one.U.data as Float64Array));
      expect(bits(two.V.data as Float64Array)).toBe(bits(one.V.data as Float64Array));
      expect(two.history).toEqual(one.history);
    } finally {
      setBackend('auto');
    }
  });

  it('the training RMSE of the history is the RMSE over the training entries (taken from the U-step residuals)', () => {
    const p = lowRankProblem(300, 250, 5, 3, 8, 0.1);
    let seen = 0;
    const fit = completeMatrix(p.M, 5, { seed: 1, maxIter: 4, tol: 0, threads: 2, onIteration: (i) => void (seen = i.trainRmse) });
    const M = p.M;
    let s = 0;
    for (let q = 0; q < M.nnz; q++) s += (fit.predict(M.row[q]!, M.col[q]!) - M.data[q]!) ** 2;
    expect(seen).toBeCloseTo(Math.sqrt(s / M.nnz), 12);
    expect(fit.rmse).toBeCloseTo(seen, 12);
  });

  it('refuses a bad threads option', () => {
    const p = lowRankProblem(50, 40, 2, 3, 1);
    expect(() => completeMatrix(p.M, 2, { threads: 0 })).toThrow(ArgumentError);
    expect(() => completeMatrix(p.M, 2, { threads: 1.5 as number })).toThrow(ArgumentError);
  });
});
