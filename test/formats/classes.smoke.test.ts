import { describe, expect, it } from 'vitest';
import { COOMatrix, createRng } from '../../src/index.js';

function randomCoo(seed: number, m: number, n: number, nnz: number): COOMatrix {
  const rng = createRng(seed);
  const row = new Int32Array(nnz), col = new Int32Array(nnz), data = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    row[p] = rng.integer(0, m);
    col[p] = rng.integer(0, n);
    data[p] = rng.integer(-3, 4);
  }
  return new COOMatrix({ row, col, data, shape: [m, n] });
}
function denseOf(A: COOMatrix): number[] {
  const [m, n] = A.shape;
  const d = new Array(m * n).fill(0);
  for (let p = 0; p < A.nnz; p++) d[A.row[p]! * n + A.col[p]!] += A.data[p]!;
  return d;
}

describe('format classes agree with a dense oracle', () => {
  for (const [seed, m, n, nnz] of [[1, 7, 5, 30], [2, 1, 9, 12], [3, 12, 1, 20], [4, 0, 3, 0], [5, 30, 40, 200]] as const) {
    it(`random ${m}x${n} with ${nnz} entries (duplicates included)`, () => {
      const A = randomCoo(seed, m, n, nnz);
      const d = denseOf(A);
      const R = A.toCSR(), C = A.toCSC();
      expect(R.hasCanonicalFormat).toBe(true);
      expect(C.hasCanonicalFormat).toBe(true);
      R.checkFormat(true); C.checkFormat(true);
      expect(Array.from(R.toDense().data)).toEqual(d);
      expect(Array.from(C.toDense().data)).toEqual(d);
      expect(Array.from(C.toCSR().indptr)).toEqual(Array.from(R.indptr));
      expect(Array.from(C.toCSR().indices)).toEqual(Array.from(R.indices));
      expect(Array.from(R.transpose().transpose().toDense().data)).toEqual(d);
      const x = Float64Array.from({ length: n }, (_, j) => j + 1);
      const y = Float64Array.from({ length: m }, (_, i) => 2 * i - 1);
      const ax = Array.from({ length: m }, (_, i) => d.slice(i * n, i * n + n).reduce((s: number, v: number, j: number) => s + v * x[j]!, 0));
      const aty = Array.from({ length: n }, (_, j) => d.reduce((s: number, v: number, k: number) => (k % n === j ? s + v * y[Math.floor(k / n)]! : s), 0));
      for (const M of [A, R, C]) {
        expect(Array.from(M.matvec(x))).toEqual(ax);
        expect(Array.from(M.rmatvec(y))).toEqual(aty);
      }
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        expect(R.get(i, j)).toBe(d[i * n + j]);
        expect(C.get(i, j)).toBe(d[i * n + j]);
      }
      const rows = [m - 1, 0, m - 1].filter((v) => v >= 0), cols = [n - 1, 0].filter((v) => v >= 0);
      if (m > 0 && n > 0) {
        const S = R.slice(rows, cols).toDense(), S2 = C.slice(rows, cols).toDense();
        for (let a = 0; a < rows.length; a++) for (let b = 0; b < cols.length; b++) {
          expect(S.get(a, b)).toBe(d[rows[a]! * n + cols[b]!]);
          expect(S2.get(a, b)).toBe(d[rows[a]! * n + cols[b]!]);
        }
      }
      for (const k of [-2, 0, 1]) {
        const diag = Array.from(R.diagonal(k));
        expect(Array.from(C.diagonal(k))).toEqual(diag);
        expect(Array.from(A.diagonal(k))).toEqual(diag);
        diag.forEach((v, t) => expect(v).toBe(d[(t - Math.min(k, 0)) * n + t + Math.max(k, 0)]));
      }
    });
  }
});
