// bench:compare section "direct": sparse direct solvers against SciPy's SuperLU (spsolve, splu)
// and math.js `slu`, on the same matrices in the same run. SPD systems go through our spsolve
// (sparse Cholesky), non-symmetric ones through splu. Matrices are built here and handed to Python
// as raw binary CSC arrays.
//
//   node bench/compare.mjs direct                 all workloads
//   DIRECT_ONLY=p2d500,p2d400,p3d,struct,cd,mathjs ...   a subset
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sp from '../../dist/index.js';
import { printTable, runPython, timeIt } from '../lib/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const only = process.env.DIRECT_ONLY ?? '';
const want = (k) => only === '' || only.split(',').includes(k);

/** Matrix on a d-dimensional grid: `diag` on the diagonal, `coef(axis, dir)` to the neighbours. */
export function gridMatrix(dims, coef, diag) {
  const n = dims.reduce((a, b) => a * b, 1);
  const strides = dims.map((_, a) => dims.slice(0, a).reduce((x, y) => x * y, 1));
  const row = [];
  const col = [];
  const val = [];
  for (let i = 0; i < n; i++) {
    row.push(i); col.push(i); val.push(diag);
    for (let a = 0; a < dims.length; a++) {
      const c = Math.floor(i / strides[a]) % dims[a];
      if (c > 0) { row.push(i); col.push(i - strides[a]); val.push(coef(a, -1)); }
      if (c < dims[a] - 1) { row.push(i); col.push(i + strides[a]); val.push(coef(a, 1)); }
    }
  }
  return new sp.COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
}
const poisson2d = (g) => gridMatrix([g, g], () => -1, 4);
const poisson3d = (g) => gridMatrix([g, g, g], () => -1, 6);
/** Upwind convection–diffusion −Δu + β·∇u, β = (Pe, Pe/2)·h: non-symmetric values, symmetric pattern. */
function convectionDiffusion(g, pe) {
  const h = 1 / (g + 1);
  const b = [pe * h, (pe / 2) * h];
  return gridMatrix([g, g], (a, dir) => (dir < 0 ? -1 - b[a] : -1), 4 + b[0] + b[1]);
}
/** Graph Laplacian + I of a fixture's symmetric pattern: SPD with a structural matrix's graph. */
function laplacianFixture(name) {
  const P = sp.mmread(readFileSync(join(root, 'test/fixtures/matrices', `${name}.mtx`), 'utf8')).toCSC();
  const n = P.shape[0];
  const row = [], col = [], val = [];
  const deg = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let p = P.indptr[j]; p < P.indptr[j + 1]; p++) {
      const i = P.indices[p];
      if (i === j) continue;
      row.push(i); col.push(j); val.push(-1); deg[j]++;
    }
  }
  for (let j = 0; j < n; j++) { row.push(j); col.push(j); val.push(deg[j] + 1); }
  return new sp.COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
}

function writeCSC(dir, name, A) {
  writeFileSync(join(dir, `${name}.indptr`), A.indptr);
  writeFileSync(join(dir, `${name}.indices`), A.indices);
  writeFileSync(join(dir, `${name}.data`), A.data);
}

const PY = `
import os, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
d = inp['dir']; p = os.path.join(d, 'A')
A = sp.csc_array((np.fromfile(p + '.data', dtype=np.float64), np.fromfile(p + '.indices', dtype=np.int32), np.fromfile(p + '.indptr', dtype=np.int32)), shape=tuple(inp['shape']))
b = np.fromfile(os.path.join(d, 'b.bin'), dtype=np.float64)
runs = dict(min_runs=inp['runs'], min_time=0, warmup=0 if inp['runs'] == 1 else 1)
t_spsolve = timeit(lambda: sla.spsolve(A, b), **runs)
lu = sla.splu(A)
t_splu = timeit(lambda: sla.splu(A), **runs)
x = sla.spsolve(A, b)
print(json.dumps({'spsolve': t_spsolve, 'splu': t_splu, 'fill': int(lu.L.nnz + lu.U.nnz), 'res': float(np.linalg.norm(A @ x - b) / np.linalg.norm(b))}))
`;

function relres(A, x, b) {
  const r = A.matvec(x);
  let e = 0, nb = 0;
  for (let i = 0; i < b.length; i++) { e += (r[i] - b[i]) ** 2; nb += b[i] ** 2; }
  return Math.sqrt(e / nb);
}

/** math.js slu + lusolve on A (CSC), order 1 (A + Aᵀ) and threshold 0.001; seconds for one run. */
function mathjsTime(A, b) {
  const math = createRequire(import.meta.url)('mathjs');
  const S = math.SparseMatrix.fromJSON({ mathjs: 'SparseMatrix', values: Array.from(A.data), index: Array.from(A.indices), ptr: Array.from(A.indptr), size: [...A.shape], datatype: 'number' });
  const t0 = performance.now();
  const f = math.slu(S, 1, 0.001);
  math.lusolve(f, Array.from(b));
  return (performance.now() - t0) / 1000;
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-direct-'));
  const rows = [];
  try {
    const work = [];
    if (want('p2d400')) work.push(['Poisson 2-D 400x400 (n=160000), SPD', () => poisson2d(400), 'spd', 2]);
    if (want('p2d500')) work.push(['Poisson 2-D 500x500 (n=250000), SPD', () => poisson2d(500), 'spd', 2]);
    if (want('p3d')) work.push(['Poisson 3-D 40^3 (n=64000), SPD', () => poisson3d(40), 'spd', 1]);
    if (want('struct')) {
      for (const name of ['bcspwr10', 'dwt_992', 'jagmesh7']) work.push([`${name} graph Laplacian + I (n=${name === 'bcspwr10' ? 5300 : name === 'dwt_992' ? 992 : 1138}), SPD`, () => laplacianFixture(name), 'spd', 5]);
    }
    if (want('cd')) work.push(['convection-diffusion 2-D 300x300 (n=90000), Pe 100', () => convectionDiffusion(300, 100), 'lu', 2]);
    if (want('cd')) work.push(['convection-diffusion 2-D 150x150 (n=22500), Pe 1000', () => convectionDiffusion(150, 1000), 'lu', 3]);
    for (const [label, make, kind, runs] of work) {
      const A = make();
      const n = A.shape[0];
      const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.5);
      writeCSC(dir, 'A', A);
      writeFileSync(join(dir, 'b.bin'), b);
      let x;
      const ours = timeIt(() => { x = kind === 'spd' ? sp.spsolve(A, b) : sp.splu(A).solve(b); }, { minRuns: runs, minTime: 0, warmup: runs === 1 ? 0 : 1 });
      const res = relres(A, x, b);
      let fill, flops, detail;
      if (kind === 'spd') {
        const F = sp.choleskySparse(A);
        fill = F.nnzL;
        flops = F.flops;
        detail = `nnz(L) ${fill} (as LU: ${2 * fill - n}), ${F.nsuper} supernodes`;
      } else {
        const lu = sp.splu(A);
        fill = lu.L.nnz + lu.U.nnz;
        flops = lu.flops;
        detail = `nnz(L+U) ${fill}, ordering ${lu.ordering}`;
      }
      const py = runPython(PY, { dir, shape: A.shape, runs });
      const row = {
        workload: label,
        ours_s: ours,
        scipy_spsolve_s: py?.spsolve,
        ratio_vs_spsolve: py ? ours / py.spsolve : undefined,
        scipy_splu_s: py?.splu,
        note: `${detail}, ${(flops / 1e9).toFixed(2)} Gflop; SuperLU nnz(L+U) ${py?.fill ?? '-'}; residual ${res.toExponential(1)} vs SciPy ${py ? py.res.toExponential(1) : '-'}`,
      };
      rows.push(row);
      console.log(`  done: ${JSON.stringify(row)}`);
    }
    printTable('direct solvers: ours (spsolve = sparse Cholesky on SPD, splu + solve otherwise) vs SciPy SuperLU (median s, factor + solve)', rows,
      ['workload', 'ours_s', 'scipy_spsolve_s', 'ratio_vs_spsolve', 'scipy_splu_s', 'note']);

    if (want('mathjs')) {
      // math.js is far slower: compared on smaller problems, one run each.
      const mrows = [];
      for (const [label, A] of [['Poisson 2-D 60x60 (n=3600)', poisson2d(60)], ['Poisson 2-D 120x120 (n=14400)', poisson2d(120)], ['convection-diffusion 2-D 60x60, Pe 100', convectionDiffusion(60, 100)], ['jagmesh7 Laplacian + I (n=1138)', laplacianFixture('jagmesh7')]]) {
        const n = A.shape[0];
        const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.5);
        const ours = timeIt(() => sp.spsolve(A, b), { minRuns: 5, minTime: 0.5, warmup: 2 });
        const m = mathjsTime(A, b);
        mrows.push({ workload: label, ours_s: ours, mathjs_s: m, speedup: m / ours });
      }
      printTable('direct solvers: ours (spsolve) vs math.js slu(order 1, threshold 0.001) + lusolve (one run)', mrows);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
