import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError, createRng, csr, denseSparse, setBackend, sparseDense, toNdarray } from '../../../src/index.js';
import { dense, denseMatmul, erdosRenyi, expectClose } from './helpers.js';

const rng = createRng(3);
const rand = (n: number) => rng.fillUniform(new Float64Array(n), -1, 1);
const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('sparse x dense and dense x sparse', () => {
  const shapes: Array<[number, number, number, number]> = [[1, 1, 1, 1], [9, 7, 5, 0.3], [60, 80, 3, 0.1], [50, 40, 17, 0.2], [0, 4, 3, 0], [4, 0, 3, 0], [4, 5, 0, 0.5]];
  it('A·B matches the dense product for CSR, CSC and COO A, several right-hand sides, both backends (bit-identical)', () => {
    shapes.forEach(([m, k, c, d], s) => {
      const A = erdosRenyi(m, k, d, 30 + s);
      const B = rand(k * c);
      const want = denseMatmul(dense(A), B, m, k, c);
      let ref: string | null = null;
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        for (const M of [A, A.toCSC(), A.toCOO()]) {
          const flat = sparseDense(M, B, { cols: c });
          expectClose(flat, want, 1e-13);
          const nd = sparseDense(M, toNdarray({ rows: k, cols: c, data: B }));
          expect(nd.shape).toEqual([m, c]);
          expectClose(nd.data as Float64Array, want, 1e-13);
          if (M === A) {
            if (ref === null) ref = bits(flat);
            else expect(bits(flat)).toBe(ref);
          }
        }
      }
      setBackend('auto');
    });
  });
  it('D·A matches the dense product for CSR, CSC and COO A, both backends (CSR bit-identical), even and odd row counts', () => {
    shapes.forEach(([m, k, r, d], s) => {
      const A = erdosRenyi(m, k, d, 50 + s);
      const D = rand(r * m);
      const want = denseMatmul(D, dense(A), r, m, k);
      let ref: string | null = null;
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        for (const M of [A, A.toCSC(), A.toCOO()]) {
          // A flat D with rows(A) = 0 has length 0 whatever its row count: only the ndarray form can say.
          const flat = m === 0 ? want : denseSparse(D, M);
          expectClose(flat, want, 1e-13);
          const nd = denseSparse(toNdarray({ rows: r, cols: m, data: D }), M);
          expect(nd.shape).toEqual([r, k]);
          expectClose(nd.data as Float64Array, want, 1e-13);
          if (M === A) {
            if (ref === null) ref = bits(flat);
            else expect(bits(flat)).toBe(ref);
          }
        }
      }
      setBackend('auto');
    });
  });
  it('matmul with number[][] and with a vector; errors on misaligned shapes', () => {
    const A = csr([[1, 0, 2], [0, 3, 0]]);
    const C = A.matmul([[1], [2], [3]]);
    expect(Array.from(C.data as Float64Array)).toEqual([7, 6]);
    expect(Array.from(A.matmul([1, 2, 3]))).toEqual([7, 6]);
    expect(Array.from(A.rmatmul(new Float64Array([1, 1])))).toEqual([1, 3, 2]);
    expect(() => A.matmul([[1, 2]])).toThrow(ShapeError);
    expect(() => sparseDense(A, new Float64Array(5), { cols: 2 })).toThrow(ShapeError);
    expect(() => sparseDense(A, new Float64Array(6) as never)).toThrow(ArgumentError);
    expect(() => denseSparse([[1, 2, 3]], A)).toThrow(ShapeError);
    expect(() => denseSparse(new Float64Array(3), A)).toThrow(ShapeError);
    expect(() => A.matmul([[NaN], [1], [1]])).toThrow(ArgumentError);
  });
});
