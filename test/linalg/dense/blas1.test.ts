import { describe, expect, it } from 'vitest';
import { axpyNormSqAt, dotPairAt } from '../../../src/kernels/blas1.js';

describe('fused BLAS-1 helpers of the Krylov solvers', () => {
  it('axpyNormSqAt: y −= a·x at offsets, returning ‖y‖² (odd and even lengths, by hand)', () => {
    const x = Float64Array.from([9, 1, 2, 3]);
    const y = Float64Array.from([7, 5, 5, 5, 7]);
    // y[1..4) −= 2·x[1..4): [5 − 2, 5 − 4, 5 − 6] = [3, 1, −1]; ‖·‖² = 11.
    expect(axpyNormSqAt(3, 2, x, 1, y, 1)).toBe(11);
    expect(Array.from(y)).toEqual([7, 3, 1, -1, 7]);
    const z = Float64Array.from([1, 2]);
    expect(axpyNormSqAt(2, -1, Float64Array.from([1, 1]), 0, z, 0)).toBe(13);
    expect(Array.from(z)).toEqual([2, 3]);
  });
  it('dotPairAt: [tᵀs, tᵀt]', () => {
    expect(dotPairAt(3, Float64Array.from([1, 2, 3]), Float64Array.from([4, -1, 2]))).toEqual([8, 14]);
    expect(dotPairAt(4, Float64Array.from([1, 2, 3, 4]), Float64Array.from([1, 1, 1, 1]))).toEqual([10, 30]);
  });
});
