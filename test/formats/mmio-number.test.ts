/**
 * The reader's decimal scanner returns exactly what Number()/parseFloat returns (bit for bit) on
 * seeded random tokens of every shape, including near-halfway cases that defeat naive conversion.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/index.js';
import { parseFailed, parseIntegerBytes, parseRealBytes } from '../../src/formats/mmio/number.js';

const enc = new TextEncoder();

function mismatches(tokens: string[]): string[] {
  const bad: string[] = [];
  for (const s of tokens) {
    const b = enc.encode(s);
    const v = parseRealBytes(b, 0, b.length);
    const ref = Number(s.replace(/[dD]/, 'e'));
    if (parseFailed || !Object.is(v, ref)) bad.push(`${s}: got ${v}, want ${ref}`);
  }
  return bad;
}

describe('parseRealBytes agrees with Number() bit for bit', () => {
  it('on random doubles printed in many ways', () => {
    const rng = createRng('number-scanner');
    const f = new Float64Array(1);
    const u = new Uint32Array(f.buffer);
    const tokens: string[] = [];
    for (let t = 0; t < 30000; t++) {
      let x: number;
      switch (t % 5) {
        case 0: x = rng.random(); break;
        case 1: x = rng.normal() * 10 ** rng.integer(-40, 40); break;
        case 2: x = rng.integer(0, 1e9) / 10 ** rng.integer(0, 14); break;
        case 3:
          u[0] = rng.integer(0, 2 ** 32);
          u[1] = rng.integer(0, 2 ** 32);
          x = Number.isFinite(f[0]!) ? f[0]! : 1;
          break;
        default: x = (rng.random() - 0.5) * 1e6;
      }
      tokens.push(String(x), x.toPrecision(17), x.toPrecision(16), x.toExponential(15).replace('e', 'E'), x.toExponential(18).replace('e', 'D'));
      if (Math.abs(x) > 1e-15 && Math.abs(x) < 1e15) tokens.push(x.toFixed(18));
    }
    expect(mismatches(tokens)).toEqual([]);
  });
  it('on decimal strings next to halfway points between doubles', () => {
    const rng = createRng(7);
    const tokens: string[] = [];
    for (let t = 0; t < 20000; t++) {
      const x = rng.random() * 10 ** rng.integer(-10, 10);
      const s = x.toPrecision(17);
      const [mant, exp] = s.split('e') as [string, string | undefined];
      const e = exp === undefined ? '' : `e${exp}`;
      // Replace the last digits by 5, 50000000001, 49999999999: around the rounding boundary.
      for (const tail of ['5', '50000000001', '49999999999', '5000', '4999']) tokens.push(mant.slice(0, -1) + tail + e);
    }
    expect(mismatches(tokens)).toEqual([]);
  });
  it('on hand-picked edge cases', () => {
    expect(
      mismatches([
        '0', '-0', '+0.0', '.5', '5.', '00000123', '1e0000000000000000005', '9007199254740993', '9007199254740993e-5',
        '0.30000000000000004', '1e-400', '1e400', '4.9e-324', '2.2250738585072011e-308', '1.7976931348623157e308',
        '1.7976931348623159e308', '123456789012345678901234567890', '0.1000000000000000055511151231257827',
        '1D+03', '1.0d-2', '-1.5E+10', '9999999999999999999', '18446744073709551615e-10',
      ]),
    ).toEqual([]);
  });
  it('rejects malformed tokens', () => {
    for (const s of ['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '0x10', '1,5', '--1', 'in', 'nanx', '1_000']) {
      const b = enc.encode(s);
      parseRealBytes(b, 0, b.length);
      expect(parseFailed, s).toBe(true);
    }
  });
});

describe('parseIntegerBytes', () => {
  it('reads signed integers exactly, long ones correctly rounded', () => {
    for (const s of ['0', '-0', '+17', '-123456789012345', '9007199254740993', '-99999999999999999999']) {
      const b = enc.encode(s);
      expect(Object.is(parseIntegerBytes(b, 0, b.length), Number(s))).toBe(true);
      expect(parseFailed).toBe(false);
    }
    for (const s of ['1.5', '1e3', '', '-', 'x']) {
      const b = enc.encode(s);
      parseIntegerBytes(b, 0, b.length);
      expect(parseFailed, s).toBe(true);
    }
  });
});

describe("mmread's inline decimal path agrees with parseFloat", () => {
  it('on plain and exponent decimals of every length (through a whole file)', async () => {
    const { mmread } = await import('../../src/index.js');
    const rng = createRng('inline-decimals');
    const tokens: string[] = [];
    for (let t = 0; t < 20000; t++) {
      const x = (rng.random() - 0.3) * 10 ** rng.integer(-8, 12);
      const digits = rng.integer(1, 21);
      const s = Math.abs(x) < 1e21 ? x.toFixed(Math.min(20, digits)) : String(x);
      tokens.push(s, x.toPrecision(digits).replace(/e.*$/, ''), String(x), `-0.${'0'.repeat(t % 7)}${rng.integer(0, 1e9)}`);
      tokens.push(x.toExponential(Math.min(digits, 20)), x.toExponential(rng.integer(0, 18)).replace('e', t % 2 ? 'D' : 'E'), `${rng.integer(0, 1e6)}e${rng.integer(-30, 30)}`);
    }
    const text = `%%MatrixMarket matrix coordinate real general\n1 ${tokens.length} ${tokens.length}\n${tokens.map((v, j) => `1 ${j + 1} ${v}`).join('\n')}\n`;
    const A = mmread(text) as import('../../src/index.js').COOMatrix;
    const bad = tokens.filter((v, j) => !Object.is(A.data[j], parseFloat(v.replace(/[dD]/, 'e'))));
    expect(bad).toEqual([]);
  });
});
