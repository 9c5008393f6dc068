/**
 * Sketch operators: every product agrees with the materialised S; E[SᵀS] = I over seeds;
 * subspace-embedding distortion for m = 4d within the Marchenko–Pastur range; bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, ShapeError, countSketch, createRng, fromDense, gaussianSketch, osnap, qr, srht, svd, toNdarray,
  type Sketch,
} from '../../src/index.js';

type Factory = (m: number, n: number, seed: number) => Sketch;
const factories: Record<string, Factory> = {
  gaussian: (m, n, seed) => gaussianSketch(m, n, { seed }),
  srht: (m, n, seed) => srht(m, n, { seed }),
  countsketch: (m, n, seed) => countSketch(m, n, { seed }),
  osnap: (m, n, seed) => osnap(m, n, { s: 3, seed }),
};

function randomDense(rows: number, cols: number, seed: number, density = 1): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(rows * cols);
  for (let p = 0; p < a.length; p++) if (rng.random() < density) a[p] = rng.normal();
  return a;
}

/** Row-major product of S (m x n, from toDense) with A (n x d). */
function denseProduct(S: Sketch, A: Float64Array, d: number): Float64Array {
  const Sd = S.toDense();
  const [m, n] = S.shape;
  const out = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) {
    const s = Sd.get(i, k);
    for (let j = 0; j < d; j++) out[i * d + j]! += s * A[k * d + j]!;
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i]! - b[i]!));
  return e;
}

describe.each(Object.keys(factories))('%s sketch', (kind) => {
  const make = factories[kind]!;
  const n = 37;
  const d = 5;
  const m = 12;
  const A = randomDense(n, d, 11, 0.4);
  const Ad = toNdarray({ rows: n, cols: d, data: A });
  const S = make(m, n, 5);
  const ref = denseProduct(S, A, d);

  it('apply on dense, CSR, CSC and COO input equals toDense()·A', () => {
    expect(S.kind).toBe(kind);
    expect(S.shape).toEqual([m, n]);
    for (const input of [Ad, fromDense(Ad), fromDense(Ad, 'csc'), fromDense(Ad, 'coo')]) {
      const SA = S.apply(input);
      expect(SA.shape).toEqual([m, d]);
      expect(maxAbsDiff(SA.data as Float64Array, ref)).toBeLessThan(1e-12);
    }
    // number[][] input too
    const rowsArr = [...Array(n)].map((_, i) => Array.from(A.subarray(i * d, (i + 1) * d)));
    expect(maxAbsDiff(S.apply(rowsArr).data as Float64Array, ref)).toBeLessThan(1e-12);
  });

  it('applyVector uses the same S, and the seed reproduces it', () => {
    const b = randomDense(n, 1, 3);
    const Sb = S.applyVector(b);
    expect(maxAbsDiff(Sb, denseProduct(S, b, 1))).toBeLessThan(1e-12);
    expect(Array.from(make(m, n, 5).applyVector(b))).toEqual(Array.from(Sb));
    expect(maxAbsDiff(make(m, n, 6).applyVector(b), Sb)).toBeGreaterThan(1e-3);
    // inputs are not modified
    const copy = b.slice();
    S.applyVector(b);
    expect(Array.from(b)).toEqual(Array.from(copy));
  });

  it('E[SᵀS] = I: the mean of SᵀS over 300 seeds is within 5 standard errors of I', () => {
    const nn = 16;
    const mm = 8;
    const K = 300;
    const mean = new Float64Array(nn * nn);
    for (let seed = 0; seed < K; seed++) {
      const Sd = make(mm, nn, 1000 + seed).toDense();
      for (let k = 0; k < nn; k++) for (let l = 0; l < nn; l++) {
        let s = 0;
        for (let i = 0; i < mm; i++) s += Sd.get(i, k) * Sd.get(i, l);
        mean[k * nn + l]! += s / K;
      }
    }
    // Var((SᵀS)_kl) ≤ 2/m for all four families, so the standard error is at most √(2/(mK)).
    const se = Math.sqrt(2 / (mm * K));
    let worst = 0;
    for (let k = 0; k < nn; k++) for (let l = 0; l < nn; l++) {
      worst = Math.max(worst, Math.abs(mean[k * nn + l]! - (k === l ? 1 : 0)));
    }
    expect(worst).toBeLessThan(5 * se);
    // and the deviation is genuinely random (not an exactly-orthogonal S): some off-diagonal mass
    expect(worst).toBeGreaterThan(0.2 * se);
  });
});

describe('subspace embedding of a random n x d subspace, m = 4d', () => {
  it('singular values of S·U lie in the Marchenko–Pastur range [1 − √(d/m), 1 + √(d/m)] ± 0.1', () => {
    const n = 4096;
    const d = 32;
    const m = 4 * d;
    // Orthonormal U (n x d): Q of the Householder QR of a seeded Gaussian matrix; σ(S·U) by the SVD
    // (both from linalg, tested there against NumPy).
    const G = toNdarray({ rows: n, cols: d, data: createRng(7).fillNormal(new Float64Array(n * d)) });
    const U = qr(G).Q!;
    const r = Math.sqrt(d / m);
    for (const kind of Object.keys(factories)) {
      for (const seed of [1, 2, 3]) {
        const S = kind === 'osnap' ? osnap(m, n, { s: 8, seed }) : factories[kind]!(m, n, seed);
        const s = svd(S.apply(U), { vectors: false }).s;
        const smax = s[0]!;
        const smin = s[d - 1]!;
        const key = `${kind}:${seed}`;
        expect(smax, `${key} σmax`).toBeLessThan(1 + r + 0.1);
        expect(smin, `${key} σmin`).toBeGreaterThan(1 - r - 0.1);
        // an embedding with m = 4d is not an isometry: the spread is of order √(d/m)
        expect(smax - smin, `${key} spread`).toBeGreaterThan(0.3);
      }
    }
  });
});

describe('bad input', () => {
  it('typed errors', () => {
    expect(() => srht(11, 10)).toThrow(ArgumentError); // sampling sketch: m > n
    expect(() => gaussianSketch(0, 10)).toThrow(ArgumentError);
    expect(() => countSketch(3, 2.5)).toThrow(ArgumentError);
    expect(() => osnap(4, 10, { s: 5 })).toThrow(ArgumentError);
    expect(() => gaussianSketch(2, 3, { seed: Number.NaN })).toThrow(ArgumentError);
    const S = srht(4, 8, { seed: 1 });
    expect(() => S.apply([[1], [2]])).toThrow(ShapeError);
    expect(() => S.applyVector([1, 2, 3])).toThrow(ShapeError);
    expect(() => S.applyVector([1, 2, 3, 4, 5, 6, 7, Number.NaN])).toThrow(ArgumentError);
    const bad = [...Array(8)].map(() => [1, 2]);
    bad[3]![1] = Number.POSITIVE_INFINITY;
    expect(() => S.apply(bad)).toThrow(ArgumentError);
    const sp = fromDense([...Array(8)].map(() => [1, 0]));
    (sp.data as Float64Array)[2] = Number.NaN;
    expect(() => countSketch(3, 8).apply(sp)).toThrow(ArgumentError);
  });
});

describe('CountSketch restricted to a subset of rows (applyRowsInto)', () => {
  it('equals the full sketch applied to the matrix with the other rows zeroed', async () => {
    const { countSketch, createRng: rngOf } = await import('../../src/index.js');
    const { SparseEmbedding } = await import('../../src/sketch/sparse-embedding.js');
    const S = countSketch(6, 20, { seed: 4 });
    expect(S).toBeInstanceOf(SparseEmbedding);
    const a = rngOf(1).fillNormal(new Float64Array(20 * 3));
    const pick = Int32Array.from([9, 2, 17, 5]);
    const masked = new Float64Array(20 * 3);
    for (const r of pick) masked.set(a.subarray(r * 3, r * 3 + 3), r * 3);
    const full = S.apply({ rows: 20, cols: 3, data: masked } as never);
    const out = new Float64Array(6 * 3).fill(99);
    (S as InstanceType<typeof SparseEmbedding>).applyRowsInto(a, 3, Int32Array.from([0, ...pick]), 1, 4, out);
    for (let q = 0; q < 18; q++) expect(out[q]).toBeCloseTo((full.data as Float64Array)[q]!, 14);
  });
});
