/**
 * The KroSBL E-step without forming H or Σ (He & Joseph 2024, Sec. III): with H = ⊗Hᵢ and
 * γ = ⊗γᵢ, Σ_y = σ²I + ⊗(HᵢΓᵢHᵢᴴ) = (⊗Uᵢ)(σ²I + ⊗Dᵢ)(⊗Uᵢ)ᴴ from the factors' eigendecompositions
 * HᵢΓᵢHᵢᴴ = UᵢDᵢUᵢᴴ. Then, with Pᵢ = HᵢᴴUᵢ, r = 1 ./ (σ² + ⊗dᵢ) and z = r ∘ (⊗Uᵢ)ᴴy:
 *   μ = γ ∘ (⊗Pᵢ)·z,
 *   diag Σ = γ − γ² ∘ (⊗|Pᵢ|²)·r,
 *   ‖y − Hμ‖² = σ⁴‖z‖², tr(ΓHᴴΣ_y⁻¹H) = Σ d/(σ² + d),
 * all by vec-trick products: O(Σ Mᵢ³ + Σ MᵢKᵢ² + Π Kᵢ·Σ Mᵢ) per step, memory O(Π Kᵢ + Π Mᵢ).
 *
 * The EM loop needs Λ = diag Σ + |μ|² only through contractions with Kronecker weights (the
 * M-steps), so {@link kroLambda} keeps Λ = γ + γ²∘|w|² − γ²∘q (w = (⊗Pᵢ)z, q = (⊗|Pᵢ|²)r) in
 * parts: the γ term and the q term contract in factored form over the Π Mᵢ measurements, and only
 * T = γ²∘|w|² is a Π Kᵢ array. That saves the second Π Kᵢ-sized Kronecker product per iteration.
 *
 * @module
 * @internal
 */
import { type CMat, type CVec, cmatmul } from '../../linalg/dense/complex.js';
import { eighHermitian } from '../../linalg/dense/eigh-hermitian.js';
import { kronApply } from '../../linalg/dense/kron-matvec.js';
import type { Posterior } from './dense-posterior.js';
import { contractExcept, kronVectors } from './kron-vectors.js';
import { type LambdaTensor } from './lambda-tensor.js';

/** E-step output: the posterior plus ‖y − Hμ‖². @internal */
export interface KroPosterior extends Posterior {
  residualNorm2: number;
}

/** HᵢΓᵢHᵢᴴ for one factor (active columns), Hermitian Mᵢ x Mᵢ. */
function weightedGram(H: CMat, gamma: Float64Array): CMat {
  const { rows, cols } = H;
  const s = gamma.map(Math.sqrt);
  const re = new Float64Array(rows * cols);
  const im = H.im ? new Float64Array(rows * cols) : null;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      re[i * cols + j] = H.re[i * cols + j]! * s[j]!;
      if (im) im[i * cols + j] = H.im![i * cols + j]! * s[j]!;
    }
  }
  const B = { rows, cols, re, im };
  return cmatmul(B, B, false, true, false, true);
}

/** The factor-level parts of the E-step shared by {@link kroPosterior} and {@link kroLambda}. */
interface Parts {
  P: CMat[];
  /** |Pᵢ|² (Kᵢ x Mᵢ, row-major). */
  P2: CMat[];
  /** r = 1 ./ (σ² + ⊗dᵢ). */
  inv: Float64Array;
  /** z = r ∘ (⊗Uᵢ)ᴴy. */
  z: CVec;
  wellDetermined: number;
  residualNorm2: number;
}

function parts(factors: readonly CMat[], gammas: readonly Float64Array[], y: CVec, sigma2: number): Parts {
  const U: CMat[] = [];
  const P: CMat[] = [];
  const P2: CMat[] = [];
  const d: Float64Array[] = [];
  for (let i = 0; i < factors.length; i++) {
    const H = factors[i]!;
    const { values, vectors } = eighHermitian(weightedGram(H, gammas[i]!));
    d.push(values.map((v) => Math.max(v, 0)));
    U.push(vectors);
    const Pi = cmatmul(H, vectors, true, false, true, false);
    P.push(Pi);
    const sq = new Float64Array(Pi.re.length);
    for (let t = 0; t < sq.length; t++) sq[t] = Pi.re[t]! ** 2 + (Pi.im ? Pi.im[t]! ** 2 : 0);
    P2.push({ rows: Pi.rows, cols: Pi.cols, re: sq, im: null });
  }
  const dk = kronVectors(d);
  const inv = dk.map((v) => 1 / (sigma2 + v));
  const z = kronApply(U, y, true);
  let z2 = 0;
  let wellDetermined = 0;
  for (let m = 0; m < inv.length; m++) {
    z.re[m] = z.re[m]! * inv[m]!;
    if (z.im) z.im[m] = z.im[m]! * inv[m]!;
    z2 += z.re[m]! ** 2 + (z.im ? z.im[m]! ** 2 : 0);
    wellDetermined += dk[m]! * inv[m]!;
  }
  return { P, P2, inv, z, wellDetermined, residualNorm2: sigma2 * sigma2 * z2 };
}

/**
 * Posterior mean, diag(Σ), residual and trace term for y = (⊗Hᵢ)x + n with γ = ⊗γᵢ (see the
 * module comment). `factors` hold the active columns only.
 * @internal
 */
export function kroPosterior(factors: readonly CMat[], gammas: readonly Float64Array[], y: CVec, sigma2: number): KroPosterior {
  const { P, P2, inv, z, wellDetermined, residualNorm2 } = parts(factors, gammas, y, sigma2);
  const g = kronVectors(gammas);
  const mu = kronApply(P, z, false);
  const q = kronApply(P2, { re: inv, im: null }, false).re;
  const diag = new Float64Array(g.length);
  for (let n = 0; n < g.length; n++) {
    const gn = g[n]!;
    mu.re[n] = mu.re[n]! * gn;
    if (mu.im) mu.im[n] = mu.im[n]! * gn;
    diag[n] = Math.max(gn - gn * gn * q[n]!, 0);
  }
  return { mu, diag, wellDetermined, residualNorm2 };
}

/** uₖ[m] = Σⱼ Aₖ[j, m]·vₖ[j] for a K x M row-major Aₖ. */
function leftMatvec(A: CMat, v: Float64Array): Float64Array {
  const { rows, cols, re } = A;
  const u = new Float64Array(cols);
  for (let j = 0; j < rows; j++) {
    const s = v[j]!;
    if (s === 0) continue;
    const o = j * cols;
    for (let m = 0; m < cols; m++) u[m] = u[m]! + re[o + m]! * s;
  }
  return u;
}

/**
 * The E-step's Λ = diag Σ + |μ|² as a {@link LambdaTensor} (see the module comment), with the
 * noise-update terms. One Π Kᵢ-sized Kronecker product (w) per call.
 * @internal
 */
export function kroLambda(factors: readonly CMat[], gammas: readonly Float64Array[], y: CVec, sigma2: number): { lambda: LambdaTensor; wellDetermined: number; residualNorm2: number } {
  const { P, P2, inv, z, wellDetermined, residualNorm2 } = parts(factors, gammas, y, sigma2);
  const I = gammas.length;
  const dims = gammas.map((g) => g.length);
  const mdims = factors.map((H) => H.rows);
  // T = γ² ∘ |w|², in place in w's real plane; γ = (⊗_{k<I} γₖ) ⊗ γ_I without forming it.
  const w = kronApply(P, z, false);
  const T = w.re;
  const head = kronVectors(gammas.slice(0, I - 1));
  const last = gammas[I - 1]!;
  const R = last.length;
  for (let l = 0; l < head.length; l++) {
    const a = head[l]!;
    const o = l * R;
    for (let r = 0; r < R; r++) {
      const g = a * last[r]!;
      const wi = w.im ? w.im[o + r]! : 0;
      T[o + r] = g * g * (T[o + r]! ** 2 + wi * wi);
    }
  }
  const contract = (wts: readonly Float64Array[], keep: number): Float64Array => {
    // γ term: Π_{k≠keep} ⟨wₖ, γₖ⟩ (times γ_keep).
    let dotOthers = 1;
    const u: Float64Array[] = [];
    for (let k = 0; k < I; k++) {
      if (k === keep) {
        u.push(new Float64Array(mdims[k]!));
        continue;
      }
      let s = 0;
      const v = new Float64Array(dims[k]!);
      for (let j = 0; j < v.length; j++) {
        s += wts[k]![j]! * gammas[k]![j]!;
        v[j] = wts[k]![j]! * gammas[k]![j]! ** 2;
      }
      dotOthers *= s;
      u.push(leftMatvec(P2[k]!, v));
    }
    const out = contractExcept(T, dims, wts, keep);
    const S = contractExcept(inv, mdims, u, keep);
    if (keep < 0) {
      out[0] = out[0]! + dotOthers - S[0]!;
      return out;
    }
    const Pk = P2[keep]!;
    const gk = gammas[keep]!;
    for (let j = 0; j < out.length; j++) {
      let q = 0;
      const o = j * Pk.cols;
      for (let m = 0; m < Pk.cols; m++) q += Pk.re[o + m]! * S[m]!;
      out[j] = out[j]! + gk[j]! * dotOthers - gk[j]! ** 2 * q;
    }
    return out;
  };
  const dense = (): Float64Array => {
    const q = kronApply(P2, { re: inv, im: null }, false).re;
    const g = kronVectors(gammas);
    const L = new Float64Array(g.length);
    for (let n = 0; n < L.length; n++) L[n] = Math.max(g[n]! - g[n]! * g[n]! * q[n]!, 0) + T[n]!;
    return L;
  };
  return { lambda: { dims, contract, dense }, wellDetermined, residualNorm2 };
}
