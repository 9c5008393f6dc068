// bench:compare section "irs-mimo": He & Joseph's IRS-aided MIMO channel estimation with angle
// spread (their PC-KroSBL experiment, set-up read from YanbinHe/JournalKroSBL/PC-KroSBL/main.m):
// 6 UE antennas, 16 BS antennas, 16^2 IRS elements, 18-point angle grids, 3 pilots, 6 IRS patterns,
// angle spread 3; y = (H_p1 ⊗ H_p2 ⊗ A_BS)x + n, complex, 288 x 5832. Reports the channel NMSE
// (mean over the IRS patterns, as the authors) and the time per solve beside their MATLAB figures.
//
//   node bench/compare.mjs irs-mimo        IRS_TRIALS trials (default 10; the authors: 50)
//   IRS_SNRS=4,20                          SNR list (default 4,8,12,16,20)
import * as sp from '../../dist/index.js';
import { printTable } from '../lib/harness.mjs';

const R = 18; // atoms per angle dictionary
const MS = 6;
const BS = 16;
const IRS = 256;
const K1 = 3; // pilots
const K2 = 6; // IRS reflection patterns
const SPREAD = 3;

/** Complex matrix in planes. */
const cm = (rows, cols) => ({ rows, cols, re: new Float64Array(rows * cols), im: new Float64Array(rows * cols) });

/** dim x R steering dictionary: column i = exp(jπ(2i/R − 1)·t)/√dim, t = 0..dim−1. */
function dict(dim) {
  const A = cm(dim, R);
  for (let t = 0; t < dim; t++) for (let i = 0; i < R; i++) {
    const ph = Math.PI * (2 * i / R - 1) * t;
    A.re[t * R + i] = Math.cos(ph) / Math.sqrt(dim);
    A.im[t * R + i] = Math.sin(ph) / Math.sqrt(dim);
  }
  return A;
}

/** C = A·B (conjA: conj(A)). */
function mul(A, B, conjA = false) {
  const C = cm(A.rows, B.cols);
  const s = conjA ? -1 : 1;
  for (let i = 0; i < A.rows; i++) for (let k = 0; k < A.cols; k++) {
    const ar = A.re[i * A.cols + k], ai = s * A.im[i * A.cols + k];
    if (ar === 0 && ai === 0) continue;
    for (let j = 0; j < B.cols; j++) {
      const br = B.re[k * B.cols + j], bi = B.im[k * B.cols + j];
      C.re[i * B.cols + j] += ar * br - ai * bi;
      C.im[i * B.cols + j] += ar * bi + ai * br;
    }
  }
  return C;
}

/** Aᴴ. */
function herm(A) {
  const C = cm(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) {
    C.re[j * A.rows + i] = A.re[i * A.cols + j];
    C.im[j * A.rows + i] = -A.im[i * A.cols + j];
  }
  return C;
}

/** Interleaved rows (the library's complex input). */
const interleave = (A) => ({ rows: A.rows, cols: 2 * A.cols, data: Float64Array.from({ length: 2 * A.re.length }, (_, t) => (t % 2 ? A.im[t >> 1] : A.re[t >> 1])) });

function trial(seed, snrs) {
  const rng = sp.createRng(seed);
  const cn = () => [rng.normal() / Math.SQRT2, rng.normal() / Math.SQRT2];
  // QPSK pilots (MS x K1) / √MS and ±1/√IRS reflection patterns (IRS x K2).
  const X = cm(MS, K1);
  for (let t = 0; t < MS * K1; t++) {
    X.re[t] = (rng.random() < 0.5 ? 1 : -1) / Math.SQRT2 / Math.sqrt(MS);
    X.im[t] = (rng.random() < 0.5 ? 1 : -1) / Math.SQRT2 / Math.sqrt(MS);
  }
  const pat = cm(IRS, K2);
  for (let t = 0; t < IRS * K2; t++) pat.re[t] = (rng.random() < 0.5 ? 1 : -1) / Math.sqrt(IRS);
  // Angles: one UE departure, a 3-wide block of IRS arrivals, one IRS departure, a 3-wide block of BS arrivals.
  const aodMs = rng.integer(0, R);
  const s1 = rng.integer(0, R - SPREAD + 1);
  const aoaIrs = [0, 1, 2].map((d) => (s1 + d) % R);
  const aodIrs = rng.integer(0, R);
  const s2 = rng.integer(0, R - SPREAD + 1);
  const aoaBs = [0, 1, 2].map((d) => (s2 + d) % R);
  const A2 = dict(BS), Ad = dict(IRS), Aa = dict(IRS), A1 = dict(MS);
  // H2 = √(BS·IRS/3)·A2·diag-path·Ad(:, aodIrs)ᴴ (BS x IRS), H1 = √(MS·IRS/3)·Aa·paths·A1(:, aodMs)ᴴ (IRS x MS).
  const col = (A, j) => { const c = cm(A.rows, 1); for (let t = 0; t < A.rows; t++) { c.re[t] = A.re[t * R + j]; c.im[t] = A.im[t * R + j]; } return c; };
  const comb = (A, idx, scale) => {
    const c = cm(A.rows, 1);
    for (const j of idx) {
      const [gr, gi] = cn();
      for (let t = 0; t < A.rows; t++) {
        const ar = A.re[t * R + j], ai = A.im[t * R + j];
        c.re[t] += scale * (ar * gr - ai * gi);
        c.im[t] += scale * (ar * gi + ai * gr);
      }
    }
    return c;
  };
  const H2 = mul(comb(A2, aoaBs, Math.sqrt(BS * IRS / SPREAD)), herm(col(Ad, aodIrs)));
  const H1 = mul(comb(Aa, aoaIrs, Math.sqrt(MS * IRS / SPREAD)), herm(col(A1, aodMs)));
  // Cascaded channel per pattern i: vec(H2·diag(pᵢ)·H1) (BS x MS, column-major).
  const cascade = (i) => {
    const D = cm(BS, IRS);
    for (let b = 0; b < BS; b++) for (let n = 0; n < IRS; n++) {
      D.re[b * IRS + n] = H2.re[b * IRS + n] * pat.re[n * K2 + i];
      D.im[b * IRS + n] = H2.im[b * IRS + n] * pat.re[n * K2 + i];
    }
    const G = mul(D, H1);
    const v = cm(BS * MS, 1);
    for (let b = 0; b < BS; b++) for (let a = 0; a < MS; a++) { v.re[a * BS + b] = G.re[b * MS + a]; v.im[a * BS + b] = G.im[b * MS + a]; }
    return v;
  };
  const Htrue = Array.from({ length: K2 }, (_, i) => cascade(i));
  // Received pilots: for pattern i and pilot k, Y = G_i·X(:, k); y = vec over (i, k, b) (i slowest).
  const M = K2 * K1 * BS;
  const clean = cm(M, 1);
  for (let i = 0; i < K2; i++) for (let k = 0; k < K1; k++) for (let b = 0; b < BS; b++) {
    let re = 0, im = 0;
    for (let a = 0; a < MS; a++) {
      const gr = Htrue[i].re[a * BS + b], gi = Htrue[i].im[a * BS + b];
      const xr = X.re[a * K1 + k], xi = X.im[a * K1 + k];
      re += gr * xr - gi * xi;
      im += gr * xi + gi * xr;
    }
    clean.re[(i * K1 + k) * BS + b] = re;
    clean.im[(i * K1 + k) * BS + b] = im;
  }
  let power = 0;
  for (let t = 0; t < M; t++) power += clean.re[t] ** 2 + clean.im[t] ** 2;
  power /= M;
  // Dictionaries: H_p1[i, q] = Σₙ pᵢ[n]·Aa[n, 0]·conj(Ad[n, q]) (the IRS difference angles),
  // H_p2 = Xᵀ·conj(A1), and A2.
  const Hp1 = cm(K2, R);
  for (let i = 0; i < K2; i++) for (let q = 0; q < R; q++) {
    let re = 0, im = 0;
    for (let n = 0; n < IRS; n++) {
      const p = pat.re[n * K2 + i];
      const ar = Aa.re[n * R], ai = Aa.im[n * R];
      const dr = Ad.re[n * R + q], di = -Ad.im[n * R + q];
      re += p * (ar * dr - ai * di);
      im += p * (ar * di + ai * dr);
    }
    Hp1.re[i * R + q] = re;
    Hp1.im[i * R + q] = im;
  }
  const Xt = cm(K1, MS);
  for (let a = 0; a < MS; a++) for (let k = 0; k < K1; k++) { Xt.re[k * MS + a] = X.re[a * K1 + k]; Xt.im[k * MS + a] = X.im[a * K1 + k]; }
  const A1c = { ...A1, im: A1.im.map((v) => -v) };
  const Hp2 = mul(Xt, A1c);
  const factors = [Hp1, Hp2, A2].map(interleave);
  // Channel reconstruction for pattern i: (H_p1[i, :] ⊗ conj(A1) ⊗ A2)·x̂.
  const channelNmse = (xhat) => {
    let total = 0;
    for (let i = 0; i < K2; i++) {
      const row = { rows: 1, cols: 2 * R, data: Float64Array.from({ length: 2 * R }, (_, t) => (t % 2 ? Hp1.im[i * R + (t >> 1)] : Hp1.re[i * R + (t >> 1)])) };
      const est = sp.kronMatvec([row, interleave(A1c), interleave(A2)], xhat, { complex: true });
      let e = 0, s = 0;
      for (let t = 0; t < BS * MS; t++) {
        e += (est[2 * t] - Htrue[i].re[t]) ** 2 + (est[2 * t + 1] - Htrue[i].im[t]) ** 2;
        s += Htrue[i].re[t] ** 2 + Htrue[i].im[t] ** 2;
      }
      total += e / s;
    }
    return total / K2;
  };
  return snrs.map((snr) => {
    const noiseVariance = power / 10 ** (snr / 10);
    const sd = Math.sqrt(noiseVariance / 2);
    const y = new Float64Array(2 * M);
    for (let t = 0; t < M; t++) {
      y[2 * t] = clean.re[t] + sd * rng.normal();
      y[2 * t + 1] = clean.im[t] + sd * rng.normal();
    }
    return { snr, factors, y, noiseVariance, channelNmse };
  });
}

export default async function run() {
  const trials = Number(process.env.IRS_TRIALS ?? 10);
  const snrs = (process.env.IRS_SNRS ?? '4,8,12,16,20').split(',').map(Number);
  const methods = {
    'PC-KroSBL α=0.5': (P) => sp.kroSbl(P.factors, P.y, { complex: true, noiseVariance: P.noiseVariance, coupling: [0.5, 0, 0.5], pruneThreshold: [1e-2, 1e-1, 1e-2] }),
    'PC-KroSBL α=0.8': (P) => sp.kroSbl(P.factors, P.y, { complex: true, noiseVariance: P.noiseVariance, coupling: [0.8, 0, 0.8], pruneThreshold: [1e-2, 1e-1, 1e-2] }),
    'AM-KroSBL': (P) => sp.kroSbl(P.factors, P.y, { complex: true, noiseVariance: P.noiseVariance }),
    'SVD-KroSBL': (P) => sp.kroSbl(P.factors, P.y, { complex: true, noiseVariance: P.noiseVariance, method: 'svd' }),
  };
  const acc = {};
  for (let t = 0; t < trials; t++) {
    for (const P of trial(`irs-${t}`, snrs)) {
      for (const [name, f] of Object.entries(methods)) {
        const t0 = performance.now();
        const r = f(P);
        const ms = performance.now() - t0;
        const key = `${name}@${P.snr}`;
        (acc[key] ??= { name, snr: P.snr, e: [], ms: [] });
        acc[key].e.push(P.channelNmse(r.x));
        acc[key].ms.push(ms);
      }
    }
  }
  const mean = (a) => a.reduce((p, v) => p + v, 0) / a.length;
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };
  const authors = { 4: 0.312, 20: 0.0029 };
  const rows = Object.values(acc).map((a) => ({ method: a.name, SNR: a.snr, 'mean NMSE': mean(a.e), 'median NMSE': median(a.e), 'authors PC-KroSBL': a.name.startsWith('PC') ? authors[a.snr] ?? '-' : '-', 'ms / solve': median(a.ms) }));
  printTable(`IRS-MIMO channel estimation (288 x 5832 complex, ${trials} trials; authors: 50 trials, MATLAB 7.4 s per solve at 20 dB, 26.9 s at 4 dB)`, rows);
}

