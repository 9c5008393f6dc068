/**
 * A generator of MovieLens-shaped rating matrices with a known low-rank ground truth, for tests
 * and benchmarks that must not depend on downloading the real files.
 *
 * @module
 */
import { ArgumentError, createRng, type Seed } from '../../core/index.js';
import { COOMatrix } from '../../formats/index.js';

/** Options of {@link movieLensLike}. */
export interface MovieLensLikeOptions {
  /** `'ml-100k'` (943 x 1682, 100,000 ratings, the default), `'ml-1m'` (6040 x 3706, 1,000,209) or explicit sizes. */
  size?: 'ml-100k' | 'ml-1m' | { users: number; items: number; ratings: number };
  /** Rank of the interaction term (default 10). */
  rank?: number;
  /** Standard deviation σ of the Gaussian rating noise (default 0.8). */
  noise?: number;
  /** Power-law exponent of the user and item popularity weights w ∝ (rank + 10)^(−exponent) (default 1). */
  exponent?: number;
  /** Round to integers and clamp to 1..5 like real ratings (default false: continuous values, so σ is the attainable RMSE). */
  discrete?: boolean;
  /** Seed. */
  seed?: Seed;
}

/** Result of {@link movieLensLike}. */
export interface MovieLensLike {
  /** users x items observed ratings. */
  ratings: COOMatrix;
  /** Global mean μ of the model. */
  mean: number;
  /** User offsets a (length users). */
  userBias: Float64Array;
  /** Item offsets b (length items). */
  itemBias: Float64Array;
  /** users x rank factor (row-major). */
  U: Float64Array;
  /** items x rank factor (row-major). */
  V: Float64Array;
  /** The noiseless rating μ + a_i + b_j + U_i·V_j. */
  expected(i: number, j: number): number;
}

const SIZES = {
  'ml-100k': { users: 943, items: 1682, ratings: 100000 },
  'ml-1m': { users: 6040, items: 3706, ratings: 1000209 },
} as const;

/** Cumulative popularity weights (power law over a random order of the indices). */
function popularity(count: number, exponent: number, rng: ReturnType<typeof createRng>): Float64Array {
  const order = rng.permutation(count);
  const cum = new Float64Array(count);
  let s = 0;
  for (let r = 0; r < count; r++) {
    s += (order[r]! + 10) ** -exponent;
    cum[r] = s;
  }
  for (let r = 0; r < count; r++) cum[r]! /= s;
  return cum;
}

function draw(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * MovieLens-shaped ratings: user and item degrees follow power laws (entries drawn with
 * probability ∝ w_user·w_item, without repeats), and each rating is μ + a_i + b_j + U_i·V_j + ε
 * with μ = 3.5, a ~ N(0, 0.4²), b ~ N(0, 0.5²), Gaussian factors scaled so U_i·V_j has standard
 * deviation 0.5, and ε ~ N(0, σ²). The truth is returned, so the attainable test RMSE is σ.
 * O(ratings·log(users + items)).
 *
 * @param options - {@link MovieLensLikeOptions}
 * @returns {@link MovieLensLike}
 * @throws {@link ArgumentError} on a bad option (more ratings than half the cells, rank < 1, σ < 0, ...).
 *
 * @example
 * ```ts
 * import { movieLensLike } from 'sparsity';
 * const d = movieLensLike({ seed: 1 });
 * d.ratings.shape; // => [943, 1682]
 * d.ratings.nnz; // => 100000
 * const s = movieLensLike({ size: { users: 50, items: 40, ratings: 300 }, rank: 2, noise: 0, seed: 2 });
 * s.ratings.data[0] === s.expected(s.ratings.row[0], s.ratings.col[0]); // => true
 * ```
 */
export function movieLensLike(options: MovieLensLikeOptions = {}): MovieLensLike {
  if (options === null || typeof options !== 'object') throw new ArgumentError('options', options, 'an options object');
  const allowed = ['size', 'rank', 'noise', 'exponent', 'discrete', 'seed'];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new ArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], `one of ${allowed.join(', ')}`);
  }
  const size = options.size ?? 'ml-100k';
  const dims = typeof size === 'string' ? SIZES[size] : size;
  if (!dims || typeof dims !== 'object') throw new ArgumentError('size', size, "'ml-100k', 'ml-1m' or { users, items, ratings }");
  const { users: m, items: n, ratings: nnz } = dims;
  for (const [name, v] of [['size.users', m], ['size.items', n]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1e7) throw new ArgumentError(name, v, 'an integer in [1, 1e7]');
  }
  if (!Number.isInteger(nnz) || nnz < 0 || nnz > (m * n) / 2) throw new ArgumentError('size.ratings', nnz, `an integer in [0, ${Math.floor((m * n) / 2)}] (half the cells)`);
  const k = options.rank ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > Math.min(m, n)) throw new ArgumentError('rank', k, `an integer in [1, ${Math.min(m, n)}]`);
  const sigma = options.noise ?? 0.8;
  if (typeof sigma !== 'number' || !(sigma >= 0) || !Number.isFinite(sigma)) throw new ArgumentError('noise', sigma, 'a finite number ≥ 0');
  const exponent = options.exponent ?? 1;
  if (typeof exponent !== 'number' || !(exponent >= 0) || exponent > 4) throw new ArgumentError('exponent', exponent, 'a number in [0, 4]');
  const discrete = options.discrete ?? false;
  if (typeof discrete !== 'boolean') throw new ArgumentError('discrete', discrete, 'true or false');
  const rng = createRng(options.seed);

  const mean = 3.5;
  const userBias = rng.fillNormal(new Float64Array(m), 0, 0.4);
  const itemBias = rng.fillNormal(new Float64Array(n), 0, 0.5);
  const scale = (0.25 / k) ** 0.25;
  const U = rng.fillNormal(new Float64Array(m * k), 0, scale);
  const V = rng.fillNormal(new Float64Array(n * k), 0, scale);
  const expected = (i: number, j: number): number => {
    let s = mean + userBias[i]! + itemBias[j]!;
    for (let t = 0; t < k; t++) s += U[i * k + t]! * V[j * k + t]!;
    return s;
  };
  const cu = popularity(m, exponent, rng);
  const ci = popularity(n, exponent, rng);
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  const seen = new Set<number>();
  let p = 0;
  let tries = 0;
  while (p < nnz) {
    // Past 50 draws per rating the popular cells are exhausted: fall back to uniform cells.
    const uniform = ++tries > 50 * nnz;
    const i = uniform ? rng.integer(0, m) : draw(cu, rng.random());
    const j = uniform ? rng.integer(0, n) : draw(ci, rng.random());
    const key = i * n + j;
    if (seen.has(key)) continue;
    seen.add(key);
    row[p] = i;
    col[p] = j;
    let v = expected(i, j) + (sigma > 0 ? sigma * rng.normal() : 0);
    if (discrete) v = Math.min(5, Math.max(1, Math.round(v)));
    data[p] = v;
    p++;
  }
  return { ratings: new COOMatrix({ row, col, data, shape: [m, n] }), mean, userBias, itemBias, U, V, expected };
}
