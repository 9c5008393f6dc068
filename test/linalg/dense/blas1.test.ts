import { describe, expect, it } from 'vitest';
import { axpyDot, dot2 } from '../../../src/kernels/krylov/fused.js';

describe('fused BLAS-1 helpers of the Krylov solvers', () => {
  it('axpyDot with z = y: y −= a·x, returning ‖y‖² (odd and even lengths, by hand)', () => {
    const x = Float64Array.from([1, 2, 3]);
    const y = Float64Array.from([5, 5, 5]);
    // y −= 2·x: [5 − 2, 5 − 4, 5 − 6] = [3, 1, −1]; ‖·‖² = 11.
    expect(axpyDot(2, x, y, y, 3)).toBe(11);
    expect(Array.from(y)).toEqual([3, 1, -1]);
    const z = Float64Array.from([1, 2]);
    expect(axpyDot(-1, Float64Array.from([1, 1]), z, z, 2)).toBe(13);
    expect(Array.from(z)).toEqual([2, 3]);
  });
  it('dot2: [tᵀs, tᵀt]', () => {
    const out = new Float64Array(2);
    const t3 = Float64Array.from([1, 2, 3]);
    dot2(t3, Float64Array.from([4, -1, 2]), t3, 3, out);
    expect(Array.from(out)).toEqual([8, 14]);
    const t4 = Float64Array.from([1, 2, 3, 4]);
    dot2(t4, Float64Array.from([1, 1, 1, 1]), t4, 4, out);
    expect(Array.from(out)).toEqual([10, 30]);
  });
});
