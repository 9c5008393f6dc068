/**
 * Shared problem generators of the OT tests: seeded random costs, digit images from the UCI
 * digits fixture as densities on the 8x8 grid, and Gaussian-mixture densities on a grid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRng } from '../../src/core/rng.js';
import type { DenseMatrix } from '../../src/core/dense.js';

/** A row-major n x m cost with C_ij ~ U(0, 1) from createRng(seed). */
export function randomCost(n: number, m: number, seed: number): DenseMatrix {
  return { rows: n, cols: m, data: createRng(seed).fillUniform(new Float64Array(n * m)) };
}

/** The uniform probability vector of length n. */
export function uniform(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

let digitsCache: { images: Float64Array[]; labels: number[] } | null = null;

/** The 1797 UCI digits (64 pixel intensities 0..16 each) and their labels. */
export function digits(): { images: Float64Array[]; labels: number[] } {
  if (digitsCache) return digitsCache;
  const text = gunzipSync(readFileSync(join(import.meta.dirname, '../fixtures/datasets/digits.csv.gz'))).toString('utf8');
  const images: Float64Array[] = [];
  const labels: number[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const v = line.split(',').map(Number);
    images.push(Float64Array.from(v.slice(0, 64)));
    labels.push(v[64]!);
  }
  digitsCache = { images, labels };
  return digitsCache;
}

/** Digit image `index` as a density on the 8x8 grid (intensities divided by their sum; zero pixels stay 0). */
export function digitDensity(index: number): Float64Array {
  const img = digits().images[index]!;
  let s = 0;
  for (const v of img) s += v;
  return img.map((v) => v / s);
}

/** ‖P·1 − a‖₁ + ‖Pᵀ·1 − b‖₁ of a row-major plan, computed independently of the library. */
export function marginalError(P: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  let e = 0;
  const col = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) {
      s += P[i * m + j]!;
      col[j]! += P[i * m + j]!;
    }
    e += Math.abs(s - a[i]!);
  }
  for (let j = 0; j < m; j++) e += Math.abs(col[j]! - b[j]!);
  return e;
}
