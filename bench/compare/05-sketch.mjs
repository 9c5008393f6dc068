// bench:compare section "sketch": sketched least squares and sketch operators through this library
// and NumPy/SciPy in the same run, on the very same matrices (handed to Python as raw binary files),
// plus streaming top-eigenvector throughput.
//
//   node bench/compare.mjs sketch                  everything
//   SKETCH_ONLY=lstsq|apply|countsketch|stream node bench/compare.mjs sketch
//   SKETCH_QUICK=1 ...                             2^15 rows instead of 2^17, shorter streams
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sp from '../../dist/index.js';
import { peakRssMiB, printTable, runPython, timeIt } from '../lib/harness.mjs';

const only = process.env.SKETCH_ONLY ?? '';
const quick = process.env.SKETCH_QUICK === '1';
const N = quick ? 2 ** 15 : 2 ** 17;

const fmtMs = (s) => (s == null ? '-' : +(s * 1e3).toPrecision(3));
const ratio = (ref, ours) => (ref == null || ours == null ? '-' : +(ref / ours).toFixed(2));

function withBackend(b, fn) {
  const old = sp.getBackend();
  sp.setBackend(b);
  try {
    return fn();
  } finally {
    sp.setBackend(old);
  }
}

/** Dense n x d test problem: Gaussian columns scaled by logspace(0, -3) (cond ≈ 1e3), b = A·x + noise. */
function problem(n, d, seed) {
  const rng = sp.createRng(seed);
  const a = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) a[i * d + j] *= 10 ** ((-3 * j) / (d - 1));
  const x = rng.fillNormal(new Float64Array(d));
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += a[i * d + j] * x[j];
    b[i] = s + 0.1 * rng.normal();
  }
  return { A: sp.toNdarray({ rows: n, cols: d, data: a }), a, b };
}

/** Our dense least-squares solve by Householder QR: x = R⁻¹·(Qᵀb)[0..d). */
function qrSolve(A, b, d) {
  const f = sp.qrFactor(A);
  const qtb = f.applyQT(b).subarray(0, d);
  return sp.solveTriangular(f.R(), qtb);
}

const relErr = (x, y) => {
  let e = 0, n = 0;
  for (let j = 0; j < y.length; j++) { e += (x[j] - y[j]) ** 2; n += y[j] ** 2; }
  return Math.sqrt(e / n);
};

const PY_LOAD = `
import os, numpy as np
def load(name, shape):
    return np.fromfile(os.path.join(inp['dir'], name), dtype=np.float64).reshape(shape)
`;

function leastSquares(dir) {
  const rows = [];
  for (const d of [100, 200]) {
    const { A, a, b } = problem(N, d, d);
    writeFileSync(join(dir, 'A.bin'), a);
    writeFileSync(join(dir, 'b.bin'), b);
    const py = runPython(`${PY_LOAD}
import scipy.linalg as sl
A = load('A.bin', (inp['n'], inp['d'])); b = load('b.bin', (inp['n'],))
t = timeit(lambda: np.linalg.lstsq(A, b, rcond=None), min_runs=2, min_time=0, warmup=0)
x = np.linalg.lstsq(A, b, rcond=None)[0]
def qrsolve():
    q, r = np.linalg.qr(A)
    return sl.solve_triangular(r, q.T @ b)
tq = timeit(qrsolve, min_runs=2, min_time=0, warmup=0)
print(json.dumps({'t': t, 'tqr': tq, 'x': x.tolist(), 'peak': peak_mib()}))`, { dir, n: N, d });
    const opts = { minRuns: 2, minTime: 0, warmup: 1, maxRuns: 3 };
    let sap;
    const tSap = timeIt(() => { sap = sp.sketchAndPrecondition(A, b, { seed: 1 }); }, opts);
    let sap4;
    const tSap4 = timeIt(() => { sap4 = sp.sketchAndPrecondition(A, b, { oversampling: 4, seed: 1 }); }, opts);
    let sapCount;
    const tSapCount = timeIt(() => { sapCount = sp.sketchAndPrecondition(A, b, { sketch: 'countsketch', oversampling: 4, seed: 1 }); }, opts);
    let xqr;
    const tQr = timeIt(() => { xqr = qrSolve(A, b, d); }, { minRuns: 1, minTime: 0, warmup: 0, maxRuns: 1 });
    let sas;
    const tSas = timeIt(() => { sas = sp.sketchAndSolve(A, b, { m: 4 * d, seed: 1 }); }, opts);
    const xref = py ? Float64Array.from(py.x) : xqr;
    rows.push({
      workload: `${N} x ${d} dense, cond 1e3`,
      'numpy lstsq ms': fmtMs(py?.t), 'numpy qr ms': fmtMs(py?.tqr),
      'ours S&P srht ms': fmtMs(tSap), 'S&P iters': sap.iterations, 'vs lstsq': ratio(py?.t, tSap), 'vs numpy qr': ratio(py?.tqr, tSap),
      'S&P srht γ=4 ms': fmtMs(tSap4), 'γ=4 iters': sap4.iterations,
      'S&P count γ=4 ms': fmtMs(tSapCount), 'count iters': sapCount.iterations,
      'ours qr ms': fmtMs(tQr), 'S&P vs our qr': ratio(tQr, tSap),
      'sketch&solve ms': fmtMs(tSas),
      'S&P err': relErr(sap.x, xref).toExponential(1), 'S&S err': relErr(sas.x, xref).toExponential(1),
      'rss MiB': Math.round(peakRssMiB()), 'py MiB': py ? Math.round(py.peak) : '-',
    });
  }
  printTable('Least squares min ‖Ax − b‖: sketch-and-precondition (default: SRHT, m = 2d, LSQR on A·R⁻¹, tol 1e-14) vs numpy.linalg.lstsq; ratios = NumPy time / ours (> 1: faster than NumPy); err = relative to NumPy\'s x', rows);
}

function sketchApply(dir) {
  const rows = [];
  for (const d of [100, 200]) {
    const m = 2 * d;
    const { A, a } = problem(N, d, 7 + d);
    writeFileSync(join(dir, 'A.bin'), a);
    const py = runPython(`${PY_LOAD}
A = load('A.bin', (inp['n'], inp['d']))
rng = np.random.default_rng(0)
m = inp['m']
def gen_apply():
    G = rng.standard_normal((m, A.shape[0])) / np.sqrt(m)
    return G @ A
t = timeit(gen_apply, min_runs=3, min_time=0.5)
G = rng.standard_normal((m, A.shape[0])) / np.sqrt(m)
tg = timeit(lambda: G @ A, min_runs=3, min_time=0.5)
print(json.dumps({'t': t, 'tg': tg, 'peak': peak_mib()}))`, { dir, n: N, d, m });
    const S = sp.srht(m, N, { seed: 1 });
    const opts = { minRuns: 3, minTime: 0.5, maxRuns: 10 };
    const tJs = withBackend('js', () => timeIt(() => S.apply(A), opts));
    const tWasm = withBackend('wasm', () => timeIt(() => S.apply(A), opts));
    const tBuild = timeIt(() => sp.srht(m, N, { seed: 2 }), opts);
    const G = sp.gaussianSketch(m, N, { seed: 1 });
    const tGauss = timeIt(() => G.apply(A), { minRuns: 1, minTime: 0, warmup: 0, maxRuns: 1 });
    rows.push({
      workload: `S·A, A ${N} x ${d}, m = ${m}`,
      'numpy gauss gen+GA ms': fmtMs(py?.t), 'numpy G@A ms': fmtMs(py?.tg),
      'srht js ms': fmtMs(tJs), 'srht wasm ms': fmtMs(tWasm), 'srht setup ms': fmtMs(tBuild),
      'vs gen+GA': ratio(py?.t, Math.min(tJs, tWasm)), 'vs G@A': ratio(py?.tg, Math.min(tJs, tWasm)),
      'our gauss ms': fmtMs(tGauss),
    });
  }
  printTable('Sketch application: our SRHT (FWHT, O(nd log n)) vs a NumPy Gaussian sketch of the same size (BLAS GEMM, O(mnd)); ratios = NumPy time / ours', rows);
}

function countSketchBench(dir) {
  const rows = [];
  const cases = [
    { label: `dense ${N} x 100, m = 2000`, n: N, d: 100, m: 2000, density: 1 },
    { label: `sparse ${N * 4} x 500 (nnz ≈ 20/row), m = 5000`, n: N * 4, d: 500, m: 5000, density: 20 / 500 },
  ];
  for (const c of cases) {
    let A;
    if (c.density === 1) {
      const { A: Ad, a } = problem(c.n, c.d, 3);
      A = Ad;
      writeFileSync(join(dir, 'A.bin'), a);
    } else {
      // Seeded sparse matrix with ~20 nonzeros per row.
      const rng = sp.createRng(4);
      const per = 20;
      const indptr = new Int32Array(c.n + 1);
      const indices = new Int32Array(c.n * per);
      const data = rng.fillNormal(new Float64Array(c.n * per));
      for (let i = 0; i < c.n; i++) {
        const cols = Array.from(rng.sample(c.d, per)).sort((x, y) => x - y);
        for (let t = 0; t < per; t++) indices[i * per + t] = cols[t];
        indptr[i + 1] = (i + 1) * per;
      }
      A = new sp.CSRMatrix({ indptr, indices, data, shape: [c.n, c.d] });
      writeFileSync(join(dir, 'indptr.bin'), indptr);
      writeFileSync(join(dir, 'indices.bin'), indices);
      writeFileSync(join(dir, 'data.bin'), data);
    }
    const py = runPython(`${PY_LOAD}
import scipy.sparse as ss
from scipy.linalg import clarkson_woodruff_transform as cwt
if inp['dense']:
    A = load('A.bin', (inp['n'], inp['d']))
else:
    A = ss.csr_array((np.fromfile(os.path.join(inp['dir'], 'data.bin')), np.fromfile(os.path.join(inp['dir'], 'indices.bin'), dtype=np.int32),
        np.fromfile(os.path.join(inp['dir'], 'indptr.bin'), dtype=np.int32)), shape=(inp['n'], inp['d']))
t = timeit(lambda: cwt(A, inp['m'], seed=0), min_runs=3, min_time=0.5)
print(json.dumps({'t': t, 'peak': peak_mib()}))`, { dir, n: c.n, d: c.d, m: c.m, dense: c.density === 1 });
    const opts = { minRuns: 3, minTime: 0.5, maxRuns: 20 };
    const S = sp.countSketch(c.m, c.n, { seed: 1 });
    const tApply = timeIt(() => S.apply(A), opts);
    let seed = 10;
    const tBoth = timeIt(() => sp.countSketch(c.m, c.n, { seed: seed++ }).apply(A), opts);
    const O = sp.osnap(c.m, c.n, { s: 4, seed: 1 });
    const tOsnap = timeIt(() => O.apply(A), opts);
    rows.push({
      workload: c.label, 'scipy cwt ms': fmtMs(py?.t), 'ours build+apply ms': fmtMs(tBoth), 'vs scipy': ratio(py?.t, tBoth),
      'ours apply ms': fmtMs(tApply), 'osnap s=4 apply ms': fmtMs(tOsnap),
    });
  }
  printTable('CountSketch S·A: ours vs scipy.linalg.clarkson_woodruff_transform (which draws a new sketch per call, so "build+apply" is the like-for-like column); ratio = SciPy / ours', rows);
}

function streaming() {
  const d = 1000;
  const nRows = quick ? 10000 : 40000;
  const batch = 1000;
  const rows = [];
  for (const [label, algorithm, heavyEvery] of [
    ['light rows', 'heavy-block', 0], ['light rows', 'oja', 0], ['5 heavy rows', 'heavy-block', nRows / 5], ['5 heavy rows', 'oja', nRows / 5],
  ]) {
    const rng = sp.createRng(1);
    const u = rng.fillNormal(new Float64Array(d));
    const un = Math.hypot(...u);
    for (let j = 0; j < d; j++) u[j] /= un;
    const est = new sp.StreamingTopEigenvector(d, { algorithm, seed: 1, n: nRows });
    const buf = new Float64Array(batch * d);
    let t = 0;
    const rss0 = process.memoryUsage().rss;
    for (let done = 0; done < nRows; done += batch) {
      rng.fillNormal(buf);
      // a spike along u (gap ≈ 5) plus, optionally, a few heavy rows
      for (let i = 0; i < batch; i++) {
        const g = rng.normal() * 2;
        for (let j = 0; j < d; j++) buf[i * d + j] += g * u[j];
        // heavy rows along u (they add to the planted direction, so v₁ stays close to u)
        if (heavyEvery && (done + i) % heavyEvery === 17) for (let j = 0; j < d; j++) buf[i * d + j] += 80 * u[j];
      }
      const M = sp.toNdarray({ rows: batch, cols: d, data: buf });
      const t0 = performance.now();
      est.pushRows(M);
      t += (performance.now() - t0) / 1000;
    }
    const t0 = performance.now();
    const r = est.result();
    t += (performance.now() - t0) / 1000;
    const c = Math.abs(r.vector.reduce((s, x, j) => s + x * u[j], 0));
    rows.push({
      stream: `${label}, d = ${d}, ${nRows} rows`, algorithm, 'rows/s': Math.round(nRows / t), 'MB/s': +((nRows * d * 8) / t / 1e6).toFixed(0),
      'heavy stored': r.heavyRows, 'memory floats': r.memoryFloats, 'memory KiB': +(r.memoryFloats * 8 / 1024).toFixed(1),
      '|⟨v, u⟩|': +c.toFixed(4), 'rss growth MiB': Math.round((process.memoryUsage().rss - rss0) / 2 ** 20),
    });
  }
  printTable('Streaming top eigenvector (rows pushed in batches of 1000; u = planted top direction; memory = doubles held by the estimator)', rows);
}

export default async function () {
  console.log(`\n# sketch (N = ${N} rows; ${quick ? 'quick' : 'full'}; the machine may be shared: figures are indicative)`);
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-sketch-'));
  try {
    if (!only || only === 'lstsq') leastSquares(dir);
    if (!only || only === 'apply') sketchApply(dir);
    if (!only || only === 'countsketch') countSketchBench(dir);
    if (!only || only === 'stream') streaming();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
