import { describe, expect, it } from 'vitest';
import { ArgumentError, ResourceError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import { gridCost, pairwiseCost } from '../../src/ot/costs.js';
import { pythonMissing, runPython } from '../helpers/python.js';

describe('pairwiseCost', () => {
  it('matches hand-computed distances for each metric', () => {
    const X = [[0, 0], [1, 2]];
    const Y = [[3, 4], [1, 0], [-1, 2]];
    const sq = pairwiseCost(X, Y);
    expect(sq.shape).toEqual([2, 3]);
    expect([sq.get(0, 0), sq.get(0, 1), sq.get(0, 2), sq.get(1, 0), sq.get(1, 1), sq.get(1, 2)]).toEqual([25, 1, 5, 8, 4, 4]);
    const eu = pairwiseCost(X, Y, { metric: 'euclidean' });
    expect(eu.get(0, 0)).toBe(5);
    expect(eu.get(1, 0)).toBeCloseTo(Math.sqrt(8), 15);
    const l1 = pairwiseCost(X, Y, { metric: 'cityblock' });
    expect([l1.get(0, 0), l1.get(0, 2), l1.get(1, 1)]).toEqual([7, 3, 2]);
  });

  it('rejects mismatched dimensions, NaN and unknown metrics', () => {
    expect(() => pairwiseCost([[0, 0]], [[0, 0, 0]])).toThrow(ArgumentError);
    expect(() => pairwiseCost([[0, NaN]], [[0, 0]])).toThrow(ArgumentError);
    expect(() => pairwiseCost([[0]], [[1]], { metric: 'cosine' as never })).toThrow(ArgumentError);
  });

  it('agrees with scipy.spatial.distance.cdist (live)', (ctx) => {
    const reason = pythonMissing(['numpy', 'scipy']);
    if (reason) return ctx.skip(reason);
    const rng = createRng(3);
    const X = Array.from({ length: 7 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const Y = Array.from({ length: 5 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const ref = runPython<Record<string, number[][]>>(
      'import numpy as np\nfrom scipy.spatial.distance import cdist\nX=np.array(inp["X"]); Y=np.array(inp["Y"])\n' +
        'print(json.dumps({m: cdist(X, Y, m).tolist() for m in ["sqeuclidean", "euclidean", "cityblock"]}))',
      { X, Y },
    );
    for (const metric of ['sqeuclidean', 'euclidean', 'cityblock'] as const) {
      const C = pairwiseCost(X, Y, { metric });
      for (let i = 0; i < 7; i++) for (let j = 0; j < 5; j++) expect(C.get(i, j)).toBeCloseTo(ref[metric]![i]![j]!, 13);
    }
  });
});

describe('gridCost', () => {
  it('places cell r*cols + c at (r, c)', () => {
    const C = gridCost(2, 3, { metric: 'cityblock', normalize: false });
    expect(C.shape).toEqual([6, 6]);
    // cell 1 = (0, 1), cell 5 = (1, 2): |0-1| + |1-2| = 2
    expect(C.get(1, 5)).toBe(2);
    expect(C.get(5, 1)).toBe(2);
    expect(C.get(3, 3)).toBe(0);
    const S = gridCost(2, 3, { normalize: false });
    expect(S.get(0, 5)).toBe(5); // (0,0) to (1,2): 1 + 4
  });

  it('normalises to [0, 1] by default, equal to pairwiseCost on the cell coordinates', () => {
    const pts: number[][] = [];
    for (let r = 0; r < 4; r++) for (let c = 0; c < 5; c++) pts.push([r, c]);
    for (const metric of ['sqeuclidean', 'euclidean', 'cityblock'] as const) {
      const G = gridCost(4, 5, { metric });
      const P = pairwiseCost(pts, pts, { metric });
      let mx = 0;
      for (let k = 0; k < 400; k++) mx = Math.max(mx, P.data[k]!);
      for (let k = 0; k < 400; k++) expect(G.data[k]).toBeCloseTo(P.data[k]! / mx, 15);
      expect(Math.max(...G.data)).toBe(1);
    }
  });

  it('rejects bad sizes and refuses results that cannot be allocated', () => {
    expect(() => gridCost(0, 3)).toThrow(ArgumentError);
    expect(() => gridCost(2.5, 3)).toThrow(ArgumentError);
    expect(() => gridCost(300, 300)).toThrow(ResourceError);
  });
});
