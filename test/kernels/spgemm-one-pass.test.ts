import { afterAll, describe, expect, it } from 'vitest';
import { CSRMatrix, setBackend, shutdown } from '../../src/index.js';
import { setSpgemmMinThreadFlops, spgemmKernel, type SpgemmKernelOptions } from '../../src/kernels/spgemm/spgemm.js';
import { dense, denseMatmul, erdosRenyi, expectSameCsr, rmat } from '../linalg/sparse/helpers.js';

// The one-pass product (numeric pass into row slots of min(flops(i), n) entries, compacted on the
// way out) must give the same bits as the two-pass one (symbolic pass, then numeric by blocks), on
// every backend, thread count, accumulator and ordering, with cancellations and empty rows. (One
// pass is off by default: these tests give it a budget.)
const saved = setSpgemmMinThreadFlops(0);
afterAll(async () => {
  setSpgemmMinThreadFlops(saved);
  await shutdown();
});

function run(A: CSRMatrix, B: CSRMatrix, opts: SpgemmKernelOptions): CSRMatrix {
  const r = spgemmKernel(A, B, A.shape[0], A.shape[1], B.shape[1], opts);
  return new CSRMatrix({ indptr: r.indptr, indices: r.indices, data: r.data, shape: [A.shape[0], B.shape[1]] });
}

/** A with some empty rows and an integer-valued B, so that sums cancel to exact zeros. */
function cases(): Array<[string, CSRMatrix, CSRMatrix]> {
  const A = erdosRenyi(150, 120, 0.05, 21, true);
  const B = erdosRenyi(120, 140, 0.05, 22, true);
  const G = rmat(8, 8, 5);
  const wide = erdosRenyi(20, 800, 0.03, 23, true);
  return [
    ['integer products with cancellations', A, B],
    ['R-MAT A·A (skewed rows)', G, G],
    ['wide C (hash rows under auto)', wide.transpose().toCSR() as CSRMatrix, wide],
  ];
}

describe('SpGEMM in one pass', () => {
  it('gives the bits of the two-pass product on every backend, thread count, accumulator and ordering', () => {
    for (const [label, A, B] of cases()) {
      setBackend('js');
      const ref = run(A, B, { threads: 1, onePassEntries: 0 });
      // The oracle for the reference: the dense product (integer values: exact).
      const [m, k] = A.shape;
      const want = denseMatmul(dense(A), dense(B), m, k, B.shape[1]);
      const got = dense(ref);
      let differ = 0;
      for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) differ++;
      expect(differ, label).toBe(0);
      for (const backend of ['js', 'wasm'] as const) {
        setBackend(backend);
        for (const threads of [1, 3]) {
          for (const accumulator of threads === 1 ? (['auto', 'hash', 'dense'] as const) : (['auto'] as const)) {
            for (const sorted of [true, false]) {
              const two = run(A, B, { threads, accumulator, sorted, onePassEntries: 0 });
              const one = run(A, B, { threads, accumulator, sorted, onePassEntries: 1 << 22 });
              expectSameCsr(one, two); // same order too (unsorted: first appearance)
              if (sorted) expectSameCsr(one, ref);
            }
          }
        }
      }
    }
    setBackend('auto');
  });

  it('falls back to two passes when the bound exceeds the budget, with the same result', () => {
    const A = erdosRenyi(150, 120, 0.05, 21, true);
    const B = erdosRenyi(120, 140, 0.05, 22, true);
    for (const backend of ['js', 'wasm'] as const) {
      setBackend(backend);
      const ref = run(A, B, { threads: 1, onePassEntries: 0 });
      for (const budget of [1, 500, 1 << 22]) expectSameCsr(run(A, B, { threads: 2, onePassEntries: budget }), ref);
    }
    setBackend('auto');
  });
});
