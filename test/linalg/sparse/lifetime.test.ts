/**
 * Result lifetimes and the result pool: products in a synchronous loop with and without dispose()
 * keep memory bounded; results kept alive across later products stay intact (hash of their bits
 * unchanged, no shared buffers); disposed results throw DisposedError and their arrays are detached;
 * arrays shared with another matrix or passed in by the user are never recycled; vectors drawn from
 * recycled memory are zeroed (SpMV and sparse x dense without out).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { type CSRMatrix, DisposedError, csr, denseSparse, random, sparseDense, spgemm, spmv } from '../../../src/index.js';
import { resultPoolBudget, resultPoolStats } from '../../../src/kernels/runtime/result-pool.js';
import { hash } from './lifetime-hash.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;


const A = random(5000, 5000, 1e-3, { seed: 7, format: 'csr' });
const product = (): CSRMatrix => spgemm(A, A, { threads: 1 });
const want = product();
const wantHash = hash(want.indptr, want.indices, want.data);
const bytesOf = (M: CSRMatrix): number => M.indptr.byteLength + M.indices.byteLength + M.data.byteLength;

afterEach(() => {
  resultPoolBudget(256 * 2 ** 20);
});

describe('result pool: loops stay bounded', () => {
  it('with dispose(): each product reuses the last one\'s memory, the pool never holds more than one result', () => {
    expect(want.data.byteLength).toBeGreaterThan(1 << 16); // large enough to be pooled
    const size = bytesOf(want);
    for (let k = 0; k < 40; k++) {
      const C = product();
      expect(hash(C.indptr, C.indices, C.data)).toBe(wantHash);
      C.dispose();
      expect(resultPoolStats().bytes).toBeLessThanOrEqual(2 * size);
    }
    const before = resultPoolStats();
    const C = product();
    expect(resultPoolStats().buffers).toBeLessThan(before.buffers); // taken from the pool
    C.dispose();
  });

  it('without dispose(): nothing is pooled and the dropped results are collectable', async () => {
    resultPoolBudget(0); // empty the pool
    resultPoolBudget(256 * 2 ** 20);
    const settle = async (): Promise<void> => {
      // Backing stores are freed after the collection, off the main thread: collect, wait, collect.
      gc();
      await new Promise((r) => setTimeout(r, 50));
      gc();
    };
    await settle();
    const base = process.memoryUsage().arrayBuffers;
    let last = 0;
    for (let k = 0; k < 40; k++) last = product().nnz;
    expect(last).toBe(want.nnz);
    expect(resultPoolStats().bytes).toBe(0);
    await settle();
    // 40 results were made; once collected, at most a few results' worth of buffers remain.
    expect(process.memoryUsage().arrayBuffers - base).toBeLessThan(4 * bytesOf(want));
  });

  it('the pool keeps at most its budget', () => {
    resultPoolBudget(bytesOf(want) / 2);
    const Cs = Array.from({ length: 5 }, product);
    for (const C of Cs) C.dispose();
    expect(resultPoolStats().bytes).toBeLessThanOrEqual(bytesOf(want) / 2);
  });
});

describe('results kept alive stay intact', () => {
  it('a kept result is unchanged by later products and disposals, and shares no buffer with them', () => {
    const kept = product();
    const h = hash(kept.indptr, kept.indices, kept.data);
    const buffers = new Set([kept.indptr.buffer, kept.indices.buffer, kept.data.buffer]);
    for (let k = 0; k < 20; k++) {
      const C = product();
      for (const a of [C.indptr, C.indices, C.data]) expect(buffers.has(a.buffer)).toBe(false);
      C.data.fill(NaN); // scribble on it before it goes back
      C.dispose();
    }
    expect(hash(kept.indptr, kept.indices, kept.data)).toBe(h);
    expect(h).toBe(wantHash);
  });

  it('a transpose view keeps its arrays when the matrix it came from is disposed', () => {
    const C = product();
    const T = C.transpose();
    C.dispose();
    expect(hash(T.indptr, T.indices, T.data)).toBe(wantHash);
    const D = product();
    expect(D.data.buffer).not.toBe(T.data.buffer);
    expect(hash(T.indptr, T.indices, T.data)).toBe(wantHash);
  });

  it('arrays the user passed in are never detached by dispose()', () => {
    const data = new Float64Array(20000).fill(2);
    const indices = new Int32Array(20000).map((_, p) => p % 100);
    const indptr = Int32Array.from({ length: 201 }, (_, i) => i * 100);
    const M = csr({ indptr, indices, data, shape: [200, 100] });
    M.dispose();
    expect(data.length).toBe(20000);
    expect(data[0]).toBe(2);
    expect(indices[199]).toBe(99);
  });

  it('a result whose arrays went into a second matrix is not recycled by disposing either', () => {
    const C = product();
    const { indptr, indices, data } = C;
    const again = csr({ indptr, indices, data, shape: [5000, 5000] });
    C.dispose();
    again.dispose();
    expect(again.disposed).toBe(true);
    // The arrays were shared, so neither matrix owned them: still attached and intact.
    expect(data.length).toBe(want.nnz);
    expect(hash(indptr, indices, data)).toBe(wantHash);
  });
});

describe('disposed results', () => {
  it('throw DisposedError when used, and the arrays held from them are detached', () => {
    const C = product();
    const held = C.data;
    C.dispose();
    expect(C.disposed).toBe(true);
    expect(held.length).toBe(0); // detached: cannot alias the next result
    expect(() => C.nnz).toThrow(DisposedError);
    expect(() => C.toDense()).toThrow(DisposedError);
    expect(() => C.matvec(new Float64Array(5000))).toThrow(DisposedError);
    expect(() => spgemm(C, A)).toThrow(DisposedError);
    expect(() => spgemm(A, C)).toThrow(/CSRMatrix was disposed/);
    C.dispose(); // idempotent
  });

  it('Symbol.dispose disposes (for `using`)', () => {
    const d = (Symbol as { dispose?: symbol }).dispose;
    if (typeof d !== 'symbol') return; // runtime without explicit resource management
    const C = product();
    (C as unknown as Record<symbol, () => void>)[d]!();
    expect(C.disposed).toBe(true);
  });
});

describe('vectors from recycled memory are zeroed', () => {
  it('SpMV and sparse x dense without out give the same bits after NaN-filled results were disposed', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i));
    const y0 = spmv(A, x);
    const B = Float64Array.from({ length: 5000 * 4 }, (_, i) => Math.cos(i));
    const Z0 = sparseDense(A, B, { cols: 4 });
    const W0 = denseSparse(B, A);
    for (let k = 0; k < 3; k++) {
      const C = product();
      C.data.fill(NaN);
      C.indices.fill(-1);
      C.dispose();
    }
    expect(resultPoolStats().buffers).toBeGreaterThan(0);
    expect(hash(spmv(A, x))).toBe(hash(y0));
    expect(hash(sparseDense(A, B, { cols: 4 }))).toBe(hash(Z0));
    expect(hash(denseSparse(B, A))).toBe(hash(W0));
  });

  it('conversions on recycled memory give the same bits', () => {
    const T0 = want.toCSC();
    const h0 = hash(T0.indptr, T0.indices, T0.data);
    for (let k = 0; k < 3; k++) {
      const C = product();
      C.data.fill(NaN);
      C.dispose();
      const T = want.toCSC();
      expect(hash(T.indptr, T.indices, T.data)).toBe(h0);
    }
  });
});
