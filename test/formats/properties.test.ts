/**
 * Property tests on seeded random matrices (duplicates, explicit zeros, empty and one-line shapes):
 * conversions round-trip and agree with a dense oracle, transpose twice is the identity, duplicates
 * are summed, toDense agrees with get, slices agree with dense fancy indexing. Also the large-input
 * paths of COO -> CSR (two-level scatter, radix-sorted long lines) against a sorting reference.
 */
import { describe, expect, it } from 'vitest';
import { COOMatrix, CSCMatrix, CSRMatrix, coo, createRng, mmread, mmwrite, type SparseMatrix } from '../../src/index.js';

function randomCoo(seed: number, m: number, n: number, nnz: number, zeros = 0.1): COOMatrix {
  const rng = createRng(seed);
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    row[p] = rng.integer(0, m);
    col[p] = rng.integer(0, n);
    data[p] = rng.random() < zeros ? 0 : rng.normal();
  }
  return coo(row, col, data, [m, n]);
}

/** Dense oracle (row-major), duplicates summed in input order. */
function oracle(A: COOMatrix): Float64Array {
  const [m, n] = A.shape;
  const d = new Float64Array(m * n);
  for (let p = 0; p < A.nnz; p++) d[A.row[p]! * n + A.col[p]!]! += A.data[p]!;
  return d;
}

/** Reference canonical triplets: duplicates summed in input order (a Map), positions sorted numerically. */
function reference(A: COOMatrix): { row: number[]; col: number[]; data: number[] } {
  const n = A.shape[1];
  const sums = new Map<number, number>();
  for (let p = 0; p < A.nnz; p++) {
    const key = A.row[p]! * n + A.col[p]!;
    const v = A.data[p]!;
    const prev = sums.get(key);
    sums.set(key, prev === undefined ? v : prev + v);
  }
  const keys = Float64Array.from(sums.keys()).sort();
  const out = { row: [] as number[], col: [] as number[], data: [] as number[] };
  for (const key of keys) {
    out.row.push(Math.floor(key / n));
    out.col.push(key % n);
    out.data.push(sums.get(key)!);
  }
  return out;
}

function triplesOf(R: CSRMatrix): { row: number[]; col: number[]; data: number[] } {
  const row: number[] = [];
  for (let i = 0; i < R.shape[0]; i++) for (let p = R.indptr[i]!; p < R.indptr[i + 1]!; p++) row.push(i);
  return { row, col: Array.from(R.indices), data: Array.from(R.data) };
}

/** Number of differing positions (or -1 for different lengths): cheaper than deep equality on big arrays. */
function mismatches(a: { row: number[]; col: number[]; data: number[] }, b: { row: number[]; col: number[]; data: number[] }): number {
  if (a.row.length !== b.row.length) return -1;
  let bad = 0;
  for (let k = 0; k < a.row.length; k++) if (a.row[k] !== b.row[k] || a.col[k] !== b.col[k] || a.data[k] !== b.data[k]) bad++;
  return bad;
}

const denseOf = (A: SparseMatrix) => Array.from(A.toDense().data as Float64Array);

const shapes: [number, number, number][] = [
  [1, 1, 3], [7, 5, 40], [1, 30, 25], [30, 1, 25], [0, 4, 0], [4, 0, 0], [20, 20, 0], [25, 40, 300], [50, 3, 400], [3, 50, 400],
];

describe('conversions, transpose, duplicates (seeded random matrices)', () => {
  shapes.forEach(([m, n, nnz], k) => {
    it(`${m}x${n} with ${nnz} random entries`, () => {
      const A = randomCoo(100 + k, m, n, nnz);
      const d = Array.from(oracle(A));
      const R = A.toCSR();
      const C = A.toCSC();
      R.checkFormat(true);
      C.checkFormat(true);
      expect(R.hasCanonicalFormat && C.hasCanonicalFormat).toBe(true);
      expect(triplesOf(R)).toEqual(reference(A));
      // Every route gives the same dense matrix and the same canonical arrays.
      for (const M of [A, R, C, R.toCOO(), C.toCOO(), R.toCSC(), C.toCSR(), A.sumDuplicates(), R.toCOO().toCSC().toCSR()]) {
        expect(denseOf(M)).toEqual(d);
      }
      expect(Array.from(C.toCSR().indptr)).toEqual(Array.from(R.indptr));
      expect(Array.from(C.toCSR().indices)).toEqual(Array.from(R.indices));
      expect(Array.from(R.toCSC().indices)).toEqual(Array.from(C.indices));
      // Duplicates summed: one entry per distinct position.
      const distinct = new Set(Array.from(A.row, (r, p) => r * n + A.col[p]!)).size;
      expect(R.nnz).toBe(distinct);
      expect(C.nnz).toBe(distinct);
      // Transpose twice is the identity; the transpose is the transpose of the oracle.
      for (const M of [A, R, C] as SparseMatrix[]) {
        const TT = M.transpose().transpose();
        expect(TT.shape).toEqual([m, n]);
        expect(denseOf(TT)).toEqual(d);
        const T = M.transpose();
        const td = denseOf(T);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(td[j * m + i]).toBe(d[i * n + j]);
      }
      expect(R.transpose().transpose().indices).toBe(R.indices);
      // toDense agrees with get, getRow and getCol; diagonals agree with the oracle.
      for (const M of [A, R, C] as SparseMatrix[]) {
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(M.get(i, j)).toBe(d[i * n + j]);
      }
      for (let i = 0; i < m; i++) expect(denseOf(R.getRow(i))).toEqual(d.slice(i * n, i * n + n));
      for (let j = 0; j < n; j++) expect(denseOf(C.getCol(j))).toEqual(Array.from({ length: m }, (_, i) => d[i * n + j]));
      for (let kk = -m; kk <= n; kk++) {
        const diag = Array.from(R.diagonal(kk));
        expect(Array.from(C.diagonal(kk))).toEqual(diag);
        expect(Array.from(A.diagonal(kk))).toEqual(diag);
        expect(diag).toEqual(Array.from({ length: Math.max(0, Math.min(m + Math.min(kk, 0), n - Math.max(kk, 0))) }, (_, t) => d[(t - Math.min(kk, 0)) * n + t + Math.max(kk, 0)]));
      }
      // eliminateZeros removes exactly the stored zeros.
      const E = R.eliminateZeros();
      expect(E.nnz).toBe(Array.from(R.data).filter((v) => v !== 0).length);
      expect(denseOf(E)).toEqual(d);
      // Exact Matrix Market round trip of the stored entries.
      const back = mmread(mmwrite(A)) as COOMatrix;
      expect(Array.from(back.data)).toEqual(Array.from(A.data));
      expect(Array.from(back.row)).toEqual(Array.from(A.row));
    });
  });
});

describe('slice agrees with dense fancy indexing', () => {
  for (let s = 0; s < 6; s++) {
    it(`seed ${s}`, () => {
      const rng = createRng(`slice-${s}`);
      const m = rng.integer(1, 12);
      const n = rng.integer(1, 12);
      const A = randomCoo(s, m, n, rng.integer(0, 60));
      const d = oracle(A);
      const rows = Array.from({ length: rng.integer(0, 8) }, () => rng.integer(-m, m));
      const cols = Array.from({ length: rng.integer(0, 8) }, () => rng.integer(-n, n));
      const norm = (v: number, len: number) => (v < 0 ? v + len : v);
      const want = rows.flatMap((i) => cols.map((j) => d[norm(i, m) * n + norm(j, n)]));
      for (const M of [A, A.toCSR(), A.toCSC(), A.toCSR().sortIndices()] as SparseMatrix[]) {
        const S = M.slice(rows, cols);
        expect(S.shape).toEqual([rows.length, cols.length]);
        expect(denseOf(S)).toEqual(want);
      }
      expect(denseOf(A.toCSR().slice(rows, null))).toEqual(rows.flatMap((i) => Array.from(d.slice(norm(i, m) * n, norm(i, m) * n + n))));
    });
  }
});

describe('unsorted CSR input: sortIndices / sumDuplicates agree with the oracle', () => {
  for (let s = 0; s < 5; s++) {
    it(`seed ${s}`, () => {
      const A = randomCoo(50 + s, 15, 9, 120);
      // Row-grouped but unsorted within rows (scatter by row without sorting).
      const m = 15;
      const indptr = new Int32Array(m + 1);
      for (const r of A.row) indptr[r + 1]!++;
      for (let i = 0; i < m; i++) indptr[i + 1]! += indptr[i]!;
      const next = indptr.slice(0, m);
      const indices = new Int32Array(A.nnz);
      const data = new Float64Array(A.nnz);
      for (let p = 0; p < A.nnz; p++) {
        const q = next[A.row[p]!]!++;
        indices[q] = A.col[p]!;
        data[q] = A.data[p]!;
      }
      const U = new CSRMatrix({ indptr, indices, data, shape: [15, 9] });
      const d = Array.from(oracle(A));
      expect(denseOf(U)).toEqual(d);
      const S = U.sortIndices();
      expect(S.hasSortedIndices).toBe(true);
      expect(denseOf(S)).toEqual(d);
      const C = U.sumDuplicates();
      expect(C.hasCanonicalFormat).toBe(true);
      expect(triplesOf(C)).toEqual(reference(A));
      expect(triplesOf(U.toCSC().toCSR())).toEqual(reference(A));
    });
  }
});

describe('COO -> CSR/CSC on large inputs (two-level scatter, radix-sorted long lines)', () => {
  const cases: [string, number, number, number][] = [
    ['many short rows (two-level scatter)', 20000, 5000, 120000],
    ['few very long rows (radix sort per row)', 10, 100000, 60000],
    ['many long rows (both; three radix passes per bucket)', 5000, 1 << 20, 200000],
    ['two radix passes per bucket', 4100, 1 << 14, 150000],
    ['very wide (line bits kept in a side array)', 5000, 1 << 28, 100000],
    ['packed keys using all 32 bits', 33000, 1 << 24, 300000],
  ];
  for (const [name, m, n, nnz] of cases) {
    it(name, () => {
      const A = randomCoo(7, m, n, nnz, 0.01);
      // Add exact duplicates of some entries to exercise summation.
      const extra = 5000;
      const row = new Int32Array(nnz + extra);
      const col = new Int32Array(nnz + extra);
      const data = new Float64Array(nnz + extra);
      row.set(A.row);
      col.set(A.col);
      data.set(A.data);
      const rng = createRng(8);
      for (let t = 0; t < extra; t++) {
        const p = rng.integer(0, nnz);
        row[nnz + t] = A.row[p]!;
        col[nnz + t] = A.col[p]!;
        data[nnz + t] = 0.5;
      }
      const B = coo(row, col, data, [m, n]);
      const ref = reference(B);
      const R = B.toCSR();
      R.checkFormat(true);
      expect(R.hasCanonicalFormat).toBe(true);
      expect(mismatches(triplesOf(R), ref)).toBe(0);
      if (n > 1 << 20) return; // a CSC of 2^24+ columns needs a huge indptr; its conversion is covered above
      const C = B.toCSC();
      expect(C).toBeInstanceOf(CSCMatrix);
      expect(mismatches(triplesOf(C.toCSR()), ref)).toBe(0);
    });
  }
});
