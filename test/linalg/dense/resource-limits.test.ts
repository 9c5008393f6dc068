// Dense results past the allocation limit are a ResourceError naming the operation, raised before
// any work (it was the runtime's RangeError "Invalid typed array length").
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ResourceError } from '../../../src/core/errors.js';
import { gram, matmul } from '../../../src/linalg/dense/matmul.js';
import { svd } from '../../../src/linalg/dense/svd.js';

const N = 70000; // N² = 4.9e9 entries > 2^32
const col = ndarray(new Float64Array(N).fill(1), [N, 1]);
const row = ndarray(new Float64Array(N).fill(1), [1, N]);

describe('dense allocation limits', () => {
  it('matmul of an outer product with N² > 2^32 entries', () => {
    expect(() => matmul(col, row)).toThrow(ResourceError);
    expect(() => matmul(col, row)).toThrow(/matmul: C entries would be 4900000000, more than the limit 4294967296/);
  });

  it('gram of a 1 x N matrix', () => {
    expect(() => gram(row)).toThrow(/gram: entries of AᵀA would be 4900000000/);
  });

  it('svd with full: an N x N U', () => {
    expect(() => svd(col, { full: true })).toThrow(/svd: entries of U would be 4900000000/);
    // Without `full` the same matrix is fine: U is N x 1, σ = √N.
    const r = svd(col);
    expect(r.s[0]).toBeCloseTo(Math.sqrt(N), 9);
    expect(r.U!.shape).toEqual([N, 1]);
  });
});
