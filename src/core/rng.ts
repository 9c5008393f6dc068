/**
 * Seeded random numbers for every randomized routine of the library (a thin layer over
 * `seedrandom`'s xor4096 generator).
 *
 * @module
 */
import { portableLog } from './portable-math.js';
import seedrandom from 'seedrandom';
import { ArgumentError } from './errors.js';

/** A seed: any number or string. The same seed gives the same stream on every runtime. */
export type Seed = number | string;

/**
 * A reproducible random number generator, made by {@link createRng}.
 *
 * All methods draw from one underlying stream, so the sequence of calls determines the values.
 */
export interface Rng {
  /** The seed the generator was created with (a random one when none was given). */
  readonly seed: Seed;
  /** Uniform double in [0, 1) with 53 random bits. */
  random(): number;
  /** Uniform double in [low, high). */
  uniform(low?: number, high?: number): number;
  /** Normal deviate with the given mean and standard deviation (Box–Muller, cached pairs). */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in [low, high) (high exclusive, as NumPy's `integers`); exact up to 2^53. */
  integer(low: number, high: number): number;
  /** A random sign: +1 or -1 with probability 1/2 each. */
  rademacher(): number;
  /** A uniformly random permutation of 0..n-1 (Fisher–Yates, O(n)). */
  permutation(n: number): Int32Array;
  /** Shuffle an array in place (Fisher–Yates) and return it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /**
   * k distinct integers drawn uniformly from [0, n), in random order. O(k) time and memory
   * (partial Fisher–Yates when k is a large fraction of n, Floyd's algorithm otherwise), so n may
   * be as large as 2^53 (e.g. positions in a 10^6 x 10^6 matrix).
   */
  sample(n: number, k: number): Float64Array;
  /** Fill `out` with uniform doubles in [low, high) and return it. */
  fillUniform(out: Float64Array, low?: number, high?: number): Float64Array;
  /** Fill `out` with normal deviates and return it. */
  fillNormal(out: Float64Array, mean?: number, std?: number): Float64Array;
  /** Fill `out` with random signs ±1 and return it. */
  fillRademacher(out: Float64Array): Float64Array;
}

const TWO32 = 4294967296;

function checkCount(name: string, v: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new ArgumentError(name, v, `an integer in [0, ${max}]`);
}

/**
 * Create a reproducible random number generator.
 *
 * @param seed - number or string; omitted, a random seed is drawn (and reported as `rng.seed`).
 * @returns an {@link Rng}.
 * @throws {@link ArgumentError} when `seed` is not a finite number or a string.
 *
 * @example
 * ```ts
 * import { createRng } from 'sparsity';
 * const a = createRng(42), b = createRng(42);
 * a.random() === b.random(); // => true
 * const p = createRng(1).permutation(5);
 * [...p].sort().join(','); // => "0,1,2,3,4"
 * createRng(7).sample(1e12, 3).length; // => 3
 * ```
 */
export function createRng(seed?: Seed): Rng {
  if (seed !== undefined && typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new ArgumentError('seed', seed, 'a finite number or a string');
  }
  const actual: Seed = seed ?? Math.floor(Math.random() * 2 ** 52);
  const prng = seedrandom.xor4096(String(actual));
  const int32 = prng.int32 as () => number;
  let spare = 0;
  let hasSpare = false;

  // 53-bit uniform double in [0, 1) from two 32-bit draws.
  const random = (): number => {
    const hi = int32() >>> 5; // 27 bits
    const lo = int32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  const normal01 = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      // Marsaglia's polar form of Box–Muller: no trigonometric calls.
      u = 2 * ((int32() >>> 0) / TWO32) - 1;
      v = 2 * ((int32() >>> 0) / TWO32) - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    // portableLog, not Math.log: the stream must be bit-identical on Node, Deno and Bun.
    const f = Math.sqrt((-2 * portableLog(s)) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  };
  const integer = (low: number, high: number): number => {
    const range = high - low;
    if (!Number.isInteger(low) || !Number.isInteger(high) || range <= 0 || range > Number.MAX_SAFE_INTEGER) {
      throw new ArgumentError('integer(low, high)', `[${low}, ${high})`, 'integers with low < high and high - low <= 2^53');
    }
    if (range <= TWO32) {
      // Rejection sampling on 32 bits for an unbiased result.
      const limit = TWO32 - (TWO32 % range);
      let r = 0;
      do r = int32() >>> 0;
      while (r >= limit);
      return low + (r % range);
    }
    // Large ranges: 53 random bits, rejection on the top part.
    const limit = 9007199254740992 - (9007199254740992 % range);
    let r = 0;
    do r = random() * 9007199254740992;
    while (r >= limit);
    return low + (r % range);
  };
  const rng: Rng = {
    seed: actual,
    random,
    uniform: (low = 0, high = 1) => low + (high - low) * random(),
    normal: (mean = 0, std = 1) => mean + std * normal01(),
    integer,
    rademacher: () => (int32() < 0 ? -1 : 1),
    permutation(n) {
      checkCount('n', n, 2 ** 31 - 1);
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      return rng.shuffle(p);
    },
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        const j = integer(0, i + 1);
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
      return array;
    },
    sample(n, k) {
      checkCount('n', n);
      checkCount('k', k, n);
      const out = new Float64Array(k);
      if (k === 0) return out;
      if (n <= 4 * k && n <= 2 ** 31 - 1) {
        // Partial Fisher–Yates on an index array: O(n) memory but n <= 4k.
        const p = new Int32Array(n);
        for (let i = 0; i < n; i++) p[i] = i;
        for (let i = 0; i < k; i++) {
          const j = integer(i, n);
          const t = p[i]!;
          p[i] = p[j]!;
          p[j] = t;
          out[i] = p[i]!;
        }
        return out;
      }
      // Floyd's algorithm with an open-addressing hash set of doubles: O(k) expected.
      const set = new Float64HashSet(k);
      let filled = 0;
      for (let j = n - k; j < n; j++) {
        const t = integer(0, j + 1);
        const pick = set.add(t) ? t : (set.add(j), j);
        out[filled++] = pick;
      }
      // Floyd's order is not uniformly random; shuffle it.
      return rng.shuffle(out);
    },
    fillUniform(out, low = 0, high = 1) {
      const w = high - low;
      for (let i = 0; i < out.length; i++) out[i] = low + w * random();
      return out;
    },
    fillNormal(out, mean = 0, std = 1) {
      for (let i = 0; i < out.length; i++) out[i] = mean + std * normal01();
      return out;
    },
    fillRademacher(out) {
      for (let i = 0; i < out.length; i++) out[i] = int32() < 0 ? -1 : 1;
      return out;
    },
  };
  return rng;
}

/** Open-addressing hash set of non-negative integer-valued doubles (< 2^53), linear probing. */
class Float64HashSet {
  private readonly keys: Float64Array;
  private readonly mask: number;
  private readonly shift: number;
  constructor(capacity: number) {
    let bits = 4;
    while (1 << bits < 2 * capacity) bits++;
    this.keys = new Float64Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }
  /** Insert `x`; returns false when it was already present. */
  add(x: number): boolean {
    const lo = x % TWO32;
    const hi = Math.floor(x / TWO32);
    let h = Math.imul((lo | 0) ^ Math.imul(hi | 0, 0x85ebca77), 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[h]!;
      if (k === -1) {
        this.keys[h] = x;
        return true;
      }
      if (k === x) return false;
      h = (h + 1) & this.mask;
    }
  }
}
