// Where the time of one sparse Lasso path goes (issue 12): the bench's 20000 x 50000 CSC problem
// (10^6 nonzeros, 50 α to α_max/100, relgap 1e-6, no intercept), with every phase of the
// working-set driver timed by wrapping its functions in the built modules. A module-load hook
// appends `f = wrap('f', f)` to the named modules of the dist directory, so every call (from inside
// the module too) goes through a timer; WASM kernels are timed through the JS function that calls
// them (epoch: the CSC epoch kernel, fullGradient: the WASM Xᵀr). `--cpu-prof` attributes WASM
// time to the wrong JS frames here, hence the wrappers. Prints per phase the calls, the inclusive
// and self (minus wrapped callees) milliseconds, and the share of the path.
// The wrappers keep the callees from being inlined: the path's total is printed with and without
// them (a second, unwrapped process) so the overhead shows. Phases are timed in CPU time of the
// process (process.cpuUsage, µs resolution: less inflated by other processes than wall time), or
// in wall time with PHASES_CLOCK=wall. Not part of the tests.
//
//   node bench/ab/glm-phases.mjs [dist dir, default ./dist]   (after `npm run build`)
//   PHASES_PROBLEM=sparse|logistic|dense   the Lasso path (default), the bench's sparse L1-logistic
//                                    fit (same shape, its own seed; C = 1, no intercept, tol 1e-8), or
//                                    the bench's dense path (GLM_ONLY=big: 1000 x 10000 AR(1) ρ = 0.5,
//                                    seed 2, 100 α to α_max/100, relgap 1e-6, no intercept)
//   PHASES_SKLEARN=1                 dense: also scikit-learn's epochs on it (n_iter_ per α, each epoch
//                                    visits all p features: n·p entries), its CPU s and ns per entry
//   PHASES_SKLEARN_ORDER=C           hand scikit-learn X in row-major order (as ours gets it), so that
//                                    its copy to column-major order is timed too (default F, as the bench)
//   PHASES_CALLS=2                   paths per process (the table is of the last; the first warms up)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { phaseTimer, wrapModules } from '../lib/phases.mjs';
import { spawnSync } from 'node:child_process';

const dist = resolve(process.argv[2] ?? 'dist');
const problem = process.env.PHASES_PROBLEM ?? 'sparse';
const calls = Number(process.env.PHASES_CALLS ?? 2);
const plain = process.env.PHASES_PLAIN === '1';
const clock = process.env.PHASES_CLOCK === 'wall' ? () => performance.now() : () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Functions wrapped, by module of dist/solvers/glm/ (class methods as Class.prototype.name).
const WRAP = {
  'prepare.js': ['prepareEnet', 'alphaMax', 'releaseEnet', 'interceptOf'],
  'elastic-net.js': ['fitEnet'],
  'lasso-path.js': ['countNonzero'],
  'working-set.js': [
    'initialState', 'releaseState', 'solveEnet', 'minimizeUnpenalized', 'residualTerms', 'solveInner', 'epoch',
    // partialPrimal: in builds before its sums moved into tryExtrapolated's pass.
    'tryExtrapolated', 'roundingFloor', 'partialPrimal',
  ],
  'gradient-check.js': ['checkGradient', 'gradientCheck'],
  // columnDot (~300000 calls a path, 20 nonzeros each) is left unwrapped: its time is its callers'.
  // columnDots: the checks' exact column products (counted: the columns, its 3rd argument).
  'design.js': ['makeDesign', 'cscKernel', 'fullGradient', 'columnDots', 'releaseDesign'],
  'duality-gap.js': ['enetGap'],
  'screening.js': ['scoreFeatures', 'selectWorkingSet'],
  'anderson.js': ['Anderson.prototype.push', 'Anderson.prototype.extrapolate', 'Anderson.prototype.resize'],
  // The logistic fit (its loss, derivatives and full check are closures inside
  // solveBinaryWorkingSet: their time is its self time). Per-entry helpers (coordinateViolation,
  // sigmoid, log1pExp: ~10^6 calls) are left unwrapped, the timer would cost more than they do.
  'logistic-working-set.js': ['solveBinaryWorkingSet', 'workingSet', 'gradHess', 'modelEpoch', 'tryDirection', 'buffers'],
  'logistic-regression.js': ['logisticRegression', 'binaryWorkingSet', 'solveLogistic'],
  'prox-newton.js': ['penaltyValue', 'optimalityViolation', 'newtonDirection', 'lineSearch'],
};

if (!plain) wrapModules(`${dist}/solvers/glm/`, WRAP);

// Per-phase totals: calls, inclusive ms, ms spent in wrapped callees; epochs also count the
// features visited (the working set's length, its 4th argument).
const timer = phaseTimer(clock, undefined, (name, args, s) => {
  if (name === 'epoch') {
    s.visits = (s.visits ?? 0) + args[3].length;
    // A covariance-mode epoch on the same working set reads |ws|² Gram entries instead of n·|ws|.
    s.visitsSq = (s.visitsSq ?? 0) + args[3].length ** 2;
  }
  // solveInner(t, d, s, ws, ...): a working set's Gram matrix built from scratch costs n·|ws|²/2.
  // An incremental Gram kept over the path: the union of every working set, n·U²/2 in all.
  if (name === 'solveInner') {
    s.gram = (s.gram ?? 0) + args[3].length ** 2 / 2;
    s.union ??= new Set();
    for (const j of args[3]) s.union.add(j);
  }
  if (name === 'columnDots') s.cols = (s.cols ?? 0) + args[2];
});
const { stats } = timer;

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const { sparseProblem, ar1Problem } = await import('../compare/06-glm.mjs');
const q = problem === 'dense' ? ar1Problem(1000, 10000, 0.5, 100, 2) : sparseProblem(20000, 50000, 1e6, problem === 'sparse' ? 3 : 4);
// Entries per feature visit: the column's stored values.
const A = problem === 'dense' ? sp.toNdarray({ rows: q.n, cols: q.p, data: q.X }) : new sp.CSCMatrix({ indptr: q.A.indptr, indices: q.A.indices, data: q.A.data, shape: [q.n, q.p] });
const { n, p, y } = q;
const perVisit = problem === 'dense' ? n : q.A.indptr[p] / p;

let run;
let alphas = null;
if (problem === 'dense') {
  // The bench's grid: α_max = ‖Xᵀy‖∞ / n (X row-major).
  const g = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) g[j] += q.X[i * p + j] * y[i];
  let m = 0;
  for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(g[j]));
  alphas = Float64Array.from({ length: 100 }, (_, k) => (m / n) * 0.01 ** (k / 99));
  run = () => {
    const r = sp.lassoPath(A, y, { alphas, tol: 5e-7, fitIntercept: false, maxIter: 1000000 });
    const nz = r.coefs.map((w) => w.reduce((c, v) => c + (v !== 0 ? 1 : 0), 0));
    return `epochs ${r.iterations.reduce((a, b) => a + b, 0)}, supports ${nz[9]}, ${nz[49]}, ${nz[99]} (α 10, 50, 100), worst reported gap / P(0) ${Math.max(...r.dualityGaps) / (0.5 * y.reduce((s, v) => s + v * v, 0) / n)}`;
  };
} else if (problem === 'sparse') {
  const g = A.rmatvec(y);
  let m = 0;
  for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(g[j]));
  const alphas = Float64Array.from({ length: 50 }, (_, k) => (m / n) * 0.01 ** (k / 49));
  run = () => {
    const r = sp.lassoPath(A, y, { alphas, tol: 5e-7, fitIntercept: false, maxIter: 1000000 });
    return `epochs ${r.iterations.reduce((a, b) => a + b, 0)}, worst reported gap / P(0) ${Math.max(...r.dualityGaps) / (0.5 * y.reduce((s, v) => s + v * v, 0) / n)}`;
  };
} else {
  // The bench's L1-logistic row: labels from the sign of y, C = 1, no intercept, tol 1e-8.
  const labels = Float64Array.from(y, (v) => (v > 0 ? 1 : 0));
  run = () => {
    const r = sp.logisticRegression(A, labels, { penalty: 'l1', C: 1, fitIntercept: false, tol: 1e-8 });
    return `iterations ${r.iterations}, objective ${r.objective}, nonzeros ${r.coef[0].filter((v) => v !== 0).length}`;
  };
}

let total = 0;
for (let c = 0; c < calls; c++) {
  const last = c === calls - 1;
  stats.clear();
  timer.recording = last && !plain;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const k0 = clock();
  const info = run();
  total = clock() - k0;
  const wall = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  console.log(`call ${c + 1}: wall ${(wall / 1000).toFixed(3)} s, CPU ${((cu.user + cu.system) / 1e6).toFixed(3)} s; ${info}`);
}
if (plain) process.exit(0);

const rows = [...stats.entries()].sort((a, b) => b[1].self - a[1].self);
console.log(`\nphases of the last call (wrapped; ${process.env.PHASES_CLOCK === 'wall' ? 'wall' : 'CPU'} ms), load ${(await import('node:os')).loadavg()[0].toFixed(2)}`);
console.log('| phase | calls | inclusive ms | self ms | self % of path |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, s] of rows) {
  console.log(`| ${name} | ${s.calls} | ${s.incl.toFixed(1)} | ${s.self.toFixed(1)} | ${((100 * s.self) / total).toFixed(1)} |`);
}
const ep = stats.get('epoch');
if (ep?.visits) {
  const nnz = ep.visits * perVisit;
  console.log(`\nepochs: ${ep.visits} feature visits (${(nnz / 1e6).toFixed(0)} M stored entries gathered), ${((ep.self * 1e6) / nnz).toFixed(2)} ns per entry (the gather, plus the scatter of the moved features)`);
}
if (ep?.visitsSq && problem === 'dense') {
  const si = stats.get('solveInner');
  console.log(`covariance-mode estimate: epochs would read ${(ep.visitsSq / 1e6).toFixed(0)} M Gram entries (vs ${(ep.visits * n / 1e6).toFixed(0)} M), plus ${((si.gram * n) / 1e6).toFixed(0)} M multiply-adds to build each inner solve's Gram from scratch (${si.calls} inner solves), or ${((si.union.size ** 2 / 2) * n / 1e6).toFixed(0)} M for one Gram grown over the path (${si.union.size} features ever in a working set)`);
}
const cd = stats.get('columnDots');
if (cd?.cols) {
  const e = cd.cols * perVisit;
  console.log(`checks' column products: ${cd.cols} columns (${(e / 1e6).toFixed(0)} M entries), ${((cd.self * 1e6) / e).toFixed(2)} ns per entry`);
}
const fg = stats.get('fullGradient');
if (fg && problem === 'dense') console.log(`full Xᵀr: ${fg.calls} x ${n * p / 1e6} M entries, ${((fg.self * 1e6) / (fg.calls * n * p)).toFixed(2)} ns per entry`);
const selfSum = rows.reduce((a, [, s]) => a + s.self, 0);
console.log(`| (outside wrapped functions) | | | ${(total - selfSum).toFixed(1)} | ${((100 * (total - selfSum)) / total).toFixed(1)} |`);

if (problem === 'dense' && process.env.PHASES_SKLEARN === '1') {
  // scikit-learn's dense path, as the bench runs it (Fortran-ordered X, tol = relgap / 2, one BLAS thread).
  const { runPython } = await import('../lib/harness.mjs');
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'glm-phases-'));
  try {
    const bin = (f, a) => writeFileSync(join(dir, f), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    bin('X.bin', q.X);
    bin('y.bin', y);
    bin('alphas.bin', alphas);
    const sk = runPython(`
import numpy as np, warnings
from sklearn.linear_model import lasso_path
warnings.simplefilter('ignore')
d = inp['dir']; n = inp['n']; p = inp['p']
X = np.fromfile(d + '/X.bin').reshape(n, p)
X = X if inp['order'] == 'C' else np.asfortranarray(X)
y = np.fromfile(d + '/y.bin'); al = np.fromfile(d + '/alphas.bin')
c0 = time.process_time()
_, coefs, gaps, n_iter = lasso_path(X, y, alphas=al, tol=inp['tol'], max_iter=1000000, return_n_iter=True)
c = time.process_time() - c0
print(json.dumps({'cpu': c, 'n_iter': [int(v) for v in n_iter], 'nnz': [int((coefs[:, k] != 0).sum()) for k in range(len(al))]}))`,
      { dir, n, p, tol: 5e-7, order: process.env.PHASES_SKLEARN_ORDER ?? 'F' }, { python: '/usr/bin/python3', modules: ['sklearn'], blasThreads: 1 });
    const e = sk.n_iter.reduce((a, b) => a + b, 0);
    console.log(`\nscikit-learn (X in ${process.env.PHASES_SKLEARN_ORDER ?? 'F'} order): ${e} epochs (${(e * p / 1e6).toFixed(2)} M feature visits, ${(e * p * n / 1e9).toFixed(2)} G entries read at most), CPU ${sk.cpu.toFixed(2)} s, ${((sk.cpu * 1e9) / (e * p * n)).toFixed(3)} ns per entry; supports ${sk.nnz[9]}, ${sk.nnz[49]}, ${sk.nnz[99]} (α 10, 50, 100); epochs per α block of 10: ${Array.from({ length: 10 }, (_, b) => sk.n_iter.slice(10 * b, 10 * b + 10).reduce((a, v) => a + v, 0)).join(', ')}`);
    if (ep?.visits) console.log(`scikit-learn entries / ours (epochs only): ${((e * p * n) / (ep.visits * perVisit)).toFixed(1)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.PHASES_NO_PLAIN !== '1') {
  const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, dist], { env: { ...process.env, PHASES_PLAIN: '1' }, encoding: 'utf8' });
  console.log('\nunwrapped, same calls:\n' + r.stdout.trim());
}
