/**
 * The WASM SpGEMM row kernels load B's row pointers and first entries a few entries of A ahead
 * (cache and TLB misses started early on tall B). Those loads must never change a result nor read
 * past A's or B's arrays: products whose last entries of A point at the last rows of B (empty and
 * not), on the tall AᵀA shape where the touches matter, give the JS backend's bits and the dense
 * product, with every accumulator, sorted or not, on one thread and two.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { coo, createRng, setBackend, spgemm, type CSRMatrix } from '../../src/index.js';

const hex = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

afterEach(() => setBackend('auto'));

/** m x n, `perRow` entries per row at random columns with small integer values; the last `emptyTail` rows empty. */
function tall(m: number, n: number, perRow: number, emptyTail: number, seed: number): CSRMatrix {
  const rng = createRng(seed);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < m - emptyTail; i++) {
    for (let r = 0; r < perRow; r++) {
      row.push(i);
      col.push(rng.integer(0, n));
      val.push(rng.integer(1, 6) * (rng.random() < 0.5 ? -1 : 1));
    }
  }
  return coo(row, col, val, [m, n]).toCSR();
}

function dense(A: CSRMatrix): Float64Array[] {
  const [m, n] = A.shape;
  const D = Array.from({ length: m }, () => new Float64Array(n));
  for (let i = 0; i < m; i++) for (let p = A.indptr[i]!; p < A.indptr[i + 1]!; p++) D[i]![A.indices[p]!]! += A.data[p]!;
  return D;
}

function denseProduct(A: Float64Array[], B: Float64Array[]): Float64Array[] {
  const n = B[0]?.length ?? 0;
  return A.map((a) => {
    const c = new Float64Array(n);
    a.forEach((v, k) => { if (v !== 0) for (let j = 0; j < n; j++) c[j]! += v * B[k]![j]!; });
    return c;
  });
}

describe('SpGEMM row kernels reading B ahead', () => {
  it('tall AᵀA and products ending on B\'s last rows: WASM bits = JS bits = dense product', () => {
    const A = tall(3000, 200, 3, 5, 41); // AᵀA: 200 rows of ~45 entries, each into B's short rows
    const At = A.transpose().toCSR();
    // A's last entries point at B's last rows: the first of them empty, the last one not.
    const L = coo([0, 0, 1, 2, 2, 2], [2995, 2999, 2998, 1, 2997, 2999], [1, 2, 3, 4, 5, 6], [3, 3000]).toCSR();
    const last = tall(3000, 200, 3, 0, 42);
    const cases: Array<[CSRMatrix, CSRMatrix]> = [[At, A], [L, A], [L, last]];
    for (const [X, Y] of cases) {
      const want = denseProduct(dense(X), dense(Y));
      for (const accumulator of ['auto', 'hash', 'dense'] as const) {
        for (const sorted of [true, false]) {
          for (const threads of [1, 2]) {
            setBackend('js');
            const ref = spgemm(X, Y, { threads, accumulator, sorted });
            setBackend('wasm');
            const C = spgemm(X, Y, { threads, accumulator, sorted });
            expect(hex(C.indptr)).toBe(hex(ref.indptr));
            expect(hex(C.indices)).toBe(hex(ref.indices));
            expect(hex(C.data)).toBe(hex(ref.data));
            // Integer values: the product is exact, whatever the order of the additions.
            const got = dense(C.toCSR());
            expect(got.findIndex((r, i) => hex(r) !== hex(want[i]!))).toBe(-1);
          }
        }
      }
    }
  });
});
