/**
 * The two-thread file reader (readMatrixMarketFile with `parallel`): the same entries as the
 * sequential reader on every fixture and on generated multi-block files, with the worker and
 * without it, and the same ParseError (line number and text) for errors in either half.
 */
import { mkdtempSync, openSync, readdirSync, readFileSync, closeSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COOMatrix, ParseError, createRng, mmread } from '../../src/index.js';
import { readMatrixMarketFile } from '../../src/node.js';
import { POW10, parseRealBytes, scannerSource } from '../../src/formats/mmio/number.js';
import { readCoordinateParallel, stopReaderWorker } from '../../src/formats/mmio/parallel.js';

const tmp = mkdtempSync(join(tmpdir(), 'sparsity-mmpar-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await stopReaderWorker();
});
const fixtures = join(import.meta.dirname, '../fixtures/matrices');

function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -1;
  let n = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) n++;
  return n;
}

function expectSame(A: COOMatrix, B: COOMatrix): void {
  expect(A.shape).toEqual(B.shape);
  expect(A.nnz).toBe(B.nnz);
  expect(differences(A.row, B.row) + differences(A.col, B.col) + differences(A.data, B.data)).toBe(0);
}

/** The parallel reader called directly: with or without the worker. */
function direct(path: string, useWorker: boolean, blockBytes?: number): COOMatrix | null {
  const fd = openSync(path, 'r');
  try {
    const r = readCoordinateParallel(path, statSync(path).size, (b, o, l, p) => readSync(fd, b, o, l, p), { useWorker, blockBytes });
    return r === null ? null : new COOMatrix(r);
  } finally {
    closeSync(fd);
  }
}

/** The error the sequential reader gives for a file, or null. */
function sequentialError(path: string): ParseError | null {
  try {
    mmread(readFileSync(path));
    return null;
  } catch (e) {
    return e as ParseError;
  }
}

/** A general or symmetric text with comments, blank lines, padding and values of every scanner path. */
function generated(entries: number, symmetric: boolean, seed: number): string {
  const rng = createRng(seed);
  const n = 5000;
  const lines: string[] = [`%%MatrixMarket matrix coordinate real ${symmetric ? 'symmetric' : 'general'}`, '% generated', `${n} ${n} ${entries}`];
  const values = (): string => {
    const u = rng.uniform();
    const k = rng.integer(0, 6);
    if (k === 0) return String(u); // 16-17 digits, long quotient
    if (k === 1) return (u * 1e-30).toExponential(); // beyond Clinger's range: general scanner
    if (k === 2) return `${(u * 100).toFixed(3)}D+02`; // Fortran exponent
    if (k === 3) return String(rng.integer(-50, 50));
    if (k === 4) return '12345678901234567890123'; // more than 19 digits
    return `-${u.toFixed(6)}e-5`;
  };
  for (let e = 0; e < entries; e++) {
    let i = rng.integer(1, n + 1);
    let j = rng.integer(1, n + 1);
    if (symmetric && j > i) [i, j] = [j, i];
    if (symmetric && e % 7 === 0) j = i; // diagonal entries are not mirrored
    if (e % 997 === 0) lines.push('% a comment', '');
    lines.push(e % 13 === 0 ? `  ${i}\t${j}   ${values()}  ` : `${i} ${j} ${values()}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parallel Matrix Market file reader', () => {
  it('the worker source evaluates to the same scanner (tables and number parsing)', () => {
    const f = new Function(`${scannerSource()}\nreturn { POW10, parseRealBytes, scanEntries };`) as () => {
      POW10: Float64Array;
      parseRealBytes: typeof parseRealBytes;
      scanEntries: unknown;
    };
    const w = f();
    expect(Array.from(w.POW10)).toEqual(Array.from(POW10));
    const enc = new TextEncoder();
    const rng = createRng(5);
    for (let t = 0; t < 2000; t++) {
      const s = t % 3 === 0 ? String(rng.uniform() * 10 ** rng.integer(-320, 300)) : (rng.normal() * 1e6).toExponential(rng.integer(0, 20));
      const b = enc.encode(s);
      expect(Object.is(w.parseRealBytes(b, 0, b.length), parseRealBytes(b, 0, b.length))).toBe(true);
    }
    expect(typeof w.scanEntries).toBe('function');
  });

  it('reads every coordinate fixture as the sequential reader does (with and without the worker)', () => {
    let checked = 0;
    for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.mtx'))) {
      const path = join(fixtures, name);
      if (sequentialError(path) !== null) continue; // malformed fixtures: below
      const seq = readMatrixMarketFile(path, { parallel: false });
      if (!(seq instanceof COOMatrix)) continue;
      const par = readMatrixMarketFile(path, { parallel: true }) as COOMatrix;
      expectSame(par, seq);
      const noWorker = direct(path, false);
      if (noWorker !== null) expectSame(noWorker, seq);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('malformed fixtures give the sequential ParseError', () => {
    for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.mtx'))) {
      const path = join(fixtures, name);
      const e = sequentialError(path);
      if (e === null) continue;
      expect(() => readMatrixMarketFile(path, { parallel: true })).toThrow(e);
    }
  });

  for (const symmetric of [false, true]) {
    it(`a generated ${symmetric ? 'symmetric' : 'general'} multi-block file: same entries, with and without the worker`, () => {
      const text = generated(120_000, symmetric, symmetric ? 2 : 1); // ~3 MB: the back half spans blocks
      const path = join(tmp, `gen-${symmetric}.mtx`);
      writeFileSync(path, text);
      const seq = mmread(text) as COOMatrix;
      expectSame(readMatrixMarketFile(path, { parallel: true }) as COOMatrix, seq);
      expectSame(readMatrixMarketFile(path, { parallel: true }) as COOMatrix, seq); // worker reused
      expectSame(direct(path, false)!, seq);
      expectSame(direct(path, true)!, seq);
      expectSame(direct(path, true, 4096)!, seq); // ~750 small blocks claimed by both sides
      expectSame(direct(path, false, 4093)!, seq);
    });
  }

  it('a line longer than a block', () => {
    const text = generated(150_000, false, 3); // ~3.7 MB of entries
    const lines = text.split('\n');
    lines.splice(lines.length - 100, 0, `%${'x'.repeat(1_500_000)}`);
    const path = join(tmp, 'long-line.mtx');
    writeFileSync(path, lines.join('\n'));
    const seq = mmread(lines.join('\n')) as COOMatrix;
    expectSame(direct(path, false)!, seq);
    expectSame(direct(path, true, 65536)!, seq); // the long line crosses ~23 blocks that start no line
    expectSame(readMatrixMarketFile(path, { parallel: true }) as COOMatrix, seq);
  });

  it('errors near the start, near the end and in the count carry the sequential line number', () => {
    const base = generated(60_000, false, 4).split('\n');
    const last = base.length - 2; // last entry line (the text ends with a newline)
    const cases: Array<[string, (l: string[]) => void]> = [
      ['front: bad value', (l) => (l[1000] = '3 4 abc')],
      ['front: row out of range', (l) => (l[2000] = '99999 1 1.0')],
      ['back: too few numbers', (l) => (l[last - 500] = '7 8')],
      ['back: column out of range', (l) => (l[last - 3] = '1 5001 2')],
      ['back: trailing text', (l) => (l[last] = `${l[last]} 9`)],
      ['too few entries', (l) => l.splice(last, 1)],
      ['too many entries', (l) => l.splice(last, 0, '1 1 1')],
    ];
    for (const [what, edit] of cases) {
      const lines = base.slice();
      edit(lines);
      const path = join(tmp, 'bad.mtx');
      writeFileSync(path, lines.join('\n'));
      const e = sequentialError(path);
      expect(e, what).toBeInstanceOf(ParseError);
      let got: unknown = null;
      try {
        readMatrixMarketFile(path, { parallel: true });
      } catch (x) {
        got = x;
      }
      expect(got, what).toBeInstanceOf(ParseError);
      expect((got as ParseError).message, what).toBe(e!.message);
      expect((got as ParseError).line, what).toBe(e!.line);
      expect(direct(path, false), what).toBeNull();
      expect(direct(path, true, 8192), what).toBeNull();
    }
  });

  it('rejects a bad option', () => {
    expect(() => readMatrixMarketFile(join(fixtures, 'Pd.mtx'), { parallel: 'yes' as unknown as boolean })).toThrow(/parallel/);
  });
});
