// StreamingTopEigenvector.result() before any row: a clear error, not a random vector with eta NaN.
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/core/errors.js';
import { StreamingTopEigenvector } from '../../src/sketch/streaming-top-eigenvector.js';

describe('StreamingTopEigenvector before any row', () => {
  it.each(['heavy-block', 'oja'] as const)('%s: result() throws an ArgumentError that says why', (algorithm) => {
    const est = new StreamingTopEigenvector(4, { algorithm, seed: 1 });
    expect(() => est.result()).toThrow(ArgumentError);
    expect(() => est.result()).toThrow(/at least one row pushed/);
    est.pushRows([[1, 0, 0, 0]]);
    const r = est.result();
    expect(r.rowsSeen).toBe(1);
    expect(Math.hypot(...r.vector)).toBeCloseTo(1, 12);
    if (algorithm === 'heavy-block') expect(r.vector[0]).toBeCloseTo(1, 12);
  });
});
