// Matrix generators of the A/B scripts, given the library build to construct with (an A/B run
// loads two builds, so these take it as an argument instead of importing dist/).
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
