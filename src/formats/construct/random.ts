/**
 * `random`: a sparse matrix with uniformly random positions (SciPy's `random_array`).
 *
 * @module
 */
import { portableLog1p } from '../../core/portable-math.js';
import { INT32_MAX, checkDim, checkNumber, toFloat64 } from '../../core/array.js';
import { ArgumentError, ResourceError } from '../../core/errors.js';
import { type Rng, type Seed, createRng } from '../../core/rng.js';
import { CSRMatrix } from '../csr.js';
import { type FormatOptions, type SparseFormat, type SparseOfFormat, convertTo, readFormat } from './output.js';

/** Options of {@link random}. */
export interface RandomOptions<F extends SparseFormat = SparseFormat> extends FormatOptions<F> {
  /** Seed of the generator (number or string): the same seed gives the same matrix. */
  seed?: Seed;
  /**
   * Draws the k values (SciPy's `data_sampler`): called once as `dataRvs(k)` and must return k finite
   * numbers. Default: uniform in [0, 1) from the same seeded generator.
   */
  dataRvs?: (k: number) => ArrayLike<number>;
}

/** Round half to even, as Python's `round` (what SciPy uses for the number of entries). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** Sort a short run of a typed array in place (insertion sort). */
function insertionSort(a: Int32Array, lo: number, hi: number): void {
  for (let p = lo + 1; p < hi; p++) {
    const v = a[p]!;
    let q = p - 1;
    while (q >= lo && a[q]! > v) {
      a[q + 1] = a[q]!;
      q--;
    }
    a[q + 1] = v;
  }
}

/**
 * Exactly k distinct positions of an m x n matrix, uniformly among all k-subsets, as CSR pattern
 * arrays (rows in order, columns sorted), when k is a small fraction of m·n.
 *
 * Draws K >= k independent uniform positions row by row (a histogram of K random rows, then each
 * row's random columns, sorted and deduplicated in place), with K chosen so that at least k
 * distinct positions remain with overwhelming probability (retrying with a larger K otherwise),
 * then drops a uniformly random subset of the surplus. The distinct set of i.i.d. uniform draws
 * is exchangeable, so a uniform k-subset of it is a uniform k-subset of all positions.
 */
function sparsePositions(rng: Rng, m: number, n: number, k: number): { indptr: Int32Array; indices: Int32Array } {
  const N = m * n;
  let margin = 6 * Math.sqrt(k) + 32;
  for (;;) {
    // Expected distinct positions among K draws: N (1 - (1 - 1/N)^K); solve for k + margin.
    const target = Math.min(N, k + margin);
    let K = target >= N ? Infinity : Math.ceil(portableLog1p(-target / N) / portableLog1p(-1 / N));
    if (!Number.isFinite(K) || K !== K) K = Math.ceil(k * 2 + margin);
    K = Math.max(K, k);
    if (K > INT32_MAX) K = INT32_MAX;
    const indptr = new Int32Array(m + 1);
    for (let t = 0; t < K; t++) indptr[rng.integer(0, m) + 1]!++;
    for (let i = 0; i < m; i++) indptr[i + 1]! += indptr[i]!;
    const cols = new Int32Array(K);
    for (let t = 0; t < K; t++) cols[t] = rng.integer(0, n);
    // Sort and deduplicate each row in place, compacting as we go.
    let w = 0;
    let start = 0;
    for (let i = 0; i < m; i++) {
      const end = indptr[i + 1]!;
      const len = end - start;
      if (len > 1) {
        if (len <= 24) insertionSort(cols, start, end);
        else cols.subarray(start, end).sort();
      }
      let last = -1;
      for (let p = start; p < end; p++) {
        const c = cols[p]!;
        if (c !== last) {
          cols[w++] = c;
          last = c;
        }
      }
      start = end;
      indptr[i + 1] = w;
    }
    const T = w;
    if (T < k) {
      margin *= 4;
      continue;
    }
    if (T === k) return { indptr, indices: cols.slice(0, k) };
    // Drop T - k uniformly chosen positions.
    const drop = new Uint8Array(T);
    const picks = rng.sample(T, T - k);
    for (let t = 0; t < picks.length; t++) drop[picks[t]!] = 1;
    const indices = new Int32Array(k);
    let q = 0;
    let p = 0;
    for (let i = 0; i < m; i++) {
      const end = indptr[i + 1]!;
      for (; p < end; p++) if (drop[p] === 0) indices[q++] = cols[p]!;
      indptr[i + 1] = q;
    }
    return { indptr, indices };
  }
}

/**
 * Exactly k distinct positions among all m·n by selection sampling (Knuth's Algorithm S): each
 * position in row-major order is taken with probability (still needed) / (still left). O(m·n) time,
 * used when k is a sizeable fraction of m·n.
 */
function densePositions(rng: Rng, m: number, n: number, k: number): { indptr: Int32Array; indices: Int32Array } {
  const indptr = new Int32Array(m + 1);
  const indices = new Int32Array(k);
  let need = k;
  let left = m * n;
  let q = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n && need > 0; j++) {
      if (rng.random() * left < need) {
        indices[q++] = j;
        need--;
      }
      left--;
    }
    indptr[i + 1] = q;
  }
  return { indptr, indices };
}

/**
 * A random m x n sparse matrix with exactly round(density·m·n) stored entries at distinct positions
 * chosen uniformly among all such sets, with values uniform in [0, 1) unless `dataRvs` draws them
 * (SciPy's `random_array((m, n), density=..., rng=...)`). The entries come out in canonical order.
 *
 * Complexity: O(k + m) expected time and memory for densities up to 1/8 (e.g. 10^7 entries of a
 * 10^6 x 10^6 matrix take about a second), O(m·n) above that.
 *
 * @param m - rows.
 * @param n - columns.
 * @param density - fraction of stored entries, in [0, 1] (default 0.01).
 * @param options - `{ seed, format, dataRvs }`; `format` `'coo'` (default, as SciPy), `'csr'` or `'csc'`.
 * @throws {@link ArgumentError} on a bad size, density, format, or `dataRvs` result.
 * @throws {@link ResourceError} when the number of entries exceeds 2^31 - 1.
 *
 * @example
 * ```ts
 * import { random } from 'sparsity';
 * const A = random(100, 200, 0.05, { seed: 1 });
 * A.nnz; // => 1000
 * A.hasCanonicalFormat; // => true
 * random(100, 200, 0.05, { seed: 1 }).data[7] === A.data[7]; // => true
 * const B = random(3, 3, 1, { format: 'csr', dataRvs: (k) => new Array(k).fill(2) });
 * B.toDense().data; // => [2, 2, 2, 2, 2, 2, 2, 2, 2]
 * ```
 */
export function random<F extends SparseFormat = 'coo'>(m: number, n: number, density = 0.01, options?: RandomOptions<F>): SparseOfFormat<F> {
  checkDim('m', m);
  checkDim('n', n);
  checkNumber('density', density, 0, 1);
  const format = readFormat(options, 'coo', 'random', ['format', 'seed', 'dataRvs']);
  const seed = options?.seed;
  const dataRvs = options?.dataRvs;
  if (dataRvs !== undefined && typeof dataRvs !== 'function') throw new ArgumentError('dataRvs', dataRvs, 'a function k => k numbers');
  const N = m * n;
  const k = roundHalfEven(density * N);
  if (k > INT32_MAX) throw new ResourceError('random', 'the number of stored entries', k, INT32_MAX);
  const rng = createRng(seed);
  const { indptr, indices } = k === 0 ? { indptr: new Int32Array(m + 1), indices: new Int32Array(0) } : 8 * k <= N ? sparsePositions(rng, m, n, k) : densePositions(rng, m, n, k);
  let data: Float64Array;
  if (dataRvs) {
    const raw = dataRvs(k);
    data = toFloat64(raw, 'dataRvs(k)');
    if (data === raw) data = data.slice();
    if (data.length !== k) throw new ArgumentError('dataRvs(k)', raw, `${k} numbers`);
  } else {
    data = rng.fillUniform(new Float64Array(k));
  }
  const A = new CSRMatrix({ indptr, indices, data, shape: [m, n] }, { canonical: true });
  return convertTo(A, format) as SparseOfFormat<F>;
}
