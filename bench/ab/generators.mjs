// Matrix generators of the A/B scripts, given the library build to construct with (an A/B run
// loads two builds, so these take it as an argument instead of importing dist/).
import { readFileSync } from 'node:fs';
import { rmatTriplets } from '../lib/rmat.mjs';

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

/** R-MAT graph (bench/lib's generator, built with `lib`), duplicates summed, CSR. */
export function rmat(lib, scale, edgeFactor, seed, abc = [0.57, 0.19, 0.19]) {
  return rmatTriplets(scale, edgeFactor, seed, abc, lib).toCSR();
}

/** Graph Laplacian + I of a test fixture's pattern (SPD with a structural matrix's graph), CSC. */
export function laplacianFixture(lib, name) {
  const P = lib.mmread(readFileSync(new URL(`../../test/fixtures/matrices/${name}.mtx`, import.meta.url), 'utf8')).toCSC();
  const n = P.shape[0];
  const row = [], col = [], val = [];
  const deg = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let p = P.indptr[j]; p < P.indptr[j + 1]; p++) {
      const i = P.indices[p];
      if (i === j) continue;
      row.push(i); col.push(j); val.push(-1); deg[j]++;
    }
  }
  for (let j = 0; j < n; j++) { row.push(j); col.push(j); val.push(deg[j] + 1); }
  return new lib.COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
}

/** The cold-loop section's tall integer matrix: m x n, `perRow` entries per row at random columns, values 1..5, CSR. */
export function tallInteger(lib, m, n, perRow, seed) {
  const rng = lib.createRng(seed);
  const row = new Int32Array(m * perRow), col = new Int32Array(m * perRow), data = new Float64Array(m * perRow);
  for (let i = 0, p = 0; i < m; i++) {
    for (let r = 0; r < perRow; r++, p++) { row[p] = i; col[p] = rng.integer(0, n); data[p] = rng.integer(1, 6); }
  }
  return lib.coo(row, col, data, [m, n]).toCSR();
}

/**
 * The bench's sparse Lasso path (issue 12; bench/compare/06-glm.mjs `sparseProblem`): CSC
 * 20000 x 50000 with 10^6 nonzeros (seed 3, or `seed`), built with `lib`, and its 50 α from α_max
 * down to α_max/100 (no intercept). Returns { A, y, n, p, alphas }.
 */
export async function sparseLassoPath(lib, seed = 3) {
  const { sparseProblem } = await import('../compare/06-glm.mjs');
  const q = sparseProblem(20000, 50000, 1e6, seed);
  const { n, p, y } = q;
  const A = new lib.CSCMatrix({ indptr: q.A.indptr, indices: q.A.indices, data: q.A.data, shape: [n, p] });
  const g = A.rmatvec(y);
  let m = 0;
  for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(g[j]));
  const alphas = Float64Array.from({ length: 50 }, (_, k) => (m / n) * 0.01 ** (k / 49));
  return { A, y, n, p, alphas };
}
