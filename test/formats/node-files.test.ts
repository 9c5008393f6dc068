/** sparsity/node: reading and writing Matrix Market files (plain and gzip), streamed through chunks. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentError, COOMatrix, ParseError, coo, mmread, mmwrite, random, type NdArray } from '../../src/index.js';
import { readMatrixMarketFile, writeMatrixMarketFile } from '../../src/node.js';

const tmp = mkdtempSync(join(tmpdir(), 'sparsity-mm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fixtures = join(import.meta.dirname, '../fixtures/matrices');

/** Positions where two arrays differ (Object.is), or -1 for different lengths. */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -1;
  let n = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) n++;
  return n;
}

describe('readMatrixMarketFile / writeMatrixMarketFile', () => {
  it('reads a fixture exactly as mmread reads its bytes', () => {
    const path = join(fixtures, 'west0067.mtx');
    const A = readMatrixMarketFile(path) as COOMatrix;
    const B = mmread(readFileSync(path)) as COOMatrix;
    expect(Array.from(A.row)).toEqual(Array.from(B.row));
    expect(Array.from(A.data)).toEqual(Array.from(B.data));
  });
  it('round-trips a matrix larger than one read chunk, exactly', () => {
    const A = random(2000, 1000, 0.1, { seed: 3 }); // 200000 entries, ~5 MB of text: several 1 MiB chunks
    const path = join(tmp, 'big.mtx');
    writeMatrixMarketFile(path, A, { comment: 'random test matrix' });
    const B = readMatrixMarketFile(path) as COOMatrix;
    expect(B.shape).toEqual(A.shape);
    expect(B.nnz).toBe(A.nnz);
    expect(differences(B.row, A.row) + differences(B.col, A.col) + differences(B.data, A.data)).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(mmwrite(A, { comment: 'random test matrix' }));
  });
  it('writes dense arrays and symmetric lower triangles', () => {
    const path = join(tmp, 'dense.mtx');
    writeMatrixMarketFile(path, [[1, 2], [2, 3]], { symmetry: 'symmetric' });
    expect(readFileSync(path, 'utf8')).toBe('%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n');
    const D = readMatrixMarketFile(path) as NdArray;
    expect(Array.from(D.data as Float64Array)).toEqual([1, 2, 2, 3]);
  });
  it('reads gzip-compressed files', () => {
    const path = join(tmp, 'small.mtx.gz');
    writeFileSync(path, gzipSync(readFileSync(join(fixtures, 'bcspwr06.mtx'))));
    const A = readMatrixMarketFile(path) as COOMatrix;
    expect(A.shape).toEqual([1454, 1454]);
    expect(A.nnz).toBe(5300);
  });
  it('reports parse errors with the line, and leaves no file behind for bad write arguments', () => {
    expect(() => readMatrixMarketFile(join(fixtures, 'bad_header.mtx'))).toThrow(ParseError);
    const path = join(tmp, 'never.mtx');
    expect(() => writeMatrixMarketFile(path, coo([0], [1], [1], [2, 2]), { symmetry: 'symmetric' })).toThrow(ArgumentError);
    expect(existsSync(path)).toBe(false);
    expect(() => readMatrixMarketFile(join(tmp, 'missing.mtx'))).toThrow(/ENOENT/);
    // A size line promising 2e9 entries must not make the reader allocate them.
    const liar = join(tmp, 'liar.mtx');
    writeFileSync(liar, '%%MatrixMarket matrix coordinate real general\n5 5 2000000000\n1 1 1\n');
    expect(() => readMatrixMarketFile(liar)).toThrow(/line 4: premature end of input: expected 2000000000 entries, found 1/);
  });
});
