/**
 * Test helpers for the sparse products: seeded generators (Erdős–Rényi, R-MAT), a dense oracle,
 * fixture loading, and comparisons.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { COOMatrix, CSRMatrix, createRng, fromDense, mmread } from '../../../src/index.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/matrices');

/** Erdős–Rényi: each of m·n positions independently nonzero with probability ~density (sampled by count), values in [-1, 1). */
export function erdosRenyi(m: number, n: number, density: number, seed: number, integers = false): CSRMatrix {
  const rng = createRng(seed);
  const nnz = Math.round(m * n * density);
  const pos = rng.sample(m * n, nnz);
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    row[p] = Math.floor(pos[p]! / n);
    col[p] = pos[p]! % n;
    data[p] = integers ? rng.integer(-3, 4) || 1 : rng.uniform(-1, 1);
  }
  return new COOMatrix({ row, col, data, shape: [m, n] }).toCSR();
}

/**
 * R-MAT graph (Chakrabarti, Zhan, Faloutsos 2004): 2^scale vertices, edgeFactor·2^scale edges,
 * each placed by descending the quadrants with probabilities (a, b, c, d) = (0.57, 0.19, 0.19, 0.05)
 * (the Graph500 parameters); duplicate edges add up, values uniform in [0.5, 1.5).
 */
export function rmat(scale: number, edgeFactor: number, seed: number): CSRMatrix {
  const rng = createRng(seed);
  const n = 2 ** scale;
  const edges = edgeFactor * n;
  const row = new Int32Array(edges);
  const col = new Int32Array(edges);
  const data = new Float64Array(edges);
  const a = 0.57, b = 0.19, c = 0.19;
  for (let e = 0; e < edges; e++) {
    let i = 0;
    let j = 0;
    for (let level = 0; level < scale; level++) {
      const r = rng.random();
      const bit = 1 << (scale - 1 - level);
      if (r < a) continue;
      if (r < a + b) j |= bit;
      else if (r < a + b + c) i |= bit;
      else {
        i |= bit;
        j |= bit;
      }
    }
    row[e] = i;
    col[e] = j;
    data[e] = 0.5 + rng.random();
  }
  return new COOMatrix({ row, col, data, shape: [n, n] }).toCSR();
}

/** Row-major dense copy as number[] (duplicates summed). */
export function dense(A: { toDense(): { data: ArrayLike<number> } }): Float64Array {
  return Float64Array.from(A.toDense().data);
}

/** Dense product of row-major a (m x k) and b (k x n). */
export function denseMatmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let t = 0; t < k; t++) {
    const v = a[i * k + t]!;
    if (v !== 0) for (let j = 0; j < n; j++) c[i * n + j]! += v * b[t * n + j]!;
  }
  return c;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let scaleMax = 0;
  for (let i = 0; i < expected.length; i++) scaleMax = Math.max(scaleMax, Math.abs(expected[i]!));
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThanOrEqual(rel * Math.max(1, scaleMax));
}

/** A readable fixture as a CSR matrix (dense `array` files converted), or null for complex/malformed ones. */
export function loadFixture(name: string): CSRMatrix | null {
  let m: ReturnType<typeof mmread>;
  try {
    m = mmread(readFileSync(join(FIXTURES, name), 'utf8'));
  } catch {
    return null;
  }
  return m instanceof COOMatrix ? m.toCSR() : fromDense(m);
}

/** Exact structural and bitwise equality of two CSR results. */
export function expectSameCsr(a: { indptr: Int32Array; indices: Int32Array; data: Float64Array; shape: readonly number[] }, b: typeof a): void {
  expect(a.shape).toEqual(b.shape);
  expect(Array.from(a.indptr)).toEqual(Array.from(b.indptr));
  expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  expect(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength).equals(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength))).toBe(true);
}

/** Python snippet: build a scipy csr from {indptr, indices, data, shape}. */
export const PY_CSR = `
import numpy as np, scipy.sparse as sp
def csr(d):
    return sp.csr_array((np.array(d['data'], dtype=float), np.array(d['indices'], dtype=np.int32), np.array(d['indptr'], dtype=np.int32)), shape=tuple(d['shape']))
def out(C):
    C = sp.csr_array(C); C.sum_duplicates(); C.sort_indices()
    return {'indptr': C.indptr.tolist(), 'indices': C.indices.tolist(), 'data': C.data.tolist(), 'shape': list(C.shape)}
`;

export function toJson(A: CSRMatrix): { indptr: number[]; indices: number[]; data: number[]; shape: number[] } {
  return { indptr: Array.from(A.indptr), indices: Array.from(A.indices), data: Array.from(A.data), shape: [...A.shape] };
}
