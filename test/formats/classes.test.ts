/**
 * Every method of COOMatrix, CSRMatrix and CSCMatrix on small hand-worked matrices, including
 * non-canonical CSR input (unsorted indices, duplicates, explicit zeros), and the errors raised by
 * bad structure or bad arguments (error class, array and index named).
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, CSCMatrix, CSRMatrix, FormatError, ShapeError, coo, csc, csr, fromDense } from '../../src/index.js';

const arr = (x: ArrayLike<number>) => Array.from(x);
const dense = (A: { toDense(): { shape: number[]; get(i: number, j: number): number } }): number[][] => {
  const D = A.toDense();
  return Array.from({ length: D.shape[0]! }, (_, i) => Array.from({ length: D.shape[1]! }, (_, j) => D.get(i, j)));
};

/** Row 0: (0,2)=1, (0,0)=2, (0,2)=3, (0,1)=0 (explicit zero); row 1: (1,1)=4, (1,1)=5. Dense [[2,0,4],[0,9,0]]. */
const messy = () => new CSRMatrix({ indptr: [0, 4, 6], indices: [2, 0, 2, 1, 1, 1], data: [1, 2, 3, 0, 4, 5], shape: [2, 3] });

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError');
}

describe('CSRMatrix with unsorted indices, duplicates and explicit zeros', () => {
  it('reports its structure', () => {
    const A = messy();
    expect(A.nnz).toBe(6);
    expect(A.format).toBe('csr');
    expect(A.hasCanonicalFormat).toBe(false);
    expect(A.hasSortedIndices).toBe(false);
    expect(dense(A)).toEqual([[2, 0, 4], [0, 9, 0]]);
  });
  it('sortIndices keeps duplicates adjacent in their original order; sumDuplicates merges them', () => {
    const A = messy();
    const S = A.sortIndices();
    expect(arr(S.indptr)).toEqual([0, 4, 6]);
    expect(arr(S.indices)).toEqual([0, 1, 2, 2, 1, 1]);
    expect(arr(S.data)).toEqual([2, 0, 1, 3, 4, 5]);
    expect(S.hasSortedIndices).toBe(true);
    expect(S.hasCanonicalFormat).toBe(false);
    expect(arr(A.indices)).toEqual([2, 0, 2, 1, 1, 1]); // input untouched
    const C = A.sumDuplicates();
    expect(arr(C.indptr)).toEqual([0, 3, 4]);
    expect(arr(C.indices)).toEqual([0, 1, 2, 1]);
    expect(arr(C.data)).toEqual([2, 0, 4, 9]);
    expect(C.hasCanonicalFormat).toBe(true);
    expect(C.sumDuplicates()).toBe(C);
    expect(C.sortIndices()).toBe(C);
  });
  it('sortIndicesInPlace sorts the arrays themselves', () => {
    const A = messy();
    const indices = A.indices;
    A.sortIndicesInPlace();
    expect(A.indices).toBe(indices);
    expect(arr(A.indices)).toEqual([0, 1, 2, 2, 1, 1]);
    expect(A.hasSortedIndices).toBe(true);
    expect(dense(A)).toEqual([[2, 0, 4], [0, 9, 0]]);
  });
  it('eliminateZeros drops explicit zeros only (also zero sums of duplicates once summed)', () => {
    const A = messy();
    const E = A.eliminateZeros();
    expect(E.nnz).toBe(5);
    expect(arr(E.indices)).toEqual([2, 0, 2, 1, 1]);
    const canceled = new CSRMatrix({ indptr: [0, 2], indices: [0, 0], data: [1, -1], shape: [1, 1] });
    expect(canceled.eliminateZeros().nnz).toBe(2); // not zeros until summed
    expect(canceled.sumDuplicates().nnz).toBe(1); // SciPy keeps the explicit zero sum
    expect(canceled.sumDuplicates().eliminateZeros().nnz).toBe(0);
    const B = csr([[1, 2]]);
    expect(B.eliminateZeros()).toBe(B);
  });
  it('get sums duplicates; getRow, getCol, slice, diagonal', () => {
    const A = messy();
    expect([A.get(0, 0), A.get(0, 1), A.get(0, 2), A.get(1, 1), A.get(1, 2)]).toEqual([2, 0, 4, 9, 0]);
    expect(dense(A.getRow(1))).toEqual([[0, 9, 0]]);
    expect(dense(A.getCol(2))).toEqual([[4], [0]]);
    expect(dense(A.slice([1, 0, 1], [2, 0]))).toEqual([[0, 0], [4, 2], [0, 0]]);
    expect(dense(A.slice([-1], null))).toEqual([[0, 9, 0]]);
    expect(dense(A.slice(null, [-1, -1]))).toEqual([[4, 4], [0, 0]]);
    expect(A.slice([], []).shape).toEqual([0, 0]);
    expect(arr(A.diagonal())).toEqual([2, 9]);
    expect(arr(A.diagonal(1))).toEqual([0, 0]);
    expect(arr(A.diagonal(2))).toEqual([4]);
    expect(arr(A.diagonal(-1))).toEqual([0]);
    expect(arr(A.diagonal(3))).toEqual([]);
    expect(arr(A.diagonal(-5))).toEqual([]);
  });
  it('converts to canonical CSC and COO, transposes and clones', () => {
    const A = messy();
    const C = A.toCSC();
    expect(C).toBeInstanceOf(CSCMatrix);
    expect(arr(C.indptr)).toEqual([0, 1, 3, 4]);
    expect(arr(C.indices)).toEqual([0, 0, 1, 0]);
    expect(arr(C.data)).toEqual([2, 0, 9, 4]);
    expect(C.hasCanonicalFormat).toBe(true);
    const O = A.toCOO();
    expect(O).toBeInstanceOf(COOMatrix);
    expect(arr(O.row)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(arr(O.col)).toEqual([2, 0, 2, 1, 1, 1]);
    const T = A.transpose();
    expect(T).toBeInstanceOf(CSCMatrix);
    expect(T.shape).toEqual([3, 2]);
    expect(T.indices).toBe(A.indices); // O(1): shares the arrays
    expect(dense(T)).toEqual([[2, 0], [0, 9], [4, 0]]);
    expect(dense(T.transpose())).toEqual(dense(A));
    const K = A.clone();
    K.data[0] = 100;
    expect(A.data[0]).toBe(1);
    expect(K.indices).not.toBe(A.indices);
    expect(A.toCSR()).toBe(A);
  });
  it('matvec and rmatvec count duplicates', () => {
    const A = messy();
    expect(arr(A.matvec([1, 10, 100]))).toEqual([402, 90]);
    expect(arr(A.rmatvec([1, 2]))).toEqual([2, 18, 4]);
    expect(() => A.matvec([1, 2])).toThrow(ShapeError);
    expect(() => A.rmatvec([1, 2, 3])).toThrow(ShapeError);
    expect(() => A.matvec([1, NaN, 2])).toThrow(ArgumentError);
  });
});

describe('CSCMatrix', () => {
  const A = () => new CSCMatrix({ indptr: [0, 2, 2, 4], indices: [1, 0, 0, 0], data: [3, 1, 2, 5], shape: [2, 3] });
  it('mirrors CSR along columns', () => {
    const M = A();
    expect(dense(M)).toEqual([[1, 0, 7], [3, 0, 0]]);
    expect(M.hasCanonicalFormat).toBe(false);
    const S = M.sumDuplicates();
    expect(arr(S.indices)).toEqual([0, 1, 0]);
    expect(arr(S.data)).toEqual([1, 3, 7]);
    expect(M.get(0, 2)).toBe(7);
    expect(dense(M.getRow(0))).toEqual([[1, 0, 7]]);
    expect(dense(M.getCol(0))).toEqual([[1], [3]]);
    expect(dense(M.slice([1, 1], [2, 0]))).toEqual([[0, 3], [0, 3]]);
    expect(arr(M.diagonal())).toEqual([1, 0]);
    expect(arr(M.diagonal(2))).toEqual([7]);
    expect(M.toCSR().hasCanonicalFormat).toBe(true);
    expect(dense(M.toCSR())).toEqual(dense(M));
    expect(arr(M.toCOO().col)).toEqual([0, 0, 2, 2]);
    expect(M.transpose()).toBeInstanceOf(CSRMatrix);
    expect(dense(M.transpose())).toEqual([[1, 3], [0, 0], [7, 0]]);
    expect(arr(M.matvec([1, 1, 1]))).toEqual([8, 3]);
    expect(arr(M.rmatvec([1, 1]))).toEqual([4, 0, 7]);
    expect(M.toCSC()).toBe(M);
  });
});

describe('COOMatrix', () => {
  const A = () => coo([1, 0, 1, 2, 0], [0, 2, 0, 1, 2], [1, 2, 3, 0, -2], [3, 3]);
  it('sums duplicates on conversion and in get', () => {
    const M = A();
    expect(M.hasCanonicalFormat).toBe(false);
    expect(M.get(1, 0)).toBe(4);
    expect(M.get(0, 2)).toBe(0);
    expect(dense(M)).toEqual([[0, 0, 0], [4, 0, 0], [0, 0, 0]]);
    const R = M.toCSR();
    expect(arr(R.indptr)).toEqual([0, 1, 2, 3]);
    expect(arr(R.indices)).toEqual([2, 0, 1]);
    expect(arr(R.data)).toEqual([0, 4, 0]); // explicit zeros kept, as SciPy
    expect(M.toCSC().hasCanonicalFormat).toBe(true);
    const S = M.sumDuplicates();
    expect(S.hasCanonicalFormat).toBe(true);
    expect(arr(S.row)).toEqual([0, 1, 2]);
    expect(S.sumDuplicates()).toBe(S);
    expect(M.eliminateZeros().nnz).toBe(4);
    expect(S.eliminateZeros().nnz).toBe(1);
    expect(M.toCOO()).toBe(M);
  });
  it('transposes in O(1), clones deeply, and slices like CSR', () => {
    const M = A();
    const T = M.transpose();
    expect(T.row).toBe(M.col);
    expect(dense(T)).toEqual([[0, 4, 0], [0, 0, 0], [0, 0, 0]]);
    const K = M.clone();
    K.row[0] = 2;
    expect(M.row[0]).toBe(1);
    expect(dense(M.getRow(1))).toEqual([[4, 0, 0]]);
    expect(dense(M.getCol(0))).toEqual([[0], [4], [0]]);
    expect(dense(M.slice([1, -3], [0]))).toEqual([[4], [0]]);
    expect(arr(M.diagonal(-1))).toEqual([4, 0]);
    expect(arr(M.matvec([1, 2, 3]))).toEqual([0, 4, 0]);
    expect(arr(M.rmatvec([1, 2, 3]))).toEqual([8, 0, 0]);
  });
});

describe('construction: typed arrays adopted, plain arrays copied, O(1) checks', () => {
  it('adopts typed arrays and copies plain ones', () => {
    const indptr = Int32Array.of(0, 1);
    const indices = Int32Array.of(0);
    const data = Float64Array.of(5);
    const A = new CSRMatrix({ indptr, indices, data, shape: [1, 1] });
    expect(A.indptr).toBe(indptr);
    expect(A.data).toBe(data);
    const plain = [5];
    const B = new CSRMatrix({ indptr: [0, 1], indices: [0], data: plain, shape: [1, 1] });
    plain[0] = 6;
    expect(B.data[0]).toBe(5);
    expect(fromDense([[0, 1.5]], 'coo').data[0]).toBe(1.5);
  });
  it('raises FormatError naming the array and index for inconsistent structure', () => {
    let e = formatError(() => new CSRMatrix({ indptr: [0, 1], indices: [0], data: [1], shape: [2, 2] }));
    expect([e.array, e.index]).toEqual(['indptr', -1]);
    expect(e.message).toMatch(/expected length 3 \(rows \+ 1\), found length 2/);
    e = formatError(() => new CSRMatrix({ indptr: [0, 1, 2], indices: [0, 1], data: [1], shape: [2, 2] }));
    expect([e.array, e.index]).toEqual(['indices', -1]);
    e = formatError(() => new CSRMatrix({ indptr: [1, 1, 1], indices: [0], data: [1], shape: [2, 2] }));
    expect([e.array, e.index]).toEqual(['indptr', 0]);
    e = formatError(() => new CSCMatrix({ indptr: [0, 1, 3], indices: [0, 1], data: [1, 2], shape: [2, 2] }));
    expect([e.array, e.index]).toEqual(['indptr', 2]);
    expect(e.message).toMatch(/expected nnz = 2, found 3/);
    e = formatError(() => coo([0, 1], [0], [1, 2], [2, 2]));
    expect([e.array, e.index]).toEqual(['col', -1]);
  });
  it('checkFormat(true) finds decreasing indptr, out-of-range indices and non-finite values', () => {
    const dec = new CSRMatrix({ indptr: [0, 2, 1, 3], indices: [0, 1, 0], data: [1, 2, 3], shape: [3, 2] });
    dec.checkFormat(); // the O(1) checks pass
    let e = formatError(() => dec.checkFormat(true));
    expect([e.array, e.index]).toEqual(['indptr', 2]);
    expect(e.message).toBe('indptr[2]: expected a value >= indptr[1] = 2, found 1');
    const out = new CSRMatrix({ indptr: [0, 1, 2], indices: [0, 5], data: [1, 2], shape: [2, 2] });
    e = formatError(() => out.checkFormat(true));
    expect([e.array, e.index]).toEqual(['indices', 1]);
    expect(e.message).toBe('indices[1]: expected a column index in [0, 2), found 5');
    const neg = new CSCMatrix({ indptr: [0, 1], indices: [-1], data: [1], shape: [2, 1] });
    expect(formatError(() => neg.checkFormat(true)).message).toMatch(/expected a row index in \[0, 2\), found -1/);
    const nan = new CSRMatrix({ indptr: [0, 2], indices: [0, 1], data: [1, NaN], shape: [1, 2] });
    e = formatError(() => nan.checkFormat(true));
    expect([e.array, e.index]).toEqual(['data', 1]);
    nan.checkFormat(true, { allowNonFinite: true });
    const c = coo([0, 3], [0, 0], [1, 2], [2, 2]);
    e = formatError(() => c.checkFormat(true));
    expect([e.array, e.index]).toEqual(['row', 1]);
    expect(() => c.toCSR()).toThrow(FormatError);
    // Conversions check indices in their counting pass and report the same error as checkFormat.
    for (const [r, k, where] of [[[0, -1], [0, 0], 'row[1]'], [[1, 0], [0, 2], 'col[1]'], [[-7, 0], [9, 0], 'row[0]']] as const) {
      const bad = coo(r, k, [1, 2], [2, 2]);
      const want = formatError(() => bad.checkFormat(true)).message;
      expect(want.startsWith(where)).toBe(true);
      expect(formatError(() => bad.toCSR()).message).toBe(want);
      expect(formatError(() => bad.toCSC()).message).toBe(want);
    }
    const cc = coo([0], [7], [1], [2, 2]);
    expect(formatError(() => cc.checkFormat(true)).message).toBe('col[0]: expected a column index in [0, 2), found 7');
    formatError(() => coo([0], [0], [Infinity], [1, 1]).checkFormat(true));
  });
  it('raises ArgumentError for bad shapes, NaN indices, out-of-range lookups', () => {
    expect(() => csr({ indptr: [0], indices: [], data: [], shape: [-1, 2] })).toThrow(ArgumentError);
    expect(() => coo([], [], [], [2.5, 2])).toThrow(ArgumentError);
    expect(() => coo([], [], [], [2] as unknown as [number, number])).toThrow(ArgumentError);
    expect(() => coo([NaN], [0], [1], [2, 2])).toThrow(ArgumentError);
    expect(() => coo([0.5], [0], [1], [2, 2])).toThrow(ArgumentError);
    expect(() => new COOMatrix(null as unknown as never)).toThrow(ArgumentError);
    const A = csr([[1, 2], [3, 4]]);
    expect(() => A.get(2, 0)).toThrow(ArgumentError);
    expect(() => A.get(0, -1)).toThrow(ArgumentError);
    expect(() => A.get(0.5, 0)).toThrow(ArgumentError);
    expect(() => A.getRow(5)).toThrow(ArgumentError);
    expect(() => A.getCol(-1)).toThrow(ArgumentError);
    expect(() => A.slice([2])).toThrow(ArgumentError);
    expect(() => A.slice(null, [-3])).toThrow(ArgumentError);
    expect(() => A.diagonal(0.5)).toThrow(ArgumentError);
    expect(() => coo([0], [0], [1], [1, 1]).get(1, 0)).toThrow(ArgumentError);
    expect(() => fromDense([[1, 2], [3]])).toThrow(ArgumentError);
    expect(() => fromDense([[1, 2]], 'dia' as 'csr')).toThrow(ArgumentError);
  });
});
