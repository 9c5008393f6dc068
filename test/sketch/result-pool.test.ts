/**
 * Sketch outputs come from the result pool: with the pool full of disposed buffers holding NaN,
 * every product gives the same bits as with pooling off (budget 0), the pool's buffers are taken,
 * and the temporary conversions inside (CSC -> CSR for the Gaussian sketch, CSR -> CSC for SRHT)
 * leave the caller's matrix intact. Oracle: the same call with the pool disabled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type CSCMatrix, type CSRMatrix, type Sketch, countSketch, createRng, gaussianSketch, osnap, random, srht, toNdarray } from '../../src/index.js';
import { resultPoolBudget, resultPoolStats } from '../../src/kernels/runtime/result-pool.js';

const DEFAULT_BUDGET = resultPoolBudget();
const bits = (a: ArrayLike<number>) => Buffer.from(Float64Array.from(a).buffer).toString('hex');

const n = 1200;
const d = 160; // m·d = 10,240 doubles (80 KiB): above the pool's 64 KiB floor
const m = 64;
const sketches: Record<string, () => Sketch> = {
  gaussian: () => gaussianSketch(m, n, { seed: 1 }),
  srht: () => srht(m, n, { seed: 2 }),
  countsketch: () => countSketch(m, n, { seed: 3 }),
  osnap: () => osnap(m, n, { s: 3, seed: 4 }),
};

/** Fill the pool with disposed library buffers of about `doubles` entries, all NaN. */
function poisonPool(doubles: number[]): void {
  for (const [k, len] of doubles.entries()) {
    const C = random(len, 1, 1, { seed: 100 + k, format: 'csr' }).toCSC(); // library-allocated arrays
    C.data.fill(NaN);
    C.indices.fill(-1);
    C.dispose();
  }
}

describe('sketch outputs through the result pool', () => {
  afterEach(() => {
    resultPoolBudget(DEFAULT_BUDGET);
  });

  const rng = createRng(20261202);
  const denseA = rng.fillNormal(new Float64Array(n * d));
  const csrA: CSRMatrix = random(n, d, 0.05, { seed: 9, format: 'csr' });
  const cscA: CSCMatrix = csrA.toCSC();
  const b = rng.fillNormal(new Float64Array(n));

  for (const [name, make] of Object.entries(sketches)) {
    it(`${name}: same bits with a poisoned pool as with pooling off; the pool's buffers are used`, () => {
      const S = make();
      const run = () => [
        bits(S.apply(toNdarray({ rows: n, cols: d, data: denseA })).data),
        bits(S.apply(csrA).data),
        bits(S.apply(cscA).data),
        bits(S.applyVector(b)),
      ];
      resultPoolBudget(0);
      const ref = run();
      resultPoolBudget(DEFAULT_BUDGET);
      const sizes = [m * d, m * d, m * d, d * m + 100, 2 * m * d - 1, m * d + 7];
      poisonPool(sizes);
      const before = resultPoolStats().buffers;
      expect(before).toBeGreaterThan(0); // (poisonPool's own conversions take some of them back)
      const csrBits = [bits(csrA.indptr), bits(csrA.indices), bits(csrA.data)];
      const cscBits = [bits(cscA.indptr), bits(cscA.indices), bits(cscA.data)];
      // S·A of a dense A takes a pooled buffer for its result (never given back: no owner disposes it).
      const first = bits(S.apply(toNdarray({ rows: n, cols: d, data: denseA })).data);
      expect(resultPoolStats().buffers).toBe(before - 1);
      expect(first).toBe(ref[0]);
      const got = run();
      expect(got).toEqual(ref);
      // The caller's matrices are untouched by the temporary conversions and their disposal.
      expect(csrA.disposed).toBe(false);
      expect(cscA.disposed).toBe(false);
      expect([bits(csrA.indptr), bits(csrA.indices), bits(csrA.data)]).toEqual(csrBits);
      expect([bits(cscA.indptr), bits(cscA.indices), bits(cscA.data)]).toEqual(cscBits);
    });
  }
});
