// Matrix generators of the A/B scripts, given the library build to construct with (an A/B run
// loads two builds, so these take it as an argument instead of importing dist/).

/** 5-point Laplacian on a g x g grid, CSR. */
export function poisson(lib, g) {
  const r = [], c = [], v = [];
  for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) {
    const k = i * g + j;
    r.push(k); c.push(k); v.push(4);
    if (i > 0) { r.push(k); c.push(k - g); v.push(-1); }
    if (i < g - 1) { r.push(k); c.push(k + g); v.push(-1); }
    if (j > 0) { r.push(k); c.push(k - 1); v.push(-1); }
    if (j < g - 1) { r.push(k); c.push(k + 1); v.push(-1); }
  }
  return lib.coo(r, c, v, [g * g, g * g]).toCSR();
}

/** R-MAT graph (as bench/compare's generator): quadrant probabilities a, b, c (d the rest), duplicates summed, values in [0.5, 1.5), CSR. */
export function rmat(lib, scale, edgeFactor, seed, [a, b, c] = [0.57, 0.19, 0.19]) {
  const rng = lib.createRng(seed);
  const n = 2 ** scale, edges = edgeFactor * n;
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
  return new lib.COOMatrix({ row, col, data, shape: [n, n] }).toCSR();
}
