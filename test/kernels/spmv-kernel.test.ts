import { afterEach, describe, expect, it } from 'vitest';
import { CSRMatrix, createRng, setBackend } from '../../src/index.js';

const hex = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

afterEach(() => setBackend('auto'));

describe('WASM spmv_csr: the row loop in every remainder case', () => {
  it('rows of 0..13 entries give the JS loop bits for y = alpha·A·x + beta·y (beta 0, beta 0 over NaN, beta != 0)', () => {
    // Row i holds i % 14 entries at scattered columns: every count of 4-entry steps, pair and
    // single tail. Values of mixed magnitude make the sums order-sensitive, so a term added to
    // the other partial sum, or in another order, changes the bits. Rows whose only terms are
    // -0 products check the sign of zero (s0 + s1 = -0 + 0 = +0 on both backends).
    const m = 700;
    const n = 500;
    const rng = createRng(17);
    const indptr = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) indptr[i + 1] = indptr[i]! + (i % 14);
    const nnz = indptr[m]!;
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    for (let i = 0; i < m; i++) {
      const cols = new Set<number>();
      while (cols.size < i % 14) cols.add(Math.floor(rng.random() * n));
      let p = indptr[i]!;
      for (const c of [...cols].sort((a, b) => a - b)) {
        data[p] = i % 50 === 1 ? -1 : (rng.random() - 0.5) * 10 ** Math.floor(rng.random() * 12 - 6);
        indices[p++] = c;
      }
    }
    const A = new CSRMatrix({ indptr, indices, data, shape: [m, n] });
    const x = rng.fillUniform(new Float64Array(n), -1, 1);
    for (let i = 0; i < n; i += 7) x[i] = 0;
    const y0 = rng.fillUniform(new Float64Array(m), -3, 3);
    const run = (backend: 'js' | 'wasm') => {
      setBackend(backend);
      const out1 = y0.slice();
      const out2 = new Float64Array(m).fill(NaN);
      return [
        A.matvec(x, { threads: 1 }),
        A.matvec(x, { threads: 1, out: out1, alpha: -0.75, beta: 1.25 }),
        A.matvec(x, { threads: 1, out: out2, alpha: 3, beta: 0 }),
      ].map(hex);
    };
    const js = run('js');
    expect(run('wasm')).toEqual(js);
    // The JS loop itself against a plain two-sum reference (even positions, odd positions, then added).
    const ref = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s0 = 0;
      let s1 = 0;
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        if ((p - indptr[i]!) % 2 === 0) s0 += data[p]! * x[indices[p]!]!;
        else s1 += data[p]! * x[indices[p]!]!;
      }
      ref[i] = s0 + s1;
    }
    expect(js[0]).toBe(hex(ref));
  });
});
