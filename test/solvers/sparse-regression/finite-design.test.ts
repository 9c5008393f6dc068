import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../../src/core/errors.js';
import { prepareRegression } from '../../../src/solvers/sparse-regression/design.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';

describe('prepareRegression: non-finite entries of a dense X', () => {
  const n = 6;
  const d = 4;
  const base = () => Float64Array.from({ length: n * d }, (_, i) => Math.sin(i + 1));
  const y = Float64Array.from({ length: n }, (_, i) => i);
  it.each([NaN, Infinity, -Infinity])('%s names its entry, with and without an intercept', (v) => {
    for (const fitIntercept of [true, false]) {
      const data = base();
      data[2 * d + 3] = v;
      const X = { rows: n, cols: d, data };
      let err: unknown;
      try {
        prepareRegression(X, y, fitIntercept);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArgumentError);
      expect(String((err as Error).message)).toContain('X[11]');
    }
  });
  it('+Infinity and −Infinity in one column (a NaN sum) are found; so is a NaN in a row view', () => {
    const data = base();
    data[1] = Infinity;
    data[d + 1] = -Infinity;
    expect(() => prepareRegression({ rows: n, cols: d, data }, y, true)).toThrow(ArgumentError);
    expect(() => sparseRegression({ rows: n, cols: d, data }, y, { k: 1 })).toThrow(ArgumentError);
  });
  it('finite values whose column sum overflows are accepted (the means are infinite, the entries are not)', () => {
    const data = base();
    data[0] = 1e308;
    data[d] = 1e308;
    const p = prepareRegression({ rows: n, cols: d, data }, y, true);
    expect(p.xMean[0]).toBe(Infinity);
    expect(Number.isFinite(p.xMean[1]!)).toBe(true);
  });
});
