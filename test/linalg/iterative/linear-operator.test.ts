import { describe, expect, it } from 'vitest';
import { ArgumentError, ShapeError } from '../../../src/core/errors.js';
import { coo, csc, csr } from '../../../src/formats/factories.js';
import { toNdarray } from '../../../src/formats/dense.js';
import { aslinearoperator } from '../../../src/linalg/iterative/linear-operator.js';
import { jacobiPreconditioner } from '../../../src/linalg/iterative/jacobi.js';
import { randn, naiveMatmul, tr } from './helpers.js';

const dense = [[1, 2, 0], [0, 3, 4]];
const f64 = (a: number[]) => new Float64Array(a);

describe('aslinearoperator', () => {
  const sources = {
    csr: csr(dense),
    csc: csc(dense),
    coo: coo([0, 0, 1, 1], [0, 1, 1, 2], [1, 2, 3, 4], [2, 3]),
    array: dense,
    ndarray: toNdarray({ rows: 2, cols: 3, data: f64([1, 2, 0, 0, 3, 4]) }),
    denseMatrix: { rows: 2, cols: 3, data: f64([1, 2, 0, 0, 3, 4]) },
  };
  for (const [name, src] of Object.entries(sources)) {
    it(`wraps ${name}: matvec, rmatvec, matmat, rmatmat`, () => {
      const A = aslinearoperator(src);
      expect(A.shape).toEqual([2, 3]);
      expect(Array.from(A.matvec(f64([1, 1, 1])))).toEqual([3, 7]);
      expect(Array.from(A.rmatvec(f64([1, 2])))).toEqual([1, 8, 8]);
      const X = randn(3, 4, 1);
      const Y = randn(2, 5, 2);
      const D = { rows: 2, cols: 3, data: f64([1, 2, 0, 0, 3, 4]) };
      const AX = A.matmat!(X);
      const ATY = A.rmatmat!(Y);
      const e1 = naiveMatmul(D, X);
      const e2 = naiveMatmul(tr(D), Y);
      for (let p = 0; p < e1.data.length; p++) expect(AX.data[p]).toBeCloseTo(e1.data[p]!, 12);
      for (let p = 0; p < e2.data.length; p++) expect(ATY.data[p]).toBeCloseTo(e2.data[p]!, 12);
      expect(() => A.matvec(f64([1, 2]))).toThrow(ShapeError);
      expect(() => A.rmatvec(f64([1, 2, 3]))).toThrow(ShapeError);
      expect(() => A.matmat!(randn(2, 2, 3))).toThrow(ShapeError);
    });
  }

  it('wraps a function with shape, rmatvec or symmetric', () => {
    const A = aslinearoperator((x) => [x[0]! + x[1]!, 2 * x[1]!], { shape: [2, 2], rmatvec: (y) => [y[0]!, y[0]! + 2 * y[1]!] });
    expect(A.matvec(f64([1, 2]))).toEqual(f64([3, 4]));
    expect(A.rmatvec(f64([1, 2]))).toEqual(f64([1, 5]));
    const S = aslinearoperator((x) => x.map((v) => 3 * v), { shape: [2, 2], symmetric: true });
    expect(Array.from(S.rmatvec(f64([1, 2])))).toEqual([3, 6]);
    const N = aslinearoperator((x) => x, { shape: [2, 2] });
    expect(() => N.rmatvec(f64([1, 2]))).toThrow(ArgumentError);
    const bad = aslinearoperator(() => f64([1]), { shape: [2, 2] });
    expect(() => bad.matvec(f64([1, 2]))).toThrow(ShapeError);
  });

  it('wraps operator-like objects and rejects bad input', () => {
    const A = aslinearoperator({ shape: [1, 2], matvec: (x: Float64Array) => f64([x[0]! - x[1]!]), rmatvec: (y: Float64Array) => f64([y[0]!, -y[0]!]) });
    expect(Array.from(A.matvec(f64([5, 2])))).toEqual([3]);
    expect(Array.from(A.rmatvec(f64([2])))).toEqual([2, -2]);
    expect(() => aslinearoperator((x) => x)).toThrow(ArgumentError);
    expect(() => aslinearoperator((x) => x, { shape: [2, 3], symmetric: true })).toThrow(ShapeError);
    expect(() => aslinearoperator(42 as never)).toThrow(ArgumentError);
    expect(() => aslinearoperator([[1, NaN]])).toThrow(ArgumentError);
  });
});

describe('jacobiPreconditioner', () => {
  it('divides by the diagonal of sparse, dense and vector input; zero diagonal gives 1', () => {
    for (const src of [csr([[2, 1, 0], [1, 0, 0], [0, 0, 4]]), [[2, 1, 0], [1, 0, 0], [0, 0, 4]], [2, 0, 4]]) {
      const M = jacobiPreconditioner(src);
      expect(Array.from(M.matvec(f64([2, 3, 2])))).toEqual([1, 3, 0.5]);
    }
    expect(() => jacobiPreconditioner(csr([[1, 2]]))).toThrow(ShapeError);
    expect(() => jacobiPreconditioner([1, NaN])).toThrow(ArgumentError);
  });
});
