/**
 * Matrix Market reader and writer on hand-made inputs: every accepted variant, every malformation
 * (ParseError with the right line and text, never a partial matrix), the writer's options and its
 * exact round trip, and the streamed (chunked) reader.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError,
  COOMatrix,
  ParseError,
  ResourceError,
  coo,
  createRng,
  csc,
  csr,
  mminfo,
  mmread,
  mmwrite,
  type NdArray,
} from '../../src/index.js';
import { mmreadFromSource } from '../../src/formats/mmio/mmread.js';
import { mmwriteBytes } from '../../src/formats/mmio/mmwrite.js';

const H = '%%MatrixMarket matrix coordinate real general\n';
const coo3 = (text: string): COOMatrix => mmread(text) as COOMatrix;
const triplets = (A: COOMatrix) => Array.from(A.row, (r, k) => [r, A.col[k]!, A.data[k]!]);

function failure(input: string | Uint8Array): ParseError {
  try {
    mmread(input);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return e;
  }
  throw new Error(`no ParseError for ${JSON.stringify(input)}`);
}

describe('mmread: accepted variants', () => {
  it('general real with comments, blank lines, padding, CRLF, tabs', () => {
    const text = `${H}% comment\n\n   3   4   3  \r\n\t1 1   1.5\r\n% mid comment\n\n  2\t4 -2e-3 \n3 2 +7.\n\n% trailing\n`;
    const A = coo3(text);
    expect(A.shape).toEqual([3, 4]);
    expect(triplets(A)).toEqual([[0, 0, 1.5], [1, 3, -0.002], [2, 1, 7]]);
  });
  it('Fortran exponents, inf/nan, leading dot, long and short mantissas', () => {
    const A = coo3(`${H}1 7 7\n1 1 1.0D+03\n1 2 -2.5d-2\n1 3 .5\n1 4 inf\n1 5 -Infinity\n1 6 NaN\n1 7 0.1000000000000000055511151231257827021181583404541015625\n`);
    expect(Array.from(A.data)).toEqual([1000, -0.025, 0.5, Infinity, -Infinity, NaN, 0.1]);
  });
  it('values are bit-identical to parseFloat', () => {
    const rng = createRng('mm-values');
    const vals: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const x = rng.normal() * 10 ** rng.integer(-30, 30);
      vals.push(k % 3 === 0 ? x.toPrecision(17) : k % 3 === 1 ? String(x) : x.toExponential(12).replace('e', 'D'));
    }
    const A = coo3(`${H}1 ${vals.length} ${vals.length}\n${vals.map((v, j) => `1 ${j + 1} ${v}`).join('\n')}`);
    vals.forEach((v, j) => expect(Object.is(A.data[j], parseFloat(v.replace('D', 'e')))).toBe(true));
  });
  it('64-bit sizes that fit, written with leading zeros', () => {
    const A = coo3(`${H}0000000000000000000002 00000000000000000003 000000000000000000001\n2 3 1\n`);
    expect(A.shape).toEqual([2, 3]);
    expect(A.nnz).toBe(1);
  });
  it('sizes beyond int32 raise ResourceError (but mminfo reports them)', () => {
    const text = `${H}4294967296 2 1\n1 1 1\n`;
    expect(mminfo(text).rows).toBe(4294967296);
    expect(() => mmread(text)).toThrow(ResourceError);
  });
  it('integer and pattern fields; symmetric and skew-symmetric mirroring', () => {
    const I = coo3('%%MatrixMarket matrix coordinate integer symmetric\n3 3 3\n1 1 5\n3 1 -7\n2 2 12345678901234567\n');
    expect(triplets(I)).toEqual([[0, 0, 5], [2, 0, -7], [0, 2, -7], [1, 1, 12345678901234568]]);
    const P = coo3('%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n');
    expect(triplets(P)).toEqual([[0, 1, 1], [1, 0, 1]]);
    const S = coo3('%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 2\n2 1 4\n3 3 0\n');
    expect(triplets(S)).toEqual([[1, 0, 4], [0, 1, -4], [2, 2, 0]]);
    const SP = coo3('%%MatrixMarket matrix coordinate pattern symmetric\n2 2 2\n2 1\n2 2\n');
    expect(triplets(SP)).toEqual([[1, 0, 1], [0, 1, 1], [1, 1, 1]]);
  });
  it('array format: column-major, symmetric and skew lower triangles, integer field', () => {
    const G = mmread('%%MatrixMarket matrix array real general\n2 3\n1\n2\n3\n4\n5\n6\n') as NdArray;
    expect(Array.from(G.data as Float64Array)).toEqual([1, 3, 5, 2, 4, 6]);
    const S = mmread('%%MatrixMarket matrix array integer symmetric\n3 3\n1\n2\n3\n4\n5\n6\n') as NdArray;
    expect(Array.from(S.data as Float64Array)).toEqual([1, 2, 3, 2, 4, 5, 3, 5, 6]);
    const K = mmread('%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n') as NdArray;
    expect(Array.from(K.data as Float64Array)).toEqual([0, -1, -2, 1, 0, -3, 2, 3, 0]);
    const E = mmread('%%MatrixMarket matrix array real general\n0 5\n') as NdArray;
    expect(E.shape).toEqual([0, 5]);
  });
  it('banner words in any case, "double" as real, byte-order mark, Uint8Array input', () => {
    const bytes = new TextEncoder().encode('\ufeff%%matrixmarket MATRIX Coordinate DOUBLE General\n1 1 1\n1 1 2\n');
    expect(mminfo(bytes)).toMatchObject({ field: 'real', format: 'coordinate', symmetry: 'general' });
    expect((mmread(bytes) as COOMatrix).data[0]).toBe(2);
  });
  it('mminfo returns the header and comments; array entries are rows*cols', () => {
    expect(mminfo('%%MatrixMarket matrix array real symmetric\n%a\n%b\n3 3\n1\n2\n3\n4\n5\n6\n')).toEqual({
      rows: 3, cols: 3, entries: 9, format: 'array', field: 'real', symmetry: 'symmetric', comment: 'a\nb',
    });
    expect(mminfo('%%MatrixMarket matrix coordinate complex hermitian\n2 2 1\n1 1 1 0\n')).toMatchObject({ field: 'complex', symmetry: 'hermitian' });
  });
});

describe('mmread: malformed input raises ParseError with the line and its text', () => {
  const cases: [string, string, number, RegExp, string?][] = [
    ['empty input', '', 0, /empty input/],
    ['no banner', '3 3 1\n1 1 1\n', 1, /expected a banner/, '3 3 1'],
    ['banner with 3 words', '%%MatrixMarket matrix coordinate real\n1 1 1\n1 1 1\n', 1, /4 words/],
    ['unknown object', '%%MatrixMarket vector coordinate real general\n1 1 1\n', 1, /unknown object 'vector'/],
    ['unknown format', '%%MatrixMarket matrix sparse real general\n1 1 1\n', 1, /unknown format 'sparse'/],
    ['unknown field', '%%MatrixMarket matrix coordinate quaternion general\n1 1 1\n', 1, /unknown field 'quaternion'/],
    ['unknown symmetry', '%%MatrixMarket matrix coordinate real bogus\n1 1 1\n', 1, /unknown symmetry 'bogus'/],
    ['pattern array', '%%MatrixMarket matrix array pattern general\n1 1\n', 1, /pattern' is not allowed/],
    ['complex field', '%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 2\n', 1, /complex matrices are not supported \(field 'complex'\)/],
    ['hermitian', '%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n', 1, /complex matrices are not supported \(symmetry 'hermitian'\)/],
    ['missing size line', `${H}% only comments\n`, 3, /premature end of input: expected the size line/],
    ['size line with 2 numbers', `${H}% c\n3 3\n1 1 1\n`, 3, /3 non-negative integers, found 2/, '3 3'],
    ['size line with 4 numbers', `${H}3 3 1 1\n1 1 1\n`, 2, /found 4/],
    ['negative size', `${H}3 -3 1\n1 1 1\n`, 2, /negative size/],
    ['non-integer size', `${H}3 3.5 1\n1 1 1\n`, 2, /non-negative integers/],
    ['non-numeric size', `${H}three 3 1\n`, 2, /non-negative integers/],
    ['non-square symmetric', '%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n', 2, /must be square, found 2 x 3/],
    ['too few entries', `${H}2 2 3\n1 1 1\n2 2 2\n`, 5, /expected 3 entries, found 2/],
    ['too few entries, no final newline', `${H}2 2 3\n1 1 1\n2 2 2`, 4, /expected 3 entries, found 2/, '2 2 2'],
    ['too many entries', `${H}2 2 1\n1 1 1\n\n% c\n2 2 2\n`, 6, /more entries than the 1 declared/, '2 2 2'],
    ['row index 0', `${H}2 2 1\n0 1 1\n`, 3, /row index 0 out of range \[1, 2\]/, '0 1 1'],
    ['row index too large', `${H}2 2 2\n1 1 1\n3 1 1\n`, 4, /row index 3 out of range/],
    ['column index too large', `${H}2 2 1\n1 9 1\n`, 3, /column index 9 out of range \[1, 2\]/],
    ['negative index', `${H}2 2 1\n-1 1 1\n`, 3, /expected a row index/],
    ['non-integer index', `${H}2 2 1\n1.5 1 1\n`, 3, /expected a row index/],
    ['non-numeric value', `${H}2 2 1\n1 1 abc\n`, 3, /expected a numeric value/, '1 1 abc'],
    ['half a number', `${H}2 2 1\n1 1 1.5e\n`, 3, /expected a numeric value/],
    ['garbage after a number', `${H}2 2 1\n1 1 1.5x\n`, 3, /expected a numeric value/],
    ['hex value', `${H}2 2 1\n1 1 0x10\n`, 3, /expected a numeric value/],
    ['too few numbers (value missing)', `${H}2 2 1\n1 1\n`, 3, /too few numbers on the line: expected 3 \(row, column, value\), found 2/],
    ['too few numbers (column missing)', `${H}2 2 1\n1\n`, 3, /found 1/],
    ['too many numbers', `${H}2 2 1\n1 1 1 1\n`, 3, /unexpected text after the entry/],
    ['pattern with a value', '%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 1\n', 3, /unexpected text after the entry \(expected 2 numbers/],
    ['integer field with a real value', '%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n', 3, /expected an integer value/],
    ['skew-symmetric nonzero diagonal', '%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 2\n2 1 1\n2 2 3\n', 4, /zero diagonal, found 3 at \(2, 2\)/],
    ['array too few values', '%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n', 6, /expected 4 values, found 3/],
    ['array too many values', '%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n4\n', 6, /more values than the 3 declared/, '4'],
    ['array two values on a line', '%%MatrixMarket matrix array real general\n2 1\n1 2\n', 3, /one value per line/],
    ['array non-numeric', '%%MatrixMarket matrix array real general\n1 1\nx\n', 3, /expected a numeric value/],
  ];
  for (const [name, text, line, match, shown] of cases) {
    it(name, () => {
      for (const input of [text, new TextEncoder().encode(text)]) {
        const e = failure(input);
        expect(e.line).toBe(line);
        expect(e.message).toMatch(match);
        expect(e.message).toMatch(new RegExp(`^line ${line}: `));
        if (shown !== undefined) expect(e.text).toBe(shown);
      }
    });
  }
  it('a size line that promises far more entries than the input holds does not allocate them', () => {
    const e = failure(`${H}2 2 2000000000\n1 1 1\n`);
    expect(e.message).toMatch(/expected 2000000000 entries, found 1/);
    expect(e.line).toBe(4);
  });
  it('too many entries in a symmetric file beyond int32 is a ResourceError', () => {
    expect(() => mmread('%%MatrixMarket matrix coordinate real symmetric\n5 5 1500000000\n1 1 1\n')).toThrow(ResourceError);
  });
  it('bad input types are ArgumentErrors', () => {
    expect(() => mmread(42 as unknown as string)).toThrow(ArgumentError);
    expect(() => mminfo(null as unknown as string)).toThrow(ArgumentError);
  });
});

describe('mmread through a byte source in small chunks (the file reader path)', () => {
  const inputs = [
    `${H}% c\n\n3 4 5\n1 1 1.25\n  2 2 -3e10\n% mid\n\n3 4 7\n1 4 0.1\n3 1 -0\n`,
    '%%MatrixMarket matrix coordinate pattern symmetric\n4 4 3\n2 1\n3 3\n4 2',
    '%%MatrixMarket matrix array real general\n2 2\n1\n\n2\n% c\n3\n4\n',
    `${H}2 2 3\n1 1 1\n2 2 2\n`,
    `${H}2 2 1\n1 1 1\n2 2 2\n`,
    `${H}2 2 1\n1 1 zz\n`,
  ];
  for (const [k, text] of inputs.entries()) {
    it(`input ${k} gives what mmread gives, for every buffer and read size`, () => {
      const bytes = new TextEncoder().encode(text);
      let want: unknown;
      try {
        want = mmread(bytes);
      } catch (e) {
        want = (e as Error).message;
      }
      for (const buffer of [64, 70, 128]) {
        for (const step of [1, 3, 17, 1000]) {
          let pos = 0;
          const src = (buf: Uint8Array, off: number, len: number) => {
            const n = Math.min(len, step, bytes.length - pos);
            buf.set(bytes.subarray(pos, pos + n), off);
            pos += n;
            return n;
          };
          let got: unknown;
          try {
            got = mmreadFromSource(src, buffer);
          } catch (e) {
            got = (e as Error).message;
          }
          expect(got).toEqual(want);
        }
      }
    });
  }
});

describe('mmwrite', () => {
  it('writes coordinate text with 1-based indices in storage order', () => {
    expect(mmwrite(coo([1, 0], [0, 2], [2.5, -1], [2, 3]))).toBe('%%MatrixMarket matrix coordinate real general\n2 3 2\n2 1 2.5\n1 3 -1\n');
    expect(mmwrite(csr([[0, 1], [2, 0]]), { field: 'pattern' })).toBe('%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n');
    expect(mmwrite(csc([[0, 1], [2, 0]]), { field: 'integer', comment: 'two\nlines' })).toBe(
      '%%MatrixMarket matrix coordinate integer general\n%two\n%lines\n2 2 2\n2 1 2\n1 2 1\n',
    );
  });
  it('writes dense arrays column-major, and lower triangles for symmetric ones', () => {
    expect(mmwrite([[1, 2], [3, 4]])).toBe('%%MatrixMarket matrix array real general\n2 2\n1\n3\n2\n4\n');
    expect(mmwrite([[1, 2], [2, 4]], { symmetry: 'symmetric' })).toBe('%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n4\n');
    expect(mmwrite([[0, -2], [2, 0]], { symmetry: 'skew-symmetric' })).toBe('%%MatrixMarket matrix array real skew-symmetric\n2 2\n2\n');
  });
  it('symmetric sparse: checks the matrix and writes its lower triangle (duplicates summed)', () => {
    const A = coo([0, 1, 0, 2, 2, 0], [1, 0, 0, 2, 0, 2], [3, 3, 1, 5, -1, -1], [3, 3]);
    expect(mmwrite(A, { symmetry: 'symmetric' })).toBe('%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 1\n2 1 3\n3 1 -1\n3 3 5\n');
    const K = coo([0, 1, 2], [1, 0, 2], [3, -3, 0], [3, 3]);
    expect(mmwrite(K, { symmetry: 'skew-symmetric' })).toBe('%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n2 1 -3\n');
    // Explicit zeros do not break symmetry of values.
    expect(() => mmwrite(coo([0, 1], [1, 1], [0, 2], [2, 2]), { symmetry: 'symmetric' })).not.toThrow();
  });
  it('refuses a matrix without the requested symmetry, naming the entry', () => {
    const A = coo([0, 1], [1, 0], [3, 4], [2, 2]);
    expect(() => mmwrite(A, { symmetry: 'symmetric' })).toThrow(/not symmetric \(A\[0, 1\] = 3 but A\[1, 0\] = 4\)/);
    expect(() => mmwrite(coo([0], [0], [1], [2, 2]), { symmetry: 'skew-symmetric' })).toThrow(/A\[0, 0\] = 1 on the diagonal/);
    expect(() => mmwrite(coo([0], [1], [1], [2, 3]), { symmetry: 'symmetric' })).toThrow(/non-square matrix \(shape 2 x 3\)/);
    expect(() => mmwrite([[1, 2], [3, 4]], { symmetry: 'symmetric' })).toThrow(ArgumentError);
    expect(() => mmwrite(coo([0], [1], [1], [2, 2]), { symmetry: 'symmetric', field: 'pattern' })).toThrow(/is stored but A\[1, 0\] is not stored/);
  });
  it('checks its options', () => {
    const A = coo([0], [0], [1.5], [1, 1]);
    expect(() => mmwrite(A, { field: 'complex' as 'real' })).toThrow(ArgumentError);
    expect(() => mmwrite(A, { symmetry: 'hermitian' as 'general' })).toThrow(ArgumentError);
    expect(() => mmwrite(A, { precision: 0 })).toThrow(ArgumentError);
    expect(() => mmwrite(A, { comment: 5 as unknown as string })).toThrow(ArgumentError);
    expect(() => mmwrite(A, { field: 'integer' })).toThrow(/an integer value/);
    expect(() => mmwrite([[1]], { field: 'pattern' })).toThrow(ArgumentError);
    expect(() => mmwrite('x' as unknown as number[][])).toThrow(ArgumentError);
    // Arguments are checked before the first chunk is produced.
    expect(() => mmwriteBytes(A, { field: 'integer' }).next()).toThrow(ArgumentError);
  });
  it('precision writes that many significant digits', () => {
    expect(mmwrite(coo([0], [0], [Math.PI], [1, 1]), { precision: 5 }).split('\n')[2]).toBe('1 1 3.1416');
  });
  it('round-trips every double exactly, including -0, subnormals, extremes and non-finite values', () => {
    const rng = createRng(99);
    const special = [0, -0, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, Infinity, -Infinity, NaN, 0.1, 1 / 3, 1e21, 123456789012345680000];
    const bits = new Float64Array(2000);
    const u = new Uint32Array(bits.buffer);
    for (let k = 0; k < u.length; k++) u[k] = rng.integer(0, 2 ** 32);
    const vals = Float64Array.from([...special, ...bits]);
    const A = coo(new Int32Array(vals.length), Int32Array.from(vals, (_, j) => j), vals, [1, vals.length]);
    const B = mmread(mmwrite(A)) as COOMatrix;
    expect(B.nnz).toBe(vals.length);
    vals.forEach((v, j) => expect(Object.is(B.data[j], v)).toBe(true));
    const D = mmread(mmwrite([Array.from(vals)])) as NdArray;
    vals.forEach((v, j) => expect(Object.is(D.get(0, j), v)).toBe(true));
  });
  it('writes huge integers in full for the integer field', () => {
    const text = mmwrite(coo([0], [0], [1e22], [1, 1]), { field: 'integer' });
    expect(text.split('\n')[2]).toBe('1 1 10000000000000000000000');
    expect((mmread(text) as COOMatrix).data[0]).toBe(1e22);
  });
  it('produces chunks of bounded size for large matrices', () => {
    const n = 200000;
    const A = coo(new Int32Array(n), Int32Array.from({ length: n }, (_, j) => j), new Float64Array(n).fill(0.125), [1, n]);
    const dec = new TextDecoder();
    const chunks: string[] = [];
    let longest = 0;
    for (const c of mmwriteBytes(A)) {
      longest = Math.max(longest, c.length);
      chunks.push(dec.decode(c)); // each chunk is a view of a reused buffer: decode it now
    }
    expect(chunks.length).toBeGreaterThan(2);
    expect(longest).toBeLessThanOrEqual(2 ** 20);
    expect(chunks.join('')).toBe(mmwrite(A));
    expect((mmread(chunks.join('')) as COOMatrix).nnz).toBe(n);
  });
});
