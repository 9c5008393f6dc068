/**
 * The one-off WASM gather product streams A through a chunk block (src/kernels/spmv/stream.ts):
 * the same bits as the JS loop and as the whole-matrix WASM route (A copied into WASM memory, as
 * inside a residency scope), for chunk sizes that put boundaries everywhere, a row longer than a
 * chunk, empty rows, alpha/beta != 0/1 and resident x / y; values changed between two calls give
 * the new product; and a one-off product never copies the whole matrix.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CSRMatrix, createRng, setBackend } from '../../src/index.js';
import { spmvGather, type Lines } from '../../src/kernels/spmv/dispatch.js';
import { spmvGatherRangeJs } from '../../src/kernels/spmv/rows.js';
import { STREAM_CHUNK_BYTES, spmvGatherStreamed } from '../../src/kernels/spmv/stream.js';
import { allocF64, discardF64, residentOffset } from '../../src/kernels/runtime/memory.js';
import { getWasm } from '../../src/kernels/runtime/wasm/loader.js';
import { withResidency } from '../../src/kernels/runtime/wasm/resident.js';

const hex = (a: Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

afterEach(() => {
  setBackend('auto');
  vi.restoreAllMocks();
});

/**
 * m rows: row i holds i % 14 entries, except every fifth row is empty and row `long` holds
 * `longLen` entries; values of mixed magnitude (order-sensitive sums), scattered columns.
 */
function matrix(m: number, n: number, long: number, longLen: number, seed: number): Lines {
  const rng = createRng(seed);
  const len = (i: number): number => (i === long ? longLen : i % 5 === 0 ? 0 : i % 14);
  const indptr = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) indptr[i + 1] = indptr[i]! + len(i);
  const nnz = indptr[m]!;
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let i = 0; i < m; i++) {
    const cols = new Set<number>();
    while (cols.size < Math.min(len(i), n)) cols.add(Math.floor(rng.random() * n));
    let p = indptr[i]!;
    for (const c of [...cols].sort((a, b) => a - b)) {
      data[p] = (rng.random() - 0.5) * 10 ** Math.floor(rng.random() * 12 - 6);
      indices[p++] = c;
    }
  }
  return { indptr, indices, data, nMajor: m, nMinor: n };
}

/** y = alpha·A·x + beta·y0 by the JS loop (y0 ignored when beta = 0). */
function jsProduct(A: Lines, x: Float64Array, y0: Float64Array, alpha: number, beta: number): Float64Array {
  const y = y0.slice();
  spmvGatherRangeJs(A.indptr, A.indices, A.data, x, y, 0, A.nMajor, alpha, beta);
  return y;
}

describe('one-off SpMV streamed through a chunk block', () => {
  const m = 1200;
  const n = 3000;
  const A = matrix(m, n, 617, 2500, 5); // row 617: 2500 entries, 30 KB, longer than most chunks below
  const rng = createRng(8);
  const x = rng.fillUniform(new Float64Array(n), -1, 1);
  const y0 = rng.fillUniform(new Float64Array(m), -3, 3);
  const scalars: [number, number][] = [[1, 0], [3, 0], [-0.75, 1.25], [1, 1]];

  it('has the JS loop bits and the whole-matrix WASM bits for every chunk size and alpha/beta', () => {
    const k = getWasm();
    expect(k).not.toBeNull();
    setBackend('wasm');
    for (const [alpha, beta] of scalars) {
      const ref = jsProduct(A, x, y0, alpha, beta);
      // Today's whole-matrix route: inside a residency scope the matrix is copied, not streamed.
      const whole = beta === 0 ? new Float64Array(m).fill(NaN) : y0.slice();
      withResidency(() => spmvGather(A, x, whole, alpha, beta, 1));
      expect(hex(whole)).toBe(hex(ref));
      // 64 bytes: one row per chunk before the long row; then a block grown for it; default size.
      for (const bytes of [64, 200, 1000, 4096, 30_000, STREAM_CHUNK_BYTES]) {
        const y = beta === 0 ? new Float64Array(m).fill(NaN) : y0.slice();
        expect(spmvGatherStreamed(k!, A, x, y, alpha, beta, bytes)).toBe(true);
        expect(hex(y), `chunk ${bytes} B, alpha ${alpha}, beta ${beta}`).toBe(hex(ref));
      }
    }
  });

  it('uses x and y in place when they live in WASM memory', () => {
    const k = getWasm()!;
    setBackend('wasm');
    const xr = allocF64(n, false, 0);
    const yr = allocF64(m, false, 0);
    try {
      expect(residentOffset(xr)).toBeGreaterThanOrEqual(0);
      expect(residentOffset(yr)).toBeGreaterThanOrEqual(0);
      xr.set(x);
      yr.set(y0);
      expect(spmvGatherStreamed(k, A, xr, yr, -0.75, 1.25, 1000)).toBe(true);
      expect(hex(yr)).toBe(hex(jsProduct(A, x, y0, -0.75, 1.25)));
    } finally {
      discardF64(xr);
      discardF64(yr);
    }
  });

  it('computes from the values at the time of each call, and never copies the whole matrix', () => {
    const k = getWasm()!;
    const B = matrix(20_000, 20_000, -1, 0, 9);
    const M = new CSRMatrix({ indptr: B.indptr, indices: B.indices, data: B.data, shape: [B.nMajor, B.nMinor] });
    const xb = createRng(3).fillUniform(new Float64Array(B.nMinor), -1, 1);
    setBackend('wasm');
    const alloc = vi.spyOn(k, 'alloc');
    const first = M.matvec(xb, { threads: 1 });
    expect(hex(first)).toBe(hex(jsProduct(B, xb, new Float64Array(B.nMajor), 1, 0)));
    for (let p = 0; p < B.data.length; p += 3) B.data[p] = -2 * B.data[p]!;
    const second = M.matvec(xb, { threads: 1 });
    expect(hex(second)).toBe(hex(jsProduct(B, xb, new Float64Array(B.nMajor), 1, 0)));
    expect(hex(second)).not.toBe(hex(first));
    // No copy of A's arrays (call copies come from k.alloc; the chunk block and x are scratch).
    expect(alloc.mock.calls.filter(([bytes]) => bytes >= B.indptr.byteLength)).toEqual([]);
    // Control: inside a residency scope the matrix is copied (kept for the scope's later products).
    withResidency(() => M.matvec(xb, { threads: 1 }));
    expect(alloc.mock.calls.filter(([bytes]) => bytes >= B.indptr.byteLength).length).toBe(3);
  });
});
