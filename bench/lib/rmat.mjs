// R-MAT graph generator shared by the benchmark sections (seeded, so every run and both sides of a
// comparison see the same graph).
import * as sp from '../../dist/index.js';

/**
 * R-MAT edges of a 2^scale-node graph with edgeFactor·2^scale edges, as COO triplets in generation
 * order (duplicates not summed), values in [0.5, 1.5). Quadrant probabilities default to Graph500's
 * (a, b, c = 0.57, 0.19, 0.19; d the rest). `lib` is the build that constructs the matrix (an A/B
 * run passes each of its two builds; both draw the same stream).
 */
export function rmatTriplets(scale, edgeFactor, seed, [a, b, c] = [0.57, 0.19, 0.19], lib = sp) {
  const rng = lib.createRng(seed);
  const n = 2 ** scale;
  const edges = edgeFactor * n;
  const row = new Int32Array(edges), col = new Int32Array(edges), data = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    let i = 0, j = 0;
    for (let level = 0; level < scale; level++) {
      const r = rng.random();
      const bit = 1 << (scale - 1 - level);
      if (r < a) continue;
      if (r < a + b) j |= bit;
      else if (r < a + b + c) i |= bit;
      else { i |= bit; j |= bit; }
    }
    row[e] = i; col[e] = j; data[e] = 0.5 + rng.random();
  }
  return new lib.COOMatrix({ row, col, data, shape: [n, n] });
}
