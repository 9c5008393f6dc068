/**
 * An array passed twice to one kernel call (A·A: A is both operands) is copied into WASM memory
 * once: the second request returns the same pinned copy, the arena grows by one copy, and releasing
 * the call's pins frees it exactly once. A·A on WASM keeps the JS backend's bits and the dense
 * product's values (integer values: exact).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { coo, createRng, setBackend, spgemm, type CSRMatrix } from '../../src/index.js';
import { getWasm } from '../../src/kernels/runtime/wasm/loader.js';
import { type Pins, resident, unpin } from '../../src/kernels/runtime/wasm/resident.js';

const hex = (a: Int32Array | Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

afterEach(() => setBackend('auto'));

function square(n: number, perRow: number, seed: number): CSRMatrix {
  const rng = createRng(seed);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < perRow; r++) {
      row.push(i);
      col.push(rng.integer(0, n));
      val.push(rng.integer(-4, 5));
    }
  }
  return coo(row, col, val, [n, n]).toCSR();
}

describe('one WASM copy per array and call', () => {
  it('the same array twice shares one pinned copy, freed once', () => {
    const k = getWasm();
    expect(k).not.toBeNull();
    const arr = Float64Array.from({ length: 50_000 }, (_, i) => i * 0.5);
    const other = new Int32Array(30_000).fill(7);
    const before = k!.arena.allocated;
    const pins: Pins = [];
    const p1 = resident(k!, arr, pins);
    const p2 = resident(k!, other, pins);
    const p3 = resident(k!, arr, pins);
    expect(p3).toBe(p1);
    expect(p2).not.toBe(p1);
    expect(k!.arena.allocated - before).toBe(arr.byteLength + other.byteLength); // both multiples of 16
    expect(Array.from(k!.f64(p3, 3))).toEqual([0, 0.5, 1]);
    unpin(pins);
    expect(k!.arena.allocated).toBe(before);
    // Freed exactly once: the next copy may reuse the block, and allocation stays consistent.
    const again: Pins = [];
    resident(k!, arr, again);
    expect(k!.arena.allocated - before).toBe(arr.byteLength);
    unpin(again);
    expect(k!.arena.allocated).toBe(before);
  });

  it('A·A on WASM equals the JS backend bit for bit and the dense product', () => {
    const A = square(3000, 4, 5);
    setBackend('js');
    const js = spgemm(A, A, { threads: 1 });
    setBackend('wasm');
    const before = getWasm()!.arena.allocated;
    for (const accumulator of ['auto', 'hash', 'dense'] as const) {
      const w = spgemm(A, A, { threads: 1, accumulator });
      expect(hex(w.indptr)).toBe(hex(js.indptr));
      expect(hex(w.indices)).toBe(hex(js.indices));
      expect(hex(w.data)).toBe(hex(js.data));
    }
    expect(getWasm()!.arena.allocated).toBe(before); // every call copy freed
    // Row 17 of A·A against the dense computation.
    const n = A.shape[1];
    const row = new Float64Array(n);
    for (let p = A.indptr[17]!; p < A.indptr[18]!; p++) {
      const kk = A.indices[p]!;
      for (let q = A.indptr[kk]!; q < A.indptr[kk + 1]!; q++) row[A.indices[q]!]! += A.data[p]! * A.data[q]!;
    }
    const got = new Float64Array(n);
    for (let p = js.indptr[17]!; p < js.indptr[18]!; p++) got[js.indices[p]!] = js.data[p]!;
    expect(Array.from(got)).toEqual(Array.from(row));
  });
});
