// bench:compare section "direct": sparse direct solvers against SciPy's SuperLU (spsolve, splu)
// CHOLMOD / UMFPACK through Octave's backslash (where `octave` is installed; Debian package) and
// math.js `slu`, on the same matrices in the same run. SPD systems go through our spsolve
// (sparse Cholesky), non-symmetric ones through splu. Matrices are built here and handed to Python
// as raw binary CSC arrays.
//
//   node bench/compare.mjs direct                 all workloads
//   DIRECT_ONLY=p2d500,p2d400,p3d,struct,cd,mathjs ...   a subset
//   DIRECT_SCIPY=0 ...                                  without SciPy (Octave and math.js only)
//   MATHJS_COLD_RUNS=3 MATHJS_WARMUP=10 MATHJS_ROUNDS=5 ... the math.js section's cold and warm runs
//   MATHJS_ONLY=p60,p120,cd60,cd120,jagmesh7 ...        a subset of the math.js section's workloads
//   MATHJS_NATIVE=0 ...                                 without the native ceiling (C, Octave, SciPy) there
//   NATIVE_MALLOC=default ...                           Octave, SciPy and C with glibc's default malloc
//                                                       (bench/lib/native-solve.mjs: it page-faults)
//
// The last table states each of issue 15's targets for the workloads that ran: ours, the reference,
// the ratio, met or not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sp from '../../dist/index.js';
import { printTable, runPython, timeIt } from '../lib/harness.mjs';
import { laplacianFixture as fixtureLaplacian } from '../ab/generators.mjs';
import { mallocKeeps, nativeSolves } from '../lib/native-solve.mjs';

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
const laplacianFixture = (name) => fixtureLaplacian(sp, name);

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
cpu = []
def spsolve_cpu():
    c0 = time.process_time(); sla.spsolve(A, b); cpu.append(time.process_time() - c0)
t_spsolve = timeit(spsolve_cpu, **runs)
cpu_timed = sorted(cpu[len(cpu) - inp['runs']:])
lu = sla.splu(A)
t_splu = timeit(lambda: sla.splu(A), **runs)
x = sla.spsolve(A, b)
print(json.dumps({'spsolve': t_spsolve, 'spsolve_cpu': cpu_timed[len(cpu_timed) // 2], 'splu': t_splu, 'fill': int(lu.L.nnz + lu.U.nnz), 'res': float(np.linalg.norm(A @ x - b) / np.linalg.norm(b))}))
`;

// Octave: x = A\\b runs CHOLMOD's supernodal Cholesky on a symmetric matrix with a positive
// diagonal and UMFPACK's LU otherwise; chol(A, 'vector') times CHOLMOD's factorization alone.
// One BLAS thread (ours and SuperLU are single-threaded). Median of `runs` after one warm-up.
const OCTAVE = `
d = getenv('DIRECT_DIR'); n = str2double(getenv('DIRECT_N')); runs = str2double(getenv('DIRECT_RUNS'));
f = fopen([d '/A.indptr']); ptr = fread(f, Inf, 'int32'); fclose(f);
f = fopen([d '/A.indices']); idx = fread(f, Inf, 'int32'); fclose(f);
f = fopen([d '/A.data']); val = fread(f, Inf, 'double'); fclose(f);
f = fopen([d '/b.bin']); b = fread(f, Inf, 'double'); fclose(f);
cols = repelem((1:n)', diff(ptr));
A = sparse(idx + 1, cols, val, n, n);
spd = strcmp(getenv('DIRECT_KIND'), 'spd');
x = A \\ b; tb = zeros(runs, 1); tc = zeros(runs, 1); cb = zeros(runs, 1);
for r = 1:runs, t = tic; c0 = cputime; x = A \\ b; cb(r) = cputime - c0; tb(r) = toc(t); end
if spd, for r = 1:runs, t = tic; [R, p, q] = chol(A, 'vector'); tc(r) = toc(t); end, end
if spd, nf = nnz(R); else [L, U, P, Q] = lu(A); nf = nnz(L) + nnz(U); end
printf('{"backslash": %.6g, "backslash_cpu": %.6g, "chol": %.6g, "fill": %d, "res": %.3g}\\n', median(tb), median(cb), median(tc), nf, norm(A * x - b) / norm(b));
`;

/** Octave timings, or null when octave is not installed. */
function runOctave(dir, n, kind, runs) {
  const env = { ...process.env, ...mallocKeeps, DIRECT_DIR: dir, DIRECT_N: String(n), DIRECT_KIND: kind, DIRECT_RUNS: String(runs), OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const r = spawnSync('octave', ['--no-gui', '--no-window-system', '-q', '--eval', OCTAVE], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) return null;
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`octave failed:\n${r.stderr}`);
  return JSON.parse(line);
}

function relres(A, x, b) {
  const r = A.matvec(x);
  let e = 0, nb = 0;
  for (let i = 0; i < b.length; i++) { e += (r[i] - b[i]) ** 2; nb += b[i] ** 2; }
  return Math.sqrt(e / nb);
}

/** CPU seconds (user + system, this process) of one call of `fn`. */
function cpuTime(fn) {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/**
 * math.js slu + lusolve on A (CSC), order 1 (A + Aᵀ) and threshold 0.001: [wall s, CPU s] of one
 * run, and its x as a Float64Array when `keepX`.
 */
function mathjsTime(A, b, keepX = false) {
  const math = createRequire(import.meta.url)('mathjs');
  const S = math.SparseMatrix.fromJSON({ mathjs: 'SparseMatrix', values: Array.from(A.data), index: Array.from(A.indices), ptr: Array.from(A.indptr), size: [...A.shape], datatype: 'number' });
  let x;
  const t0 = performance.now();
  const cpu = cpuTime(() => { x = math.lusolve(math.slu(S, 1, 0.001), Array.from(b)); });
  const wall = (performance.now() - t0) / 1000;
  return keepX ? [wall, cpu, Float64Array.from((typeof x.toArray === 'function' ? x.toArray() : x).flat())] : [wall, cpu];
}

/** The math.js section's workloads (smaller problems: math.js is far slower). */
const mathjsWorkloads = [
  ['Poisson 2-D 60x60 (n=3600)', () => poisson2d(60), 'p60', 'spd'],
  ['Poisson 2-D 120x120 (n=14400)', () => poisson2d(120), 'p120', 'spd'],
  ['convection-diffusion 2-D 60x60, Pe 100', () => convectionDiffusion(60, 100), 'cd60', 'lu'],
  ['convection-diffusion 2-D 120x120, Pe 100', () => convectionDiffusion(120, 100), 'cd120', 'lu'],
  ['jagmesh7 Laplacian + I (n=1138)', () => laplacianFixture('jagmesh7'), 'jagmesh7', 'spd'],
];
const mathjsOnly = (process.env.MATHJS_ONLY ?? '').split(',').filter(Boolean);
const MATHJS_COLD_RUNS = Number(process.env.MATHJS_COLD_RUNS ?? 3);
const MATHJS_WARMUP = Number(process.env.MATHJS_WARMUP ?? 10);
const MATHJS_ROUNDS = Number(process.env.MATHJS_ROUNDS ?? 5);
const med = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
const rhs = (n) => Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.5);

/**
 * [wall s, CPU s] of the first call of ours (`spsolve`) or math.js on math.js workload `index`, in
 * this process: what {@link coldInChild} runs in a fresh one.
 */
export function firstCall(index, who) {
  const A = mathjsWorkloads[index][1]();
  const b = rhs(A.shape[0]);
  if (who === 'mathjs') return mathjsTime(A, b);
  const t0 = performance.now();
  const cpu = cpuTime(() => sp.spsolve(A, b));
  return [(performance.now() - t0) / 1000, cpu];
}

/** [wall s, CPU s] of {@link firstCall} in a fresh Node process (nothing JIT-compiled yet). */
function coldInChild(index, who) {
  const code = `import { firstCall } from ${JSON.stringify(import.meta.url)}; console.log(JSON.stringify(firstCall(${index}, '${who}')));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('[')) throw new Error(`cold ${who} run failed:\n${r.stderr}`);
  return JSON.parse(line);
}

/**
 * Issue 15's targets, from this run's rows: each with ours, the reference, the ratio and its goal
 * (CPU seconds unless the measure says otherwise; targets whose workloads were not run are left out).
 */
function printTargets(rows, mrows) {
  const t = [];
  const add = (target, workload, ours, ref, ratio, goal, ok) => t.push({ target, workload, ours, reference: ref, ratio, goal, met: ok ? 'yes' : 'NO' });
  for (const r of rows) {
    const sec = (cpu, wall) => `${cpu.toPrecision(3)} s CPU, ${wall.toPrecision(3)} s wall`;
    if (r.scipy_spsolve_s !== undefined) {
      const goal = r.kind === 'spd' ? 'ours/ref < 1' : 'ours/ref <= 2';
      const ratio = r.ours_cpu_s / r.scipy_spsolve_cpu_s;
      add(r.kind === 'spd' ? 'SPD: faster than SciPy spsolve' : 'non-symmetric: within 2x of SuperLU (spsolve)', r.key,
        sec(r.ours_cpu_s, r.ours_s), sec(r.scipy_spsolve_cpu_s, r.scipy_spsolve_s), `${ratio.toFixed(2)} CPU, ${(r.ours_s / r.scipy_spsolve_s).toFixed(2)} wall`, goal,
        r.kind === 'spd' ? ratio < 1 : ratio <= 2);
    }
    if (r.kind === 'spd' && r.octave_backslash_cpu_s !== undefined) {
      const ratio = r.ours_cpu_s / r.octave_backslash_cpu_s;
      add('SPD: within 2x of CHOLMOD (Octave A\\b)', r.key, sec(r.ours_cpu_s, r.ours_s), sec(r.octave_backslash_cpu_s, r.octave_backslash_s),
        `${ratio.toFixed(2)} CPU, ${(r.ours_s / r.octave_backslash_s).toFixed(2)} wall`, 'ours/ref <= 2', ratio <= 2);
    }
    if (r.superlu_fill !== undefined) {
      const ratio = r.fill_lu / r.superlu_fill;
      add('fill nnz(L+U) within 1.5x of SuperLU (COLAMD)', r.key, `${r.fill_lu}${r.kind === 'spd' ? ' (2 nnz(L))' : ''}, ${(r.flops / 1e9).toFixed(3)} Gflop`, String(r.superlu_fill), ratio.toFixed(2), 'ours/ref <= 1.5', ratio <= 1.5);
    }
    if (r.cholmod_fill !== undefined) {
      const ratio = r.nnz_l / r.cholmod_fill;
      add('SPD fill nnz(L) beside CHOLMOD nnz(R) (no target)', r.key, String(r.nnz_l), String(r.cholmod_fill), ratio.toFixed(2), '-', true);
    }
  }
  for (const r of mrows) {
    add('at least 50x faster than math.js, warm', r.key, `${r.ours_warm_cpu_s.toPrecision(3)} s CPU`, `${r.mathjs_warm_cpu_s.toPrecision(3)} s CPU`,
      `${r.speedup_warm_cpu.toFixed(1)} CPU, ${r.speedup_warm_wall.toFixed(1)} wall`, 'ref/ours >= 50', r.speedup_warm_cpu >= 50);
    add('at least 50x faster than math.js, cold', r.key, `${r.ours_cold_cpu_s.toPrecision(3)} s CPU`, `${r.mathjs_cold_cpu_s.toPrecision(3)} s CPU`,
      `${r.speedup_cold_cpu.toFixed(1)} CPU, ${r.speedup_cold_wall.toFixed(1)} wall`, 'ref/ours >= 50', r.speedup_cold_cpu >= 50);
  }
  if (t.length > 0) printTable("issue 15 targets in this run (CPU is the process's user + system; met judged on CPU)", t);
}

export default async function () {
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-direct-'));
  const rows = [];
  try {
    const work = [];
    if (want('p2d400')) work.push(['Poisson 2-D 400x400 (n=160000), SPD', () => poisson2d(400), 'spd', 2, 'p2d400']);
    if (want('p2d500')) work.push(['Poisson 2-D 500x500 (n=250000), SPD', () => poisson2d(500), 'spd', 2, 'p2d500']);
    if (want('p3d')) work.push(['Poisson 3-D 40^3 (n=64000), SPD', () => poisson3d(40), 'spd', 3, 'p3d']);
    if (want('struct')) {
      for (const name of ['bcspwr10', 'dwt_992', 'jagmesh7']) work.push([`${name} graph Laplacian + I (n=${name === 'bcspwr10' ? 5300 : name === 'dwt_992' ? 992 : 1138}), SPD`, () => laplacianFixture(name), 'spd', 5, name]);
    }
    if (want('cd')) work.push(['convection-diffusion 2-D 300x300 (n=90000), Pe 100', () => convectionDiffusion(300, 100), 'lu', 2, 'cd300']);
    if (want('cd')) work.push(['convection-diffusion 2-D 150x150 (n=22500), Pe 1000', () => convectionDiffusion(150, 1000), 'lu', 3, 'cd150']);
    for (const [label, make, kind, runs, key] of work) {
      const A = make();
      const n = A.shape[0];
      const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.5);
      writeCSC(dir, 'A', A);
      writeFileSync(join(dir, 'b.bin'), b);
      let x;
      const oursCpu = [];
      // Small systems (5 runs) get 10 warm-up calls: run first in the section, one warm-up left them
      // timed while V8 was still compiling (bcspwr10: 8.6 ms CPU instead of 3.3).
      const warmup = runs === 1 ? 0 : runs >= 5 ? 10 : 1;
      const ours = timeIt(() => { oursCpu.push(cpuTime(() => { x = kind === 'spd' ? sp.spsolve(A, b) : sp.splu(A).solve(b); })); }, { minRuns: runs, minTime: 0, warmup });
      // CPU time of the timed runs (the warm-up calls are the first entries).
      const cpuRuns = oursCpu.slice(oursCpu.length - runs).sort((u, v) => u - v);
      const oursCpuMedian = cpuRuns[cpuRuns.length >> 1];
      const res = relres(A, x, b);
      let fill, flops, detail;
      if (kind === 'spd') {
        const F = sp.choleskySparse(A);
        fill = F.nnzL;
        flops = F.flops;
        detail = `nnz(L) ${fill} (as LU: ${2 * fill - n}), ordering ${F.ordering}, ${F.nsuper === n ? 'simplicial' : `${F.nsuper} supernodes`}`;
      } else {
        const lu = sp.splu(A);
        fill = lu.L.nnz + lu.U.nnz;
        flops = lu.flops;
        detail = `nnz(L+U) ${fill}, ordering ${lu.ordering}`;
      }
      const py = process.env.DIRECT_SCIPY === '0' ? null : runPython(PY, { dir, shape: A.shape, runs }, { blasThreads: 1, env: mallocKeeps });
      const oct = runOctave(dir, n, kind, runs);
      const row = {
        workload: label,
        ours_s: ours,
        scipy_spsolve_s: py?.spsolve,
        ratio_vs_spsolve: py ? ours / py.spsolve : undefined,
        scipy_spsolve_cpu_s: py?.spsolve_cpu,
        scipy_splu_s: py?.splu,
        octave_backslash_s: oct?.backslash,
        ratio_vs_octave: oct ? ours / oct.backslash : undefined,
        octave_chol_s: kind === 'spd' ? oct?.chol : undefined,
        ours_cpu_s: oursCpuMedian,
        octave_backslash_cpu_s: oct?.backslash_cpu,
        ratio_vs_octave_cpu: oct ? oursCpuMedian / oct.backslash_cpu : undefined,
        kind, key, fill_lu: kind === 'spd' ? 2 * fill : fill, nnz_l: kind === 'spd' ? fill : undefined, flops,
        superlu_fill: py?.fill, cholmod_fill: kind === 'spd' ? oct?.fill : undefined,
        note: `${detail}, ${(flops / 1e9).toFixed(2)} Gflop; SuperLU nnz(L+U) ${py?.fill ?? '-'}; residual ${res.toExponential(1)} vs SciPy ${py ? py.res.toExponential(1) : '-'}${oct ? `; Octave (${kind === 'spd' ? 'CHOLMOD nnz(R)' : 'UMFPACK nnz(L+U)'} ${oct.fill}, residual ${oct.res.toExponential(1)})` : ''}`,
      };
      rows.push(row);
      console.log(`  done: ${JSON.stringify(row)}`);
    }
    if (rows.length > 0) printTable('direct solvers: ours (spsolve = sparse Cholesky on SPD, splu + solve otherwise) vs SciPy SuperLU and Octave A\\b (CHOLMOD on SPD, UMFPACK otherwise; 1 BLAS thread) (median s, factor + solve)', rows,
      ['workload', 'ours_s', 'scipy_spsolve_s', 'ratio_vs_spsolve', 'scipy_splu_s', 'octave_backslash_s', 'ratio_vs_octave', 'ours_cpu_s', 'octave_backslash_cpu_s', 'ratio_vs_octave_cpu', 'octave_chol_s', 'note']);

    const mrows = [];
    const nrows = [];
    const crows = [];
    if (want('mathjs')) {
      // math.js is far slower: compared on smaller problems. Its JIT warms up over its first calls
      // (jagmesh7: about 10x between the first call and the 8th), so both libraries are timed twice:
      // cold, the first call in a fresh process (median of MATHJS_COLD_RUNS processes, each timing
      // one library's first call), and warm, after MATHJS_WARMUP calls each, alternating (ours: 5
      // calls, math.js: one) for MATHJS_ROUNDS rounds. CPU time (user + system of the process: on a
      // loaded machine the wall time of a short call is mostly waiting for a core) and wall time.
      // The native ceiling (MATHJS_NATIVE=0 skips it): Octave and SciPy on the same A and b, each
      // method in MATHJS_COLD_RUNS fresh processes (bench/lib/native-solve.mjs), every x checked by
      // the same residual.
      mathjsWorkloads.forEach(([label, make, key, kind], index) => {
        if (mathjsOnly.length > 0 && !mathjsOnly.includes(key)) return;
        const A = make();
        const b = rhs(A.shape[0]);
        const cold = { ours: [], mathjs: [] };
        for (let r = 0; r < MATHJS_COLD_RUNS; r++) for (const who of ['ours', 'mathjs']) cold[who].push(coldInChild(index, who));
        for (let w = 0; w < MATHJS_WARMUP; w++) { sp.spsolve(A, b); mathjsTime(A, b); }
        const ow = [], oc = [], mw = [], mc = [];
        for (let r = 0; r < MATHJS_ROUNDS; r++) {
          for (let k = 0; k < 5; k++) {
            const t0 = performance.now();
            oc.push(cpuTime(() => sp.spsolve(A, b)));
            ow.push((performance.now() - t0) / 1000);
          }
          const [w, c] = mathjsTime(A, b);
          mw.push(w);
          mc.push(c);
        }
        const oursCold = med(cold.ours.map((t) => t[1]));
        const mathjsCold = med(cold.mathjs.map((t) => t[1]));
        mrows.push({
          workload: label, key,
          ours_cold_cpu_s: oursCold, mathjs_cold_cpu_s: mathjsCold, speedup_cold_cpu: mathjsCold / oursCold,
          speedup_cold_wall: med(cold.mathjs.map((t) => t[0])) / med(cold.ours.map((t) => t[0])),
          ours_warm_cpu_s: med(oc), mathjs_warm_cpu_s: med(mc), speedup_warm_cpu: med(mc) / med(oc),
          speedup_warm_wall: med(mw) / med(ow),
        });
        if (process.env.MATHJS_NATIVE === '0') return;
        const mj = { cold_cpu: mathjsCold, cold_wall: med(cold.mathjs.map((t) => t[0])), warm_cpu: med(mc), warm_wall: med(mw) };
        const n = A.shape[0];
        writeCSC(dir, 'A', A);
        writeFileSync(join(dir, 'b.bin'), b);
        const methods = [
          { label: 'ours spsolve', cold_cpu: oursCold, cold_wall: med(cold.ours.map((t) => t[0])), warm_cpu: med(oc), warm_wall: med(ow), x: sp.spsolve(A, b) },
          { label: 'math.js slu + lusolve', ...mj, x: mathjsTime(A, b, true)[2] },
          ...nativeSolves(dir, n, { spd: kind === 'spd', processes: MATHJS_COLD_RUNS }),
        ];
        for (const m of methods) {
          nrows.push({
            workload: key, method: m.label,
            cold_cpu_s: m.cold_cpu, cold_wall_s: m.cold_wall, warm_cpu_s: m.warm_cpu, warm_wall_s: m.warm_wall,
            x_mathjs_cold_cpu: mj.cold_cpu / m.cold_cpu, x_mathjs_cold_wall: mj.cold_wall / m.cold_wall,
            x_mathjs_warm_cpu: mj.warm_cpu / m.warm_cpu, x_mathjs_warm_wall: mj.warm_wall / m.warm_wall,
            residual: relres(A, m.x, b).toExponential(1),
          });
        }
        const natives = methods.slice(2);
        if (natives.length === 0) return;
        const best = (k) => natives.reduce((u, v) => (v[k] < u[k] ? v : u));
        const bw = best('warm_cpu');
        const bc = best('cold_cpu');
        crows.push({
          workload: label,
          ours_warm: med(mc) / med(oc), native_warm: mj.warm_cpu / bw.warm_cpu, native_warm_method: bw.label,
          ours_cold: mathjsCold / oursCold, native_cold: mj.cold_cpu / bc.cold_cpu, native_cold_method: bc.label,
          ours_vs_native_warm: med(oc) / bw.warm_cpu,
          '50x_within_native_warm': mj.warm_cpu / bw.warm_cpu >= 50 ? 'yes' : 'no: beyond native',
        });
      });
      if (mrows.length > 0) printTable(`direct solvers: ours (spsolve) vs math.js slu(order 1, threshold 0.001) + lusolve; cold = first call in a fresh process (median of ${MATHJS_COLD_RUNS}), warm = after ${MATHJS_WARMUP} calls each (alternating, medians); CPU s`, mrows.map(({ key: _k, ...r }) => r));
      if (nrows.length > 0) {
        printTable(`native ceiling on the math.js workloads (same A, b; one BLAS thread): each method's first call in a fresh process (cold, median of ${MATHJS_COLD_RUNS} processes) and median of many calls in one process (warm; median over the processes); x_mathjs = math.js time / this time; residual ‖Ax − b‖/‖b‖ of each x, checked here`, nrows);
        printTable('math.js speedups, CPU: ours vs the fastest native method (warm: fastest warm; cold: fastest first call)', crows);
      }
    }
    printTargets(rows, mrows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
