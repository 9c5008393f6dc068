/**
 * COO -> CSR/CSC: the order-detecting fast paths (triplets already in (major, minor) order: a copy;
 * in (minor, major) order, e.g. a column-major file read to CSR: one stable scatter) give arrays
 * bit-identical to the general path (scatter + line sort, forced with `detectOrder: false`) and to an
 * independent reference (a stable comparison sort, duplicates summed in input order), on ordered,
 * reverse-ordered, duplicated and shuffled triplets, with few and many lines (the two-level scatter,
 * packed and unpacked keys).
 */
import { describe, expect, it } from 'vitest';
import { coo, createRng } from '../../src/index.js';
import { tripletsToCompressed, type Compressed } from '../../src/formats/convert.js';

interface Triplets {
  row: Int32Array;
  col: Int32Array;
  data: Float64Array;
  shape: [number, number];
}

/** Random triplets with many duplicates; values chosen so that the summation order shows in the bits. */
function triplets(seed: number, m: number, n: number, nnz: number, spread = n): Triplets {
  const rng = createRng(seed);
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    row[p] = rng.integer(0, m);
    col[p] = rng.integer(0, Math.min(n, spread));
    // Magnitudes 1e-8 .. 1e8: sums of three or more depend on their order.
    data[p] = (rng.random() - 0.5) * 10 ** rng.integer(-8, 9);
  }
  return { row, col, data, shape: [m, n] };
}

/** The entries permuted by `order` (indices into the triplets). */
function permute(t: Triplets, order: ArrayLike<number>): Triplets {
  const k = order.length;
  const row = new Int32Array(k);
  const col = new Int32Array(k);
  const data = new Float64Array(k);
  for (let p = 0; p < k; p++) {
    const q = order[p]!;
    row[p] = t.row[q]!;
    col[p] = t.col[q]!;
    data[p] = t.data[q]!;
  }
  return { ...t, row, col, data };
}

/** Stable sort of the entries by (a, b). */
function sortedBy(t: Triplets, a: Int32Array, b: Int32Array): Triplets {
  const idx = Array.from({ length: t.data.length }, (_, p) => p);
  idx.sort((p, q) => a[p]! - a[q]! || b[p]! - b[q]!);
  return permute(t, idx);
}

/** Reference conversion along `major`: stable comparison sort, duplicates summed left to right. */
function reference(major: Int32Array, minor: Int32Array, data: Float64Array, nMajor: number): Compressed {
  const idx = Array.from({ length: data.length }, (_, p) => p);
  idx.sort((p, q) => major[p]! - major[q]! || minor[p]! - minor[q]!);
  const indptr = new Int32Array(nMajor + 1);
  const indices: number[] = [];
  const values: number[] = [];
  let last = -1;
  let lastMinor = -1;
  for (const p of idx) {
    const i = major[p]!;
    const j = minor[p]!;
    if (i === last && j === lastMinor) {
      values[values.length - 1]! += data[p]!;
    } else {
      indices.push(j);
      values.push(data[p]!);
      indptr[i + 1]!++;
      last = i;
      lastMinor = j;
    }
  }
  for (let i = 0; i < nMajor; i++) indptr[i + 1]! += indptr[i]!;
  return { indptr, indices: Int32Array.from(indices), data: Float64Array.from(values) };
}

/** Index of the first differing element, or -1 (vitest's deep equality is slow on long typed arrays). */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let p = 0; p < a.length; p++) if (a[p] !== b[p]) return p;
  return -1;
}

const bits = (x: Float64Array): Int32Array => new Int32Array(x.buffer, x.byteOffset, 2 * x.length);

/** Bit-level equality (values compared through their bits, so -0 and NaN payloads count). */
function expectIdentical(a: Compressed, b: Compressed): void {
  expect(firstDiff(a.indptr, b.indptr)).toBe(-1);
  expect(firstDiff(a.indices, b.indices)).toBe(-1);
  expect(firstDiff(bits(a.data), bits(b.data))).toBe(-1);
}

/** Both paths and both axes against the reference. */
function checkAll(t: Triplets, cscToo: boolean): void {
  const [m, n] = t.shape;
  const axes = [[t.row, t.col, m, n] as const];
  if (cscToo) axes.push([t.col, t.row, n, m] as const);
  for (const [major, minor, nMajor, nMinor] of axes) {
    const want = reference(major, minor, t.data, nMajor);
    const fast = tripletsToCompressed(major, minor, t.data, nMajor, nMinor, true, true)!;
    const general = tripletsToCompressed(major, minor, t.data, nMajor, nMinor, true, true, false)!;
    expectIdentical(general, want);
    expectIdentical(fast, want);
  }
}

describe('COO -> compressed: order detection gives the general path\'s bits', () => {
  // The two-level scatter of the general path needs > 4096 lines and >= 65536 entries.
  const cases: Array<[string, Triplets, boolean]> = [
    ['few lines', triplets(1, 50, 40, 3000), true],
    ['many lines (two-level scatter, packed keys)', triplets(2, 6000, 5000, 70000, 3000), true],
    // 2^30 columns (CSR only): line bits + column bits exceed 32, so the two-level scatter keeps a side array.
    ['many lines, huge minor dimension (unpacked keys)', triplets(3, 6000, 2 ** 30, 70000), false],
    ['long lines (radix line sort)', triplets(4, 30, 100000, 20000), false],
  ];
  for (const [label, t, cscToo] of cases) {
    it(`${label}: row-major, column-major, reversed, shuffled, with duplicates`, () => {
      const byRow = sortedBy(t, t.row, t.col);
      const byCol = sortedBy(t, t.col, t.row);
      const nnz = t.data.length;
      const reversed = (s: Triplets) => permute(s, Array.from({ length: nnz }, (_, p) => nnz - 1 - p));
      checkAll(t, cscToo); // shuffled (generated in random order), duplicates included
      checkAll(byRow, cscToo);
      checkAll(byCol, cscToo);
      checkAll(reversed(byRow), cscToo);
      checkAll(reversed(byCol), cscToo);
    });
  }

  it('triple duplicates are summed in input order on every path', () => {
    // Entry (1, 0) three times: left to right, (1e16 + 1) - 1e16 = 0 in doubles, while 1e16 - 1e16 + 1
    // would be 1, so the bits show the order; (0, 2) similarly. Column-major order: the fast path for CSR.
    const row = Int32Array.from([1, 1, 1, 0, 0, 0, 2]);
    const col = Int32Array.from([0, 0, 0, 2, 2, 2, 2]);
    const data = Float64Array.from([1e16, 1, -1e16, 1, 1e16, -1e16, 5]);
    const A = coo(row, col, data, [3, 3]).toCSR();
    expect(Array.from(A.indptr)).toEqual([0, 1, 2, 3]);
    expect(Array.from(A.indices)).toEqual([2, 0, 2]);
    expect(Array.from(A.data)).toEqual([0, 0, 5]); // (1 + 1e16) - 1e16 = 0 for (0, 2) too
    const general = tripletsToCompressed(row, col, data, 3, 3, true, true, false)!;
    expectIdentical({ indptr: A.indptr, indices: A.indices, data: A.data }, general);
  });

  it('without summing, duplicates stay adjacent in input order on the fast paths', () => {
    const t = triplets(5, 40, 40, 2000, 10);
    const byCol = sortedBy(t, t.col, t.row);
    const fast = tripletsToCompressed(byCol.row, byCol.col, byCol.data, 40, 40, false)!;
    const general = tripletsToCompressed(byCol.row, byCol.col, byCol.data, 40, 40, false, false, false)!;
    expect(fast.data.length).toBe(2000);
    expectIdentical(fast, general);
  });

  it('ordered triplets without duplicates, and with one duplicate pair anywhere, match the reference', () => {
    // Distinct positions: the fast paths skip the merge when no two neighbours are equal. A single
    // equal pair at the start, in the middle or at the end must still be found and summed.
    for (const [m, n, nnz] of [[50, 40, 600], [6000, 5000, 70000]] as const) {
      const rng = createRng(7);
      const seen = new Set<number>();
      const row = new Int32Array(nnz);
      const col = new Int32Array(nnz);
      const data = new Float64Array(nnz);
      for (let p = 0; p < nnz; ) {
        const i = rng.integer(0, m);
        const j = rng.integer(0, n);
        if (seen.has(i * n + j)) continue;
        seen.add(i * n + j);
        row[p] = i;
        col[p] = j;
        data[p++] = (rng.random() - 0.5) * 10 ** rng.integer(-8, 9);
      }
      const distinct: Triplets = { row, col, data, shape: [m, n] };
      for (const t of [sortedBy(distinct, row, col), sortedBy(distinct, col, row)]) {
        const reversed = permute(t, Array.from({ length: nnz }, (_, p) => nnz - 1 - p));
        checkAll(t, true);
        checkAll(reversed, true);
        for (const at of [0, nnz >> 1, nnz - 2]) {
          // Entry at+1 takes the position of entry at: the order is kept, one equal pair appears.
          const d = permute(t, Array.from({ length: nnz }, (_, p) => p));
          d.row[at + 1] = d.row[at]!;
          d.col[at + 1] = d.col[at]!;
          checkAll(d, true);
          const A = coo(d.row, d.col, d.data, d.shape).toCSR();
          expect(A.nnz).toBe(nnz - 1);
        }
      }
    }
  });

  it('out-of-range indices are still reported on ordered input', () => {
    const row = Int32Array.from([0, 1, 2]);
    const col = Int32Array.from([0, 0, 5]);
    const data = Float64Array.from([1, 2, 3]);
    expect(tripletsToCompressed(row, col, data, 3, 3, true, true)).toBeNull();
    expect(tripletsToCompressed(Int32Array.from([0, -1]), Int32Array.from([0, 0]), Float64Array.from([1, 2]), 3, 3, true, true)).toBeNull();
  });

  it('the results own their arrays (input triplets untouched and not shared)', () => {
    const r = triplets(6, 10, 10, 60);
    const t = sortedBy(r, r.row, r.col);
    const before = [Array.from(t.row), Array.from(t.col), Array.from(t.data)];
    const A = coo(t.row, t.col, t.data, t.shape).toCSR();
    expect([Array.from(t.row), Array.from(t.col), Array.from(t.data)]).toEqual(before);
    expect(A.indices.buffer).not.toBe(t.col.buffer);
    expect(A.data.buffer).not.toBe(t.data.buffer);
  });
});
