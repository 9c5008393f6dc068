/**
 * Readers of the public MovieLens rating files into a sparse matrix with id maps.
 *
 * @module
 */
import { ArgumentError, ParseError } from '../../core/index.js';
import { COOMatrix } from '../../formats/index.js';

/** The MovieLens file layouts: `u.data` (tab-separated, ML-100K), `ratings.dat` (`::`, ML-1M/10M), `ratings.csv` (with a header, ML-latest/25M). */
export type RatingsFormat = 'u.data' | 'ratings.dat' | 'ratings.csv';

/** Options of {@link readRatings}. */
export interface ReadRatingsOptions {
  /** The layout; omitted or `'auto'`, it is recognized from the first data line. */
  format?: RatingsFormat | 'auto';
}

/** Result of {@link readRatings}. */
export interface Ratings {
  /** users x items, one entry per rating (row i = `userIds[i]`, column j = `itemIds[j]`). */
  matrix: COOMatrix;
  /** Original user id of each row, ascending. */
  userIds: Float64Array;
  /** Original item (movie) id of each column, ascending. */
  itemIds: Float64Array;
  /** Timestamp of each entry (same order as `matrix.data`), NaN where the file has none. */
  timestamps: Float64Array;
  /** The layout that was read. */
  format: RatingsFormat;
}

function detect(line: string): RatingsFormat {
  if (line.includes('::')) return 'ratings.dat';
  if (line.includes('\t')) return 'u.data';
  if (line.includes(',')) return 'ratings.csv';
  return 'u.data';
}

/** Dense 0..count-1 codes of ids, in ascending id order. */
function codes(ids: Float64Array): { code: Int32Array; unique: Float64Array } {
  const unique = Float64Array.from(new Set(ids)).sort();
  const map = new Map<number, number>();
  unique.forEach((v, i) => map.set(v, i));
  const code = new Int32Array(ids.length);
  for (let p = 0; p < ids.length; p++) code[p] = map.get(ids[p]!)!;
  return { code, unique };
}

/**
 * Read MovieLens ratings (`user item rating [timestamp]` per line, in any of the three public
 * layouts) into a users x items {@link COOMatrix}, numbering users and items by ascending id, so a
 * user with the files gets the standard matrices: ML-100K's `u.data` gives 943 x 1682 with
 * 100,000 ratings; ML-1M's `ratings.dat` 6040 x 3706 with 1,000,209. O(lines) plus sorting the ids.
 *
 * @param text - the file's contents
 * @param options - {@link ReadRatingsOptions}
 * @returns {@link Ratings}
 * @throws {@link ParseError} with the line number on a malformed line or a repeated (user, item)
 *   pair; {@link ArgumentError} on a bad option.
 *
 * @example
 * ```ts
 * import { readRatings } from 'sparsity';
 * const r = readRatings('196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t5\t881250950\n');
 * r.format; // => "u.data"
 * r.matrix.shape; // => [2, 2]
 * Array.from(r.userIds); // => [186, 196]
 * r.matrix.toDense().get(1, 1); // => 5
 * readRatings('userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n').matrix.data[0]; // => 2.5
 * ```
 */
export function readRatings(text: string, options: ReadRatingsOptions = {}): Ratings {
  if (typeof text !== 'string') throw new ArgumentError('text', text, 'the contents of a ratings file (a string)');
  if (options === null || typeof options !== 'object') throw new ArgumentError('options', options, 'an options object');
  for (const key of Object.keys(options)) if (key !== 'format') throw new ArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'the option format');
  const asked = options.format ?? 'auto';
  if (!['auto', 'u.data', 'ratings.dat', 'ratings.csv'].includes(asked)) {
    throw new ArgumentError('format', asked, "'u.data', 'ratings.dat', 'ratings.csv' or 'auto'");
  }
  const lines = text.split(/\r?\n/);
  let format: RatingsFormat | null = asked === 'auto' ? null : (asked as RatingsFormat);
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  const lineOf: number[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!.trim();
    if (line === '') continue;
    format ??= detect(line);
    const fields = format === 'ratings.dat' ? line.split('::') : format === 'ratings.csv' ? line.split(',') : line.split(/\s+/);
    if (format === 'ratings.csv' && users.length === 0 && lineOf.length === 0 && !/^[-+0-9.]/.test(fields[0]!)) continue; // header
    if (fields.length < 3 || fields.length > 4) throw new ParseError(l + 1, lines[l]!, `expected user, item, rating[, timestamp] (${format})`);
    const nums = fields.map(Number);
    if (!Number.isFinite(nums[0]) || !Number.isFinite(nums[1]) || !Number.isFinite(nums[2]) || (fields.length === 4 && !Number.isFinite(nums[3]))) {
      throw new ParseError(l + 1, lines[l]!, 'expected numbers');
    }
    users.push(nums[0]!);
    items.push(nums[1]!);
    values.push(nums[2]!);
    times.push(fields.length === 4 ? nums[3]! : NaN);
    lineOf.push(l + 1);
  }
  const u = codes(Float64Array.from(users));
  const it = codes(Float64Array.from(items));
  const m = u.unique.length;
  const n = it.unique.length;
  const seen = new Set<number>();
  for (let p = 0; p < values.length; p++) {
    const key = u.code[p]! * n + it.code[p]!;
    if (seen.has(key)) throw new ParseError(lineOf[p]!, lines[lineOf[p]! - 1]!, 'a repeated (user, item) pair');
    seen.add(key);
  }
  return {
    matrix: new COOMatrix({ row: u.code, col: it.code, data: Float64Array.from(values), shape: [m, n] }),
    userIds: u.unique,
    itemIds: it.unique,
    timestamps: Float64Array.from(times),
    format: format ?? (asked === 'auto' ? 'u.data' : (asked as RatingsFormat)),
  };
}
