import { describe, expect, it } from 'vitest';
import { lstsq } from '../../../src/linalg/dense/lstsq.js';
import { qr } from '../../../src/linalg/dense/qr.js';
import { svdDense } from '../../../src/linalg/dense/svd.js';

// Reflectors built from vectors whose norm is subnormal: 1/‖x‖ overflows to Infinity, which used to
// turn the bidiagonal into NaN (the QR iteration then never converged).
describe('dense factorizations with subnormal entries', () => {
  // The Σ_S of an AR(1) ρ = 0.1 design on a spread-out support: 0.1^|i−j| underflows to subnormals.
  const n = 10;
  const gaps = [313, 210, 297, 283, 300, 0, 0, 299];
  const rows: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  gaps.forEach((g, i) => {
    if (g > 0) rows[i]![i + 1] = rows[i + 1]![i] = 10 ** -g;
  });

  it('svd of a near-identity with subnormal off-diagonals: all singular values 1', () => {
    const { s } = svdDense({ rows: n, cols: n, data: Float64Array.from(rows.flat()) }, true);
    for (const v of s) expect(Math.abs(v - 1)).toBeLessThan(1e-15);
  });

  it('lstsq on it returns b (the matrix is the identity to 1e-210)', () => {
    const b = Array.from({ length: n }, (_, i) => i + 1);
    const { x } = lstsq(rows, b);
    for (let i = 0; i < n; i++) expect(Math.abs(x[i]! - b[i]!)).toBeLessThan(1e-14);
  });

  it('svd and qr of a matrix with a subnormal column: σ = 1e-310 exactly, R finite', () => {
    const A = [[1, 0], [0, 1e-310], [0, 0]];
    const { s } = svdDense({ rows: 3, cols: 2, data: Float64Array.from(A.flat()) }, true);
    expect(s[0]).toBe(1);
    expect(s[1]! / 1e-310).toBeCloseTo(1, 12);
    const B = [[1e-310, 0], [3e-310, 1], [0, 2]];
    const { R } = qr(B);
    const r = Array.from(R.data as ArrayLike<number>);
    for (const v of r) expect(Number.isFinite(v)).toBe(true);
    // |R[0][0]| = ‖B[:,0]‖ = √10·1e-310 (to subnormal precision).
    expect(Math.abs(r[0]!) / (Math.sqrt(10) * 1e-310)).toBeCloseTo(1, 8);
  });
});
