import { describe, expect, it } from 'vitest';
import { ArgumentError, ParseError, completeMatrix, movieLensLike, readRatings } from '../../../src/index.js';

describe('readRatings', () => {
  it("reads u.data (tab), ratings.dat ('::') and ratings.csv (header) into the same matrix", () => {
    const rows = [[196, 242, 3, 881250949], [186, 302, 3, 891717742], [22, 377, 1, 878887116], [196, 377, 4.5, 878887117]];
    const tab = rows.map((r) => r.join('\t')).join('\n');
    const dat = rows.map((r) => r.join('::')).join('\r\n');
    const csv = `userId,movieId,rating,timestamp\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const a = readRatings(tab);
    const b = readRatings(dat);
    const c = readRatings(csv);
    expect([a.format, b.format, c.format]).toEqual(['u.data', 'ratings.dat', 'ratings.csv']);
    for (const x of [a, b, c]) {
      expect(x.matrix.shape).toEqual([3, 3]);
      expect(Array.from(x.userIds)).toEqual([22, 186, 196]);
      expect(Array.from(x.itemIds)).toEqual([242, 302, 377]);
      const D = x.matrix.toDense();
      // user 196 (row 2) rated 242 (col 0) 3 and 377 (col 2) 4.5; user 22 (row 0) rated 377: 1
      expect([D.get(2, 0), D.get(2, 2), D.get(0, 2), D.get(1, 1), D.get(0, 0)]).toEqual([3, 4.5, 1, 3, 0]);
      expect(Array.from(x.timestamps)).toEqual(rows.map((r) => r[3]));
    }
    expect(readRatings('1 2 5\n', { format: 'u.data' }).timestamps[0]).toBeNaN();
  });

  it('bad lines and repeated pairs: ParseError with the line number; bad options: ArgumentError', () => {
    expect(() => readRatings('1\t2\t3\t4\n1\t2\n')).toThrow(ParseError);
    expect(() => readRatings('1\t2\t3\t4\n1\t2\n')).toThrow(/line 2/);
    expect(() => readRatings('1::2::x::4\n')).toThrow(/line 1: expected numbers/);
    expect(() => readRatings('1\t2\t3\n\n1\t2\t4\n')).toThrow(/line 3: a repeated/);
    expect(() => readRatings('1\t2\t3\n', { format: 'json' as never })).toThrow(ArgumentError);
    expect(() => readRatings('1\t2\t3\n', { sep: ',' } as never)).toThrow(/options.sep/);
    expect(() => readRatings(42 as never)).toThrow(ArgumentError);
  });
});

describe('movieLensLike', () => {
  it('has the ML-100K shape and count, no repeated pairs, power-law degrees', () => {
    const d = movieLensLike({ seed: 3 });
    expect(d.ratings.shape).toEqual([943, 1682]);
    expect(d.ratings.nnz).toBe(100000);
    const keys = new Set<number>();
    for (let p = 0; p < d.ratings.nnz; p++) keys.add(d.ratings.row[p]! * 1682 + d.ratings.col[p]!);
    expect(keys.size).toBe(100000);
    // heavy tail: the busiest user has many times the median degree
    const deg = new Float64Array(943);
    for (let p = 0; p < d.ratings.nnz; p++) deg[d.ratings.row[p]!]!++;
    const sorted = Array.from(deg).sort((a, b) => a - b);
    expect(sorted[942]! / sorted[471]!).toBeGreaterThan(5);
    // the noise is N(0, 0.8²) around the known truth
    let s = 0;
    for (let p = 0; p < d.ratings.nnz; p++) s += (d.ratings.data[p]! - d.expected(d.ratings.row[p]!, d.ratings.col[p]!)) ** 2;
    expect(Math.sqrt(s / d.ratings.nnz)).toBeCloseTo(0.8, 1);
  });

  it('discrete ratings are integers in 1..5; bad options are ArgumentErrors', () => {
    const d = movieLensLike({ size: { users: 100, items: 80, ratings: 2000 }, discrete: true, seed: 2 });
    expect(Array.from(d.ratings.data).every((v) => Number.isInteger(v) && v >= 1 && v <= 5)).toBe(true);
    expect(() => movieLensLike({ size: { users: 10, items: 10, ratings: 60 } })).toThrow(/size.ratings/);
    expect(() => movieLensLike({ rank: 0 })).toThrow(/rank/);
    expect(() => movieLensLike({ noise: -1 })).toThrow(/noise/);
    expect(() => movieLensLike({ users: 5 } as never)).toThrow(/options.users/);
  });

  it('completeMatrix with biases on a MovieLens-shaped set learns the low-rank part (held-out RMSE near σ)', () => {
    const d = movieLensLike({ size: { users: 400, items: 300, ratings: 30000 }, rank: 5, seed: 5, noise: 0.8 });
    const fit = completeMatrix(d.ratings, 5, { seed: 1, biases: true, lambda: 5, validationFraction: 0.1, maxIter: 25 });
    // σ = 0.8 is the floor; offsets alone leave the rank-5 part (variance 0.25): √(0.64 + 0.25) ≈ 0.94.
    // Estimating k numbers per user and item from ~67 and ~90 ratings costs about σ·√(1 + k/67 + k/90) ≈ 0.85.
    expect(fit.validationRmse!).toBeLessThan(0.9);
    expect(fit.validationRmse!).toBeGreaterThan(0.78);
  }, 60000);
});
