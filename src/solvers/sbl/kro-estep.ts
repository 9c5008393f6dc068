/**
 * The KroSBL E-step without forming H or Σ (He & Joseph 2024, Sec. III): with H = ⊗Hᵢ and
 * γ = ⊗γᵢ, Σ_y = σ²I + ⊗(HᵢΓᵢHᵢᴴ) = (⊗Uᵢ)(σ²I + ⊗Dᵢ)(⊗Uᵢ)ᴴ from the factors' eigendecompositions
 * HᵢΓᵢHᵢᴴ = UᵢDᵢUᵢᴴ. Then, with Pᵢ = HᵢᴴUᵢ and z = (⊗Uᵢ)ᴴy ./ (σ² + ⊗dᵢ):
 *   μ = γ ∘ (⊗Pᵢ)·z,
 *   diag Σ = γ − γ² ∘ (⊗|Pᵢ|²)·(1 ./ (σ² + ⊗dᵢ)),
 *   ‖y − Hμ‖² = σ⁴‖z‖², tr(ΓHᴴΣ_y⁻¹H) = Σ d/(σ² + d),
 * all by vec-trick products: O(Σ Mᵢ³ + Σ MᵢKᵢ² + Π Kᵢ·Σ Mᵢ) per step, memory O(Π Kᵢ + Π Mᵢ).
 *
 * @module
 * @internal
 */
import { type CMat, type CVec, cmatmul } from '../../linalg/dense/complex.js';
import { eighHermitian } from '../../linalg/dense/eigh-hermitian.js';
import { kronApply } from '../../linalg/dense/kron-matvec.js';
import type { Posterior } from './dense-posterior.js';
import { kronVectors } from './kron-vectors.js';

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

/**
 * Posterior mean, diag(Σ), residual and trace term for y = (⊗Hᵢ)x + n with γ = ⊗γᵢ (see the
 * module comment). `factors` hold the active columns only.
 * @internal
 */
export function kroPosterior(factors: readonly CMat[], gammas: readonly Float64Array[], y: CVec, sigma2: number): KroPosterior {
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
  return { mu, diag, wellDetermined, residualNorm2: sigma2 * sigma2 * z2 };
}
