import { afterAll, describe, expect, it } from 'vitest';
import { CSRMatrix, createRng, setBackend, shutdown, spgemm } from '../../src/index.js';
import { sampledSlotFill } from '../../src/kernels/spgemm/fill.js';
import { SLOTS_MIN_FILL, setSpgemmMinThreadFlops, spgemmKernel, type SpgemmKernelOptions } from '../../src/kernels/spgemm/spgemm.js';
import { dense, denseMatmul, erdosRenyi, expectSameCsr, rmat } from '../linalg/sparse/helpers.js';

// The blocked one pass (numeric pass by blocks into row slots of min(flops(i), n) entries, no
// symbolic pass, chosen by the sampled slot fill) must give the bits of the two-pass product.
const saved = setSpgemmMinThreadFlops(0);
afterAll(async () => {
  setSpgemmMinThreadFlops(saved);
  setBackend('auto');
  await shutdown();
});

type Run = ReturnType<typeof spgemmKernel>;
const kernel = (A: CSRMatrix, B: CSRMatrix, opts: SpgemmKernelOptions): Run => spgemmKernel(A, B, A.shape[0], A.shape[1], B.shape[1], opts);
const csrOf = (r: Run, shape: [number, number]) => new CSRMatrix({ indptr: r.indptr, indices: r.indices, data: r.data, shape });

/** A·B where few products merge: 2 entries per row of A, 1 per row of B, over 5000 columns. */
function fewMerges(m: number, seed: number): [CSRMatrix, CSRMatrix] {
  const rng = createRng(seed);
  const k = 400;
  const n = 5000;
  const a = { indptr: new Int32Array(m + 1), indices: new Int32Array(2 * m), data: new Float64Array(2 * m) };
  for (let i = 0; i < m; i++) {
    a.indptr[i + 1] = 2 * i + 2;
    const c0 = rng.integer(0, k / 2);
    a.indices[2 * i] = c0;
    a.indices[2 * i + 1] = c0 + 1 + rng.integer(0, k / 2 - 1);
    a.data[2 * i] = rng.integer(1, 5);
    a.data[2 * i + 1] = rng.integer(1, 5);
  }
  const b = { indptr: new Int32Array(k + 1), indices: new Int32Array(k), data: new Float64Array(k) };
  for (let r = 0; r < k; r++) {
    b.indptr[r + 1] = r + 1;
    b.indices[r] = rng.integer(0, n);
    b.data[r] = rng.integer(1, 5);
  }
  return [new CSRMatrix({ ...a, shape: [m, k] }), new CSRMatrix({ ...b, shape: [k, n] })];
}

describe('sampledSlotFill', () => {
  it('is nnz(C) / Σ min(flops(i), n) over all rows when there are at most 64 rows', () => {
    for (const [A, B] of [fewMerges(60, 3), [erdosRenyi(50, 40, 0.2, 4), erdosRenyi(40, 30, 0.2, 5)] as const]) {
      const [m, k] = A.shape;
      const n = B.shape[1];
      const rowFlops = new Float64Array(m);
      let slots = 0;
      for (let i = 0; i < m; i++) {
        for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) rowFlops[i]! += B.indptr[A.indices[p]! + 1]! - B.indptr[A.indices[p]!]!;
        slots += Math.min(rowFlops[i]!, n);
      }
      // Positive entries: no cancellation, so the structural count is the dense product's nonzeros.
      const C = denseMatmul(dense(A), dense(B), m, k, n);
      const nnz = C.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
      expect(sampledSlotFill(A, B, rowFlops, n)).toBeCloseTo(nnz / slots, 12);
    }
    // Every product of a full row lands in one column: 4 slots (4 flops < n = 10), 1 entry.
    const ones = new CSRMatrix({ indptr: [0, 4], indices: [0, 1, 2, 3], data: [1, 1, 1, 1], shape: [1, 4] });
    const col = new CSRMatrix({ indptr: [0, 1, 2, 3, 4], indices: [0, 0, 0, 0], data: [1, 1, 1, 1], shape: [4, 10] });
    expect(sampledSlotFill(ones, col, Float64Array.of(4), 10)).toBe(0.25);
    // With n = 2 the row has min(4, 2) = 2 slots.
    expect(sampledSlotFill(ones, col, Float64Array.of(4), 2)).toBe(0.5);
  });
});

describe('SpGEMM in one blocked pass over row slots', () => {
  it('gives the bits of the two-pass product on every backend, thread count, accumulator, ordering and block size', () => {
    const G = rmat(8, 8, 5);
    const cases: Array<[string, CSRMatrix, CSRMatrix]> = [
      ['integer products with cancellations', erdosRenyi(150, 120, 0.05, 21, true), erdosRenyi(120, 140, 0.05, 22, true)],
      ['R-MAT A·A (skewed rows)', G, G],
      ['few merges (views with a zeroed tail)', ...fewMerges(3000, 7)],
    ];
    for (const [label, A, B] of cases) {
      const shape: [number, number] = [A.shape[0], B.shape[1]];
      // Dense oracle for the small cases (few merges is 3000 x 5000: checked against two passes only).
      const want = A.shape[0] <= 300 ? denseMatmul(dense(A), dense(B), A.shape[0], A.shape[1], B.shape[1]) : null;
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        for (const threads of [1, 3]) {
          // 'auto' with a finite dense ratio: rows choose hash or dense (the per-row rule of wide products).
          for (const acc of [{ accumulator: 'auto', denseRatio: 16 }, { accumulator: 'hash' }] as const) {
            for (const sorted of [true, false]) {
              for (const blockEntries of [undefined, 64]) {
                const o = { threads, sorted, blockEntries, ...acc };
                const two = csrOf(kernel(A, B, { ...o, slotsMinFill: Infinity }), shape);
                const one = csrOf(kernel(A, B, { ...o, slotsMinFill: 0 }), shape);
                expectSameCsr(one, two);
                if (want && sorted && blockEntries === undefined) expect(Array.from(dense(one)), label).toEqual(Array.from(want!));
              }
            }
          }
        }
      }
    }
  });

  it('returns exact arrays below SLOTS_MIN_FILL and views with a zeroed tail above it', () => {
    setBackend('wasm');
    // Many merges: B's entries lie in 20 of its 1000 columns, so rows of ~50 products keep at
    // most 20 entries; under SLOTS_MIN_FILL of the slots are filled and the result is copied to exact size.
    const A = erdosRenyi(150, 120, 0.08, 21, true);
    const narrow = erdosRenyi(120, 20, 0.25, 22, true);
    const B = new CSRMatrix({ indptr: narrow.indptr, indices: narrow.indices, data: narrow.data, shape: [120, 1000] });
    const low = kernel(A, B, { threads: 1, accumulator: 'hash', slotsMinFill: 0 });
    expect(low.indices.buffer.byteLength).toBe(low.indices.byteLength);
    expect(low.data.buffer.byteLength).toBe(low.data.byteLength);
    expectSameCsr(csrOf(low, [150, 1000]), csrOf(kernel(A, B, { threads: 1, accumulator: 'hash', slotsMinFill: Infinity }), [150, 1000]));
    // Few merges: a handful of empty slots, the arrays are kept and their tail is zero.
    const [F, H] = fewMerges(3000, 7);
    const two = kernel(F, H, { threads: 1, accumulator: 'hash', slotsMinFill: Infinity });
    const high = kernel(F, H, { threads: 1, accumulator: 'hash', slotsMinFill: 0 });
    const slots = 2 * 3000;
    expect(two.indices.length).toBeLessThan(slots);
    expect(two.indices.length).toBeGreaterThanOrEqual(SLOTS_MIN_FILL * slots);
    expect(high.indices.length).toBe(two.indices.length);
    for (const a of [high.indices, high.data]) {
      expect(a.buffer.byteLength).toBe(slots * a.BYTES_PER_ELEMENT);
      expect(Array.from(new Uint8Array(a.buffer, a.byteLength))).toEqual(new Array(a.buffer.byteLength - a.byteLength).fill(0));
    }
  });

  it('a kept result stays intact across later products and disposes cleanly', () => {
    setBackend('wasm');
    const [F, H] = fewMerges(3000, 7);
    // The default rule takes the slots here (sampled fill above SLOTS_MIN_FILL).
    const first = spgemm(F, H, { accumulator: 'hash' });
    expect(first.indices.buffer.byteLength).toBeGreaterThan(first.indices.byteLength); // slot-sized arrays kept
    const snapshot = [Array.from(first.indptr), Array.from(first.indices), Array.from(first.data)];
    for (let r = 0; r < 5; r++) spgemm(F, H, { accumulator: 'hash' }).dispose();
    expect([Array.from(first.indptr), Array.from(first.indices), Array.from(first.data)]).toEqual(snapshot);
    first.dispose();
    expect(() => first.nnz).toThrow();
  });
});
