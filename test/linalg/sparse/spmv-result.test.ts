/**
 * The result vector of a product without `out` (A.matvec(x), A.rmatvec(x), spmv, spmvAsync): a new
 * array per call, never aliased with an earlier result, with exact values (integer entries, so sums
 * are exact in any order) on matrices with empty rows and empty columns, and the same bits as the
 * product into a zeroed `out`. NaN-filled buffers planted in the result pool make each result land
 * on recycled memory: every route (gather, scatter, COO; JS, WASM, threads) must write all of y,
 * the property that would let the result skip zeroing.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { COOMatrix, createRng, setBackend, shutdown, spmv, spmvAsync } from '../../../src/index.js';
import { recycleScratch, resultFloat64, resultPoolStats } from '../../../src/kernels/runtime/result-pool.js';

const bits = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

/** Put a NaN-filled buffer of `length` doubles into the result pool (as library scratch would be). */
function plantNaN(length: number): void {
  const s = resultFloat64(length);
  s.fill(NaN);
  recycleScratch(s);
}

/**
 * m x n triplets with integer values in [-4, 4] \ {0}: every third row and every seventh column
 * empty, rows of 0-9 entries at scattered columns (duplicates summed by the formats).
 */
function triplets(m: number, n: number, seed: number): { row: Int32Array; col: Int32Array; val: Float64Array } {
  const rng = createRng(seed);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < m; i++) {
    if (i % 3 === 0) continue;
    const len = Math.floor(rng.random() * 10);
    for (let k = 0; k < len; k++) {
      let j = Math.floor(rng.random() * n);
      if (j % 7 === 0) j = (j + 1) % n;
      row.push(i);
      col.push(j);
      val.push((1 + Math.floor(rng.random() * 4)) * (rng.random() < 0.5 ? -1 : 1));
    }
  }
  return { row: Int32Array.from(row), col: Int32Array.from(col), val: Float64Array.from(val) };
}

/** y = A·x (or Aᵀ·x) from the triplets; exact for integer entries. */
function oracle(t: ReturnType<typeof triplets>, x: Float64Array, len: number, trans: boolean): Float64Array {
  const y = new Float64Array(len);
  for (let p = 0; p < t.val.length; p++) {
    if (trans) y[t.col[p]!]! += t.val[p]! * x[t.row[p]!]!;
    else y[t.row[p]!]! += t.val[p]! * x[t.col[p]!]!;
  }
  return y;
}

const M = 30_000;
const N = 20_000;
const T = triplets(M, N, 5);
const coo = new COOMatrix({ row: T.row, col: T.col, data: T.val, shape: [M, N] });
const A = coo.toCSR();
const C = coo.toCSC();
const rng = createRng(9);
const intVec = (n: number): Float64Array => Float64Array.from({ length: n }, () => Math.floor(rng.random() * 7) - 3);
const x = intVec(N);
const xt = intVec(M);
const yRef = oracle(T, x, M, false);
const ytRef = oracle(T, xt, N, true);

afterEach(() => setBackend('auto'));
afterAll(async () => {
  await shutdown();
});

describe('product results without out', () => {
  it('are exact on memory that held NaN, on every route (gather, scatter, COO; JS, WASM, threads)', async () => {
    expect(yRef.some((v) => v === 0)).toBe(true);
    const routes: [string, (() => Float64Array) | (() => Promise<Float64Array>), Float64Array, () => Float64Array][] = [
      ['CSR matvec', () => A.matvec(x, { threads: 1 }), yRef, () => A.matvec(x, { threads: 1, out: new Float64Array(M) })],
      ['CSR matvec, 2 threads', () => A.matvec(x, { threads: 2 }), yRef, () => A.matvec(x, { threads: 2, out: new Float64Array(M) })],
      ['spmvAsync, 2 threads', () => spmvAsync(A, x, { threads: 2 }), yRef, () => spmv(A, x, { threads: 2, out: new Float64Array(M) })],
      ['CSC matvec', () => C.matvec(x, { threads: 1 }), yRef, () => C.matvec(x, { threads: 1, out: new Float64Array(M) })],
      ['CSR rmatvec', () => A.rmatvec(xt, { threads: 1 }), ytRef, () => A.rmatvec(xt, { threads: 1, out: new Float64Array(N) })],
      ['CSC rmatvec', () => C.rmatvec(xt, { threads: 1 }), ytRef, () => C.rmatvec(xt, { threads: 1, out: new Float64Array(N) })],
      ['COO matvec', () => spmv(coo, x), yRef, () => spmv(coo, x, { out: new Float64Array(M) })],
    ];
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      for (const [label, run, ref, intoOut] of routes) {
        plantNaN(ref.length);
        const before = resultPoolStats().buffers;
        const y = await run();
        expect(resultPoolStats().buffers, `${backend} ${label}: took the planted buffer`).toBe(before - 1);
        expect(y.some(Number.isNaN), `${backend} ${label}`).toBe(false);
        expect(Array.from(y), `${backend} ${label}`).toEqual(Array.from(ref));
        expect(bits(y), `${backend} ${label}: same bits as into a zeroed out`).toBe(bits(intoOut()));
      }
    }
  });

  it('are fresh arrays: an earlier result still held is never aliased or changed', () => {
    const x2 = intVec(N);
    const y2Ref = oracle(T, x2, M, false);
    plantNaN(M);
    plantNaN(M);
    const y1 = A.matvec(x);
    const h1 = bits(y1);
    const y2 = A.matvec(x2);
    const y3 = A.matvec(x2, { threads: 1 });
    y3.fill(-1);
    expect(y1.buffer).not.toBe(y2.buffer);
    expect(y3.buffer).not.toBe(y1.buffer);
    expect(y3.buffer).not.toBe(y2.buffer);
    expect(bits(y1)).toBe(h1);
    expect(Array.from(y1)).toEqual(Array.from(yRef));
    expect(Array.from(y2)).toEqual(Array.from(y2Ref));
  });
});

