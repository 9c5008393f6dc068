/**
 * The simplicial LU's WASM loop run in ranges of columns (so that V8 can replace its baseline
 * code between them): the factors are bit-identical to the JS loop's, and a pivot that fails in a
 * later range still makes the factorization give up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CSCMatrix, setBackend } from '../../../src/index.js';
import { TIERUP_CHUNK_WORK } from '../../../src/kernels/runtime/chunks.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import type { CholeskySymbolic } from '../../../src/linalg/direct/cholesky-symbolic.js';
import { luSimplicial } from '../../../src/linalg/direct/lu-simplicial.js';
import { analyzeSymmetricLU } from '../../../src/linalg/direct/lu-supernodal.js';
import { isSymmetric, offDiagonalPattern } from '../../../src/linalg/direct/pattern.js';
import { convectionDiffusion2d } from './problems.js';

/** Σ colcount² of the analysis: the work measure the column ranges are cut by. */
function work(S: CholeskySymbolic): number {
  let w = 0;
  for (let j = 0; j < S.n; j++) w += S.colcount[j]! * S.colcount[j]!;
  return w;
}

/** A with the 2 x 2 block [[0, 1], [1, 0]] appended (its diagonal zeros stored). */
function withZeroPivotBlock(A: CSCMatrix): CSCMatrix {
  const n = A.shape[0];
  const nnz = A.indptr[n]!;
  const indptr = new Int32Array(n + 3);
  indptr.set(A.indptr);
  indptr[n + 1] = nnz + 2;
  indptr[n + 2] = nnz + 4;
  const indices = Int32Array.from([...A.indices, n, n + 1, n, n + 1]);
  const data = Float64Array.from([...A.data, 0, 1, 1, 0]);
  return new CSCMatrix({ indptr, indices, data, shape: [n + 2, n + 2] });
}

describe('simplicial LU in column ranges (WASM)', () => {
  afterEach(() => setBackend('auto'));

  it('gives the JS loop\'s factors bit for bit over many ranges', () => {
    expect(getWasm()).not.toBeNull();
    const A = convectionDiffusion2d(60, 100);
    const S = analyzeSymmetricLU(offDiagonalPattern(A), 'amd', 'simplicial', A);
    expect(work(S)).toBeGreaterThan(8 * TIERUP_CHUNK_WORK);
    setBackend('js');
    const fjs = luSimplicial(A, S, 0.1)!;
    setBackend('wasm');
    const fw = luSimplicial(A, S, 0.1)!;
    expect(fjs).not.toBeNull();
    expect(fw).not.toBeNull();
    expect(fw.flops).toBe(fjs.flops);
    expect(fw.L.nnz + fw.U.nnz).toBe(2 * S.nnzL);
    for (const [X, Y] of [[fjs.L, fw.L], [fjs.U, fw.U]] as const) {
      expect(Array.from(Y.indptr)).toEqual(Array.from(X.indptr));
      expect(Array.from(Y.indices)).toEqual(Array.from(X.indices));
      expect(Array.from(Y.data)).toEqual(Array.from(X.data));
    }
  });

  it('gives up (null) on a zero pivot in the last range', () => {
    const A = withZeroPivotBlock(convectionDiffusion2d(40, 100));
    const n = A.shape[0];
    expect(A.nnz).toBe(convectionDiffusion2d(40, 100).nnz + 4);
    expect(isSymmetric(A, false)).toBe(true);
    // Natural order: the zero diagonal entry is step n − 2, after the whole grid.
    const natural = Int32Array.from({ length: n }, (_, k) => k);
    const S = analyzeSymmetricLU(offDiagonalPattern(A), natural, 'simplicial', A);
    expect(work(S)).toBeGreaterThan(8 * TIERUP_CHUNK_WORK);
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      expect(luSimplicial(A, S, 0.1)).toBeNull();
      expect(luSimplicial(A, S, 0)).toBeNull();
    }
    // Without the block the same order factors.
    const B = convectionDiffusion2d(40, 100);
    const SB = analyzeSymmetricLU(offDiagonalPattern(B), natural.subarray(0, n - 2), 'simplicial', B);
    setBackend('wasm');
    expect(luSimplicial(B, SB, 0.1)).not.toBeNull();
  });
});
