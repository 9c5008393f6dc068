/**
 * Streaming top eigenvector. Oracle: the exact top eigenvector v₁ of AᵀA from numpy.linalg.eigh
 * (one python call per batch of test matrices), or, without python, the library's own eigh.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ArgumentError, ShapeError, StreamingTopEigenvector, eigh, type StreamingTopEigenvectorResult, createRng, fromDense, toNdarray,
} from '../../src/index.js';
import { gemm } from '../../src/linalg/dense/gemm.js';
import { pythonMissing, runPython } from '../helpers/python.js';

function gram(A: Float64Array, n: number, d: number): Float64Array {
  const G = new Float64Array(d * d);
  gemm(true, false, d, d, n, 1, A, 0, d, A, 0, d, 0, G, 0, d);
  return G;
}

/** Top eigenvectors of several symmetric d x d matrices. */
function topEigenvectors(grams: Float64Array[], d: number): Float64Array[] {
  if (pythonMissing(['numpy']) === null) {
    const out = runPython<number[][]>(
      'import numpy as np\nd = inp["d"]\nres = []\nfor g in inp["G"]:\n    w, V = np.linalg.eigh(np.array(g).reshape(d, d))\n    res.append(V[:, -1].tolist())\nprint(json.dumps(res))',
      { d, G: grams.map((g) => Array.from(g)) },
    );
    return out.map((v) => Float64Array.from(v));
  }
  // Without python: the library's own eigh (Householder tridiagonalization + QL).
  return grams.map((G) => {
    const V = eigh(toNdarray({ rows: d, cols: d, data: G })).vectors!;
    return Float64Array.from({ length: d }, (_, i) => V.get(i, d - 1));
  });
}

const corr = (v: Float64Array, w: Float64Array) => Math.abs(v.reduce((s, x, j) => s + x * w[j]!, 0));

function unitVector(d: number, rng: ReturnType<typeof createRng>): Float64Array {
  const u = rng.fillNormal(new Float64Array(d));
  const nu = Math.hypot(...u);
  return u.map((x) => x / nu);
}

/** n Gaussian rows with covariance I + (R − 1)·u·uᵀ (gap R along a random u), in random order. */
function lightStream(n: number, d: number, R: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const u = unitVector(d, rng);
  const A = new Float64Array(n * d);
  const f = Math.sqrt(R) - 1;
  const g = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    rng.fillNormal(g);
    let p = 0;
    for (let j = 0; j < d; j++) p += g[j]! * u[j]!;
    for (let j = 0; j < d; j++) A[i * d + j] = g[j]! + f * p * u[j]!;
  }
  return A;
}

/**
 * Heavy-signal stream: n − 1 near-isotropic light rows N(0, I/(n − 1)) (their Gram matrix ≈ I:
 * no direction stands out) plus one row √R·u, shuffled: AᵀA ≈ I + R·u·uᵀ, and the whole signal
 * sits in a single row.
 */
function heavySignalStream(n: number, d: number, R: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const u = unitVector(d, rng);
  const A = new Float64Array(n * d);
  const s = 1 / Math.sqrt(n - 1);
  rng.fillNormal(A.subarray(0, (n - 1) * d), 0, s);
  for (let j = 0; j < d; j++) A[(n - 1) * d + j] = Math.sqrt(R) * u[j]!;
  const perm = rng.permutation(n);
  const B = new Float64Array(n * d);
  for (let i = 0; i < n; i++) B.set(A.subarray(perm[i]! * d, (perm[i]! + 1) * d), i * d);
  return B;
}

function run(A: Float64Array, n: number, d: number, options: ConstructorParameters<typeof StreamingTopEigenvector>[1]) {
  const est = new StreamingTopEigenvector(d, options);
  for (let i = 0; i < n; i++) est.push(A.subarray(i * d, (i + 1) * d));
  return est.result();
}

describe('light-row streams (n = 20000, d = 200, Gaussian rows with gap R)', () => {
  const n = 20000;
  const d = 200;
  const gaps = [2.5, 8, 25];
  const streams = gaps.map((R, k) => lightStream(n, d, R, 40 + k));
  const v1 = topEigenvectors(streams.map((A) => gram(A, n, d)), d);
  gaps.forEach((R, k) => {
    it(`R = ${R}: |⟨v, v₁⟩| ≥ 1 − 1/√R for heavy-block (with and without n) and Oja; O(d) memory`, () => {
      const A = streams[k]!;
      const target = 1 - 1 / Math.sqrt(R);
      const hb = run(A, n, d, { seed: 1, n });
      expect(hb.rowsSeen).toBe(n);
      expect(hb.heavyRows).toBe(0);
      expect(hb.memoryFloats).toBe(2 * d);
      expect(corr(hb.vector, v1[k]!)).toBeGreaterThanOrEqual(target);
      // well above the target in practice: the block power method has converged
      expect(corr(hb.vector, v1[k]!)).toBeGreaterThan(0.99);
      const hbNoN = run(A, n, d, { seed: 2 });
      expect(corr(hbNoN.vector, v1[k]!)).toBeGreaterThan(0.99);
      const oja = run(A, n, d, { algorithm: 'oja', seed: 1, n });
      expect(oja.memoryFloats).toBe(d);
      expect(oja.etaTooLarge).toBe(false);
      expect(corr(oja.vector, v1[k]!)).toBeGreaterThanOrEqual(target);
      // unit vectors
      expect(Math.abs(Math.hypot(...hb.vector) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(Math.hypot(...oja.vector) - 1)).toBeLessThan(1e-12);
    });
  });
});

describe('heavy-signal streams: one heavy row of norm √R carries the signal', () => {
  const n = 5000;
  const d = 50;
  const gaps = [4, 10, 30];
  const seeds = [...Array(20).keys()];
  // Run both algorithms on every stream, keep only the d x d Gram matrices and the results, then
  // get all the exact eigenvectors in one python call.
  const grams: Float64Array[] = [];
  const runs: { hb: StreamingTopEigenvectorResult; oja: StreamingTopEigenvectorResult }[] = [];
  beforeAll(() => {
    for (const R of gaps) {
      for (const s of seeds) {
        const A = heavySignalStream(n, d, R, 1000 * R + s);
        grams.push(gram(A, n, d));
        runs.push({ hb: run(A, n, d, { seed: s, n }), oja: run(A, n, d, { algorithm: 'oja', seed: s, n }) });
      }
    }
  });
  gaps.forEach((R, k) => {
    it(`R = ${R}: heavy-block beats Oja in the median over 20 seeds; Oja flags its learning rate`, () => {
      const first = k * seeds.length;
      const v1 = topEigenvectors(grams.slice(first, first + seeds.length), d);
      const hb: number[] = [];
      const oja: number[] = [];
      seeds.forEach((s) => {
        const { hb: r, oja: o } = runs[first + s]!;
        expect(r.heavyRows).toBe(1);
        expect(r.memoryFloats).toBeLessThan(12 * d);
        expect(o.etaTooLarge).toBe(true);
        hb.push(corr(r.vector, v1[s]!));
        oja.push(corr(o.vector, v1[s]!));
      });
      const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
      expect(median(hb)).toBeGreaterThan(median(oja));
      expect(median(hb)).toBeGreaterThan(0.99);
      expect(Math.min(...hb)).toBeGreaterThan(1 - 1 / Math.sqrt(R));
    });
  });
});

describe('StreamingTopEigenvector mechanics', () => {
  const d = 12;
  const n = 3000;
  const A = lightStream(n, d, 6, 3);

  it('pushRows (dense ndarray, number[][], CSR, CSC) equals row-by-row push', () => {
    for (const algorithm of ['heavy-block', 'oja'] as const) {
      const ref = run(A, n, d, { algorithm, seed: 9, n });
      const dense = toNdarray({ rows: n, cols: d, data: A });
      const rowsArr = [...Array(n)].map((_, i) => Array.from(A.subarray(i * d, (i + 1) * d)));
      for (const input of [dense, rowsArr, fromDense(dense), fromDense(dense, 'csc')]) {
        const est = new StreamingTopEigenvector(d, { algorithm, seed: 9, n });
        est.pushRows(input);
        const r = est.result();
        expect(r.rowsSeen).toBe(n);
        for (let j = 0; j < d; j++) expect(Math.abs(r.vector[j]! - ref.vector[j]!)).toBeLessThan(1e-10);
      }
    }
  });

  it('result() does not disturb the stream; memory does not grow with the stream length', () => {
    const a = new StreamingTopEigenvector(d, { seed: 4 });
    const b = new StreamingTopEigenvector(d, { seed: 4 });
    const mem: number[] = [];
    for (let rep = 0; rep < 10; rep++) {
      for (let i = 0; i < n; i++) {
        a.push(A.subarray(i * d, (i + 1) * d));
        b.push(A.subarray(i * d, (i + 1) * d));
      }
      mem.push(a.result().memoryFloats);
    }
    expect(Array.from(a.result().vector)).toEqual(Array.from(b.result().vector));
    expect(new Set(mem).size).toBe(1);
    expect(a.rowsSeen).toBe(10 * n);
  });

  it('stores heavy rows exactly up to maxHeavyRows and demotes the smallest', () => {
    const rng = createRng(8);
    const est = new StreamingTopEigenvector(d, { seed: 1, n: 2000, maxHeavyRows: 3 });
    for (let i = 0; i < 2000; i++) {
      const a = rng.fillNormal(new Float64Array(d));
      if (i % 200 === 7) for (let j = 0; j < d; j++) a[j]! *= 60 + i / 100;
      est.push(a);
    }
    const r = est.result();
    expect(r.heavyRows).toBe(3);
    expect(r.memoryFloats).toBeLessThanOrEqual(2 * d + 3 * (2 * d + 2));
    // Only heavy rows: the exact power method on them.
    const only = new StreamingTopEigenvector(3, { seed: 1 });
    only.push([0, 0, 0]);
    const e = new StreamingTopEigenvector(2, { seed: 2 });
    e.push([3, 4]);
    expect(Array.from(e.result().vector).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([0.6, 0.8]);
    expect(only.result().rowsSeen).toBe(1);
  });

  it('a fixed eta is honoured and flagged when too large', () => {
    const est = new StreamingTopEigenvector(d, { algorithm: 'oja', eta: 0.5, seed: 1 });
    for (let i = 0; i < 100; i++) est.push(A.subarray(i * d, (i + 1) * d));
    const r = est.result();
    expect(r.eta).toBe(0.5);
    expect(r.etaTooLarge).toBe(true); // 0.5·‖a‖² ≫ 1/ln d for rows of norm² ≈ d
    expect(Number.isNaN(run(A, 100, d, { seed: 1 }).eta)).toBe(true);
  });

  it('bad input', () => {
    expect(() => new StreamingTopEigenvector(0)).toThrow(ArgumentError);
    expect(() => new StreamingTopEigenvector(3, { algorithm: 'power' as never })).toThrow(ArgumentError);
    expect(() => new StreamingTopEigenvector(3, { eta: -1 })).toThrow(ArgumentError);
    expect(() => new StreamingTopEigenvector(3, { n: 2.5 })).toThrow(ArgumentError);
    const est = new StreamingTopEigenvector(3);
    expect(() => est.push([1, 2])).toThrow(ShapeError);
    expect(() => est.push([1, Number.NaN, 2])).toThrow(ArgumentError);
    expect(() => est.pushRows([[1, 2]])).toThrow(ShapeError);
    expect(() => est.pushRows([[1, 2, Number.POSITIVE_INFINITY]])).toThrow(ArgumentError);
  });
});

describe('heavy row late in a stream of unknown length', () => {
  it('a heavy row carrying the signal counts even as the very last row (no n given)', () => {
    const n = 5000;
    const d = 50;
    const rng = createRng(31);
    const u = unitVector(d, rng);
    for (const at of [n - 1, n - 700, 2500]) {
      const est = new StreamingTopEigenvector(d, { seed: 3 });
      const row = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        if (i === at) for (let j = 0; j < d; j++) row[j] = Math.sqrt(10) * u[j]!;
        else rng.fillNormal(row, 0, 1 / Math.sqrt(n));
        est.push(row);
      }
      const r = est.result();
      expect(r.heavyRows, `heavy row at ${at}`).toBe(1);
      expect(corr(r.vector, u), `heavy row at ${at}`).toBeGreaterThan(0.95);
    }
  });
});
