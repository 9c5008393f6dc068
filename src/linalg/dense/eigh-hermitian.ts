/**
 * Eigendecomposition of a Hermitian matrix A = Ar + i·Ai through the real symmetric embedding
 * [[Ar, −Ai], [Ai, Ar]] (2n x 2n): each eigenvalue of A appears twice there, and every real
 * eigenvector [u; v] gives the complex eigenvector u + i·v. One vector per pair is kept by a
 * pivoted complex Gram–Schmidt (largest remaining component first), which also separates the two
 * copies inside repeated eigenvalues.
 *
 * @module
 * @internal
 */
import { eigh } from './eigh.js';
import { type CMat, realEmbedding } from './complex.js';

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (columns of an n x n CMat) of a Hermitian
 * CMat (a real CMat goes straight to `eigh`). O(n³) (the embedding costs 8x a real n x n eigh).
 * @internal
 */
export function eighHermitian(A: CMat): { values: Float64Array; vectors: CMat } {
  const n = A.rows;
  if (!A.im) {
    const r = eigh({ rows: n, cols: n, data: A.re });
    return { values: r.values, vectors: { rows: n, cols: n, re: r.vectors!.data as Float64Array, im: null } };
  }
  const N = 2 * n;
  const E = realEmbedding(A);
  const { values: lam, vectors } = eigh({ rows: N, cols: N, data: E });
  const V = vectors!.data as Float64Array;
  // Candidate c (0..2n−1): re = V[0..n, c], im = V[n..2n, c]; stored contiguously per candidate.
  const cr = new Float64Array(N * n);
  const ci = new Float64Array(N * n);
  for (let c = 0; c < N; c++) {
    for (let i = 0; i < n; i++) {
      cr[c * n + i] = V[i * N + c]!;
      ci[c * n + i] = V[(i + n) * N + c]!;
    }
  }
  const used = new Uint8Array(N);
  const picked: { value: number; re: Float64Array; im: Float64Array }[] = [];
  for (let step = 0; step < n; step++) {
    let best = -1;
    let bestNorm = -1;
    for (let c = 0; c < N; c++) {
      if (used[c]) continue;
      let s = 0;
      for (let i = 0; i < n; i++) s += cr[c * n + i]! ** 2 + ci[c * n + i]! ** 2;
      if (s > bestNorm) {
        bestNorm = s;
        best = c;
      }
    }
    used[best] = 1;
    const inv = 1 / Math.sqrt(bestNorm);
    const qr = cr.slice(best * n, best * n + n).map((v) => v * inv);
    const qi = ci.slice(best * n, best * n + n).map((v) => v * inv);
    picked.push({ value: lam[best]!, re: qr, im: qi });
    // Remove q's component from every remaining candidate: c ← c − q·(qᴴc).
    for (let c = 0; c < N; c++) {
      if (used[c]) continue;
      let pr = 0;
      let pi = 0;
      for (let i = 0; i < n; i++) {
        const a = cr[c * n + i]!;
        const b = ci[c * n + i]!;
        pr += qr[i]! * a + qi[i]! * b;
        pi += qr[i]! * b - qi[i]! * a;
      }
      for (let i = 0; i < n; i++) {
        cr[c * n + i] = cr[c * n + i]! - (qr[i]! * pr - qi[i]! * pi);
        ci[c * n + i] = ci[c * n + i]! - (qr[i]! * pi + qi[i]! * pr);
      }
    }
  }
  picked.sort((a, b) => a.value - b.value);
  const values = new Float64Array(n);
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  picked.forEach((p, k) => {
    values[k] = p.value;
    for (let i = 0; i < n; i++) {
      re[i * n + k] = p.re[i]!;
      im[i * n + k] = p.im[i]!;
    }
  });
  return { values, vectors: { rows: n, cols: n, re, im } };
}
