// toDense past the allocation limit is a ResourceError (it was the runtime's RangeError), and
// mmread / readMatrixMarketFile take { format } so TypeScript callers need no narrowing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ArgumentError, ResourceError } from '../../src/core/errors.js';
import { COOMatrix } from '../../src/formats/coo.js';
import { CSCMatrix } from '../../src/formats/csc.js';
import { CSRMatrix } from '../../src/formats/csr.js';
import type { NdArray } from '../../src/formats/dense.js';
import { coo, csr } from '../../src/formats/factories.js';
import { mmread } from '../../src/formats/mmio/mmread.js';
import { readMatrixMarketFile, writeMatrixMarketFile } from '../../src/node.js';

describe('allocation limits', () => {
  it('toDense of a 1e5 x 1e5 matrix throws ResourceError before allocating', () => {
    const A = csr({ indptr: new Int32Array(100001), indices: [], data: [], shape: [100000, 100000] });
    expect(() => A.toDense()).toThrow(ResourceError);
    expect(() => A.toDense()).toThrow(/toDense: rows·cols would be 10000000000, more than the limit 4294967296/);
    expect(() => A.toCSC().toDense()).toThrow(ResourceError);
    expect(() => coo([], [], [], [100000, 100000]).toDense()).toThrow(ResourceError);
  });
});

describe('mmread { format }', () => {
  const text = '%%MatrixMarket matrix coordinate real general\n2 3 3\n1 1 1\n2 3 2\n1 1 4\n';
  const dense = '%%MatrixMarket matrix array real general\n2 2\n1\n0\n0\n4\n';

  it('converts to the requested storage, with the matching static type', () => {
    const R = mmread(text, { format: 'csr' });
    expectTypeOf(R).toEqualTypeOf<CSRMatrix>();
    expect(R).toBeInstanceOf(CSRMatrix);
    expect([Array.from(R.indptr), Array.from(R.indices), Array.from(R.data)]).toEqual([[0, 1, 2], [0, 2], [5, 2]]);
    const K = mmread(text, { format: 'csc' });
    expectTypeOf(K).toEqualTypeOf<CSCMatrix>();
    expect(K).toBeInstanceOf(CSCMatrix);
    const O = mmread(text, { format: 'coo' });
    expectTypeOf(O).toEqualTypeOf<COOMatrix>();
    expect(O.nnz).toBe(3);
    const Dn = mmread(text, { format: 'dense' });
    expectTypeOf(Dn).toEqualTypeOf<NdArray>();
    expect([Dn.get(0, 0), Dn.get(1, 2), Dn.get(0, 1)]).toEqual([5, 2, 0]);
    const S = mmread(dense, { format: 'csr' });
    expect([Array.from(S.indptr), Array.from(S.data)]).toEqual([[0, 1, 2], [1, 4]]);
    expectTypeOf(mmread(text)).toEqualTypeOf<COOMatrix | NdArray>();
  });

  it('rejects an unknown format', () => {
    expect(() => mmread(text, { format: 'bsr' as never })).toThrow(ArgumentError);
  });

  it('readMatrixMarketFile takes the same option (and leaves no file behind)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparsity-read-format-'));
    try {
      const path = join(dir, 'a.mtx');
      writeMatrixMarketFile(path, csr([[1, 0], [0, 2]]));
      const A = readMatrixMarketFile(path, { format: 'csc' });
      expectTypeOf(A).toEqualTypeOf<CSCMatrix>();
      expect(Array.from(A.data)).toEqual([1, 2]);
      expect(() => readMatrixMarketFile(path, { paralel: true } as never)).toThrow(/did you mean "parallel"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
