/**
 * The result pool behind elementwise operations and the library's own staging arrays: results
 * computed on recycled (NaN-filled) memory carry the same bits as on fresh memory; the over-sized
 * staging of a merge goes back to the pool but never a buffer a result holds; elementwise results
 * are disposable and disposing them leaves their operands intact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COOMatrix, CSRMatrix, abs, add, multiply, power, random, scale, spgemm, sub } from '../../../src/index.js';
import { recycleScratch, resultFloat64, resultPoolBudget, resultPoolStats } from '../../../src/kernels/runtime/result-pool.js';
import { hash } from './lifetime-hash.js';

const hashOf = (M: CSRMatrix): number => hash(M.indptr, M.indices, M.data);

const n = 2000;
const A = random(n, n, 8e-3, { seed: 21, format: 'csr' });
const B = random(n, n, 8e-3, { seed: 22, format: 'csr' });
// B with half of A's entries negated: A + B2 cancels those to exact zeros (the merge's staging is trimmed).
const B2 = new CSRMatrix({ indptr: A.indptr.slice(), indices: A.indices.slice(), data: A.data.map((v, p) => (p % 2 === 0 ? -v : v)), shape: [n, n] });
const D = Float64Array.from({ length: n * n }, (_, k) => (k % 3 === 0 ? 0 : Math.cos(k)));

/** Fill the pool with NaN-filled buffers of every size the operations below ask for. */
function poisonPool(): void {
  for (let k = 0; k < 4; k++) {
    for (const M of [add(A, B), add(A, B2), multiply(A, B)] as CSRMatrix[]) {
      M.data.fill(NaN);
      M.indices.fill(-1);
      M.dispose();
    }
    const S = scale(A, 2); // shares A's indptr and indices: only its values are its own
    S.data.fill(NaN);
    S.dispose();
  }
}

afterEach(() => {
  resultPoolBudget(256 * 2 ** 20);
});

describe('elementwise results on recycled memory', () => {
  const ops: [string, () => CSRMatrix][] = [
    ['add', () => add(A, B)],
    ['add with cancellation', () => add(A, B2)],
    ['sub', () => sub(A, B)],
    ['multiply (sparse)', () => multiply(A, A)],
    ['multiply (dense)', () => multiply(A, { data: D, rows: n, cols: n })],
    ['scale', () => scale(A, 3)],
    ['abs', () => abs(B2)],
    ['power', () => power(A, 2)],
  ];

  it('give the bits of fresh memory, and disposing them leaves the operands intact', () => {
    resultPoolBudget(0); // fresh memory for the reference results
    resultPoolBudget(256 * 2 ** 20);
    const want = ops.map(([, f]) => hashOf(f()));
    const operands = [A, B, B2].map(hashOf);
    // The cancellation case really drops entries (exercises the trimmed copy).
    expect(add(A, B2).nnz).toBe(A.nnz - Math.ceil(A.nnz / 2));
    expect(A.data.byteLength).toBeGreaterThan(1 << 16); // large enough to be pooled
    for (let round = 0; round < 2; round++) {
      poisonPool();
      expect(resultPoolStats().buffers).toBeGreaterThan(0);
      ops.forEach(([name, f], k) => {
        const C = f();
        expect(hashOf(C), name).toBe(want[k]);
        C.dispose();
      });
    }
    expect([A, B, B2].map(hashOf)).toEqual(operands);
  });

  it('a kept result is unchanged by later operations and disposals, and shares no buffer with them', () => {
    const kept = add(A, B2);
    const h = hashOf(kept);
    for (let k = 0; k < 5; k++) {
      const C = add(A, B2);
      const S = sub(A, B);
      for (const a of [C.indices, C.data, S.indices, S.data]) {
        expect(a.buffer).not.toBe(kept.indices.buffer);
        expect(a.buffer).not.toBe(kept.data.buffer);
      }
      C.data.fill(NaN);
      C.dispose();
      S.dispose();
    }
    expect(hashOf(kept)).toBe(h);
  });
});

describe('duplicate merging on recycled memory', () => {
  it('COO -> CSR/CSC with duplicates (ordered and shuffled) gives the bits of fresh memory; the triplets stay intact', () => {
    // Every triplet of A three times: in order, and in a fixed shuffled order.
    const T = A.toCOO();
    const k = 3 * T.nnz;
    const row = new Int32Array(k);
    const col = new Int32Array(k);
    const data = new Float64Array(k);
    for (let p = 0; p < k; p++) {
      const q = p % T.nnz;
      row[p] = T.row[q]!;
      col[p] = T.col[q]!;
      data[p] = T.data[q]! * (1 + (p % 3));
    }
    const shuffled = (a: Int32Array | Float64Array): Int32Array | Float64Array => a.map((_, p) => a[(p * 7919) % k]!);
    const inputs = [new COOMatrix({ row, col, data, shape: [n, n] }), new COOMatrix({ row: shuffled(row) as Int32Array, col: shuffled(col) as Int32Array, data: shuffled(data) as Float64Array, shape: [n, n] })];
    resultPoolBudget(0);
    resultPoolBudget(256 * 2 ** 20);
    const want = inputs.map((c) => [hashOf(c.toCSR()), hashOf(c.toCSC() as unknown as CSRMatrix)]);
    const triplets = inputs.map((c) => hash(c.row, c.col, c.data));
    // Oracle: A's pattern, each value the sum of its three copies in input order.
    const S = inputs[0]!.toCSR();
    expect(Array.from(S.indptr)).toEqual(Array.from(A.indptr));
    expect(Array.from(S.indices)).toEqual(Array.from(A.indices));
    expect(Array.from(S.data)).toEqual(Array.from(A.data, (_, q) => data[q]! + data[q + T.nnz]! + data[q + 2 * T.nnz]!));
    for (let round = 0; round < 2; round++) {
      poisonPool();
      inputs.forEach((c, i) => {
        const R = c.toCSR();
        const C = c.toCSC();
        expect([hashOf(R), hashOf(C as unknown as CSRMatrix)]).toEqual(want[i]);
        R.dispose();
        C.dispose();
      });
    }
    expect(inputs.map((c) => hash(c.row, c.col, c.data))).toEqual(triplets);
  });
});

describe('recycleScratch', () => {
  it('takes back only buffers the pool issued and no matrix adopted', () => {
    resultPoolBudget(0);
    resultPoolBudget(256 * 2 ** 20);
    const scratch = resultFloat64(1 << 15);
    recycleScratch(scratch);
    expect(resultPoolStats()).toEqual({ buffers: 1, bytes: 8 << 15 });
    // Adopted by a matrix: recycleScratch leaves it alone (only dispose() may return it).
    const C = spgemm(A, A, { threads: 1 });
    const before = resultPoolStats();
    recycleScratch(C.indices, C.data);
    expect(resultPoolStats()).toEqual(before);
    expect(C.data.length).toBeGreaterThan(0);
    // A user's own array: never taken.
    const mine = new Float64Array(1 << 15);
    recycleScratch(mine);
    expect(resultPoolStats()).toEqual(before);
  });

  it('SpGEMM with exact cancellations gives the same bits on recycled memory', () => {
    // Ld = [L L] (every entry of L stored at column j and m + j) times N = [I; S] with S = diag(∓1):
    // entry (i, j) of Ld·N is L(i, j)·(1 + S(j, j)), an exact zero for even j, 2·L(i, j) for odd j.
    const m = 2000;
    const L = random(m, m, 8e-3, { seed: 5, format: 'csr' });
    const cols: number[] = [];
    const vals: number[] = [];
    for (let k = 0; k < m; k++) {
      cols.push(k);
      vals.push(1);
    }
    for (let k = 0; k < m; k++) {
      cols.push(k);
      vals.push(k % 2 === 0 ? -1 : 1);
    }
    const Ld = new CSRMatrix({ indptr: L.indptr.map((v) => 2 * v), indices: paired(L, new Int32Array(2 * L.nnz), (p) => L.indices[p]!, m), data: paired(L, new Float64Array(2 * L.nnz), (p) => L.data[p]!, 0), shape: [m, 2 * m] });
    const N = new CSRMatrix({ indptr: Int32Array.from({ length: 2 * m + 1 }, (_, k) => k), indices: Int32Array.from(cols), data: Float64Array.from(vals), shape: [2 * m, m] });
    let odd = 0;
    for (const j of L.indices) odd += j % 2;
    resultPoolBudget(0);
    resultPoolBudget(256 * 2 ** 20);
    const want = spgemm(Ld, N, { threads: 1 });
    const h = hashOf(want);
    expect(want.nnz).toBe(odd); // the cancelled entries were dropped
    expect(want.data.byteLength).toBeGreaterThan(1 << 16); // large enough to be pooled
    for (let k = 0; k < 3; k++) {
      const P = spgemm(Ld, N, { threads: 1 });
      P.data.fill(NaN);
      P.dispose();
      const Q = spgemm(Ld, N, { threads: 1 });
      expect(hashOf(Q)).toBe(h);
      Q.dispose();
    }
    // Oracle: entry (i, j) of L·N is (1 + sign_j)·L(i, j): zero for even j, 2·L(i, j) for odd j.
    const dense = L.toDense().data;
    const got = want.toDense().data;
    let mismatches = 0;
    for (let p = 0; p < got.length; p++) if (got[p] !== ((p % m) % 2 === 0 ? 0 : 2 * dense[p]!)) mismatches++;
    expect(mismatches).toBe(0);
  });
});

/** [L L] as CSR arrays: row i's entries at columns j, then again at m + j. */
function paired<T extends Int32Array | Float64Array>(S: CSRMatrix, out: T, value: (p: number) => number, shift: number): T {
  for (let i = 0; i < S.shape[0]; i++) {
    const s = S.indptr[i]!;
    const e = S.indptr[i + 1]!;
    for (let p = s; p < e; p++) {
      out[s + p] = value(p);
      out[e + p] = value(p) + shift;
    }
  }
  return out;
}
