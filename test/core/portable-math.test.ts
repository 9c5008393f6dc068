// portableLog / portableLog1p: within an ulp of Math.log on a spread of inputs (catching a wrong
// constant), exact special cases, and a golden hash of their bits, which is what makes them
// portable: the same bits must come out on every runtime (the fingerprint script checks Node,
// Deno and Bun against each other in .ci/pack-check).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { portableLog, portableLog1p } from '../../src/core/portable-math.js';
import { createRng } from '../../src/core/rng.js';

function ulpDiff(a: number, b: number): number {
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  const d = i[0]! - i[1]!;
  return Number(d < 0n ? -d : d);
}

const inputs = (() => {
  const rng = createRng('portable-math');
  const xs: number[] = [];
  for (let k = 0; k < 20000; k++) xs.push(rng.random());
  for (let k = 0; k < 20000; k++) xs.push(Math.exp(rng.uniform(-700, 700)));
  for (let k = 0; k < 2000; k++) xs.push(1 + rng.uniform(-1e-6, 1e-6));
  xs.push(5e-324, 2.2250738585072014e-308, 1e-310, 0.5, 2, Math.E, 1.7976931348623157e308, 0.7071067811865476, 1.4142135623730951);
  return xs;
})();

describe('portableLog', () => {
  it('is within 1 ulp of Math.log everywhere tested', () => {
    let worst = 0;
    for (const x of inputs) worst = Math.max(worst, ulpDiff(portableLog(x), Math.log(x)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('special cases as Math.log', () => {
    expect(portableLog(1)).toBe(0);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-0)).toBe(-Infinity);
    expect(portableLog(Infinity)).toBe(Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(NaN)).toBeNaN();
    expect(portableLog(2)).toBe(0.6931471805599453);
    expect(portableLog(Math.E)).toBe(1);
  });

  it('portableLog1p is accurate near 0 and matches Math.log1p to a few ulps', () => {
    expect(portableLog1p(0)).toBe(0);
    expect(portableLog1p(1e-300)).toBe(1e-300);
    expect(portableLog1p(-1)).toBe(-Infinity);
    let worst = 0;
    for (const x of inputs) if (x < 1e6) worst = Math.max(worst, ulpDiff(portableLog1p(x - 0.5), Math.log1p(x - 0.5)));
    expect(worst).toBeLessThanOrEqual(4);
  });

  it('gives fixed bits (golden hash)', () => {
    const out = Float64Array.from(inputs, (x) => portableLog(x));
    const h = createHash('sha256').update(new Uint8Array(out.buffer)).digest('hex').slice(0, 16);
    expect(h).toMatchInlineSnapshot(`"eddfdbf9ad25220b"`);
  });
});
