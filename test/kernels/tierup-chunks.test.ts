import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, denseSparse, random, setBackend, sparseDense, spgemm } from '../../src/index.js';
import { TIERUP_CHUNK_WORK, searchChunks, tierUpChunks } from '../../src/kernels/runtime/chunks.js';
import { getWasm } from '../../src/kernels/runtime/wasm/loader.js';
import { withResidency } from '../../src/kernels/runtime/wasm/resident.js';

const hex = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

afterEach(() => setBackend('auto'));

describe('tierUpChunks: the row chunks of a serial WASM row kernel', () => {
  it('covers [r0, r1) in increasing bounds of about TIERUP_CHUNK_WORK units each', () => {
    // 300,000 rows of 1..4 entries: cumulative entries plus rows, as the SpMV dispatch weighs them.
    const m = 300_000;
    const ptr = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) ptr[i + 1] = ptr[i]! + 1 + (i % 4);
    const cum = (r: number) => ptr[r]! + r;
    for (const [r0, r1] of [[0, m], [12_345, 200_000], [5, 5], [7, 8]] as const) {
      const b = tierUpChunks(cum, r0, r1);
      const work = cum(r1) - cum(r0);
      expect(b[0]).toBe(r0);
      expect(b[b.length - 1]).toBe(r1);
      expect(b.length - 1).toBe(Math.max(1, Math.min(r1 - r0, Math.ceil(work / TIERUP_CHUNK_WORK))));
      for (let c = 0; c + 1 < b.length; c++) {
        if (r1 > r0) expect(b[c + 1]!).toBeGreaterThan(b[c]!);
        // Equal shares of the work, up to one row (at most 5 entries + 1) either side.
        expect(Math.abs(cum(b[c + 1]!) - cum(b[c]!) - work / (b.length - 1))).toBeLessThanOrEqual(12);
      }
    }
    // The same bounds as searchChunks asked for that many chunks.
    expect(Array.from(tierUpChunks(cum, 0, m))).toEqual(Array.from(searchChunks(cum, 0, m, Math.ceil(cum(m) / TIERUP_CHUNK_WORK))));
  });
});

describe('serial WASM products in chunks give the bits of the JS kernels', () => {
  it('SpMV calls the WASM kernel once per chunk, bit-identical to the JS backend (gather and transposed)', () => {
    const A = random(40_000, 30_000, 2.5e-4, { seed: 32 }).toCSR(); // ~3·10^5 entries
    const rng = createRng(6);
    const x = rng.fillUniform(new Float64Array(A.shape[1]), -1, 1);
    const u = rng.fillUniform(new Float64Array(A.shape[0]), -1, 1);
    setBackend('wasm');
    const k = getWasm()!;
    const lookup = k.fn.bind(k);
    const ranges: Record<string, Array<[number, number]>> = { spmv_csr: [], spmv_csr_t: [] };
    // Record the row range [r0, r1) (arguments 5 and 6) of every call of the two SpMV exports.
    const spy = vi.spyOn(k, 'fn').mockImplementation((name: string) => {
      const f = lookup(name);
      const log = ranges[name];
      return log ? (...a: number[]) => (log.push([a[5]!, a[6]!]), f(...a)) : f;
    });
    let y: Float64Array;
    let z: Float64Array;
    try {
      // Inside a residency scope: the whole-matrix route (a one-off product streams A in its own
      // smaller chunks instead, test/kernels/spmv-stream.test.ts).
      [y, z] = withResidency(() => [A.matvec(x, { threads: 1 }), A.rmatvec(u, { threads: 1 })]);
    } finally {
      spy.mockRestore();
    }
    const expected = Array.from(tierUpChunks((r) => A.indptr[r]! + r, 0, A.shape[0]));
    expect(expected.length - 1).toBeGreaterThan(4);
    for (const name of ['spmv_csr', 'spmv_csr_t']) expect(ranges[name]!.flat()).toEqual(expected.slice(0, -1).flatMap((r0, c) => [r0, expected[c + 1]!]));
    setBackend('js');
    expect(hex(y)).toBe(hex(A.matvec(x, { threads: 1 })));
    expect(hex(z)).toBe(hex(A.rmatvec(u, { threads: 1 })));
  });

  it('SpGEMM on one thread (several chunks per pass) equals the JS backend, every accumulator, sorted or not', () => {
    const A = random(20_000, 20_000, 4e-4, { seed: 33 }).toCSR(); // nnz(A·A) ~ 2.5·10^6: dozens of chunks
    for (const accumulator of ['auto', 'hash', 'dense'] as const) {
      for (const sorted of [true, false]) {
        setBackend('js');
        const ref = spgemm(A, A, { threads: 1, accumulator, sorted });
        setBackend('wasm');
        const C = spgemm(A, A, { threads: 1, accumulator, sorted });
        expect(C.nnz).toBeGreaterThan(4 * TIERUP_CHUNK_WORK);
        expect(hex(C.indptr)).toBe(hex(ref.indptr));
        expect(hex(C.indices)).toBe(hex(ref.indices));
        expect(hex(C.data)).toBe(hex(ref.data));
      }
    }
  });
  it('sparse·dense and dense·sparse call their WASM kernels in contiguous chunks (dense·sparse at even rows), bit-identical to JS', () => {
    const rng = createRng(8);
    const A = random(30_000, 2_000, 2e-3, { seed: 34 }).toCSR(); // 1.2·10^5 entries, x 8 columns
    const B = rng.fillUniform(new Float64Array(2_000 * 8), -1, 1);
    const S = random(2_000, 3_000, 5e-3, { seed: 35 }).toCSR();
    const rows = 301; // odd: the last row goes through the single-row path
    const D = rng.fillUniform(new Float64Array(rows * 2_000), -1, 1);
    for (let i = 0; i < D.length; i += 3) D[i] = 0; // rows with zeros where their partner has none
    setBackend('wasm');
    const k = getWasm()!;
    const lookup = k.fn.bind(k);
    const ranges: Record<string, Array<[number, number]>> = { spmm_csr_dense: [], dense_csr: [] };
    const at: Record<string, number> = { spmm_csr_dense: 6, dense_csr: 7 }; // position of r0
    const spy = vi.spyOn(k, 'fn').mockImplementation((name: string) => {
      const f = lookup(name);
      const log = ranges[name];
      return log ? (...a: number[]) => (log.push([a[at[name]!]!, a[at[name]! + 1]!]), f(...a)) : f;
    });
    let C: Float64Array;
    let E: Float64Array;
    try {
      C = sparseDense(A, B, { cols: 8 });
      E = denseSparse(D, S);
    } finally {
      spy.mockRestore();
    }
    for (const [name, end] of [['spmm_csr_dense', 30_000], ['dense_csr', rows]] as const) {
      const r = ranges[name]!;
      expect(r.length, name).toBeGreaterThan(4);
      expect(r[0]![0]).toBe(0);
      expect(r[r.length - 1]![1]).toBe(end);
      for (let c = 0; c < r.length; c++) {
        expect(r[c]![1]).toBeGreaterThan(r[c]![0]);
        if (c > 0) expect(r[c]![0]).toBe(r[c - 1]![1]);
        if (name === 'dense_csr') expect(r[c]![0] % 2).toBe(0);
      }
    }
    setBackend('js');
    expect(hex(C)).toBe(hex(sparseDense(A, B, { cols: 8 })));
    expect(hex(E)).toBe(hex(denseSparse(D, S)));
  });
});
