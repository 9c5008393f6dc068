import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COOMatrix, CSCMatrix, CSRMatrix, ResourceError, ShapeError, ArgumentError, csr, kernelInfo, setBackend, shutdown, spgemm, spgemmAsync, spgemmWithStats } from '../../../src/index.js';
import { setSpgemmMinThreadFlops, spgemmKernel } from '../../../src/kernels/spgemm/spgemm.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { FIXTURES, PY_CSR, dense, denseMatmul, erdosRenyi, expectClose, expectSameCsr, loadFixture, rmat, toJson } from './helpers.js';

// Small products run on one thread unless told otherwise: these tests exercise the threaded
// path on every size (restored in afterAll).
const savedMinThreadFlops = setSpgemmMinThreadFlops(0);
afterAll(() => {
  setSpgemmMinThreadFlops(savedMinThreadFlops);
});

type Cfg = { backend: 'js' | 'wasm'; threads: number; accumulator: 'auto' | 'hash' | 'dense' };
// Every configuration must give bit-identical results (same products summed in the same order).
const CONFIGS: Cfg[] = [
  { backend: 'js', threads: 1, accumulator: 'auto' },
  { backend: 'wasm', threads: 1, accumulator: 'auto' },
  { backend: 'js', threads: 1, accumulator: 'hash' },
  { backend: 'wasm', threads: 1, accumulator: 'dense' },
  { backend: 'js', threads: 2, accumulator: 'dense' },
  { backend: 'wasm', threads: 2, accumulator: 'hash' },
  { backend: 'wasm', threads: 3, accumulator: 'auto' },
];

function productAll(A: CSRMatrix | CSCMatrix, B: CSRMatrix | CSCMatrix, configs = CONFIGS): CSRMatrix {
  let first: CSRMatrix | null = null;
  for (const cfg of configs) {
    setBackend(cfg.backend);
    try {
      const { matrix, stats } = spgemmWithStats(A, B, { threads: cfg.threads, accumulator: cfg.accumulator });
      const C = matrix.format === 'csr' ? (matrix as CSRMatrix) : (matrix as CSCMatrix).toCSR();
      expect(C.hasCanonicalFormat).toBe(true);
      C.checkFormat(true);
      if (stats.flops > 0) expect(stats.backend).toBe(cfg.backend);
      if (cfg.accumulator === 'hash') expect(stats.denseRows).toBe(0);
      if (cfg.accumulator === 'dense') expect(stats.hashRows).toBe(0);
      if (first) expectSameCsr(C, first);
      else first = C;
    } finally {
      setBackend('auto');
    }
  }
  return first!;
}

const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith('.mtx')).sort();
const fixtures = fixtureNames.map((f) => ({ name: f, A: loadFixture(f) })).filter((x): x is { name: string; A: CSRMatrix } => x.A !== null);

describe('spgemm on the fixture matrices (A·A square, AᵀA and AAᵀ rectangular)', () => {
  afterAll(async () => {
    await shutdown();
  });
  it('reads enough fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });
  const skip = pythonMissing();
  it.skipIf(skip !== null)('matches SciPy on every fixture, for every backend, thread count and accumulator', () => {
    const oracle = runPython<Record<string, ReturnType<typeof toJson>[]>>(
      `${PY_CSR}
res = {}
for name, d in inp.items():
    A = csr(d)
    m, n = A.shape
    res[name] = [out(A @ A)] if m == n else [out(A.T @ A), out(A @ A.T)]
print(json.dumps(res))`,
      Object.fromEntries(fixtures.map((f) => [f.name, toJson(f.A)])),
    );
    for (const { name, A } of fixtures) {
      const [m, n] = A.shape;
      const products = m === n ? [[A, A]] : [[A.transpose().toCSR(), A], [A, A.transpose().toCSR()]];
      products.forEach(([L, R], t) => {
        const C = productAll(L!, R!);
        const want = oracle[name]![t]!;
        expect(Array.from(C.indptr), name).toEqual(want.indptr);
        expect(Array.from(C.indices), name).toEqual(want.indices);
        expectClose(C.data, want.data, 1e-12);
      });
    }
  });
  it('CSC operands give the transpose-identity product, equal to the CSR one', () => {
    for (const { A } of fixtures.slice(0, 12)) {
      const [m, n] = A.shape;
      if (m !== n || m === 0) continue;
      const Cr = spgemm(A, A);
      const Cc = spgemm(A.toCSC(), A.toCSC());
      expect(Cc).toBeInstanceOf(CSCMatrix);
      expectSameCsr(Cc.toCSR(), Cr);
    }
  });
});

describe('spgemm against dense products and SciPy on random matrices', () => {
  it('Erdős–Rényi matrices of several shapes match the dense product', () => {
    const cases: Array<[number, number, number, number]> = [[1, 1, 1, 1], [7, 5, 9, 0.3], [40, 60, 30, 0.08], [120, 90, 100, 0.03], [64, 64, 64, 0.5]];
    cases.forEach(([m, k, n, d], s) => {
      const A = erdosRenyi(m, k, d, 10 + s);
      const B = erdosRenyi(k, n, d, 20 + s);
      const C = productAll(A, B);
      expect(C.shape).toEqual([m, n]);
      expectClose(dense(C), denseMatmul(dense(A), dense(B), m, k, n), 1e-13);
    });
  });
  const skip = pythonMissing();
  it.skipIf(skip !== null)('Erdős–Rényi 2000 x 2000 (density 2e-3) and R-MAT scale 10 match SciPy', () => {
    const A = erdosRenyi(2000, 2000, 2e-3, 7);
    const R = rmat(10, 8, 3);
    const [ca, cr] = [productAll(A, A), productAll(R, R)];
    const want = runPython<ReturnType<typeof toJson>[]>(`${PY_CSR}\nprint(json.dumps([out(csr(d) @ csr(d)) for d in inp]))`, [toJson(A), toJson(R)]);
    for (const [C, w] of [[ca, want[0]!], [cr, want[1]!]] as const) {
      expect(Array.from(C.indptr)).toEqual(w.indptr);
      expect(Array.from(C.indices)).toEqual(w.indices);
      expectClose(C.data, w.data, 1e-12);
    }
  });
});

describe('spgemm edge cases', () => {
  it('empty rows and columns, 0 x n and n x 0 shapes', () => {
    const A = csr({ indptr: [0, 0, 2, 2], indices: [0, 3], data: [1, 2], shape: [3, 4] });
    const B = csr({ indptr: [0, 1, 1, 1, 2], indices: [1, 1], data: [5, 7], shape: [4, 3] });
    const C = productAll(A, B);
    expect(Array.from(dense(C))).toEqual([0, 0, 0, 0, 19, 0, 0, 0, 0]);
    for (const [m, k, n] of [[0, 3, 4], [3, 0, 4], [3, 4, 0], [0, 0, 0]] as const) {
      const L = csr({ indptr: new Array(m + 1).fill(0), indices: [], data: [], shape: [m, k] });
      const R = csr({ indptr: new Array(k + 1).fill(0), indices: [], data: [], shape: [k, n] });
      const P = productAll(L, R);
      expect(P.shape).toEqual([m, n]);
      expect(P.nnz).toBe(0);
    }
  });
  it('an arrow matrix (one dense row and column) squared', () => {
    const n = 300;
    const row: number[] = [], col: number[] = [], val: number[] = [];
    for (let i = 0; i < n; i++) {
      row.push(0, i, i); col.push(i, 0, i); val.push(1, 1, i + 1);
    }
    const A = new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSR();
    const C = productAll(A, A);
    expect(C.nnz).toBe(n * n);
    expectClose(dense(C), denseMatmul(dense(A), dense(A), n, n, n), 1e-13);
  });
  it('unsorted indices and duplicates in the inputs give the product of the summed matrices', () => {
    // A = [[1+2, 0, 4], [0, 5, 0]] stored with a duplicate and columns out of order.
    const A4 = csr({ indptr: [0, 3, 4], indices: [2, 0, 0, 1], data: [4, 1, 2, 5], shape: [2, 3] });
    const B = csr({ indptr: [0, 2, 3, 5], indices: [1, 0, 1, 1, 1], data: [1, 1, 2, 3, -1], shape: [3, 2] });
    expect(A4.hasSortedIndices).toBe(false);
    const C = productAll(A4, B);
    expectClose(dense(C), denseMatmul(dense(A4), dense(B), 2, 3, 2));
  });
  it('entries that cancel to exactly zero are dropped (SciPy behaviour); explicit zeros elsewhere do not appear', () => {
    const A = csr([[1, 1, 0], [0, 2, 0]]);
    const B = csr([[1, 3], [-1, 0], [5, 5]]);
    const C = productAll(A, B);
    // row 0: [1 - 1, 3] -> only column 1 stored
    expect(Array.from(C.indptr)).toEqual([0, 1, 2]);
    expect(Array.from(C.indices)).toEqual([1, 0]);
    expect(Array.from(C.data)).toEqual([3, -2]);
  });
  it('forced hash collisions (every key hashed to slot 0) still give the right product', () => {
    const A = erdosRenyi(60, 80, 0.1, 5);
    const B = erdosRenyi(80, 70, 0.1, 6);
    const ref = spgemm(A, B);
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      for (const sorted of [true, false]) {
        const r = spgemmKernel(A, B, 60, 80, 70, { accumulator: 'hash', hashMultiplier: 0, sorted, threads: 1 });
        const C = new CSRMatrix({ indptr: r.indptr, indices: r.indices, data: r.data, shape: [60, 70] }).sortIndices();
        expectSameCsr(C, ref);
        expect(r.stats.hashRows).toBeGreaterThan(0);
      }
      setBackend('auto');
    }
  });
  it('sorted: false keeps first-appearance order, marks the result non-canonical, and sorts to the same matrix', () => {
    const A = csr([[0, 1, 1], [1, 0, 0], [0, 0, 1]]);
    const B = csr([[0, 0, 2], [0, 3, 0], [4, 0, 0]]);
    const C = spgemm(A, B, { sorted: false, accumulator: 'hash' });
    expect(Array.from(C.indices.slice(0, 2))).toEqual([1, 0]); // row 0: column 1 (from B row 1) first
    expect(C.hasCanonicalFormat).toBe(false);
    for (const acc of ['hash', 'dense'] as const) {
      for (const t of [1, 2]) {
        const R = erdosRenyi(300, 300, 0.02, 9);
        const U = spgemm(R, R, { sorted: false, accumulator: acc, threads: t });
        expectSameCsr(U.sortIndices(), spgemm(R, R));
      }
    }
  });
  it('COO operands are converted; a COO left operand gives CSR', () => {
    const A = erdosRenyi(20, 20, 0.2, 1);
    expectSameCsr(spgemm(A.toCOO(), A.toCOO()) as CSRMatrix, spgemm(A, A));
    expect(A.toCOO().matmul(A)).toBeInstanceOf(CSRMatrix);
  });
  it('the async entry gives the same matrix', async () => {
    const A = erdosRenyi(500, 500, 0.01, 2);
    expectSameCsr((await spgemmAsync(A, A, { threads: 2 })) as CSRMatrix, spgemm(A, A, { threads: 1 }));
    expectSameCsr((await spgemmAsync(A, A, { threads: 1 })) as CSRMatrix, spgemm(A, A, { threads: 1 }));
  });
  it('throws ResourceError promptly for the 46,500-row arrow matrix squared (2.16e9 entries)', () => {
    const n = 46500;
    const row = new Int32Array(3 * n - 2), col = new Int32Array(3 * n - 2);
    let q = 0;
    for (let i = 0; i < n; i++) { row[q] = i; col[q++] = i; }
    for (let i = 1; i < n; i++) { row[q] = 0; col[q++] = i; row[q] = i; col[q++] = 0; }
    const A = new COOMatrix({ row, col, data: new Float64Array(3 * n - 2).fill(1), shape: [n, n] }).toCSR();
    const t0 = performance.now();
    expect(() => spgemm(A, A)).toThrow(ResourceError);
    expect(() => spgemm(A, A)).toThrow(/nnz\(C\)/);
    expect(performance.now() - t0).toBeLessThan(60_000); // prompt: O(nnz) bound, not a 2e9-step pass
  });
  it('rejects mismatched shapes and bad options', () => {
    const A = csr([[1, 2]]);
    expect(() => spgemm(A, A)).toThrow(ShapeError);
    expect(() => spgemm(A, A.transpose(), { accumulator: 'x' as 'hash' })).toThrow(ArgumentError);
    expect(() => spgemm(A, A.transpose(), { threads: 0 })).toThrow(ArgumentError);
    expect(() => spgemm(A, A.transpose(), { sorted: 1 as unknown as boolean })).toThrow(ArgumentError);
    expect(() => spgemm(A, [[1]] as unknown as CSRMatrix)).toThrow(ArgumentError);
  });
});

describe('spgemm thread threshold', () => {
  it('a small synchronous product runs on one thread even when more are asked for; the async entry uses them', async () => {
    const A = erdosRenyi(200, 200, 0.05, 21, false);
    setBackend('wasm');
    try {
      const one = spgemmWithStats(A, A, { threads: 1 }).matrix as CSRMatrix;
      setSpgemmMinThreadFlops(savedMinThreadFlops);
      const small = spgemmWithStats(A, A, { threads: 2 });
      expect(small.stats.threads).toBe(1);
      expectSameCsr(small.matrix as CSRMatrix, one);
      expectSameCsr((await spgemmAsync(A, A, { threads: 2 })) as CSRMatrix, one);
      setSpgemmMinThreadFlops(0);
      const forced = spgemmWithStats(A, A, { threads: 2 });
      expect(forced.stats.threads).toBe(kernelInfo().threads ? 2 : 1);
      expectSameCsr(forced.matrix as CSRMatrix, one);
    } finally {
      setSpgemmMinThreadFlops(0);
      setBackend('auto');
    }
  });
});

describe('spgemm in WASM memory block by block', () => {
  it('tiny blocks (with cancellations across blocks) give the same matrix on every backend and thread count', () => {
    const A = erdosRenyi(150, 120, 0.05, 12, true);
    const B = erdosRenyi(120, 140, 0.05, 13, true);
    setBackend('js');
    const ref = spgemmKernel(A, B, 150, 120, 140, { threads: 1 });
    expect(ref.indices.length).toBeLessThan(ref.stats.flops); // integer values: some sums cancel
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      for (const threads of [1, 2, 3]) {
        for (const blockEntries of [1, 7, 100, 1 << 22]) {
          for (const sorted of [true, false]) {
            const r = spgemmKernel(A, B, 150, 120, 140, { threads, blockEntries, sorted, onePassEntries: 0 });
            const C = new CSRMatrix({ indptr: r.indptr, indices: r.indices, data: r.data, shape: [150, 140] });
            expectSameCsr(sorted ? C : C.sortIndices(), new CSRMatrix({ indptr: ref.indptr, indices: ref.indices, data: ref.data, shape: [150, 140] }));
          }
        }
      }
    }
    setBackend('auto');
  });
});
