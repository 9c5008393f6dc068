// bench:compare section "krylov": gmres, bicgstab, minres, svds and eigsh shift-invert against
// SciPy on the same matrices (handed to Python as raw binary files), same tolerances, with
// iteration counts side by side. Ours is timed before and after SciPy (A, B, A) and the median of
// both runs is reported, so a change of machine load between the two sides shows in `ours_spread`.
// The solvers (gmres, bicgstab, minres) also report CPU time per solve (median of KRYLOV_RUNS runs
// per round, default 5), which a loaded machine disturbs much less than wall time. SciPy runs with
// one BLAS thread (OPENBLAS_NUM_THREADS=1 unless set): ours is single-threaded at these sizes, and
// OpenBLAS threads spinning on a shared 2-core machine made SciPy 10-40x slower than it is.
//
//   node bench/compare.mjs krylov               all workloads
//   KRYLOV_ONLY=gmres,bicgstab,minres,svds,eigsh-sigma ...   some of them
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sp from '../../dist/index.js';
import { printTable, runPython, timeIt } from '../lib/harness.mjs';
import { sparseLS } from './03-linalg.mjs';

const only = process.env.KRYLOV_ONLY ?? '';
const want = (k) => only === '' || only.split(',').includes(k);

const PY_LOAD = `
import os
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
def vec(d, name): return np.fromfile(os.path.join(d, name), dtype=np.float64)
def csr(d, name, shape):
    p = os.path.join(d, name)
    return sp.csr_array((np.fromfile(p + '.data', dtype=np.float64), np.fromfile(p + '.indices', dtype=np.int32), np.fromfile(p + '.indptr', dtype=np.int32)), shape=tuple(shape))
`;

function writeCSR(dir, name, A) {
  writeFileSync(join(dir, `${name}.indptr`), A.indptr);
  writeFileSync(join(dir, `${name}.indices`), A.indices);
  writeFileSync(join(dir, `${name}.data`), A.data);
}

/** Sum over the axes of a grid of 1-D stencils [lower, diagonal, upper] (fastest axis last). */
function gridOperator(dims, stencils) {
  const n = dims.reduce((a, b) => a * b, 1);
  const strides = dims.map((_, a) => dims.slice(a + 1).reduce((x, y) => x * y, 1));
  const row = [], col = [], val = [];
  for (let p = 0; p < n; p++) {
    let diag = 0;
    for (let a = 0; a < dims.length; a++) {
      const [lo, d, up] = stencils[a];
      const i = Math.floor(p / strides[a]) % dims[a];
      diag += d;
      if (i > 0) { row.push(p); col.push(p - strides[a]); val.push(lo); }
      if (i < dims[a] - 1) { row.push(p); col.push(p + strides[a]); val.push(up); }
    }
    row.push(p); col.push(p); val.push(diag);
  }
  return sp.coo(row, col, val, [n, n]).toCSR();
}
const poisson3d = (k) => gridOperator([k, k, k], [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]]);
const poisson2d = (k) => gridOperator([k, k], [[-1, 2, -1], [-1, 2, -1]]);
const convdiff2d = (k, px, py) => gridOperator([k, k], [[-1 - py, 2, -1 + py], [-1 - px, 2, -1 + px]]);

const timing = { minRuns: 2, minTime: 0, warmup: 1 };

const timedRuns = Number(process.env.KRYLOV_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Median wall and CPU seconds of `fn` over `timedRuns` runs (after one warm-up run). */
function wallAndCpu(fn) {
  fn();
  const wall = [];
  const cpu = [];
  for (let k = 0; k < timedRuns; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** The solvers: ours (wall and CPU), then SciPy, then ours again; the medians of both rounds of ours. */
function interleavedCpu(fn, python) {
  const a = wallAndCpu(fn);
  const py = python();
  const b = wallAndCpu(fn);
  return { ours: (a.wall + b.wall) / 2, spread: `${a.wall.toPrecision(3)} / ${b.wall.toPrecision(3)}`, oursCpu: (a.cpu + b.cpu) / 2, cpuSpread: `${a.cpu.toPrecision(3)} / ${b.cpu.toPrecision(3)}`, py };
}

/** Median seconds of `fn` over two timeIt rounds, with the python reference in between. */
function interleaved(fn, python) {
  const a = timeIt(fn, timing);
  const py = python();
  const b = timeIt(fn, { ...timing, warmup: 0 });
  return { ours: (a + b) / 2, spread: `${a.toPrecision(3)} / ${b.toPrecision(3)}`, py };
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-krylov-'));
  const rows = [];
  const add = (workload, t, note) => {
    const row = {
      workload, ours_s: t.ours, ours_spread: t.spread, scipy_s: t.py?.t, ratio: t.py ? t.ours / t.py.t : undefined,
      ours_cpu_s: t.oursCpu, ours_cpu_spread: t.cpuSpread, scipy_cpu_s: t.py?.cpu, cpu_ratio: t.py?.cpu ? t.oursCpu / t.py.cpu : undefined, note,
    };
    rows.push(row);
    if (process.env.KRYLOV_PROGRESS) console.log(JSON.stringify(row));
  };
  try {
    const problems = [
      ['convdiff 2-D 150x150 (n=22500, Péclet 0.4/0.2)', 'CD', convdiff2d(150, 0.4, 0.2)],
      ['Poisson 3-D 30^3 (n=27000)', 'P3', poisson3d(30)],
    ];
    for (const [, name, A] of problems) writeCSR(dir, name, A);
    const b = (n) => Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    // ---- gmres / bicgstab on both; minres on the symmetric one ------------------------------------
    const runs = [];
    for (const [label, name, A] of problems) {
      if (want('gmres')) runs.push(['gmres', label, name, A, { restart: 30, rtol: 1e-8, maxIter: 1000 }, "restart=30, maxiter=1000"]);
      if (want('bicgstab')) runs.push(['bicgstab', label, name, A, { rtol: 1e-8, maxIter: 10000 }, 'maxiter=10000']);
    }
    if (want('minres')) runs.push(['minres', problems[1][0], 'P3', problems[1][2], { rtol: 1e-8 }, '']);
    if (want('minres')) {
      const P = poisson2d(100);
      writeCSR(dir, 'P2', P);
      runs.push(['minres', 'Poisson 2-D 100x100 − 0.05·I (indefinite)', 'P2', P, { rtol: 1e-6, shift: 0.05, maxIter: 20000 }, 'shift=0.05, maxiter=20000']);
    }
    for (const [method, label, name, A, opts, pyopts] of runs) {
      const n = A.shape[0];
      const bv = b(n);
      let res;
      const t = interleavedCpu(() => { res = sp[method](A, bv, opts); }, () => runPython(`${PY_LOAD}
A = csr(inp['dir'], inp['name'], inp['shape']); n = A.shape[0]; b = np.sin(np.arange(1, n + 1))
m = inp['method']
kw = {'rtol': inp['rtol']}
${pyopts ? `kw.update(dict(${pyopts}))` : ''}
if m == 'gmres': kw.update(callback_type='pr_norm')
it = [0]
def cb(_): it[0] += 1
cnt = [0]
def mv(x):
    cnt[0] += 1
    return A @ x
op = sla.LinearOperator(A.shape, matvec=mv, dtype=float)
f = getattr(sla, m)
if m == 'bicgstab':
    x, info = f(op, b, **kw); its = (cnt[0] + 1) // 2
else:
    x, info = f(A, b, callback=cb, **kw); its = it[0]
run = lambda: f(A, b, **{k: v for k, v in kw.items() if k != 'callback_type'})
run()
wall = []; cpu = []
for _ in range(inp['runs']):
    c0 = time.process_time(); t0 = time.perf_counter(); run()
    wall.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
print(json.dumps({'t': sorted(wall)[len(wall) // 2], 'cpu': sorted(cpu)[len(cpu) // 2], 'it': its, 'info': int(info)}))
`, { dir, name, shape: A.shape, method, rtol: opts.rtol, runs: timedRuns }));
      const py = t.py;
      add(`${method} ${label}, rtol ${opts.rtol}${opts.shift ? `, shift ${opts.shift}` : ''}`, t,
        `iterations ${res.iterations} (info ${res.info}) vs SciPy ${py?.it ?? '-'} (info ${py?.info ?? '-'})`);
    }

    // ---- svds ---------------------------------------------------------------------------------------
    if (want('svds')) {
      const A = sparseLS(10000, 1000, 10, 5);
      writeCSR(dir, 'S', A);
      let res;
      const t = interleaved(() => { res = sp.svds(A, 6, { seed: 1 }); }, () => runPython(`${PY_LOAD}
A = csr(inp['dir'], 'S', inp['shape'])
s = sla.svds(A, 6, return_singular_vectors=False, rng=np.random.default_rng(0))
t = timeit(lambda: sla.svds(A, 6, rng=np.random.default_rng(0)), min_runs=2, min_time=0)
print(json.dumps({'t': t, 's': sorted(s.tolist())}))
`, { dir, shape: A.shape }));
      const py = t.py;
      let err = 0;
      if (py) py.s.forEach((v, i) => { err = Math.max(err, Math.abs(res.s[i] - v) / v); });
      add('svds k=6 LM, 10000x1000 sparse (1e5 nnz, column scales 1..100)', t, `max rel diff vs SciPy ${py ? err.toExponential(1) : '-'}; Gram products ${res.matvecs}`);
    }

    // ---- eigsh shift-invert: factorization of A − σI plus the Lanczos cycles ------------------------
    if (want('eigsh-sigma')) {
      for (const [label, name, A, sigma] of [
        ['Poisson 2-D 200x200 (n=40000), sigma=0 (Cholesky)', 'E1', poisson2d(200), 0],
        ['Poisson 2-D 200x200 (n=40000), sigma=1 (indefinite: LU)', 'E1', poisson2d(200), 1],
      ]) {
        writeCSR(dir, name, A);
        let res;
        const t = interleaved(() => { res = sp.eigsh(A, 6, { sigma, seed: 1 }); }, () => runPython(`${PY_LOAD}
A = sp.csc_array(csr(inp['dir'], inp['name'], inp['shape']))
w = sla.eigsh(A, 6, sigma=inp['sigma'], return_eigenvectors=False)
t = timeit(lambda: sla.eigsh(A, 6, sigma=inp['sigma']), min_runs=2, min_time=0)
print(json.dumps({'t': t, 'w': sorted(w.tolist())}))
`, { dir, name, shape: A.shape, sigma }));
        const py = t.py;
        let err = 0;
        if (py) py.w.forEach((w, i) => { err = Math.max(err, Math.abs(res.values[i] - w) / Math.abs(w)); });
        add(`eigsh k=6 shift-invert, ${label}`, t, `max rel diff vs SciPy ${py ? err.toExponential(1) : '-'}; solves ${res.matvecs}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable('krylov: gmres, bicgstab, minres, svds, eigsh(sigma) vs SciPy (same problem, same tolerance, SciPy on one BLAS thread; ours timed before and after SciPy; ratio = ours / SciPy, < 1 is faster; cpu_ratio the same on CPU time)', rows,
    ['workload', 'ours_s', 'ours_spread', 'scipy_s', 'ratio', 'ours_cpu_s', 'ours_cpu_spread', 'scipy_cpu_s', 'cpu_ratio', 'note']);
}
