// bench:compare section "kernels": SpMV and SpGEMM through this library (JS, WASM SIMD, worker
// threads) and SciPy in the same run, plus the JS peers mathjs and ml-sparse-matrix on the sizes
// they can handle. Matrices are built once here (fixtures, Poisson, seeded random, R-MAT) and handed
// to Python as raw binary arrays, so both sides multiply the very same matrices.
//
//   node bench/compare.mjs kernels                 all workloads
//   KERNELS_ONLY=spmv|spgemm node bench/compare.mjs kernels
//   KERNELS_QUICK=1 ...                            skip the 10^7-entry SpMV and the R-MAT SpGEMM
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sp from '../../dist/index.js';
import { median, peakRssMiB, printTable, runPython, timeIt } from '../lib/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const only = process.env.KERNELS_ONLY ?? '';
const quick = process.env.KERNELS_QUICK === '1';
const THREADS = 2;

function fixture(name) {
  const m = sp.mmread(readFileSync(join(root, 'test/fixtures/matrices', `${name}.mtx`), 'utf8'));
  return m.toCSR();
}

/** 5-point Laplacian on a g x g grid (rows in natural order, canonical). */
export function poisson(g) {
  const n = g * g;
  const indptr = new Int32Array(n + 1);
  const indices = new Int32Array(5 * n);
  const data = new Float64Array(5 * n);
  let q = 0;
  for (let i = 0; i < g; i++) {
    for (let j = 0; j < g; j++) {
      const r = i * g + j;
      if (i > 0) { indices[q] = r - g; data[q++] = -1; }
      if (j > 0) { indices[q] = r - 1; data[q++] = -1; }
      indices[q] = r; data[q++] = 4;
      if (j < g - 1) { indices[q] = r + 1; data[q++] = -1; }
      if (i < g - 1) { indices[q] = r + g; data[q++] = -1; }
      indptr[r + 1] = q;
    }
  }
  return new sp.CSRMatrix({ indptr, indices: indices.slice(0, q), data: data.slice(0, q), shape: [n, n] });
}

/** R-MAT (Graph500 parameters a, b, c = 0.57, 0.19, 0.19), duplicates summed, values in [0.5, 1.5). */
export function rmat(scale, edgeFactor, seed) {
  const rng = sp.createRng(seed);
  const n = 2 ** scale;
  const edges = edgeFactor * n;
  const row = new Int32Array(edges), col = new Int32Array(edges), data = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    let i = 0, j = 0;
    for (let level = 0; level < scale; level++) {
      const r = rng.random();
      const bit = 1 << (scale - 1 - level);
      if (r < 0.57) continue;
      if (r < 0.76) j |= bit;
      else if (r < 0.95) i |= bit;
      else { i |= bit; j |= bit; }
    }
    row[e] = i; col[e] = j; data[e] = 0.5 + rng.random();
  }
  return new sp.COOMatrix({ row, col, data, shape: [n, n] }).toCSR();
}

function dump(dir, name, A) {
  writeFileSync(join(dir, `${name}.indptr`), A.indptr);
  writeFileSync(join(dir, `${name}.indices`), A.indices);
  writeFileSync(join(dir, `${name}.data`), A.data);
  return { name, shape: A.shape };
}

const PY_LOAD = `
import numpy as np, scipy.sparse as sp, os
def load(d, m):
    p = os.path.join(d, m['name'])
    return sp.csr_array((np.fromfile(p + '.data', dtype=np.float64), np.fromfile(p + '.indices', dtype=np.int32), np.fromfile(p + '.indptr', dtype=np.int32)), shape=tuple(m['shape']))
`;

function withBackend(b, fn) {
  sp.setBackend(b);
  try { return fn(); } finally { sp.setBackend('auto'); }
}

const fmtMs = (s) => (s === null || s === undefined ? '-' : +(s * 1e3).toPrecision(3));
const ratio = (ref, ours) => (ref && ours ? +(ref / ours).toFixed(2) : '-');

function spmvSection(dir) {
  const work = [
    ['Pd', () => fixture('Pd')],
    ['bcspwr10', () => fixture('bcspwr10')],
    ['G51', () => fixture('G51')],
    ['dwt_992', () => fixture('dwt_992')],
    ['Poisson 300x300', () => poisson(300)],
  ];
  if (!quick) work.push(['random 1e6 x 1e6, 1e7 nnz', () => sp.random(1e6, 1e6, 1e-5, { seed: 1, format: 'csr' })]);
  const rows = [];
  const jsRatios = [], wasmRatios = [];
  for (const [label, make] of work) {
    const A = make();
    const [m, n] = A.shape;
    const x = sp.createRng(2).fillUniform(new Float64Array(n), -1, 1);
    const y = new Float64Array(m);
    const meta = dump(dir, 'spmv', A);
    writeFileSync(join(dir, 'x.bin'), x);
    const py = runPython(`${PY_LOAD}
A = load(inp['dir'], inp['A']); x = np.fromfile(os.path.join(inp['dir'], 'x.bin'), dtype=np.float64)
t = timeit(lambda: A @ x)
print(json.dumps({'t': t, 'peak': peak_mib()}))`, { dir, A: meta });
    const opts = { minTime: 0.5, maxRuns: 200 };
    const tJs = withBackend('js', () => timeIt(() => A.matvec(x, { out: y, threads: 1 }), opts));
    const tWasm = withBackend('wasm', () => timeIt(() => A.matvec(x, { out: y, threads: 1 }), opts));
    const tThreads = withBackend('auto', () => timeIt(() => A.matvec(x, { out: y, threads: THREADS }), opts));
    const tAuto = timeIt(() => A.matvec(x, { out: y }), opts);
    let tMath = null;
    if (A.nnz <= 5e5) {
      const S = toMathjs(A);
      const X = mathjs.matrix(Array.from(x, (v) => [v]));
      tMath = timeIt(() => mathjs.multiply(S, X), { minRuns: 1, minTime: 0.3, warmup: 1, maxRuns: 5 });
    }
    if (py) { jsRatios.push(py.t / tJs); wasmRatios.push(py.t / tWasm); }
    rows.push({
      workload: label, nnz: A.nnz, 'js ms': fmtMs(tJs), 'wasm ms': fmtMs(tWasm), [`${THREADS} thr ms`]: fmtMs(tThreads), 'auto ms': fmtMs(tAuto),
      'scipy ms': fmtMs(py?.t), 'js/scipy': ratio(py?.t, tJs), 'wasm/scipy': ratio(py?.t, tWasm), 'thr/scipy': ratio(py?.t, tThreads),
      'mathjs ms': fmtMs(tMath), 'vs mathjs': ratio(tMath, Math.min(tJs, tWasm)),
      'rss MiB': Math.round(peakRssMiB()), 'py MiB': py ? Math.round(py.peak) : '-',
    });
  }
  printTable('SpMV y = A·x (ratios = SciPy time / ours: > 1 means faster than SciPy)', rows);
  if (jsRatios.length) console.log(`\nmedian speed vs SciPy: js ${median(jsRatios).toFixed(2)}x, wasm ${median(wasmRatios).toFixed(2)}x (targets 0.8x, 1.0x)`);
}

let mathjs = null;
let MlSparse = null;
function toMathjs(A) {
  const C = A.toCSC();
  return mathjs.SparseMatrix.fromJSON({ mathjs: 'SparseMatrix', values: Array.from(C.data), index: Array.from(C.indices), ptr: Array.from(C.indptr), size: [...A.shape], datatype: 'number' });
}
function toMl(A) {
  const S = new MlSparse(A.shape[0], A.shape[1], { initialCapacity: A.nnz });
  const { indptr, indices, data } = A;
  for (let i = 0; i < A.shape[0]; i++) for (let p = indptr[i]; p < indptr[i + 1]; p++) S.set(i, indices[p], data[p]);
  return S;
}

function spgemmSection(dir) {
  const lp = () => { const A = fixture('lp_e226'); return [A.transpose().toCSR(), A]; };
  const sq = (f) => () => { const A = f(); return [A, A]; };
  const work = [
    ['bcspwr10 A·A', sq(() => fixture('bcspwr10'))],
    ['G51 A·A', sq(() => fixture('G51'))],
    ['dwt_992 A·A', sq(() => fixture('dwt_992'))],
    ['lp_e226 AᵀA', lp],
    ['Poisson 250x250 A·A', sq(() => poisson(250))],
    ['random 20000^2 d=5e-4 A·A', sq(() => sp.random(20000, 20000, 5e-4, { seed: 3, format: 'csr' }))],
  ];
  if (!quick) work.push(['R-MAT s16 ef16 A·A', sq(() => rmat(16, 16, 4))]);
  const rows = [];
  const r1 = [], rT = [], rMath = [];
  for (const [label, make] of work) {
    const [A, B] = make();
    const mA = dump(dir, 'A', A);
    const mB = dump(dir, 'B', B);
    const py = runPython(`${PY_LOAD}
A = load(inp['dir'], inp['A']); B = load(inp['dir'], inp['B'])
t = timeit(lambda: A @ B)
C = A @ B
def srt():
    D = A @ B; D.sort_indices()
ts = timeit(srt)
print(json.dumps({'t': t, 'ts': ts, 'nnz': int(C.nnz), 'peak': peak_mib()}))`, { dir, A: mA, B: mB });
    const opts = { minTime: 1, maxRuns: 30 };
    const run = (backend, o) => withBackend(backend, () => timeIt(() => sp.spgemm(A, B, o), opts));
    const tJs = run('js', { threads: 1, sorted: false });
    const tWasm = run('wasm', { threads: 1, sorted: false });
    const tThr = run('wasm', { threads: THREADS, sorted: false });
    const tJsSorted = run('js', { threads: 1, sorted: true });
    const tWasmSorted = run('wasm', { threads: 1, sorted: true });
    const { stats } = sp.spgemmWithStats(A, B, { threads: 1 });
    let tMath = null;
    let tMl = null;
    if (stats.flops <= 3e6) {
      const SA = toMathjs(A), SB = toMathjs(B);
      tMath = timeIt(() => mathjs.multiply(SA, SB), { minRuns: 1, minTime: 0.5, warmup: 1, maxRuns: 5 });
      const MA = toMl(A), MB = toMl(B);
      tMl = timeIt(() => MA.mmul(MB), { minRuns: 1, minTime: 0.5, warmup: 1, maxRuns: 5 });
    }
    const best1 = Math.min(tJs, tWasm);
    if (py) { r1.push(py.t / best1); rT.push(py.t / tThr); }
    if (tMath) rMath.push(tMath / best1);
    rows.push({
      workload: label, flops: stats.flops, 'nnz(C)': stats.nnz, 'hash/dense rows': `${stats.hashRows}/${stats.denseRows}`,
      'js ms': fmtMs(tJs), 'wasm ms': fmtMs(tWasm), [`${THREADS} thr ms`]: fmtMs(tThr), 'js sorted': fmtMs(tJsSorted), 'wasm sorted': fmtMs(tWasmSorted),
      'scipy ms': fmtMs(py?.t), 'scipy+sort': fmtMs(py?.ts), '1thr/scipy': ratio(py?.t, best1), 'thr/scipy': ratio(py?.t, tThr), 'sorted/scipy+sort': ratio(py?.ts, Math.min(tJsSorted, tWasmSorted)),
      'mathjs ms': fmtMs(tMath), 'vs mathjs': ratio(tMath, best1), 'ml-sparse ms': fmtMs(tMl),
      'rss MiB': Math.round(peakRssMiB()), 'py MiB': py ? Math.round(py.peak) : '-',
    });
  }
  printTable('SpGEMM C = A·B, unsorted output unless noted (ratios = SciPy time / ours)', rows);
  if (r1.length) console.log(`\nmedian speed vs SciPy: 1 thread ${median(r1).toFixed(2)}x (target 1.0x), ${THREADS} threads ${median(rT).toFixed(2)}x (target 1.6x); vs mathjs min ${rMath.length ? Math.min(...rMath).toFixed(0) : '-'}x (target 20x)`);
}

export default async function () {
  mathjs = await import('mathjs');
  MlSparse = (await import('ml-sparse-matrix')).SparseMatrix;
  const info = sp.kernelInfo();
  console.log(`\n# kernels: wasm ${info.wasm}, threads ${info.threads}, cpus ${info.cpus} (machine shared with other jobs: treat figures as indicative)`);
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-bench-'));
  try {
    if (only !== 'spgemm') spmvSection(dir);
    if (only !== 'spmv') spgemmSection(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sp.shutdown();
  }
}
