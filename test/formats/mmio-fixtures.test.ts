/**
 * Every Matrix Market file of test/fixtures/matrices: mminfo and mmread against the committed SciPy
 * golden summaries and, when python3 has SciPy, against scipy.io.mmread live (entry by entry); write
 * and read back exactly; the malformed and complex files raise ParseError with the right line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COOMatrix, ParseError, mminfo, mmread, mmwrite, type NdArray } from '../../src/index.js';
import { pythonMissing, runPython } from '../helpers/python.js';
import { summarizeDense, summarizeSparse } from './helpers/summary.js';

const dir = join(import.meta.dirname, '../fixtures/matrices');
const files = readdirSync(dir).filter((f) => f.endsWith('.mtx')).sort();

interface GoldenEntry {
  info?: { rows: number; cols: number; entries: number; format: string; field: string; symmetry: string };
  kind?: 'coordinate' | 'array';
  complex?: boolean;
  scipyError?: string;
  via?: string;
  shape?: [number, number];
  nnz?: number;
  sum?: number;
  sumAbs?: number;
  checksum?: number;
  patternHash?: number;
}
const golden = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/golden/matrices.json'), 'utf8')) as {
  files: Record<string, GoldenEntry>;
};

/** Where reading each broken file must fail (1-based line; the end of input counts as the line after the last line break). */
const expectedErrors: Record<string, { line: number; match: RegExp }> = {
  'bad_header.mtx': { line: 1, match: /unknown symmetry 'bogus'/ },
  'bad_dimensions.mtx': { line: 4, match: /premature end of input: expected the size line/ },
  'fullcrud.mtx': { line: 7, match: /expected 4 values, found 3/ },
  'csa.mtx': { line: 1, match: /complex matrices are not supported/ },
  'young1c.mtx': { line: 1, match: /complex matrices are not supported/ },
};

function parseFailure(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a ParseError');
}

const isCoo = (x: COOMatrix | NdArray): x is COOMatrix => x instanceof COOMatrix;

/** Canonical triplets of a parsed matrix (dense: its nonzeros, row-major). */
function canonical(x: COOMatrix | NdArray): { shape: number[]; row: number[]; col: number[]; data: number[] } {
  if (isCoo(x)) {
    const C = x.toCSR();
    const row: number[] = [];
    for (let i = 0; i < C.shape[0]; i++) for (let p = C.indptr[i]!; p < C.indptr[i + 1]!; p++) row.push(i);
    return { shape: [...C.shape], row, col: Array.from(C.indices), data: Array.from(C.data) };
  }
  const [m, n] = x.shape as [number, number];
  const out = { shape: [m, n], row: [] as number[], col: [] as number[], data: [] as number[] };
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (x.get(i, j) !== 0) {
    out.row.push(i);
    out.col.push(j);
    out.data.push(x.get(i, j));
  }
  return out;
}

function sameStored(a: COOMatrix | NdArray, b: COOMatrix | NdArray): void {
  if (isCoo(a)) {
    expect(isCoo(b)).toBe(true);
    const B = b as COOMatrix;
    expect(B.shape).toEqual(a.shape);
    expect(Array.from(B.row)).toEqual(Array.from(a.row));
    expect(Array.from(B.col)).toEqual(Array.from(a.col));
    expect(Array.from(B.data)).toEqual(Array.from(a.data));
  } else {
    expect(isCoo(b)).toBe(false);
    expect((b as NdArray).shape).toEqual(a.shape);
    expect(Array.from((b as NdArray).data as Float64Array)).toEqual(Array.from(a.data as Float64Array));
  }
}

describe('Matrix Market fixtures against the SciPy golden summaries', () => {
  it('covers every fixture file', () => {
    expect(Object.keys(golden.files).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(33);
  });
  for (const f of files) {
    const g = golden.files[f]!;
    it(f, () => {
      const bytes = readFileSync(join(dir, f));
      const text = bytes.toString('utf8');
      if (g.info) {
        const info = mminfo(bytes);
        expect({ rows: info.rows, cols: info.cols, entries: info.entries, format: info.format, field: info.field, symmetry: info.symmetry }).toEqual(g.info);
        expect(mminfo(text)).toEqual(info);
      }
      const err = expectedErrors[f];
      if (err) {
        for (const input of [bytes, text]) {
          const e = parseFailure(() => mmread(input));
          expect(e.line).toBe(err.line);
          expect(e.message).toMatch(err.match);
        }
        return;
      }
      expect(g.scipyError === undefined || g.via !== undefined).toBe(true);
      const A = mmread(bytes);
      // Bytes and text give exactly the same matrix.
      sameStored(A, mmread(text));
      expect(isCoo(A)).toBe(g.kind === 'coordinate');
      const s = isCoo(A) ? summarizeSparse(A) : summarizeDense(A);
      expect(s).toEqual({ shape: g.shape, nnz: g.nnz, sum: g.sum, sumAbs: g.sumAbs, checksum: g.checksum, patternHash: g.patternHash });
      if (isCoo(A)) A.checkFormat(true);
      // Write and read back: identical stored entries (exact values), then via the symmetric writer.
      const again = mmread(mmwrite(A));
      sameStored(A, again);
      if (g.info && g.info.symmetry !== 'general') {
        const symmetry = g.info.symmetry as 'symmetric' | 'skew-symmetric';
        const field = g.info.field as 'real' | 'integer' | 'pattern';
        const written = mmwrite(A, { symmetry, field, comment: `round trip of ${f}` });
        expect(mminfo(written)).toMatchObject({ symmetry, field, entries: isCoo(A) ? g.info.entries : g.info.rows * g.info.cols });
        const back = mmread(written);
        expect(canonical(back)).toEqual(canonical(A));
      }
    });
  }
});

describe('Matrix Market fixtures against scipy.io.mmread (live)', () => {
  const missing = pythonMissing(['numpy', 'scipy']);
  it.skipIf(missing !== null)('every readable file gives the same canonical entries as SciPy', () => {
    const readable = files.filter((f) => !expectedErrors[f] && f !== 'fullrsa.mtx');
    const ref = runPython<Record<string, { shape: number[]; row: number[]; col: number[]; data: number[] }>>(
      [
        'import numpy as np, scipy.io, scipy.sparse as sp, os, warnings',
        'warnings.simplefilter("ignore")',
        'out = {}',
        'for f in inp["files"]:',
        '    A = scipy.io.mmread(os.path.join(inp["dir"], f))',
        '    if sp.issparse(A):',
        '        C = sp.csr_array(A, dtype=np.float64); C.sum_duplicates(); C = C.tocoo()',
        '        o = np.lexsort((C.col, C.row)); r, c, d = C.row[o], C.col[o], C.data[o]',
        '    else:',
        '        D = np.asarray(A, dtype=np.float64); r, c = np.nonzero(D); d = D[r, c]',
        '    out[f] = {"shape": list(A.shape), "row": r.tolist(), "col": c.tolist(), "data": d.tolist()}',
        'print(json.dumps(out))',
      ].join('\n'),
      { dir, files: readable },
    );
    for (const f of readable) {
      const A = mmread(readFileSync(join(dir, f)));
      expect({ file: f, ...canonical(A) }).toEqual({ file: f, ...ref[f] });
    }
  });
});
