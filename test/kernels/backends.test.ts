import { describe, expect, it, vi } from 'vitest';
import { ArgumentError, CSRMatrix, createRng, getBackend, kernelInfo, random, setBackend } from '../../src/index.js';
import { AUTO_WASM_SPMV_NNZ, AUTO_WASM_SPMV_ONEOFF_NNZ } from '../../src/kernels/spmv/dispatch.js';
import { residentBytes } from '../../src/kernels/runtime/wasm/resident.js';
import { axpyKernel, dotKernel, nrm2Kernel } from '../../src/kernels/blas1.js';
import { Arena } from '../../src/kernels/runtime/wasm/arena.js';
import { getWasm } from '../../src/kernels/runtime/wasm/loader.js';
import { holdResident, isResident, releaseResident, resident, unpin, withResidency, type Pins } from '../../src/kernels/runtime/wasm/resident.js';

const bits = (x: number | Float64Array) =>
  typeof x === 'number' ? Buffer.from(Float64Array.of(x).buffer).toString('hex') : Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex');

describe('backend selection and the WASM module', () => {
  it('loads the SIMD kernels here and reports capabilities', () => {
    const info = kernelInfo();
    expect(info.wasm).toBe(true);
    expect(info.threads).toBe(true);
    expect(info.cpus).toBeGreaterThanOrEqual(1);
    expect(getBackend()).toBe('auto');
    expect(() => setBackend('gpu' as 'js')).toThrow(ArgumentError);
  });
  it('dot, axpy and nrm2 agree bit for bit between JS and WASM (odd and even lengths)', () => {
    const rng = createRng(2);
    for (const n of [0, 1, 2, 7, 64, 1001]) {
      const x = rng.fillUniform(new Float64Array(n), -1, 1);
      const y = rng.fillUniform(new Float64Array(n), -1, 1);
      const res: Record<string, string[]> = {};
      for (const b of ['js', 'wasm'] as const) {
        setBackend(b);
        const z = y.slice();
        axpyKernel(0.5, x, z);
        res[b] = [bits(dotKernel(x, y)), bits(nrm2Kernel(x)), bits(z)];
      }
      setBackend('auto');
      expect(res['wasm']).toEqual(res['js']);
      let d = 0, s = 0;
      for (let i = 0; i < n; i++) { d += x[i]! * y[i]!; s += x[i]! * x[i]!; }
      expect(dotKernel(x, y)).toBeCloseTo(d, 12);
      expect(nrm2Kernel(x)).toBeCloseTo(Math.sqrt(s), 12);
    }
    for (const b of ['js', 'wasm'] as const) {
      setBackend(b);
      expect(nrm2Kernel(Float64Array.of(3e300, 4e300))).toBeCloseTo(5e300, -288);
      expect(nrm2Kernel(Float64Array.of(3e-300, 4e-300)) / 5e-300).toBeCloseTo(1, 12);
      expect(nrm2Kernel(Float64Array.of(1, Infinity))).toBe(Infinity);
      expect(nrm2Kernel(Float64Array.of(1, NaN))).toBeNaN();
    }
    setBackend('auto');
  });
});

describe('arena allocator', () => {
  it('first fit, 16-byte alignment, coalescing, growth and exhaustion', () => {
    let buffer = new ArrayBuffer(65536);
    const memory = {
      get buffer() { return buffer; },
      grow(pages: number) {
        const old = buffer.byteLength / 65536;
        const next = new ArrayBuffer(buffer.byteLength + pages * 65536);
        buffer = next;
        return old;
      },
    };
    const a = new Arena(memory, 1024, 4 * 65536);
    const p1 = a.alloc(10), p2 = a.alloc(100), p3 = a.alloc(16);
    expect([p1, p2, p3]).toEqual([1024, 1040, 1152]);
    a.free(p2);
    expect(a.alloc(50)).toBe(1040); // reuses the hole
    a.free(p1);
    a.free(1040);
    expect(a.alloc(112)).toBe(1024); // coalesced hole of 16 + 112
    const big = a.alloc(100000); // grows the memory
    expect(big).toBeGreaterThan(0);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 100000);
    expect(a.alloc(4 * 65536)).toBe(-1); // beyond the maximum
    a.free(big);
    expect(a.sizeOf(big)).toBe(0);
  });
});

describe('resident copies of matrix arrays', () => {
  it('a call copy is private and freed on unpin; a scope copy is shared until the scope ends; a held copy until released', () => {
    const k = getWasm()!;
    const arr = Float64Array.of(1, 2, 3);
    const pins: Pins = [];
    const p = resident(k, arr, pins);
    expect(isResident(arr)).toBe(false); // call copy: not shared
    expect(Array.from(k.f64(p, 3))).toEqual([1, 2, 3]);
    unpin(pins);
    arr[0] = 9;
    withResidency(() => {
      const q = resident(k, arr, pins);
      expect(k.f64(q, 1)[0]).toBe(9);
      expect(resident(k, arr, pins)).toBe(q);
      expect(isResident(arr)).toBe(true);
      unpin(pins);
    });
    expect(isResident(arr)).toBe(false);
    arr[0] = 7;
    const h = holdResident([arr]);
    const r = resident(k, arr, pins);
    expect(k.f64(r, 1)[0]).toBe(7);
    unpin(pins);
    arr[0] = 5;
    h.refresh();
    expect(k.f64(resident(k, arr, pins), 1)[0]).toBe(5);
    unpin(pins);
    h.release();
    expect(isResident(arr)).toBe(false);
    releaseResident(arr);
  });
});

describe("'auto' SpMV backend for one-off products", () => {
  /** Calls of the WASM gather kernel made while `fn` runs. */
  function wasmGatherCalls(fn: () => void): number {
    const k = getWasm()!;
    const spy = vi.spyOn(k, 'fn');
    try {
      fn();
      return spy.mock.calls.filter(([name]) => name === 'spmv_csr').length;
    } finally {
      spy.mockRestore();
    }
  }

  /** A banded CSR matrix (m x m, columns i-2..i+2): local gathers, like a stencil. */
  function banded(m: number): CSRMatrix {
    const indptr = new Int32Array(m + 1);
    const indices: number[] = [];
    for (let i = 0; i < m; i++) {
      for (let j = Math.max(0, i - 2); j <= Math.min(m - 1, i + 2); j++) indices.push(j);
      indptr[i + 1] = indices.length;
    }
    return new CSRMatrix({ indptr, indices: Int32Array.from(indices), data: new Float64Array(indices.length).map((_, p) => 1 + (p % 7)), shape: [m, m] });
  }

  it('runs WASM from AUTO_WASM_SPMV_ONEOFF_NNZ entries when the gathers are scattered, keeps no copy, and matches the JS loop bit for bit', () => {
    const rng = createRng(17);
    // ~2.8·10^5 entries at random columns of 2·10^5: scattered, above the one-off threshold.
    const scattered = random(2000, 200_000, 0.0007, { seed: 5, format: 'csr' });
    expect(scattered.nnz).toBeGreaterThanOrEqual(AUTO_WASM_SPMV_ONEOFF_NNZ);
    // As many entries next to the diagonal: local gathers, the JS loop (the copy would not pay).
    const local = banded(60_000);
    expect(local.nnz).toBeGreaterThanOrEqual(AUTO_WASM_SPMV_ONEOFF_NNZ);
    // Scattered but below the one-off threshold: the JS loop.
    const small = random(400, 300, 0.1, { seed: 6, format: 'csr' });
    expect(small.nnz).toBeGreaterThanOrEqual(AUTO_WASM_SPMV_NNZ);
    expect(small.nnz).toBeLessThan(AUTO_WASM_SPMV_ONEOFF_NNZ);
    for (const [A, wasm] of [[scattered, 1], [local, 0], [small, 0]] as const) {
      const x = rng.fillUniform(new Float64Array(A.shape[1]), -1, 1);
      setBackend('js');
      const ref = A.matvec(x, { threads: 1 });
      setBackend('auto');
      let y: Float64Array = new Float64Array(0);
      expect(wasmGatherCalls(() => { y = A.matvec(x, { threads: 1 }); })).toBe(wasm);
      expect(bits(y)).toBe(bits(ref));
      expect(residentBytes()).toBe(0);
      // The next one-off product sees a change made in place (the copy was the call's own).
      A.data[0]! += 1;
      setBackend('js');
      const ref2 = A.matvec(x, { threads: 1 });
      setBackend('auto');
      expect(bits(A.matvec(x, { threads: 1 }))).toBe(bits(ref2));
    }
  });
});
