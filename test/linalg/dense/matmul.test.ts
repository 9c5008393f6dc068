import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { asDenseMatrix, toNdarray } from '../../../src/formats/dense.js';
import { getBackend, setBackend } from '../../../src/kernels/runtime/backend.js';
import { allocF64, releaseF64 } from '../../../src/kernels/runtime/memory.js';
import { gemm } from '../../../src/linalg/dense/gemm.js';
import { eighDense } from '../../../src/linalg/dense/eigh.js';
import { qrDense, qrQDense } from '../../../src/linalg/dense/qr.js';
import { gram, gramDense, matmul, matmulDense } from '../../../src/linalg/dense/matmul.js';
import { matvec } from '../../../src/linalg/dense/matvec.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
import { fro, naiveMatmul, randn, toRows, tr } from '../iterative/helpers.js';

describe('matmul / gram / matvec', () => {
  it('matches the naive product for many shapes (edges of the 2x4 blocking and the 128/256 cache blocks)', () => {
    const shapes: [number, number, number][] = [[1, 1, 1], [1, 7, 1], [3, 5, 2], [2, 1, 9], [7, 129, 5], [33, 257, 130], [130, 300, 70], [64, 64, 64]];
    for (const [m, k, n] of shapes) {
      const A = randn(m, k, m + k);
      const B = randn(k, n, k + n);
      const C = naiveMatmul(A, B);
      const tol = 1e-14 * fro(A) * fro(B) + 1e-300;
      expect(fro(matmulDense(A, B), C)).toBeLessThanOrEqual(tol);
      expect(fro(matmulDense(tr(A), B, true, false), C)).toBeLessThanOrEqual(tol);
      expect(fro(matmulDense(A, tr(B), false, true), C)).toBeLessThanOrEqual(tol);
      expect(fro(matmulDense(tr(A), tr(B), true, true), C)).toBeLessThanOrEqual(tol);
    }
  });

  it('JS and WASM backends agree (all transposes, edges of the 4 x 4 micro-kernel, resident work arrays)', () => {
    const before = getBackend();
    try {
      const shapes: [number, number, number][] = [[5, 7, 9], [4, 4, 8], [37, 65, 300], [130, 33, 17], [64, 1030, 260]];
      for (const [m, k, n] of shapes) {
        const A = randn(m, k, 3 * m + k);
        const B = randn(k, n, 5 * k + n);
        const C = naiveMatmul(A, B);
        const tol = 1e-14 * fro(A) * fro(B);
        for (const backend of ['js', 'wasm'] as const) {
          setBackend(backend);
          expect(fro(matmulDense(A, B), C), `${backend} ${m}x${k}x${n}`).toBeLessThanOrEqual(tol);
          expect(fro(matmulDense(tr(A), B, true, false), C)).toBeLessThanOrEqual(tol);
          expect(fro(matmulDense(A, tr(B), false, true), C)).toBeLessThanOrEqual(tol);
          expect(fro(matmulDense(tr(A), tr(B), true, true), C)).toBeLessThanOrEqual(tol);
          // C as a block inside a resident work array (WASM memory under 'wasm').
          const big = allocF64((m + 2) * (n + 3));
          gemm(false, false, m, n, k, 1, A.data, 0, k, B.data, 0, n, 0, big, 2 * (n + 3) + 3, n + 3);
          const out = releaseF64(big);
          let err = 0;
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(out[(i + 2) * (n + 3) + j + 3]! - C.data[i * n + j]!));
          expect(err).toBeLessThanOrEqual(tol);
          expect(out[0]).toBe(0);
        }
      }
      // Factorizations give the same results to rounding on both backends.
      const M = randn(300, 120, 9);
      setBackend('js');
      const qj = qrQDense(qrDense(M));
      const S = { rows: 120, cols: 120, data: naiveMatmul(tr(M), M).data };
      const ej = eighDense(S).values;
      setBackend('wasm');
      const qw = qrQDense(qrDense(M));
      const ew = eighDense(S).values;
      expect(fro(qj, qw)).toBeLessThan(1e-12);
      ew.forEach((v, i) => expect(Math.abs(v - ej[i]!)).toBeLessThan(1e-10));
    } finally {
      setBackend(before);
    }
  });

  it('gemm honours alpha, beta and submatrix offsets', () => {
    const A = randn(6, 4, 1);
    const B = randn(4, 5, 2);
    const C = randn(6, 5, 3);
    const out = C.data.slice();
    gemm(false, false, 6, 5, 4, 2, A.data, 0, 4, B.data, 0, 5, 0.5, out, 0, 5);
    const AB = naiveMatmul(A, B);
    for (let p = 0; p < 30; p++) expect(out[p]).toBeCloseTo(2 * AB.data[p]! + 0.5 * C.data[p]!, 12);
    // Bottom-right 2 x 2 block of a 6 x 5 target from rows 1..2 of A and columns 2..3 of B.
    const big = new Float64Array(30);
    gemm(false, false, 2, 2, 4, 1, A.data, 4, 4, B.data, 2, 5, 0, big, 3 * 5 + 3, 5);
    expect(big[3 * 5 + 3]).toBeCloseTo(AB.data[1 * 5 + 2]!, 12);
    expect(big[4 * 5 + 4]).toBeCloseTo(AB.data[2 * 5 + 3]!, 12);
    expect(big[0]).toBe(0);
  });

  it('gram equals AᵀA and is exactly symmetric', () => {
    for (const [m, n] of [[1, 1], [5, 3], [3, 5], [200, 70], [90, 130]] as const) {
      const A = randn(m, n, 7 * m + n);
      const G = gramDense(A);
      expect(fro(G, naiveMatmul(tr(A), A))).toBeLessThanOrEqual(1e-14 * fro(A) ** 2);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(G.data[i * n + j]).toBe(G.data[j * n + i]);
    }
  });

  it('public API: ndarrays in and out, matches NumPy (live)', (ctx) => {
    const A = randn(40, 30, 5);
    const B = randn(30, 20, 6);
    const C = matmul(toNdarray(A), toRows(B));
    expect(C.shape).toEqual([40, 20]);
    expect(fro(asDenseMatrix(gram(toNdarray(A))), naiveMatmul(tr(A), A))).toBeLessThan(1e-12);
    expect(Array.from(matvec(toRows(A), new Float64Array(30).fill(1))).length).toBe(40);
    const why = pythonMissing(['numpy']);
    if (why) return ctx.skip(why);
    const py = runPython<number[][]>('import numpy as np\nprint(json.dumps((np.array(inp[0]) @ np.array(inp[1])).tolist()))', [toRows(A), toRows(B)]);
    const d = asDenseMatrix(C);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 20; j++) expect(d.data[i * 20 + j]).toBeCloseTo(py[i]![j]!, 12);
  });

  it('throws typed errors', () => {
    expect(() => matmul([[1, 2]], [[1, 2]])).toThrow(ShapeError);
    expect(() => matmul([[1, NaN]], [[1], [2]])).toThrow(ArgumentError);
    expect(() => matvec([[1, 2]], [1])).toThrow(ShapeError);
    expect(() => gram([[Infinity]])).toThrow(ArgumentError);
  });
});
