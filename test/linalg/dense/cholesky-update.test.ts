import { describe, expect, it } from 'vitest';
import { choleskyDense } from '../../../src/linalg/dense/cholesky.js';
import { choleskyAppend, choleskyDelete, choleskyRankOne } from '../../../src/linalg/dense/cholesky-update.js';
import { gramDense } from '../../../src/linalg/dense/matmul.js';
import { randn } from '../iterative/helpers.js';

// The factors are compared with a fresh factorization of the updated matrix (the oracle).
const LD = 16;

function spd(n: number, seed: number) {
  const G = gramDense(randn(n + 3, n, seed));
  for (let i = 0; i < n; i++) G.data[i * n + i]! += 0.5;
  return G;
}

/** The leading k x k factor stored with leading dimension LD. */
function padded(L: { rows: number; data: Float64Array }): Float64Array {
  const k = L.rows;
  const out = new Float64Array(LD * LD);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) out[i * LD + j] = L.data[i * k + j]!;
  return out;
}

function expectFactor(buf: Float64Array, A: { rows: number; data: Float64Array }, tol = 1e-12) {
  const k = A.rows;
  const L = choleskyDense({ rows: k, cols: k, data: A.data });
  let scale = 0;
  for (const v of L.data) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < LD; j++) {
      const want = j < k ? L.data[i * k + j]! : 0;
      expect(Math.abs(buf[i * LD + j]! - want)).toBeLessThanOrEqual(tol * scale);
    }
  }
}

describe('Cholesky updates against a fresh factorization', () => {
  it('rank-one update and downdate, on the whole factor and on a trailing block', () => {
    const n = 9;
    const A = spd(n, 1);
    const x = randn(1, n, 2).data;
    const up = { rows: n, data: A.data.map((v, t) => v + x[Math.floor(t / n)]! * x[t % n]!) };
    const L = padded(choleskyDense(A));
    expect(choleskyRankOne(L, LD, 0, n, x.slice(), 0, 1)).toBe(true);
    expectFactor(L, up);
    // Downdate back to A.
    expect(choleskyRankOne(L, LD, 0, n, x.slice(), 0, -1)).toBe(true);
    expectFactor(L, A, 1e-10);
    // A downdate that leaves the matrix indefinite is refused.
    const big = x.map((v) => 100 * v);
    expect(choleskyRankOne(padded(choleskyDense(A)), LD, 0, n, big, 0, -1)).toBe(false);
  });

  it('appending columns one by one builds the factor of the bordered matrix; a dependent column is refused', () => {
    const n = 10;
    const A = spd(n, 3);
    const L = new Float64Array(LD * LD);
    for (let k = 0; k < n; k++) {
      const a = Float64Array.from({ length: k }, (_, t) => A.data[t * n + k]!);
      expect(choleskyAppend(L, LD, k, a, A.data[k * n + k]!)).toBe(true);
      const Ak = { rows: k + 1, data: new Float64Array((k + 1) * (k + 1)) };
      for (let i = 0; i <= k; i++) for (let j = 0; j <= k; j++) Ak.data[i * (k + 1) + j] = A.data[i * n + j]!;
      expectFactor(L, Ak);
    }
    // Column 2 of a Gram matrix of columns [c0, c1, c0 + c1] depends on the first two.
    const C = randn(6, 2, 4);
    const cols = [0, 1].map((j) => Float64Array.from({ length: 6 }, (_, i) => C.data[i * 2 + j]!));
    const c2 = cols[0]!.map((v, i) => v + cols[1]![i]!);
    const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, a, i) => s + a * v[i]!, 0);
    const G = new Float64Array(LD * LD);
    expect(choleskyAppend(G, LD, 0, [], dot(cols[0]!, cols[0]!))).toBe(true);
    expect(choleskyAppend(G, LD, 1, [dot(cols[0]!, cols[1]!)], dot(cols[1]!, cols[1]!))).toBe(true);
    expect(choleskyAppend(G, LD, 2, [dot(cols[0]!, c2), dot(cols[1]!, c2)], dot(c2, c2))).toBe(false);
  });

  it('deleting row/column j (first, middle, last) gives the factor of A without j', () => {
    const n = 8;
    const A = spd(n, 5);
    for (const j of [0, 3, n - 1]) {
      const L = padded(choleskyDense(A));
      choleskyDelete(L, LD, n, j);
      const keep = Array.from({ length: n }, (_, i) => i).filter((i) => i !== j);
      const B = { rows: n - 1, data: new Float64Array((n - 1) * (n - 1)) };
      keep.forEach((a, i) => keep.forEach((b, t) => { B.data[i * (n - 1) + t] = A.data[a * n + b]!; }));
      expectFactor(L, B);
      for (let t = 0; t < LD; t++) expect(L[(n - 1) * LD + t]).toBe(0);
    }
  });
});
