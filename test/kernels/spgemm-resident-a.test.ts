/**
 * On one thread with the WASM kernels, a one-off A has its indices and values copied into WASM
 * memory block by block (never whole). A pinned A, or an A inside a residency scope, uses its
 * whole held (or scope) copy instead: same bits as the JS backend, and no per-block copies of A.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type CSRMatrix, pin, setBackend, shutdown } from '../../src/index.js';
import { isResident, withResidency } from '../../src/kernels/runtime/wasm/resident.js';
import { getWasm } from '../../src/kernels/runtime/wasm/loader.js';
import { spgemmKernel, type SpgemmKernelOptions } from '../../src/kernels/spgemm/spgemm.js';
import { tall } from '../helpers/tall-matrix.js';

afterEach(() => setBackend('auto'));
afterAll(async () => {
  await shutdown();
});

const hex = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const bits = (r: { indptr: Int32Array; indices: Int32Array; data: Float64Array }) => [hex(r.indptr), hex(r.indices), hex(r.data)];
const kernel = (A: CSRMatrix, B: CSRMatrix, opts: SpgemmKernelOptions) => bits(spgemmKernel(A, B, A.shape[0], A.shape[1], B.shape[1], opts));

/**
 * Count copies taken from a part of `data` (a subarray: the per-block copies of A's indices or
 * values) while `fn` runs, and apart from them the whole-array copies (`set(data)`: a held, scope
 * or call copy).
 */
function copiesOf<T>(data: Float64Array | Int32Array, fn: () => T): [T, number, number] {
  const proto = Object.getPrototypeOf(Float64Array.prototype) as { set: (src: ArrayLike<number>, offset?: number) => void };
  const set = proto.set;
  let count = 0;
  let whole = 0;
  proto.set = function (this: ArrayLike<number>, src: ArrayLike<number>, offset?: number) {
    if (src === data) whole++;
    else if (ArrayBuffer.isView(src) && src.buffer === data.buffer) count++;
    return set.call(this, src, offset);
  };
  try {
    return [fn(), count, whole];
  } finally {
    proto.set = set;
  }
}
const blockCopies = <T>(data: Float64Array | Int32Array, fn: () => T): [T, number] => copiesOf(data, fn).slice(0, 2) as [T, number];

describe('SpGEMM with a resident A', () => {
  const A = tall(20_000, 800, 3, 17);
  const At = A.transpose().toCSR();
  // Default rule (the tall AᵀA takes the row slots), the fused two passes, the slots forced, the
  // hashed two passes and the one pass; 64-entry blocks, so every pass runs many blocks.
  const routes: [string, SpgemmKernelOptions][] = [
    ['default', { threads: 1, sorted: false, blockEntries: 64 }],
    ['fused', { threads: 1, sorted: true, blockEntries: 64, slotsSpanBytes: Infinity }],
    ['slots', { threads: 1, sorted: true, blockEntries: 64, slotsSpanBytes: 0, slotsMinFill: 0 }],
    ['hash', { threads: 1, sorted: false, blockEntries: 64, accumulator: 'hash' }],
    ['one pass', { threads: 1, sorted: true, blockEntries: 64, onePassEntries: 1 << 22 }],
  ];
  const js = (o: SpgemmKernelOptions) => {
    setBackend('js');
    const r = kernel(At, A, o);
    setBackend('wasm');
    return r;
  };

  it('a one-off A is copied block by block, never whole (control: the counter sees the copies)', () => {
    expect(getWasm()).not.toBeNull();
    for (const [label, o] of routes) {
      const want = js(o);
      const [[got, copies, whole], indexCopies, wholeIndices] = copiesOf(At.indices, () => copiesOf(At.data, () => kernel(At, A, o)));
      expect(got, label).toEqual(want);
      expect(copies, label).toBeGreaterThan(10);
      expect(indexCopies, label).toBeGreaterThan(10);
      expect([whole, wholeIndices], label).toEqual([0, 0]);
    }
  });

  it('a pinned A uses its held copy: the JS bits, no per-block copies, and values follow updateValues', () => {
    const P = pin(At);
    try {
      expect(isResident(At.data)).toBe(true);
      for (const [label, o] of routes) {
        const want = js(o);
        const [[got, copies], indexCopies] = blockCopies(At.indices, () => blockCopies(At.data, () => kernel(At, A, o)));
        expect(got, label).toEqual(want);
        expect([copies, indexCopies], label).toEqual([0, 0]);
      }
      // New values through the handle: the held copy is refreshed, the product follows.
      const before = kernel(At, A, routes[0]![1]);
      P.updateValues(Array.from(At.data, (v, p) => (p % 7 === 0 ? -2 * v : v)));
      const want = js(routes[0]![1]);
      const [got, copies] = blockCopies(At.data, () => kernel(At, A, routes[0]![1]));
      expect(got).toEqual(want);
      expect(got[2]).not.toBe(before[2]);
      expect(copies).toBe(0);
    } finally {
      P.release();
    }
    expect(isResident(At.data)).toBe(false);
  });

  it('an A inside a residency scope uses the scope copy: the JS bits, no per-block copies', () => {
    const wants = routes.map(([, o]) => js(o));
    const [gots, copies] = blockCopies(At.data, () => withResidency(() => routes.map(([, o]) => kernel(At, A, o))));
    expect(gots).toEqual(wants);
    expect(copies).toBe(0);
    expect(isResident(At.data)).toBe(false); // the scope's copy is gone with the scope
  });
});
