// bench:compare section "completion": completeMatrix ('sketched' vs 'exact') scaling in k and |Ω|,
// MovieLens-shaped generated sets against NumPy alternating least squares and Soft-Impute (ours and
// NumPy's) in the same run, and the 10^7-entry, k = 64 run.
//
//   node bench/compare.mjs completion                     everything
//   COMPLETION_ONLY=k|omega|movielens|big node bench/compare.mjs completion
//   COMPLETION_QUICK=1 ...                                smaller sizes (minutes instead of tens of minutes)
//   COMPLETION_JSON=path ...                              also write the measured rows as JSON (for the docs plot)
//   COMPLETION_SETS=ml-100k ...                           only some of the MovieLens-shaped sets
//   COMPLETION_SWEEPS=1 ...                               timed sweeps per run of the k section (default 3)
//   COMPLETION_KS=8,16,32 ...                             only these k in the k section (to split a long run)
//   COMPLETION_BIG_SCALE=0.1 ...                          the big section's shape at a tenth of the size
//   COMPLETION_BIG_RUNS=target ...                        the big section's 10-sweep, two-thread run only
//   COMPLETION_BIG_POWER_ITERS=3 ...                      the big section's runs with this powerIters (default: the solver's, 1)
// On a shared machine run NumPy single-threaded (OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1): with
// its default thread count the Python side thrashed for over ten minutes at a load average of 20.
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as sp from '../../dist/index.js';
import { printTable, runPython } from '../lib/harness.mjs';

const only = process.env.COMPLETION_ONLY ?? '';
const quick = process.env.COMPLETION_QUICK === '1';
const out = {};

/**
 * Gaussian rank-r problem: U (m x r) and V (n x r) with N(0, 1) entries, nnz positions drawn
 * uniformly without replacement, values (UVᵀ)_ij + N(0, σ²) noise. Returns the matrix and the
 * noiseless truth (i, j) -> (UVᵀ)_ij.
 */
export function lowRankWithTruth(m, n, r, nnz, seed, sigma = 0) {
  const rng = sp.createRng(seed);
  const U = rng.fillNormal(new Float64Array(m * r));
  const V = rng.fillNormal(new Float64Array(n * r));
  const truth = (i, j) => {
    let s = 0;
    for (let t = 0; t < r; t++) s += U[i * r + t] * V[j * r + t];
    return s;
  };
  const pos = rng.sample(m * n, nnz);
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const i = Math.floor(pos[p] / n);
    const j = pos[p] - i * n;
    row[p] = i;
    col[p] = j;
    data[p] = truth(i, j) + (sigma > 0 ? sigma * rng.normal() : 0);
  }
  return { M: new sp.COOMatrix({ row, col, data, shape: [m, n] }), truth };
}

/** The matrix of {@link lowRankWithTruth}. */
export function lowRank(m, n, r, nnz, seed, sigma = 0) {
  return lowRankWithTruth(m, n, r, nnz, seed, sigma).M;
}

/**
 * Median seconds per sweep (sweeps after the first, timed between onIteration calls), wall and CPU
 * (process CPU time: on a loaded machine the wall time mostly measures the load), and the CGLS
 * iterations per problem. One thread.
 */
function sweepTime(M, k, solver, sweeps = 3, extra = {}) {
  const stamps = [];
  const cpu = [];
  let inner = 0;
  const cpuNow = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  const fit = sp.completeMatrix(M, k, {
    solver, seed: 1, maxIter: sweeps + 1, tol: 0, threads: 1, ...extra,
    onIteration: (info) => {
      stamps.push(performance.now());
      cpu.push(cpuNow());
      inner = info.innerIterations;
    },
  });
  const median = (xs) => {
    const d = [];
    for (let q = 1; q < xs.length; q++) d.push(xs[q] - xs[q - 1]);
    d.sort((a, b) => a - b);
    return d[Math.floor(d.length / 2)];
  };
  const [m, n] = M.shape;
  return { seconds: median(stamps) / 1000, cpu: median(cpu), innerPerProblem: inner / (m + n), rmse: fit.rmse };
}

/** Least-squares slope of log(y) against log(x). */
function exponent(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length;
  const my = ly.reduce((a, b) => a + b) / ly.length;
  let num = 0;
  let den = 0;
  for (let q = 0; q < lx.length; q++) {
    num += (lx[q] - mx) * (ly[q] - my);
    den += (lx[q] - mx) ** 2;
  }
  return num / den;
}

function kScaling() {
  const [m, n, nnz] = quick ? [1500, 1500, 500000] : [3000, 3000, 2000000];
  const ks = process.env.COMPLETION_KS ? process.env.COMPLETION_KS.split(',').map(Number) : quick ? [8, 16, 32, 64] : [8, 16, 32, 64, 128];
  const M = lowRank(m, n, 8, nnz, 3, 0.01);
  const rows = [];
  const sweeps = Number(process.env.COMPLETION_SWEEPS ?? 3);
  for (const k of ks) {
    // interleaved: exact then sketched at each k
    const e = sweepTime(M, k, 'exact', sweeps);
    const s = sweepTime(M, k, 'sketched', sweeps);
    rows.push({
      k, 'exact s/sweep': e.seconds, 'sketched s/sweep': s.seconds, 'exact CPU s/sweep': e.cpu, 'sketched CPU s/sweep': s.cpu,
      'exact/sketched (CPU)': e.cpu / s.cpu, 'CGLS its/problem': s.innerPerProblem,
    });
  }
  printTable(`time per sweep vs k at fixed |Ω| = ${nnz} (${m} x ${n}, |Ω_j| ≈ ${Math.round(nnz / n)})`, rows);
  const pe = exponent(ks, rows.map((r) => r['exact CPU s/sweep']));
  const ps = exponent(ks, rows.map((r) => r['sketched CPU s/sweep']));
  console.log(`fitted exponents (CPU time ∝ k^a): exact a = ${pe.toFixed(2)}, sketched a = ${ps.toFixed(2)}`);
  out.k = { m, n, nnz, rows, exponents: { exact: pe, sketched: ps } };
}

function omegaScaling() {
  const k = 16;
  const [m, n] = quick ? [5000, 5000] : [20000, 10000];
  const sizes = quick ? [1e5, 3e5, 1e6] : [1e5, 3e5, 1e6, 3e6, 1e7];
  const rows = [];
  for (const nnz of sizes) {
    const M = lowRank(m, n, 8, nnz, 4, 0.01);
    const e = sweepTime(M, k, 'exact', 2);
    const s = sweepTime(M, k, 'sketched', 2);
    rows.push({ '|Ω|': nnz, 'exact s/sweep': e.seconds, 'sketched s/sweep': s.seconds, 'exact CPU s/sweep': e.cpu, 'sketched CPU s/sweep': s.cpu, 'exact/sketched (CPU)': e.cpu / s.cpu, 'CGLS its/problem': s.innerPerProblem });
  }
  printTable(`time per sweep vs |Ω| at k = ${k} (${m} x ${n})`, rows);
  const pe = exponent(sizes, rows.map((r) => r['exact s/sweep']));
  const ps = exponent(sizes, rows.map((r) => r['sketched s/sweep']));
  console.log(`fitted exponents (time ∝ |Ω|^a): exact a = ${pe.toFixed(2)}, sketched a = ${ps.toFixed(2)}`);
  out.omega = { m, n, k, rows, exponents: { exact: pe, sketched: ps } };
}

const NUMPY = `
import numpy as np, scipy.sparse as ss, scipy.sparse.linalg as sl
m, n, k, lam, sweeps = inp['m'], inp['n'], inp['k'], inp['lam'], inp['sweeps']
r, c, v = np.array(inp['r']), np.array(inp['c']), np.array(inp['v'])
tr, tc, tv = np.array(inp['tr']), np.array(inp['tc']), np.array(inp['tv'])
res = {}
t0 = time.perf_counter()
# centring: mean and alternating row / column means (10 passes), as completeMatrix({ biases: true })
mu = v.mean(); a = np.zeros(m); b = np.zeros(n)
cr = np.bincount(r, minlength=m); cc = np.bincount(c, minlength=n)
for _ in range(10):
    a = np.bincount(r, v - mu - b[c], minlength=m) / np.maximum(cr, 1)
    b = np.bincount(c, v - mu - a[r], minlength=n) / np.maximum(cc, 1)
y = v - mu - a[r] - b[c]
# plain alternating least squares (ridge lam), SVD start of P_Omega(Y)/p, one solve per row / column
X = ss.csr_matrix((y / (len(y) / (m * n)), (r, c)), shape=(m, n))
U = sl.svds(X, k=k)[0]
V = np.zeros((n, k))
byc = np.argsort(c, kind='stable'); cp = np.concatenate([[0], np.cumsum(cc)])
byr = np.argsort(r, kind='stable'); rp = np.concatenate([[0], np.cumsum(cr)])
I = lam * np.eye(k)
for it in range(sweeps):
    for j in range(n):
        e = byc[cp[j]:cp[j + 1]]
        A = U[r[e]]; V[j] = np.linalg.solve(A.T @ A + I, A.T @ y[e])
    for i in range(m):
        e = byr[rp[i]:rp[i + 1]]
        A = V[c[e]]; U[i] = np.linalg.solve(A.T @ A + I, A.T @ y[e])
pred = mu + a[tr] + b[tc] + np.einsum('ij,ij->i', U[tr], V[tc])
res['als'] = {'seconds': time.perf_counter() - t0, 'rmse': float(np.sqrt(np.mean((pred - tv) ** 2)))}
# Soft-Impute (Mazumder et al.): dense fill, truncated SVD by ARPACK, lambda = sigma_1 / 50, fancyimpute's stopping
if inp['soft']:
    t0 = time.perf_counter()
    Y = np.zeros((m, n)); mask = np.zeros((m, n), bool); mask[r, c] = True; Y[r, c] = y
    lam_s = sl.svds(ss.csr_matrix((y, (r, c)), shape=(m, n)), k=1)[1][0] / 50
    Z = np.zeros((m, n)); its = 0
    for it in range(inp['softIters']):
        Xf = np.where(mask, Y, Z)
        Uu, s, Vt = sl.svds(Xf, k=inp['rank'])
        s = np.maximum(s - lam_s, 0)
        Zn = (Uu * s) @ Vt
        ch = np.linalg.norm(Zn - Z) / max(np.linalg.norm(Z), 1e-300)
        Z = Zn; its = it + 1
        if ch < 1e-3: break
    pred = mu + a[tr] + b[tc] + Z[tr, tc]
    res['soft'] = {'seconds': time.perf_counter() - t0, 'rmse': float(np.sqrt(np.mean((pred - tv) ** 2))), 'iterations': its}
# The floor: oracles that know one side exactly (its factors and offsets, and μ) and fit each row of
# the other side, [offset, factor], from its training ratings: by least squares, and by the ridge
# of the true prior (the Bayes posterior mean, the best any method can do with that knowledge).
if inp.get('oracle'):
    o = inp['oracle']; kk = o['k']; mu0 = o['mean']
    ub, ib = np.array(o['ub']), np.array(o['ib'])
    Ut, Vt = np.array(o['U']).reshape(m, kk), np.array(o['V']).reshape(n, kk)
    fvar = np.sqrt(0.25 / kk)  # variance of a factor entry in movieLensLike
    def side(rows, cols, count, Fk, bk, bvar, ridge):
        yv = v - mu0 - bk[cols]
        order = np.argsort(rows, kind='stable'); rt, ct, yt = rows[order], cols[order], yv[order]
        ptr = np.searchsorted(rt, np.arange(count + 1))
        P = np.diag([1 / bvar] + [1 / fvar] * kk) * o['sigma'] ** 2
        est = np.zeros((count, kk + 1))
        for g in range(count):
            s0, e0 = ptr[g], ptr[g + 1]
            X = np.hstack([np.ones((e0 - s0, 1)), Fk[ct[s0:e0]]])
            est[g] = np.linalg.solve(X.T @ X + P, X.T @ yt[s0:e0]) if ridge else np.linalg.lstsq(X, yt[s0:e0], rcond=None)[0]
        return est
    def score(pred): return float(np.sqrt(np.mean((pred - tv) ** 2)))
    for name, ridge in (('oracle_users_bayes', True), ('oracle_users_ols', False)):
        e = side(r, c, m, Vt, ib, 0.16, ridge)
        res[name] = score(mu0 + ib[tc] + e[tr, 0] + np.einsum('ij,ij->i', e[tr, 1:], Vt[tc]))
    e = side(c, r, n, Ut, ub, 0.25, True)
    res['oracle_items_bayes'] = score(mu0 + ub[tr] + e[tc, 0] + np.einsum('ij,ij->i', e[tc, 1:], Ut[tr]))
print(json.dumps(res))
`;

function movieLens() {
  const rows = [];
  for (const size of (process.env.COMPLETION_SETS ?? 'ml-100k,ml-1m').split(',')) {
    const d = sp.movieLensLike({ size, rank: 10, noise: 0.8, seed: 5 });
    const R = d.ratings;
    const nnz = R.nnz;
    const perm = sp.createRng(7).permutation(nnz);
    const nt = Math.floor(0.9 * nnz);
    const pick = (a, b) => {
      const r = new Int32Array(b - a);
      const c = new Int32Array(b - a);
      const v = new Float64Array(b - a);
      for (let q = a; q < b; q++) (r[q - a] = R.row[perm[q]], c[q - a] = R.col[perm[q]], v[q - a] = R.data[perm[q]]);
      return { r, c, v };
    };
    const tr = pick(0, nt);
    const te = pick(nt, nnz);
    const train = new sp.COOMatrix({ row: tr.r, col: tr.c, data: tr.v, shape: R.shape });
    const rmse = (f) => {
      let s = 0;
      for (let q = 0; q < te.v.length; q++) s += (f(te.r[q], te.c[q]) - te.v[q]) ** 2;
      return Math.sqrt(s / te.v.length);
    };
    const oracle = rmse((i, j) => d.expected(i, j));
    const sweeps = 10;
    const softIters = size === 'ml-1m' ? 30 : 100;
    const softRank = 30;
    for (const solver of ['sketched', 'exact']) {
      const t0 = performance.now();
      const fit = sp.completeMatrix(train, 10, { solver, seed: 1, biases: true, lambda: 5, maxIter: sweeps, tol: 0 });
      rows.push({ set: size, method: `completeMatrix '${solver}'`, 'test RMSE': rmse(fit.predict), 'RMSE/σ': rmse(fit.predict) / 0.8, seconds: (performance.now() - t0) / 1000, iterations: fit.iterations });
    }
    const t0 = performance.now();
    const si = sp.softImpute(train, { seed: 1, biases: true, rank: softRank, maxIter: softIters });
    rows.push({ set: size, method: 'softImpute (ours)', 'test RMSE': rmse(si.predict), 'RMSE/σ': rmse(si.predict) / 0.8, seconds: (performance.now() - t0) / 1000, iterations: si.iterations });
    const py = runPython(NUMPY, {
      m: R.shape[0], n: R.shape[1], k: 10, lam: 5, sweeps, soft: true, softIters, rank: softRank,
      r: Array.from(tr.r), c: Array.from(tr.c), v: Array.from(tr.v), tr: Array.from(te.r), tc: Array.from(te.c), tv: Array.from(te.v),
      oracle: { k: 10, mean: d.mean, sigma: 0.8, ub: Array.from(d.userBias), ib: Array.from(d.itemBias), U: Array.from(d.U), V: Array.from(d.V) },
    });
    if (py) {
      rows.push({ set: size, method: 'NumPy ALS (same λ, centring, sweeps)', 'test RMSE': py.als.rmse, 'RMSE/σ': py.als.rmse / 0.8, seconds: py.als.seconds, iterations: sweeps });
      rows.push({ set: size, method: 'NumPy Soft-Impute (dense, ARPACK)', 'test RMSE': py.soft.rmse, 'RMSE/σ': py.soft.rmse / 0.8, seconds: py.soft.seconds, iterations: py.soft.iterations });
    }
    if (py?.oracle_users_bayes !== undefined) {
      rows.push({ set: size, method: 'floor: V, item offsets known, users by Bayes ridge', 'test RMSE': py.oracle_users_bayes, 'RMSE/σ': py.oracle_users_bayes / 0.8, seconds: null, iterations: null });
      rows.push({ set: size, method: 'floor: V, item offsets known, users by least squares', 'test RMSE': py.oracle_users_ols, 'RMSE/σ': py.oracle_users_ols / 0.8, seconds: null, iterations: null });
      rows.push({ set: size, method: 'floor: U, user offsets known, items by Bayes ridge', 'test RMSE': py.oracle_items_bayes, 'RMSE/σ': py.oracle_items_bayes / 0.8, seconds: null, iterations: null });
    }
    rows.push({ set: size, method: 'truth (noise only)', 'test RMSE': oracle, 'RMSE/σ': oracle / 0.8, seconds: null, iterations: null });
    printTable(`${size}-shaped generated set (rank 10, σ = 0.8, 90/10 split, k = 10, λ = 5, 10 sweeps)`, rows.filter((r) => r.set === size));
    if (process.env.COMPLETION_JSON) writeFileSync(process.env.COMPLETION_JSON, JSON.stringify({ ...out, movielens: rows }, null, 1));
  }
  out.movielens = rows;
}

// The big section's target run (10^7 entries, k = 64, 10 sweeps, two threads, default options) measured
// 39.3 to 54.5 s wall, 72 to 97 s CPU at load averages 1.3 to 3.3 (three runs, each interleaved with
// the build before: 0.79 to 0.95 of its CPU): on the shared 2-CPU machine single runs vary by 2x
// (docs/matrix-completion.md).
function big() {
  // COMPLETION_BIG_SCALE=0.1: the same shape (200 entries per row, 500 per column) at a tenth of the size.
  const scale = Number(process.env.COMPLETION_BIG_SCALE ?? (quick ? 0.1 : 1));
  const [m, n, nnz] = [Math.round(50000 * scale), Math.round(20000 * scale), Math.round(1e7 * scale)];
  const r = 10;
  const sigma = 0.01;
  const { M, truth } = lowRankWithTruth(m, n, r, nnz, 6, sigma);
  // Error on all entries against the noiseless truth, on 10^5 seeded random positions.
  const probe = sp.createRng(99);
  const pi = Int32Array.from({ length: 1e5 }, () => probe.integer(0, m));
  const pj = Int32Array.from({ length: 1e5 }, () => probe.integer(0, n));
  let scaleT = 0;
  for (let q = 0; q < pi.length; q++) scaleT += truth(pi[q], pj[q]) ** 2;
  scaleT = Math.sqrt(scaleT / pi.length);
  const rows = [];
  const cpuNow = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  // The target run (10 sweeps, two threads), then one thread; 'exact' runs 2 sweeps only (its
  // per-sweep time is the comparison). COMPLETION_BIG_RUNS=target runs the first only.
  const runs = [['sketched', 10, 2], ['sketched', 10, 1], ['exact', 2, 1]].slice(0, process.env.COMPLETION_BIG_RUNS === 'target' ? 1 : 3);
  for (const [solver, sweeps, threads] of runs) {
    const stamps = [];
    const load = loadavg()[0];
    const t0 = performance.now();
    const c0 = cpuNow();
    const power = process.env.COMPLETION_BIG_POWER_ITERS ? { powerIters: Number(process.env.COMPLETION_BIG_POWER_ITERS) } : {};
    const fit = sp.completeMatrix(M, 64, { solver, seed: 1, maxIter: sweeps, tol: 0, threads, ...power, onIteration: () => void stamps.push(performance.now()) });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuNow() - c0;
    const perSweep = (stamps[stamps.length - 1] - stamps[0]) / 1000 / Math.max(1, stamps.length - 1);
    let err = 0;
    for (let q = 0; q < pi.length; q++) err += (fit.predict(pi[q], pj[q]) - truth(pi[q], pj[q])) ** 2;
    rows.push({
      solver, threads, powerIters: power.powerIters ?? 1, sweeps: fit.iterations, seconds, 'CPU s (all threads)': cpu, 'load avg (1 min, at start)': load,
      'setup + first sweep': (stamps[0] - t0) / 1000, 's/sweep (after the first)': perSweep,
      'CGLS its/problem (last sweep)': fit.history.innerIterations.at(-1) / (m + n), 'train RMSE': fit.rmse,
      'RMSE vs truth (all entries)': Math.sqrt(err / pi.length),
    });
  }
  printTable(`${nnz} observed entries of a ${m} x ${n} matrix (rank ${r}, N(0,1) factors, uniform positions, noise σ = ${sigma}; RMS entry ${scaleT.toFixed(2)}), k = 64, λ = 0, default options`, rows);
  const target = rows[0];
  console.log(`10^7 target (10 sweeps in 60 s on two threads): ${target.seconds.toFixed(1)} s wall, ${target['CPU s (all threads)'].toFixed(1)} CPU s, load average ${target['load avg (1 min, at start)'].toFixed(2)} on ${availableParallelism()} CPUs${scale !== 1 ? ` (at scale ${scale}, not the target size)` : ''}`);
  out.big = rows;
}

export default async function run() {
  console.log(`\n# completion (${quick ? 'quick' : 'full'}; the machine is shared: timings are noisy)`);
  if (!only || only === 'k') kScaling();
  if (!only || only === 'omega') omegaScaling();
  if (!only || only === 'movielens') movieLens();
  if (!only || only === 'big') big();
  if (process.env.COMPLETION_JSON) writeFileSync(process.env.COMPLETION_JSON, JSON.stringify(out, null, 1));
}
