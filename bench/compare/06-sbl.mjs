// bench:compare section "sbl": Kronecker-structured SBL against a dense NumPy SBL and scikit-learn's
// ARDRegression on He & Joseph's synthetic setting (1440 x 3375: factors 8/12/15 x 15, 3 Gaussian
// nonzeros per factor, 20 dB), the NMSE / support sweep over SNR, growth with factor size, and
// three factors of 100 columns (10^6 unknowns).
//
//   node bench/compare.mjs sbl                   everything at the default sizes
//   SBL_ONLY=main|sweep|growth|big ...           one part
//   SBL_FULL=1                                   full dense solves: ours, NumPy SBL, ARDRegression (many minutes)
//   SBL_FULL=py                                  full NumPy SBL and ARDRegression only (ours: 2 iterations)
//   SBL_TRIALS=200                               sweep trials per SNR (default 20; the paper: 200)
//   SBL_DENSE_TRIALS=1                           also dense SBL on the first trials of each SNR (slow)
//   SBL_SNRS=5,20                                sweep SNRs (default 5,10,...,30)
//   SBL_SVG=docs/sparse-bayesian-learning-nmse.svg   write the sweep plot there
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sp from '../../dist/index.js';
import { kroneckerProblem, nmse, supportRecovery, denseKron } from '../lib/sbl-problems.mjs';
import { peakRssMiB, printTable, runPython } from '../lib/harness.mjs';
import { nmseSvg } from '../lib/sbl-svg.mjs';

const only = process.env.SBL_ONLY ?? '';
const want = (k) => only === '' || only.split(',').includes(k);
// SBL_FULL=1: full dense solves (ours, NumPy, ARDRegression); SBL_FULL=py: full NumPy and ARD only.
const full = process.env.SBL_FULL === '1' || process.env.SBL_FULL === 'py';
const fullOurs = process.env.SBL_FULL === '1';
const db = (v) => 10 * Math.log10(v);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };
const mean = (a) => a.reduce((p, v) => p + v, 0) / a.length;

const PY_SBL = `
import os, numpy as np, time
from scipy.linalg import solve_triangular
d = inp['dir']; M, N = inp['M'], inp['N']
H = np.fromfile(os.path.join(d, 'H'), dtype=np.float64).reshape(M, N)
y = np.fromfile(os.path.join(d, 'y'), dtype=np.float64)
x = np.fromfile(os.path.join(d, 'x'), dtype=np.float64)
s2 = inp['s2']
def posterior(act, g):
    Ha = H[:, act]; ga = g[act]
    L = np.linalg.cholesky(s2 * np.eye(M) + (Ha * ga) @ Ha.T)
    W = solve_triangular(L, Ha, lower=True, check_finite=False); u = solve_triangular(L, y, lower=True, check_finite=False)
    return ga * (W.T @ u), ga - ga * ga * (W * W).sum(0)
def sbl(max_iter, tol=1e-4, prune=1e-3):
    g = np.ones(N); act = np.arange(N); its = []
    for it in range(max_iter):
        t0 = time.perf_counter()
        mu, dg = posterior(act, g)
        new = np.zeros(N); new[act] = dg + mu ** 2
        keep = new[act] >= prune * new.max(); new[act[~keep]] = 0; act = act[keep]
        ch = np.linalg.norm(new - g) / np.linalg.norm(g); g = new
        its.append(time.perf_counter() - t0)
        if ch < tol: break
    mu, _ = posterior(act, g); xh = np.zeros(N); xh[act] = mu
    return xh, its
out = {}
t0 = time.perf_counter(); xh, its = sbl(inp['sblIters']); out['sbl'] = {'total': time.perf_counter() - t0, 'iters': len(its), 'perIter': float(np.median(its)), 'nmse': float(np.sum((xh - x) ** 2) / np.sum(x ** 2))}
if inp['ardIters'] > 0:
    import warnings; warnings.simplefilter('ignore')
    from sklearn.linear_model import ARDRegression
    t0 = time.perf_counter(); m = ARDRegression(fit_intercept=False, n_iter=inp['ardIters']).fit(H, y)
    out['ard'] = {'total': time.perf_counter() - t0, 'iters': inp['ardIters'], 'nmse': float(np.sum((m.coef_ - x) ** 2) / np.sum(x ** 2)), 'kept': int(np.sum(m.coef_ != 0))}
out['peakMiB'] = peak_mib()
print(json.dumps(out))
`;

// Wall time and this process's CPU time: on a shared machine the CPU time is the steadier figure.
function timeSolve(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const c = process.cpuUsage(c0);
  return { r, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1e3 };
}

function mainComparison() {
  const P = kroneckerProblem(sp, 'bench-main', { snrDb: 20 });
  const rows = [];
  for (const method of ['am', 'svd']) {
    // Warm up once, then median of 3 solves.
    sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method, maxIter: 3 });
    const runs = [0, 1, 2].map(() => timeSolve(() => sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method })));
    const ms = median(runs.map((t) => t.ms));
    const cpu = median(runs.map((t) => t.cpuMs));
    const r = runs[0].r;
    rows.push({ method: `kroSbl ${method}`, 'solve s': ms / 1e3, 'CPU s': cpu / 1e3, iterations: r.iterations, 'ms / iter': ms / r.iterations, 'CPU ms / iter': cpu / r.iterations, 'NMSE dB': db(nmse(r.x, P.x)), support: supportRecovery(r.support, P.support) });
  }
  const o = timeSolve(() => sp.kroOmp(P.factors, P.y, { sparsity: 3 }));
  rows.push({ method: 'kroOmp', 'solve s': o.ms / 1e3, 'CPU s': o.cpuMs / 1e3, iterations: o.r.iterations, 'ms / iter': o.ms / o.r.iterations, 'NMSE dB': db(nmse(o.r.x, P.x)), support: supportRecovery(o.r.support, P.support) });
  const H = denseKron(P.factors);
  const ourDenseIters = fullOurs ? 150 : 2;
  const d = timeSolve(() => sp.sbl(H, P.y, { noiseVariance: P.noiseVariance, maxIter: ourDenseIters }));
  rows.push({ method: `sbl (ours, dense${fullOurs ? '' : `, ${ourDenseIters} iterations`})`, 'solve s': d.ms / 1e3, 'CPU s': d.cpuMs / 1e3, iterations: d.r.iterations, 'ms / iter': d.ms / d.r.iterations, 'CPU ms / iter': d.cpuMs / d.r.iterations, 'NMSE dB': fullOurs ? db(nmse(d.r.x, P.x)) : '-', support: fullOurs ? supportRecovery(d.r.support, P.support) : '-' });
  const dir = mkdtempSync(join(tmpdir(), 'sbl-bench-'));
  try {
    writeFileSync(join(dir, 'H'), H.data);
    writeFileSync(join(dir, 'y'), P.y);
    writeFileSync(join(dir, 'x'), P.x);
    const py = runPython(PY_SBL, { dir, M: H.rows, N: H.cols, s2: P.noiseVariance, sblIters: full ? 150 : 2, ardIters: full ? 300 : 2 }, { python: '/usr/bin/python3', modules: ['numpy', 'scipy', 'sklearn'] });
    if (py) {
      rows.push({ method: `NumPy dense SBL${full ? '' : ' (2 iterations)'}`, 'solve s': py.sbl.total, iterations: py.sbl.iters, 'ms / iter': py.sbl.perIter * 1e3, 'NMSE dB': full ? db(py.sbl.nmse) : '-', support: '-' });
      rows.push({ method: `sklearn ARDRegression${full ? '' : ' (2 iterations)'}`, 'solve s': py.ard.total, iterations: py.ard.iters, 'ms / iter': (py.ard.total / py.ard.iters) * 1e3, 'NMSE dB': full ? db(py.ard.nmse) : '-', support: '-' });
      const kro = rows[0];
      const np = rows.find((r) => r.method.startsWith('NumPy'));
      console.log(`ratio (NumPy dense SBL ms/iter) / (kroSbl am ms/iter) = ${(np['ms / iter'] / kro['ms / iter']).toFixed(0)}x`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(`SBL on 1440 x 3375 (factors 8/12/15 x 15, 3 nonzeros per factor, 20 dB), peak RSS ${peakRssMiB().toFixed(0)} MiB`, rows);
}

function sweep() {
  const trials = Number(process.env.SBL_TRIALS ?? 20);
  // Dense SBL (ours, on the explicit 1440 x 3375 matrix, ~1-2 min per solve) on the first trials only.
  const denseTrials = Math.min(Number(process.env.SBL_DENSE_TRIALS ?? 0), trials);
  const snrs = (process.env.SBL_SNRS ?? '5,10,15,20,25,30').split(',').map(Number);
  const methods = { 'AM-KroSBL': (P) => sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method: 'am' }), 'SVD-KroSBL': (P) => sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method: 'svd' }), KroOMP: (P) => sp.kroOmp(P.factors, P.y, { sparsity: 3 }) };
  const dense = denseTrials > 0 ? { [`SBL (dense, ${denseTrials} trials)`]: (P) => sp.sbl(denseKron(P.factors), P.y, { noiseVariance: P.noiseVariance }) } : {};
  const all = { ...methods, ...dense };
  const rows = [];
  const series = Object.fromEntries(Object.keys(all).map((m) => [m, []]));
  const cpuMs = Object.fromEntries(Object.keys(all).map((m) => [m, 0]));
  const wallMs = Object.fromEntries(Object.keys(all).map((m) => [m, 0]));
  for (const snr of snrs) {
    const acc = Object.fromEntries(Object.keys(all).map((m) => [m, { e: [], s: [] }]));
    for (let t = 0; t < trials; t++) {
      const P = kroneckerProblem(sp, `sweep-${snr}-${t}`, { snrDb: snr });
      for (const [m, f] of Object.entries(all)) {
        if (m in dense && t >= denseTrials) continue;
        const { r, ms, cpuMs: c } = timeSolve(() => f(P));
        cpuMs[m] += c;
        wallMs[m] += ms;
        acc[m].e.push(nmse(r.x, P.x));
        acc[m].s.push(supportRecovery(r.support, P.support));
      }
    }
    for (const m of Object.keys(all)) {
      rows.push({ SNR: snr, method: m, 'median NMSE dB': db(median(acc[m].e)), 'mean NMSE dB': db(mean(acc[m].e)), support: mean(acc[m].s) });
      series[m].push({ snr, median: median(acc[m].e), mean: mean(acc[m].e), support: mean(acc[m].s) });
    }
  }
  const kro = Object.keys(methods);
  const sum = (o) => kro.reduce((p, m) => p + o[m], 0) / 1e3;
  printTable(`NMSE and support recovery (Jaccard) vs SNR, 1440 x 3375, ${trials} trials per SNR: ${trials * snrs.length} problems x ${kro.length} methods in ${sum(wallMs).toFixed(0)} s wall, ${sum(cpuMs).toFixed(0)} s CPU (the paper's 200 x 6 sweep: 25-30 h in MATLAB)`, rows);
  printTable('Solve time per method over the sweep', Object.keys(all).map((m) => ({ method: m, 'wall s': wallMs[m] / 1e3, 'CPU s': cpuMs[m] / 1e3, 'CPU ms / solve': cpuMs[m] / (m in dense ? denseTrials : trials) / snrs.length })));
  if (process.env.SBL_SVG) writeFileSync(process.env.SBL_SVG, nmseSvg(series, `NMSE vs SNR, 1440 x 3375, ${trials} trials per SNR (median; dashed: mean)`));
}

function child(kind, n) {
  // One configuration in a fresh process so its peak RSS is its own.
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, String(n)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function growth() {
  const rows = [];
  // Dense SBL stores the Π Mᵢ x Π Nᵢ matrix: up to 15 columns per factor (with SBL_FULL), beyond that only kroSbl.
  for (const n of [6, 9, 12, 15, 30, 60, 100]) {
    const k = child('kro', n);
    const d = n <= 12 || (full && n <= 15) ? child('dense', n) : null;
    rows.push({ 'N per factor': n, 'M x N': `${k.M} x ${k.N}`, 'kroSbl ms/iter': k.msPerIter, 'kroSbl CPU ms/iter': k.cpuMsPerIter, 'kroSbl peak MiB': k.peakMiB, 'sbl ms/iter': d ? d.msPerIter : '-', 'sbl CPU ms/iter': d ? d.cpuMsPerIter : '-', 'sbl peak MiB': d ? d.peakMiB : '-', 'CPU ratio': d ? d.cpuMsPerIter / k.cpuMsPerIter : '-' });
  }
  printTable('Time per EM iteration (5 iterations, no pruning; kroSbl: median of 3 after 2 warm-up runs) and peak RSS as factors grow (rows 8/15, 12/15, 15/15 of N; 3 nonzeros per factor, 20 dB; separate processes)', rows);
}

function big() {
  const r = child('big', 100);
  printTable('Three factors of 100 columns (10^6 unknowns), rows 40/50/60, 3 nonzeros per factor, 20 dB', [r]);
}

function runChild(kind, n) {
  const rows = [Math.round((8 * n) / 15), Math.round((12 * n) / 15), n];
  if (kind === 'big') {
    const P = kroneckerProblem(sp, 'bench-big', { rows: [40, 50, 60], n: 100, k: 3, snrDb: 20 });
    const t = timeSolve(() => sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method: 'svd' }));
    const a = timeSolve(() => sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method: 'am' }));
    return { 'svd solve s': t.ms / 1e3, 'svd CPU s': t.cpuMs / 1e3, 'svd iterations': t.r.iterations, 'svd NMSE dB': db(nmse(t.r.x, P.x)), 'am solve s': a.ms / 1e3, 'am CPU s': a.cpuMs / 1e3, 'am iterations': a.r.iterations, 'am NMSE dB': db(nmse(a.r.x, P.x)), 'peak MiB': peakRssMiB() };
  }
  const P = kroneckerProblem(sp, `bench-growth-${n}`, { rows, n, k: 3, snrDb: 20 });
  const iters = 5;
  if (kind === 'kro') {
    // Warm up (V8 compiles in the background), then the median of three timed runs.
    const run = () => sp.kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, maxIter: iters, pruneThreshold: 0 });
    for (let w = 0; w < 2; w++) run();
    const ts = [0, 1, 2].map(() => timeSolve(run)).sort((a, b) => a.cpuMs - b.cpuMs);
    const t = ts[1];
    return { M: P.y.length, N: P.x.length, msPerIter: t.ms / t.r.iterations, cpuMsPerIter: t.cpuMs / t.r.iterations, peakMiB: peakRssMiB() };
  }
  const H = denseKron(P.factors);
  const t = timeSolve(() => sp.sbl(H, P.y, { noiseVariance: P.noiseVariance, maxIter: iters, pruneThreshold: 0 }));
  return { M: P.y.length, N: P.x.length, msPerIter: t.ms / t.r.iterations, cpuMsPerIter: t.cpuMs / t.r.iterations, peakMiB: peakRssMiB() };
}

export default async function run() {
  if (want('main')) mainComparison();
  if (want('growth')) growth();
  if (want('big')) big();
  if (want('sweep')) sweep();
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(runChild(process.argv[3], Number(process.argv[4]))));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await run();
}
