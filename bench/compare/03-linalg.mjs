// bench:compare section "linalg": dense factorizations (QR, SVD, eigh) against NumPy's LAPACK and
// Krylov solvers (CG, LSQR, eigsh) against SciPy, on the same matrices in the same run. Matrices
// are built here (seeded) and handed to Python as raw binary files, so both sides do the same work.
//
//   node bench/compare.mjs linalg              all workloads
//   LINALG_ONLY=qr|svd|eigh|cg|lsqr|eigsh ...  one family
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sp from '../../dist/index.js';
import { printTable, runPython, timeIt } from '../lib/harness.mjs';
import { poisson } from './02-kernels.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const only = process.env.LINALG_ONLY ?? '';
const want = (k) => only === '' || only.split(',').includes(k);

const PY_LOAD = `
import os, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
def dense(d, name, m, n): return np.fromfile(os.path.join(d, name), dtype=np.float64).reshape(m, n)
def vec(d, name): return np.fromfile(os.path.join(d, name), dtype=np.float64)
def csr(d, name, shape):
    p = os.path.join(d, name)
    return sp.csr_array((np.fromfile(p + '.data', dtype=np.float64), np.fromfile(p + '.indices', dtype=np.int32), np.fromfile(p + '.indptr', dtype=np.int32)), shape=tuple(shape))
`;

function randn(m, n, seed) {
  return { rows: m, cols: n, data: sp.createRng(seed).fillNormal(new Float64Array(m * n)) };
}

function writeCSR(dir, name, A) {
  writeFileSync(join(dir, `${name}.indptr`), A.indptr);
  writeFileSync(join(dir, `${name}.indices`), A.indices);
  writeFileSync(join(dir, `${name}.data`), A.data);
}

/**
 * m x n sparse least-squares matrix: `perRow` distinct random columns per row, normal values,
 * column j scaled by 10^(2j/n) (condition number about 10^2, so LSQR needs a few hundred steps).
 */
export function sparseLS(m, n, perRow, seed) {
  const rng = sp.createRng(seed);
  const indptr = new Int32Array(m + 1);
  const indices = new Int32Array(m * perRow);
  const data = new Float64Array(m * perRow);
  for (let i = 0; i < m; i++) {
    const cols = Array.from(rng.sample(n, perRow)).sort((a, b) => a - b);
    for (let t = 0; t < perRow; t++) {
      indices[i * perRow + t] = cols[t];
      data[i * perRow + t] = rng.normal() * 10 ** ((2 * cols[t]) / n);
    }
    indptr[i + 1] = (i + 1) * perRow;
  }
  return new sp.CSRMatrix({ indptr, indices, data, shape: [m, n] });
}

const timing = { minRuns: 3, minTime: 2, warmup: 1 };

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-linalg-'));
  const rows = [];
  const add = (workload, ours, ref, note) => rows.push({ workload, ours_s: ours, numpy_scipy_s: ref, ratio: ref ? ours / ref : undefined, note });
  try {
    // ---- dense -----------------------------------------------------------------------------
    const dense = [];
    if (want('qr')) dense.push(['qr 20000x100 (Q, R)', 20000, 100, 'qr'], ['qr 2000x2000 (Q, R)', 2000, 2000, 'qr']);
    if (want('svd')) dense.push(['svd 1000x200 thin (U, s, Vt)', 1000, 200, 'svd']);
    if (want('eigh')) dense.push(['eigh 500x500 (values, vectors)', 500, 500, 'eigh']);
    for (const [label, m, n, kind] of dense) {
      const A = randn(m, n, m + n);
      if (kind === 'eigh') for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A.data[j * n + i] = A.data[i * n + j];
      writeFileSync(join(dir, 'A.bin'), A.data);
      const nd = sp.toNdarray(A);
      let check = '';
      const fn = kind === 'qr' ? () => sp.qr(nd) : kind === 'svd' ? () => sp.svd(nd) : () => sp.eigh(nd);
      const ours = timeIt(fn, kind === 'qr' && n === 2000 ? { minRuns: 2, minTime: 1, warmup: 1 } : timing);
      const py = runPython(`${PY_LOAD}
A = dense(inp['dir'], 'A.bin', inp['m'], inp['n'])
kind = inp['kind']
f = {'qr': lambda: np.linalg.qr(A), 'svd': lambda: np.linalg.svd(A, full_matrices=False), 'eigh': lambda: np.linalg.eigh(A)}[kind]
t = timeit(f, min_runs=3, min_time=2)
vals = (np.linalg.svd(A, compute_uv=False) if kind == 'svd' else np.linalg.eigvalsh(A) if kind == 'eigh' else np.abs(np.diag(np.linalg.qr(A, mode='r'))))
print(json.dumps({'t': t, 'vals': vals.tolist()}))
`, { dir, m, n, kind });
      const r = fn();
      const mine = kind === 'qr' ? Array.from({ length: Math.min(m, n) }, (_, i) => Math.abs(r.R.get(i, i))) : Array.from(kind === 'svd' ? r.s : r.values);
      if (py) {
        let err = 0;
        const scale = Math.max(...py.vals.map(Math.abs));
        py.vals.forEach((v, i) => { err = Math.max(err, Math.abs(mine[i] - v) / scale); });
        check = `max rel diff vs NumPy ${err.toExponential(1)}`;
      }
      add(label, ours, py?.t, check);
    }

    // ---- CG on the Poisson matrix -------------------------------------------------------------
    if (want('cg')) {
      const A = poisson(300);
      const n = A.shape[0];
      const b = new Float64Array(n).fill(1);
      writeCSR(dir, 'P', A);
      const rtol = 1e-6;
      let res;
      const ours = timeIt(() => { res = sp.cg(A, b, { tol: rtol }); }, timing);
      const py = runPython(`${PY_LOAD}
A = csr(inp['dir'], 'P', inp['shape']); b = np.ones(A.shape[0])
it = [0]
def cb(_): it[0] += 1
sla.cg(A, b, rtol=inp['rtol'], callback=cb)
t = timeit(lambda: sla.cg(A, b, rtol=inp['rtol']), min_runs=3, min_time=2)
print(json.dumps({'t': t, 'it': it[0]}))
`, { dir, shape: A.shape, rtol });
      add('cg Poisson 300x300 (n=90000), rtol 1e-6', ours, py?.t, `iterations ${res.iterations} vs SciPy ${py?.it ?? '-'}`);
    }

    // ---- LSQR on a sparse 100000 x 200 problem ----------------------------------------------------
    if (want('lsqr')) {
      const A = sparseLS(100000, 200, 10, 7);
      const b = sp.createRng(8).fillNormal(new Float64Array(100000));
      writeCSR(dir, 'L', A);
      writeFileSync(join(dir, 'b.bin'), b);
      let res;
      const ours = timeIt(() => { res = sp.lsqr(A, b, { atol: 1e-10, btol: 1e-10, maxIter: 5000 }); }, timing);
      const py = runPython(`${PY_LOAD}
A = csr(inp['dir'], 'L', inp['shape']); b = vec(inp['dir'], 'b.bin')
r = sla.lsqr(A, b, atol=1e-10, btol=1e-10, iter_lim=5000)
t = timeit(lambda: sla.lsqr(A, b, atol=1e-10, btol=1e-10, iter_lim=5000), min_runs=3, min_time=2)
print(json.dumps({'t': t, 'it': int(r[2]), 'istop': int(r[1])}))
`, { dir, shape: A.shape });
      add('lsqr 100000x200 sparse (1e6 nnz, cond ~1e2), atol=btol=1e-10', ours, py?.t, `iterations ${res.iterations} (istop ${res.istop}) vs SciPy ${py?.it ?? '-'} (istop ${py?.istop ?? '-'})`);
    }

    // ---- eigsh on bcspwr10 ------------------------------------------------------------------------
    if (want('eigsh')) {
      const A = sp.mmread(readFileSync(join(root, 'test/fixtures/matrices/bcspwr10.mtx'), 'utf8')).toCSR();
      writeCSR(dir, 'E', A);
      let res;
      const ours = timeIt(() => { res = sp.eigsh(A, 6, { which: 'LM', seed: 1 }); }, timing);
      const py = runPython(`${PY_LOAD}
A = csr(inp['dir'], 'E', inp['shape'])
c = [0]
def mv(x):
    c[0] += 1
    return A @ x
sla.eigsh(sla.LinearOperator(A.shape, matvec=mv, dtype=float), 6, which='LM')
t = timeit(lambda: sla.eigsh(A, 6, which='LM'), min_runs=3, min_time=2)
print(json.dumps({'t': t, 'mv': c[0], 'w': sorted(sla.eigsh(A, 6, which='LM', return_eigenvectors=False).tolist())}))
`, { dir, shape: A.shape });
      let err = 0;
      if (py) py.w.forEach((w, i) => { err = Math.max(err, Math.abs(res.values[i] - w) / Math.abs(w)); });
      add('eigsh k=6 LM, bcspwr10 (n=5300)', ours, py?.t, `matvecs ${res.matvecs} vs ARPACK ${py?.mv ?? '-'}; max rel diff ${err.toExponential(1)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable('linalg: dense factorizations vs NumPy (LAPACK), Krylov solvers vs SciPy (ratio = ours / reference; < 1 is faster)', rows, ['workload', 'ours_s', 'numpy_scipy_s', 'ratio', 'note']);
}
