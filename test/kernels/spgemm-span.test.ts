/**
 * Products on the fused dense two passes take the row slots instead when the rows of A read B far
 * apart (sampled span of B's bytes, SLOTS_SPAN_BYTES) and the slots fill well (SLOTS_SPAN_MIN_FILL).
 * Whatever the route, the bits must be the JS backend's (and the fused route's), for every
 * accumulator, sorted or not, on one thread and two; kept results stay intact in a loop.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CSRMatrix, coo, setBackend, shutdown, spgemm } from '../../src/index.js';
import { tall } from '../helpers/tall-matrix.js';
import { resultPoolBudget } from '../../src/kernels/runtime/result-pool.js';
import { sampledSlotFill, sampledSpanBytes } from '../../src/kernels/spgemm/fill.js';
import { SLOTS_FILL_MARGIN, SLOTS_SPAN_BYTES, SLOTS_SPAN_MIN_FILL, setSpgemmMinThreadFlops, spgemmKernel, type SpgemmKernelOptions } from '../../src/kernels/spgemm/spgemm.js';

const saved = setSpgemmMinThreadFlops(0);
afterEach(() => setBackend('auto'));
afterAll(async () => {
  setSpgemmMinThreadFlops(saved);
  await shutdown();
});

const hex = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
/** Same row pointers, column indices and value bits (hex strings: large results compare quickly). */
const expectSameBits = (got: CSRMatrix, want: CSRMatrix, label: string) => {
  expect(got.shape, label).toEqual(want.shape);
  for (const key of ['indptr', 'indices', 'data'] as const) expect(hex(got[key]) === hex(want[key]), `${label}: ${key}`).toBe(true);
};

type Run = ReturnType<typeof spgemmKernel>;
const kernel = (A: CSRMatrix, B: CSRMatrix, opts: SpgemmKernelOptions): CSRMatrix => {
  const r: Run = spgemmKernel(A, B, A.shape[0], A.shape[1], B.shape[1], opts);
  return new CSRMatrix({ indptr: r.indptr, indices: r.indices, data: r.data, shape: [A.shape[0], B.shape[1]] });
};

/** Banded: row i reads rows i-1..i+1 of a g-row matrix (Poisson-like locality). */
function band(g: number): CSRMatrix {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < g; i++) {
    for (const j of [i - 1, i, i + 1]) {
      if (j < 0 || j >= g) continue;
      r.push(i);
      c.push(j);
      v.push(j === i ? 2 : -1);
    }
  }
  return coo(r, c, v, [g, g]).toCSR();
}

describe('sampledSpanBytes', () => {
  it('is the median over sampled rows of the bytes of B from the first to the last row read', () => {
    // B: 10 rows, row r has r entries (indptr r(r+1)/2).
    const indptr = new Int32Array(11);
    for (let r = 0; r < 10; r++) indptr[r + 1] = indptr[r]! + r;
    const nnzB = indptr[10]!;
    const B = new CSRMatrix({ indptr, indices: new Int32Array(nnzB), data: new Float64Array(nnzB).fill(1), shape: [10, 10] });
    // Three rows of A (all sampled): reads rows {2, 5} (unsorted: 5, 2), {7}, {0, 9}; one empty row.
    const A = new CSRMatrix({ indptr: [0, 2, 3, 3, 5], indices: [5, 2, 7, 0, 9], data: [1, 1, 1, 1, 1], shape: [4, 10] });
    const span = (lo: number, hi: number) => 4 * (hi + 1 - lo) + 12 * (indptr[hi + 1]! - indptr[lo]!);
    // Rows 2..5: 4 pointers and 2 + 3 + 4 + 5 = 14 entries; row 7: 1 pointer, 7 entries; rows 0..9: 10 pointers, 45 entries.
    expect(span(2, 5)).toBe(4 * 4 + 12 * 14);
    const spans = [span(2, 5), span(7, 7), span(0, 9)].sort((a, b) => a - b);
    expect(sampledSpanBytes(A, B)).toBe(spans[1]);
    expect(sampledSpanBytes(new CSRMatrix({ indptr: [0, 0], indices: [], data: [], shape: [1, 10] }), B)).toBe(0);
  });

  it('separates a banded product from a tall AᵀA', () => {
    const P = band(40000);
    // An interior row reads rows i-1..i+1 of B, 3 entries each: 3 pointers and 9 entries.
    expect(sampledSpanBytes(P, P)).toBe(4 * 3 + 12 * 9);
    const A = tall(33000, 1000, 3, 7);
    const At = A.transpose().toCSR();
    expect(sampledSpanBytes(At, A)).toBeGreaterThan(SLOTS_SPAN_BYTES);
  });
});

describe('SpGEMM: slots instead of the fused dense passes where rows of A read B far apart', () => {
  // AᵀA of a tall matrix: the default rule takes the slots (span and fill checked below); the
  // slots fill ~0.6, so the result is copied to exact size.
  const A = tall(33000, 1000, 3, 7);
  const At = A.transpose().toCSR();
  // Few merges over 5000 columns, forced onto the slots (span 0): fill near 1, result arrays kept with a zeroed tail.
  const F = tall(4000, 300, 2, 8);
  const H = tall(300, 5000, 1, 9);
  const P = band(3000);

  it('the tall AᵀA meets the rule', () => {
    expect(sampledSpanBytes(At, A)).toBeGreaterThanOrEqual(SLOTS_SPAN_BYTES);
    const fill = sampledSlotFill(At, A, null, A.shape[1]);
    expect(fill).toBeGreaterThanOrEqual(SLOTS_SPAN_MIN_FILL);
    expect(fill).toBeLessThan(0.8);
  });

  it('gives the JS backend\'s bits and the fused route\'s, every accumulator, sorted or not, 1 and 2 threads', () => {
    const cases: Array<[string, CSRMatrix, CSRMatrix, SpgemmKernelOptions]> = [
      ['tall AᵀA, default rule', At, A, {}],
      ['few merges, slots forced', F, H, { slotsSpanBytes: 0 }],
      ['banded, default rule (fused)', P, P, {}],
      ['banded, slots forced', P, P, { slotsSpanBytes: 0, slotsMinFill: 0 }],
    ];
    for (const [label, X, Y, route] of cases) {
      for (const accumulator of ['auto', 'hash', 'dense'] as const) {
        for (const sorted of [true, false]) {
          setBackend('js');
          const want = kernel(X, Y, { accumulator, sorted, threads: 1 });
          setBackend('wasm');
          for (const threads of [1, 2]) {
            const o = { accumulator, sorted, threads };
            const what = `${label} ${accumulator} sorted=${sorted} threads=${threads}`;
            expectSameBits(kernel(X, Y, { ...o, ...route }), want, what);
            expectSameBits(kernel(X, Y, { ...o, slotsSpanBytes: Infinity }), want, `${what}, fused`);
          }
        }
      }
    }
  });

  it('sizes the result arrays from the sampled fill: views with a zeroed tail when filled to SLOTS_MIN_FILL, else exact copies', () => {
    setBackend('wasm');
    // Slots total Σ min(flops(i), n) (~1000 x 300); ~0.6 of them kept. With the default block
    // (2^18 entries of margin) the arrays are the slots' total, under 0.8 filled: copied to exact size.
    let total = 0;
    for (let i = 0; i < At.shape[0]; i++) {
      let f = 0;
      for (let p = At.indptr[i]!; p < At.indptr[i + 1]!; p++) f += A.indptr[At.indices[p]! + 1]! - A.indptr[At.indices[p]!]!;
      total += Math.min(f, A.shape[1]);
    }
    const C = spgemm(At, A, { sorted: false });
    expect(C.nnz).toBeLessThan(0.8 * total);
    expect(C.indices.buffer.byteLength).toBe(C.indices.byteLength);
    expect(C.data.buffer.byteLength).toBe(C.data.byteLength);
    // With 64-entry blocks the arrays hold fill · 1.1 · total + 64 entries: filled over 0.8, kept
    // as views (fresh buffers: the result pool is emptied, so their sizes are the requested ones).
    const budget = resultPoolBudget();
    resultPoolBudget(0);
    const r = spgemmKernel(At, A, At.shape[0], At.shape[1], A.shape[1], { threads: 1, sorted: false, blockEntries: 64 });
    resultPoolBudget(budget);
    const cap = Math.ceil(total * sampledSlotFill(At, A, null, A.shape[1]) * SLOTS_FILL_MARGIN) + 64;
    expect(r.indices.length).toBe(C.nnz);
    expect(r.indices.buffer.byteLength).toBe(4 * cap);
    expect(r.data.buffer.byteLength).toBe(8 * cap);
    for (const a of [r.indices, r.data]) expect(new Uint8Array(a.buffer, a.byteOffset + a.byteLength).every((b) => b === 0)).toBe(true);
    expect(hex(r.data)).toBe(hex(C.data));
  });

  it('grows the result arrays when the sampled fill underestimates what the product keeps', () => {
    // 640 rows of 4 entries; the sampled rows (i % 10 === 5) read 4 rows of B with one column
    // (fill 1/4), the others 4 rows with distinct columns (fill 1): the arrays sized from the
    // sample overflow and move to arrays of every slot.
    const m = 640;
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < m; i++) {
      for (let t = 0; t < 4; t++) {
        r.push(i);
        c.push(i % 10 === 5 ? t : 4 + 4 * (i % 50) + t);
        v.push(1 + ((i + t) % 3));
      }
    }
    const X = coo(r, c, v, [m, 204]).toCSR();
    const Y = coo([0, 1, 2, 3, ...Array.from({ length: 200 }, (_, q) => 4 + q)], [7, 7, 7, 7, ...Array.from({ length: 200 }, (_, q) => (q * 37) % 300)], new Array(204).fill(2), [204, 300]).toCSR();
    expect(sampledSlotFill(X, Y, null, 300)).toBe(0.25);
    setBackend('js');
    const want = kernel(X, Y, { threads: 1 });
    setBackend('wasm');
    for (const accumulator of ['hash', 'auto', 'dense'] as const) {
      for (const sorted of [true, false]) {
        const o = { accumulator, sorted, threads: 1, slotsMinFill: 0, slotsSpanBytes: 0, blockEntries: 64 };
        expectSameBits(kernel(X, Y, o), kernel(X, Y, { ...o, slotsMinFill: Infinity }), `${accumulator} sorted=${sorted}`);
        if (!sorted) continue;
        expectSameBits(kernel(X, Y, o), want, `${accumulator} vs JS`);
      }
    }
  });

  it('keeps results intact across later products in a loop, with and without dispose', () => {
    setBackend('wasm');
    const first = spgemm(At, A, { sorted: false });
    const before = [hex(first.indptr), hex(first.indices), hex(first.data)];
    for (let r = 0; r < 4; r++) spgemm(At, A, { sorted: false });
    for (let r = 0; r < 4; r++) spgemm(At, A, { sorted: false }).dispose();
    expect([hex(first.indptr), hex(first.indices), hex(first.data)]).toEqual(before);
    setBackend('js');
    const js = spgemm(At, A, { sorted: false });
    expect([hex(js.indptr), hex(js.indices), hex(js.data)]).toEqual(before);
    first.dispose();
    expect(() => first.nnz).toThrow();
  });
});
