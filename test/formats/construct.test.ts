/**
 * Constructors: identity, diags, random, kron, hstack, vstack, blockDiag. Hand-worked cases, SciPy
 * live (scipy.sparse.diags_array, kron, hstack, vstack, block_diag, eye_array) on small cases, and
 * invariants of random() on seeded draws.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  COOMatrix,
  CSCMatrix,
  CSRMatrix,
  ResourceError,
  ShapeError,
  blockDiag,
  coo,
  createRng,
  csc,
  csr,
  diags,
  hstack,
  identity,
  kron,
  random,
  vstack,
  type SparseMatrix,
} from '../../src/index.js';
import { pythonMissing, runPython } from '../helpers/python.js';

const dense = (A: SparseMatrix): number[][] => {
  const D = A.toDense();
  const [m, n] = D.shape as [number, number];
  return Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => D.get(i, j)));
};

function randomSparse(seed: number, m: number, n: number, nnz: number): COOMatrix {
  const rng = createRng(seed);
  const row = Int32Array.from({ length: nnz }, () => rng.integer(0, m));
  const col = Int32Array.from({ length: nnz }, () => rng.integer(0, n));
  const data = Float64Array.from({ length: nnz }, () => rng.integer(-4, 5));
  return coo(row, col, data, [m, n]);
}

describe('identity', () => {
  it('is the identity in every format', () => {
    expect(dense(identity(3))).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(identity(3)).toBeInstanceOf(CSRMatrix);
    expect(identity(3, { format: 'csc' })).toBeInstanceOf(CSCMatrix);
    const C = identity(4, { format: 'coo' });
    expect(C).toBeInstanceOf(COOMatrix);
    expect(C.hasCanonicalFormat).toBe(true);
    expect(identity(0).shape).toEqual([0, 0]);
    expect(identity(5).hasCanonicalFormat).toBe(true);
  });
  it('rejects bad arguments', () => {
    expect(() => identity(-1)).toThrow(ArgumentError);
    expect(() => identity(2.5)).toThrow(ArgumentError);
    expect(() => identity(2, { format: 'dia' as 'csr' })).toThrow(ArgumentError);
  });
});

describe('diags (SciPy diags_array semantics)', () => {
  it('places offsets > 0 from row 0 and offsets < 0 from column 0', () => {
    expect(dense(diags([1, 2, 3], 1))).toEqual([[0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 3], [0, 0, 0, 0]]);
    expect(dense(diags([1, 2, 3], -1))).toEqual([[0, 0, 0, 0], [1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0]]);
    expect(dense(diags([[1, 2, 3], [4, 5], [6, 7]], [0, 1, -1]))).toEqual([[1, 4, 0], [6, 2, 5], [0, 7, 3]]);
  });
  it('cuts long diagonals, broadcasts scalars, keeps sorted rows and drops zeros', () => {
    expect(dense(diags([1, 2, 3, 4, 5], 1, [3, 3]))).toEqual([[0, 1, 0], [0, 0, 2], [0, 0, 0]]);
    expect(dense(diags([1, -2, 1], [-1, 0, 1], [4, 4]))).toEqual([[-2, 1, 0, 0], [1, -2, 1, 0], [0, 1, -2, 1], [0, 0, 1, -2]]);
    expect(dense(diags(5, 0, [2, 3]))).toEqual([[5, 0, 0], [0, 5, 0]]);
    const A = diags([[1, 0, 3], [9, 9, 9]], [0, -1], [4, 3]);
    expect(A.nnz).toBe(5);
    expect(dense(A)).toEqual([[1, 0, 0], [9, 0, 0], [0, 9, 3], [0, 0, 9]]);
    expect(A.hasCanonicalFormat).toBe(true);
    expect(diags([1, 2], [1]).shape).toEqual([3, 3]);
    expect(diags([1, 2], 0, undefined, { format: 'coo' })).toBeInstanceOf(COOMatrix);
  });
  it('rejects what SciPy rejects', () => {
    expect(() => diags([1, 2], 0, [3, 3])).toThrow(ShapeError);
    expect(() => diags([1, 2], [0, 0], [3, 3])).toThrow(/distinct offsets/);
    expect(() => diags([[1, 2]], [5], [3, 3])).toThrow(ArgumentError);
    expect(() => diags([[1, 2], [3]], [0], [3, 3])).toThrow(/as many diagonals as offsets/);
    expect(() => diags([1, NaN], 0)).toThrow(ArgumentError);
    expect(() => diags([1, 2], 0.5)).toThrow(ArgumentError);
    expect(() => diags([], [])).toThrow(ArgumentError);
  });
  const missing = pythonMissing();
  it.skipIf(missing !== null)('agrees with scipy.sparse.diags_array', () => {
    const cases: [number[][], number[], [number, number]][] = [
      [[[1, 2, 3, 4]], [0], [4, 4]],
      [[[1, 2, 3], [4, 5, 6, 7], [8]], [2, -1, 0], [5, 4]],
      [[[1, 2, 3, 4, 5, 6]], [-2], [4, 6]],
      [[[1], [2], [3]], [-3, 0, 3], [6, 5]],
      [[[7, 8]], [1], [2, 9]],
    ];
    const ref = runPython<number[][][]>(
      'import numpy as np, scipy.sparse as sp\nprint(json.dumps([sp.diags_array([np.array(d, dtype=float) for d in c[0]], offsets=c[1], shape=tuple(c[2])).toarray().tolist() for c in inp]))',
      cases,
    );
    cases.forEach(([d, o, s], k) => expect(dense(diags(d, o, s))).toEqual(ref[k]));
  });
});

describe('random', () => {
  it('stores exactly round(density·m·n) distinct entries (half to even, as SciPy)', () => {
    for (const [m, n, density, want] of [[10, 10, 0.05, 5], [5, 1, 0.5, 2], [7, 1, 0.5, 4], [1, 1, 0.5, 0], [100, 300, 0.01, 300], [40, 50, 0.3, 600], [20, 20, 1, 400], [9, 9, 0, 0]] as const) {
      const A = random(m, n, density, { seed: m * 31 + n });
      expect(A.nnz).toBe(want);
      expect(A.hasCanonicalFormat).toBe(true); // sorted and therefore distinct
      A.checkFormat(true);
      expect(A.data.every((v) => v >= 0 && v < 1)).toBe(true);
    }
  });
  it('is reproducible for a seed and differs across seeds', () => {
    const a = random(50, 60, 0.1, { seed: 'abc' });
    const b = random(50, 60, 0.1, { seed: 'abc' });
    const c = random(50, 60, 0.1, { seed: 'abd' });
    expect(Array.from(a.col)).toEqual(Array.from(b.col));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.col)).not.toEqual(Array.from(c.col));
  });
  it('handles huge shapes in O(k): 10^6 x 10^6 with 2·10^5 entries', () => {
    const A = random(1e6, 1e6, 2e-7, { seed: 1, format: 'csr' });
    expect(A.nnz).toBe(200000);
    expect(A.hasCanonicalFormat).toBe(true);
    A.checkFormat(true);
  });
  it('chooses positions uniformly (chi-square over cells, many seeds)', () => {
    // 6 x 5 matrix, 7 entries per draw, 3000 draws: each cell is hit 3000·7/30 = 700 times on average.
    for (const density of [7 / 30, 0.1]) {
      const counts = new Float64Array(30);
      const k = Math.round(density * 30);
      for (let s = 0; s < 3000; s++) {
        const A = random(6, 5, density, { seed: s, format: 'coo' });
        for (let p = 0; p < A.nnz; p++) counts[A.row[p]! * 5 + A.col[p]!]!++;
      }
      const e = (3000 * k) / 30;
      const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
      expect(chi2).toBeLessThan(67); // 29 degrees of freedom: P(chi2 > 67) < 1e-4
    }
    // The sparse path (density <= 1/8) on a larger matrix: rows equally likely.
    const rows = new Float64Array(40);
    for (let s = 0; s < 200; s++) {
      const A = random(40, 1000, 0.01, { seed: 1000 + s });
      for (let p = 0; p < A.nnz; p++) rows[A.row[p]!]!++;
    }
    const e = (200 * 400) / 40;
    expect(rows.reduce((s, c) => s + (c - e) ** 2 / e, 0)).toBeLessThan(80); // 39 dof
  });
  it('uses dataRvs and the format option', () => {
    const A = random(4, 5, 0.5, { seed: 2, dataRvs: (k) => Array.from({ length: k }, (_, t) => t + 1), format: 'csc' });
    expect(A).toBeInstanceOf(CSCMatrix);
    expect(A.toCSR().data.slice().sort((x, y) => x - y)).toEqual(Float64Array.from({ length: 10 }, (_, t) => t + 1));
    expect(() => random(4, 5, 0.5, { dataRvs: () => [1, 2] })).toThrow(ArgumentError);
    expect(() => random(4, 5, 0.5, { dataRvs: (k) => new Array(k).fill(NaN) })).toThrow(ArgumentError);
  });
  it('rejects bad arguments', () => {
    expect(() => random(-1, 5)).toThrow(ArgumentError);
    expect(() => random(5, 5, 1.5)).toThrow(ArgumentError);
    expect(() => random(5, 5, NaN)).toThrow(ArgumentError);
    expect(() => random(5, 5, 0.1, { seed: NaN })).toThrow(ArgumentError);
    expect(() => random(100000, 100000, 0.5)).toThrow(ResourceError);
  });
});

describe('kron, hstack, vstack, blockDiag', () => {
  it('kron by hand', () => {
    expect(dense(kron(csr([[1, 0], [0, 2]]), csr([[0, 3]])))).toEqual([[0, 3, 0, 0], [0, 0, 0, 6]]);
    const K = kron(identity(2), csr([[1, 2], [3, 4]]));
    expect(K.hasCanonicalFormat).toBe(true);
    expect(K.nnz).toBe(8);
    expect(kron(identity(2), identity(3), { format: 'coo' })).toBeInstanceOf(COOMatrix);
    expect(kron(csr([[1]]), [[2, 3]]).nnz).toBe(2);
    expect(() => kron(identity(70000), identity(70000))).toThrow(ResourceError);
  });
  it('hstack / vstack by hand, with SciPy default formats', () => {
    expect(dense(hstack([identity(2), csr([[5], [6]])]))).toEqual([[1, 0, 5], [0, 1, 6]]);
    expect(dense(vstack([identity(2), [[5, 6]]]))).toEqual([[1, 0], [0, 1], [5, 6]]);
    expect(hstack([identity(2), identity(2)]).format).toBe('csr');
    expect(hstack([csc([[1]]), csc([[2]])]).format).toBe('csc');
    expect(hstack([csr([[1]]), csc([[2]])]).format).toBe('coo');
    expect(vstack([csc([[1]]), csc([[2]])]).format).toBe('csc');
    expect(vstack([csr([[1]]), coo([0], [0], [1], [1, 1])]).format).toBe('coo');
    expect(vstack([csr([[1]]), csr([[2]])], { format: 'csc' })).toBeInstanceOf(CSCMatrix);
    expect(dense(hstack([csc([[1, 0], [0, 2]]), csc([[3], [4]])]))).toEqual([[1, 0, 3], [0, 2, 4]]);
    expect(dense(vstack([csc([[1, 0]]), csc([[3, 4]])]))).toEqual([[1, 0], [3, 4]]);
    expect(hstack([coo([], [], [], [2, 0]), identity(2)]).shape).toEqual([2, 2]);
  });
  it('blockDiag by hand', () => {
    const D = blockDiag([csr([[1, 2]]), csr([[0, 0], [0, 0]]).slice([], null), [[3], [4]]]);
    expect(D.format).toBe('coo');
    // The empty 0 x 2 block takes no rows but two columns.
    expect(dense(D)).toEqual([[1, 2, 0, 0, 0], [0, 0, 0, 0, 3], [0, 0, 0, 0, 4]]);
    expect(blockDiag([identity(2)], { format: 'csr' }).hasCanonicalFormat).toBe(true);
  });
  it('rejects mismatched shapes and bad lists', () => {
    expect(() => hstack([identity(2), identity(3)])).toThrow(ShapeError);
    expect(() => vstack([identity(2), csr([[1, 2, 3]])])).toThrow(ShapeError);
    expect(() => hstack([])).toThrow(ArgumentError);
    expect(() => vstack([identity(2), 7 as unknown as SparseMatrix])).toThrow(ArgumentError);
    expect(() => blockDiag('x' as unknown as SparseMatrix[])).toThrow(ArgumentError);
  });
  const missing = pythonMissing();
  it.skipIf(missing !== null)('agree with scipy.sparse kron / hstack / vstack / block_diag / eye_array on random matrices', () => {
    const A = randomSparse(1, 4, 3, 7);
    const B = randomSparse(2, 2, 5, 6);
    const C = randomSparse(3, 4, 2, 5);
    const D = randomSparse(4, 3, 3, 9);
    const ref = runPython<Record<string, number[][]>>(
      [
        'import numpy as np, scipy.sparse as sp',
        'M = {k: sp.coo_array((v["data"], (v["row"], v["col"])), shape=tuple(v["shape"])) for k, v in inp.items()}',
        'out = {',
        '  "kronAB": sp.kron(M["A"], M["B"]).toarray().tolist(),',
        '  "kronBA": sp.kron(M["B"], M["A"]).toarray().tolist(),',
        '  "hstack": sp.hstack([M["A"], M["C"], M["A"]]).toarray().tolist(),',
        '  "vstack": sp.vstack([M["A"], M["D"]]).toarray().tolist(),',
        '  "block": sp.block_diag([M["A"], M["B"], M["D"]]).toarray().tolist(),',
        '  "eye": sp.eye_array(4).toarray().tolist(),',
        '}',
        'print(json.dumps(out))',
      ].join('\n'),
      Object.fromEntries(Object.entries({ A, B, C, D }).map(([k, M]) => [k, { row: Array.from(M.row), col: Array.from(M.col), data: Array.from(M.data), shape: M.shape }])),
    );
    expect(dense(kron(A, B))).toEqual(ref.kronAB);
    expect(dense(kron(B.toCSC(), A))).toEqual(ref.kronBA);
    expect(dense(hstack([A, C.toCSC(), A.toCSR()]))).toEqual(ref.hstack);
    expect(dense(hstack([A.toCSC(), C.toCSC(), A.toCSC()]))).toEqual(ref.hstack);
    expect(dense(vstack([A.toCSR(), D.toCSR()]))).toEqual(ref.vstack);
    expect(dense(vstack([A.toCSC(), D.toCSC()]))).toEqual(ref.vstack);
    expect(dense(blockDiag([A, B, D]))).toEqual(ref.block);
    expect(dense(identity(4))).toEqual(ref.eye);
  });
});
