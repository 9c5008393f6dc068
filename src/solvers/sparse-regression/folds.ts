/**
 * K-fold splits of n samples, as scikit-learn's `KFold`: contiguous folds whose sizes differ by at
 * most one (the first n mod K folds get the extra sample), or the same after a seeded shuffle.
 *
 * @module
 */
import { checkPositiveInt } from '../../core/array.js';
import { ArgumentError } from '../../core/errors.js';
import { createRng, type Seed } from '../../core/rng.js';

/** One split: the rows to fit on and the rows to test on (ascending). @internal */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * The K folds of 0..n-1; with a seed the rows are permuted first. O(n·K).
 * @throws {@link ArgumentError} when K < 2 or K > n.
 * @internal
 */
export function kFold(n: number, K: number, seed?: Seed): Fold[] {
  const k = checkPositiveInt('cv', K);
  if (k < 2 || k > n) throw new ArgumentError('cv', K, `an integer in [2, ${n}] (at most one fold per sample)`);
  const order = seed === undefined ? Int32Array.from({ length: n }, (_, i) => i) : createRng(seed).permutation(n);
  const folds: Fold[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const inTest = new Uint8Array(n);
    for (let t = start; t < start + size; t++) inTest[order[t]!] = 1;
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < n; i++) (inTest[i] ? test : train).push(i);
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
    start += size;
  }
  return folds;
}
