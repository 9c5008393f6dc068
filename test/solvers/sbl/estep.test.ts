// The E-steps against direct dense formulas: the dense SBL posterior against NumPy's
// Σ = Γ − ΓHᴴ(σ²I + HΓHᴴ)⁻¹HΓ, μ = σ⁻²ΣHᴴy (live), and the matrix-free Kronecker E-step against
// the dense one on the explicit Kronecker matrix (real and complex).
import { describe, expect, it } from 'vitest';
import { maxRel } from './helpers.js';
import * as lib from '../../../src/index.js';
import { createRng } from '../../../src/index.js';
import type { CMat, CVec } from '../../../src/linalg/dense/complex.js';
import { densePosterior } from '../../../src/solvers/sbl/dense-posterior.js';
import { kroLambda, kroPosterior } from '../../../src/solvers/sbl/kro-estep.js';
import { contractExcept } from '../../../src/solvers/sbl/kron-vectors.js';
import { pythonMissing, runPython } from '../../helpers/python.js';
// @ts-expect-error plain JS helper shared with the benchmarks
import { denseKron } from '../../../bench/lib/sbl-problems.mjs';

function randC(rng: ReturnType<typeof createRng>, rows: number, cols: number, complex: boolean): CMat {
  return { rows, cols, re: rng.fillNormal(new Float64Array(rows * cols)), im: complex ? rng.fillNormal(new Float64Array(rows * cols)) : null };
}

function ckron(factors: CMat[]): CMat {
  const re = denseKron(factors.map((f) => ({ rows: f.rows, cols: f.cols, data: f.re }))) as { rows: number; cols: number; data: Float64Array };
  if (!factors.some((f) => f.im)) return { rows: re.rows, cols: re.cols, re: re.data, im: null };
  // Complex Kronecker product by hand: entry products of complex numbers.
  let A: CMat = { rows: 1, cols: 1, re: new Float64Array([1]), im: new Float64Array([0]) };
  for (const B of factors) {
    const rows = A.rows * B.rows;
    const cols = A.cols * B.cols;
    const r = new Float64Array(rows * cols);
    const m = new Float64Array(rows * cols);
    for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) for (let p = 0; p < B.rows; p++) for (let q = 0; q < B.cols; q++) {
      const ar = A.re[i * A.cols + j]!;
      const ai = A.im![i * A.cols + j]!;
      const br = B.re[p * B.cols + q]!;
      const bi = B.im ? B.im[p * B.cols + q]! : 0;
      const o = (i * B.rows + p) * cols + j * B.cols + q;
      r[o] = ar * br - ai * bi;
      m[o] = ar * bi + ai * br;
    }
    A = { rows, cols, re: r, im: m };
  }
  return A;
}

function kronVec(vs: Float64Array[]): Float64Array {
  let out = new Float64Array([1]);
  for (const v of vs) {
    const next = new Float64Array(out.length * v.length);
    for (let i = 0; i < out.length; i++) for (let j = 0; j < v.length; j++) next[i * v.length + j] = out[i]! * v[j]!;
    out = next;
  }
  return out;
}


const PY_POSTERIOR = `
import numpy as np
H = np.array(inp['re']).reshape(inp['m'], inp['n'])
if inp['im'] is not None: H = H + 1j * np.array(inp['im']).reshape(inp['m'], inp['n'])
y = np.array(inp['yre']) + (1j * np.array(inp['yim']) if inp['yim'] is not None else 0)
g = np.array(inp['gamma']); s2 = inp['sigma2']
G = np.diag(g)
Sy = s2 * np.eye(inp['m']) + H @ G @ H.conj().T
S = G - G @ H.conj().T @ np.linalg.solve(Sy, H @ G)
mu = S @ H.conj().T @ y / s2
print(json.dumps({'mure': mu.real.tolist(), 'muim': mu.imag.tolist(), 'diag': np.real(np.diag(S)).tolist()}))
`;

describe('dense SBL E-step', () => {
  const skip = pythonMissing(['numpy']);
  for (const [m, n, complex] of [[12, 7, false], [6, 15, false], [10, 4, true], [5, 9, true]] as const) {
    it.skipIf(!!skip)(`matches NumPy's direct Σ and μ (${m} x ${n}${complex ? ', complex' : ''}; ${n <= m ? 'K x K' : 'M x M'} form)`, () => {
      const rng = createRng(`estep-${m}-${n}-${complex}`);
      const H = randC(rng, m, n, complex);
      const y: CVec = { re: rng.fillNormal(new Float64Array(m)), im: complex ? rng.fillNormal(new Float64Array(m)) : null };
      const gamma = rng.fillUniform(new Float64Array(n), 0.1, 2);
      const sigma2 = 0.3;
      const p = densePosterior(H, y, gamma, sigma2);
      const ref = runPython<{ mure: number[]; muim: number[]; diag: number[] }>(PY_POSTERIOR, {
        re: Array.from(H.re), im: H.im ? Array.from(H.im) : null, m, n, yre: Array.from(y.re), yim: y.im ? Array.from(y.im) : null, gamma: Array.from(gamma), sigma2,
      });
      expect(maxRel(p.mu.re, Float64Array.from(ref.mure))).toBeLessThan(1e-10);
      if (complex) expect(maxRel(p.mu.im!, Float64Array.from(ref.muim))).toBeLessThan(1e-10);
      expect(maxRel(p.diag, Float64Array.from(ref.diag))).toBeLessThan(1e-10);
    });
  }
});

describe('Kronecker E-step equals the dense E-step on the explicit Kronecker matrix', () => {
  const cases = [
    { rows: [3, 4], cols: [5, 3], complex: false },
    { rows: [2, 3, 4], cols: [3, 4, 2], complex: false },
    { rows: [4, 5], cols: [3, 6], complex: true },
    { rows: [2, 2, 3], cols: [3, 2, 4], complex: true },
  ];
  for (const { rows, cols, complex } of cases) {
    it(`${rows.map((r, i) => `${r}x${cols[i]}`).join(' ⊗ ')}${complex ? ' complex' : ''}`, () => {
      const rng = createRng(`kro-estep-${rows}-${cols}-${complex}`);
      const F = rows.map((r, i) => randC(rng, r, cols[i]!, complex));
      const gammas = cols.map((c) => rng.fillUniform(new Float64Array(c), 0.2, 3));
      const M = rows.reduce((p, r) => p * r, 1);
      const y: CVec = { re: rng.fillNormal(new Float64Array(M)), im: complex ? rng.fillNormal(new Float64Array(M)) : null };
      const sigma2 = 0.05;
      const kp = kroPosterior(F, gammas, y, sigma2);
      const H = ckron(F);
      const dp = densePosterior(H, y, kronVec(gammas), sigma2);
      expect(maxRel(kp.mu.re, dp.mu.re)).toBeLessThan(1e-9);
      if (complex) expect(maxRel(kp.mu.im!, dp.mu.im!)).toBeLessThan(1e-9);
      expect(maxRel(kp.diag, dp.diag)).toBeLessThan(1e-9);
      expect(Math.abs(kp.wellDetermined - dp.wellDetermined) / dp.wellDetermined).toBeLessThan(1e-9);
      // The factored Λ of the EM loop: its contractions equal those of diag Σ + |μ|² from the dense posterior.
      const L = new Float64Array(dp.diag.length);
      for (let n = 0; n < L.length; n++) L[n] = dp.diag[n]! + dp.mu.re[n]! ** 2 + (dp.mu.im ? dp.mu.im[n]! ** 2 : 0);
      const kl = kroLambda(F, gammas, y, sigma2);
      const dims = gammas.map((g) => g.length);
      expect(maxRel(kl.lambda.dense(), L)).toBeLessThan(1e-9);
      const w = dims.map((d) => rng.fillNormal(new Float64Array(d)).map(Math.abs));
      for (let keep = -1; keep < dims.length; keep++) expect(maxRel(kl.lambda.contract(w, keep), contractExcept(L, dims, w, keep))).toBeLessThan(1e-9);
      expect(Math.abs(kl.residualNorm2 - kp.residualNorm2)).toBeLessThanOrEqual(1e-12 * kp.residualNorm2);
      // ‖y − Hμ‖² from the eigenbasis equals the direct residual.
      const Hmu = lib.kronMatvec(F.map((f) => ({ rows: f.rows, cols: f.cols, data: f.re })), kp.mu.re);
      if (!complex) {
        let r2 = 0;
        for (let i = 0; i < M; i++) r2 += (y.re[i]! - Hmu[i]!) ** 2;
        expect(Math.abs(kp.residualNorm2 - r2) / r2).toBeLessThan(1e-9);
      }
    });
  }
});
