/**
 * The SBL E-step on an explicit dictionary: posterior mean μ and the diagonal of the posterior
 * covariance Σ = (Γ⁻¹ + σ⁻²HᵀH)⁻¹ for x ~ N(0, diag(γ)), y = Hx + n, n ~ N(0, σ²I), using
 * whichever of the two equivalent forms is smaller. Complex data go through the real embedding.
 *
 * @module
 * @internal
 */
import type { DenseMatrix } from '../../core/dense.js';
import { choSolve, cholesky, matmul, matvec, solveTriangular } from '../../linalg/index.js';
import { type CMat, type CVec, realEmbedding } from '../../linalg/dense/complex.js';

/** Posterior moments of the active coefficients. @internal */
export interface Posterior {
  /** Posterior mean (planes; im null for real data). */
  mu: CVec;
  /** diag(Σ) (for complex data: the total variance of each coefficient). */
  diag: Float64Array;
  /** Σₙ(1 − Σₙₙ/γₙ) = tr(ΓHᴴΣ_y⁻¹H), used by the noise update. */
  wellDetermined: number;
}

/**
 * Real E-step. K ≤ M: S = I + D·HᵀH·D/σ² (D = Γ^½), Σ = D·S⁻¹·D, μ = Σ·Hᵀy/σ², O(MK² + K³).
 * K > M: Σ_y = σ²I + HΓHᵀ = LLᵀ, W = L⁻¹H, μ = γ∘(Wᵀ·L⁻¹y), diag Σ = γ − γ²∘colsum(W²), O(M²K + M³).
 */
function realPosterior(A: DenseMatrix, y: Float64Array, gamma: Float64Array, sigma2: number): Posterior {
  const { rows: M, cols: K } = A;
  const mu = new Float64Array(K);
  const diag = new Float64Array(K);
  if (K === 0) return { mu: { re: mu, im: null }, diag, wellDetermined: 0 };
  let wellDetermined = 0;
  if (K <= M) {
    const G = matmul(A, A, { transA: true }).data as Float64Array;
    const d = gamma.map(Math.sqrt);
    const S = new Float64Array(K * K);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) S[i * K + j] = (d[i]! * G[i * K + j]! * d[j]!) / sigma2;
      S[i * K + i] = S[i * K + i]! + 1;
    }
    const L = cholesky({ rows: K, cols: K, data: S });
    const b = matvec(A, y, true);
    for (let i = 0; i < K; i++) b[i] = (d[i]! * b[i]!) / sigma2;
    const z = choSolve(L, b);
    for (let i = 0; i < K; i++) mu[i] = d[i]! * z[i]!;
    const eye = new Float64Array(K * K);
    for (let i = 0; i < K; i++) eye[i * K + i] = 1;
    const Linv = solveTriangular(L, { rows: K, cols: K, data: eye }, { lower: true }).data as Float64Array;
    for (let i = 0; i < K; i++) {
      for (let j = 0; j <= i; j++) diag[j] = diag[j]! + Linv[i * K + j]! ** 2;
    }
    for (let j = 0; j < K; j++) {
      wellDetermined += 1 - diag[j]!;
      diag[j] = gamma[j]! * diag[j]!;
    }
  } else {
    const B = new Float64Array(M * K);
    for (let i = 0; i < M; i++) for (let j = 0; j < K; j++) B[i * K + j] = A.data[i * K + j]! * Math.sqrt(gamma[j]!);
    const Bm = { rows: M, cols: K, data: B };
    const C = matmul(Bm, Bm, { transB: true }).data as Float64Array;
    for (let i = 0; i < M; i++) C[i * M + i] = C[i * M + i]! + sigma2;
    const L = cholesky({ rows: M, cols: M, data: C });
    const W = solveTriangular(L, A, { lower: true }).data as Float64Array;
    const u = solveTriangular(L, y, { lower: true });
    const wu = matvec({ rows: M, cols: K, data: W }, u, true);
    const q = new Float64Array(K);
    for (let i = 0; i < M; i++) for (let j = 0; j < K; j++) q[j] = q[j]! + W[i * K + j]! ** 2;
    for (let j = 0; j < K; j++) {
      const g = gamma[j]!;
      mu[j] = g * wu[j]!;
      diag[j] = g - g * g * q[j]!;
      wellDetermined += g * q[j]!;
    }
  }
  return { mu: { re: mu, im: null }, diag, wellDetermined };
}

/**
 * E-step for a real or complex dictionary (columns = the active set). Complex data use the real
 * embedding [[Hr, −Hi], [Hi, Hr]] with prior variance γ/2 and noise variance σ²/2 per real part,
 * which is exactly the circular complex posterior; the two halves are added back.
 * @internal
 */
export function densePosterior(H: CMat, y: CVec, gamma: Float64Array, sigma2: number): Posterior {
  if (!H.im) return realPosterior({ rows: H.rows, cols: H.cols, data: H.re }, y.re, gamma, sigma2);
  const { rows: M, cols: K } = H;
  const M2 = 2 * M;
  const K2 = 2 * K;
  const E = realEmbedding(H);
  const ye = new Float64Array(M2);
  ye.set(y.re);
  if (y.im) ye.set(y.im, M);
  const ge = new Float64Array(K2);
  for (let j = 0; j < K; j++) ge[j] = ge[j + K] = gamma[j]! / 2;
  const p = realPosterior({ rows: M2, cols: K2, data: E }, ye, ge, sigma2 / 2);
  const diag = new Float64Array(K);
  for (let j = 0; j < K; j++) diag[j] = p.diag[j]! + p.diag[j + K]!;
  return { mu: { re: p.mu.re.slice(0, K), im: p.mu.re.slice(K) }, diag, wellDetermined: p.wellDetermined / 2 };
}
