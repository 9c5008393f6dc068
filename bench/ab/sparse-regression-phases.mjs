// Where the time of one sparseRegression call goes (issue 18), by phase: abess's protocol (n = 500
// training rows, k = 10, σ = 1, p = 8000, AR(1) ρ = 0.1 or constant correlation 0.7), with the
// functions of the built sparse-regression modules (and glm's lassoPath, the extendable design's
// fill and products) wrapped in timers by a module-load hook that appends `f = wrap('f', f)` to each
// named module, so calls from inside a module are timed too. Prints, per phase, the calls, the
// inclusive and self (minus wrapped callees) milliseconds per sparseRegression call and the share.
// The wrappers keep the callees from being inlined: the per-call total is printed beside that of
// a second, unwrapped process, so the overhead shows. Clock: performance.now() (wall), or the
// process's CPU time with PHASES_CLOCK=cpu (it counts V8's compiler threads too).
// Not part of the tests.
//
//   node bench/ab/sparse-regression-phases.mjs [dist dir, default ./dist]   (after `npm run build`)
//   PHASES_DESIGN=constant|ar1   PHASES_P=8000   PHASES_SEEDS=1,2,3 (recorded calls, one per seed)
//   PHASES_WARMUP=2 (unrecorded calls first, on the first seed)   PHASES_GLM=1 (glm's phases too)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { phaseTimer, wrapModules } from '../lib/phases.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const design = process.env.PHASES_DESIGN ?? 'constant';
const d = Number(process.env.PHASES_P ?? 8000);
const seeds = (process.env.PHASES_SEEDS ?? '1,2,3').split(',').map(Number);
const warmup = Number(process.env.PHASES_WARMUP ?? 2);
const plain = process.env.PHASES_PLAIN === '1';
const clock = process.env.PHASES_CLOCK === 'cpu' ? () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
} : () => performance.now();

// Functions wrapped, by module path under dist/solvers/ (class methods as Class.prototype.name).
// Per-point helpers called thousands of times per call (interceptOn, sameSupport) are left
// unwrapped: their time is their callers' self time.
const WRAP = {
  'sparse-regression/sparse-regression.js': ['sparseRegression'],
  'sparse-regression/design.js': ['prepareRegression', 'prepareRows', 'withResidentRows', 'designRowsOf'],
  'sparse-regression/column-statistics.js': ['foldColumnStatistics'],
  'sparse-regression/restricted-eigenvalue.js': ['preconditionerScore'],
  'sparse-regression/screening.js': ['implicitUnitColumns', 'screenColumns', 'kktViolators'],
  'sparse-regression/support-path.js': ['selectRefit', 'refitPath', 'sparseOnM', 'warmStartOnM', 'firstViolation', 'residual', 'ompSupports', 'splicedSupports', 'pointCoef'],
  'sparse-regression/refit.js': ['nestedRefits', 'NestedRefitter.prototype.refit', 'NestedRefitter.prototype.rss'],
  'sparse-regression/cross-validate.js': ['crossValidatePath'],
  'sparse-regression/folds.js': ['kFold'],
  'sparse-regression/omp.js': ['ompSteps'],
  'glm/lasso-path.js': ['lassoPath'],
  'glm/extendable-design.js': ['ExtendableDesign.prototype.append', 'ExtendableDesign.prototype.columnDots', 'ExtendableDesign.prototype.handle'],
};
// With PHASES_GLM=1, the Lasso path's own phases too (the working-set driver's functions).
if (process.env.PHASES_GLM === '1') {
  Object.assign(WRAP, {
    'glm/lasso-path.js': ['lassoPath', 'solvePath'],
    'glm/prepare.js': ['prepareEnet', 'alphaMax', 'releaseEnet'],
    'glm/working-set.js': ['initialState', 'solveEnet', 'solveInner', 'epoch', 'tryExtrapolated', 'minimizeUnpenalized', 'residualTerms'],
    'glm/gradient-check.js': ['checkGradient', 'gradientCheck'],
    'glm/design.js': ['makeDesign', 'fullGradient'],
    'glm/duality-gap.js': ['enetGap'],
    'glm/screening.js': ['scoreFeatures', 'selectWorkingSet'],
  });
}

// Per-phase totals: calls, inclusive ms, ms spent in wrapped callees.
if (!plain) wrapModules(`${dist}/solvers/`, WRAP);
const timer = plain ? null : phaseTimer(clock);
const stats = timer?.stats ?? new Map();

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const n = 500;
const problem = (seed) => {
  const q = sp.makeSparseRegression({ n: 2 * n, d, k: 10, design, rho: design === 'ar1' ? 0.1 : 0.7, noise: 1, coefficients: 'abess', seed });
  return { X: sp.toNdarray({ rows: n, cols: d, data: q.X.data.slice(0, n * d) }), y: q.y.slice(0, n), support: Array.from(q.support).join() };
};

const w = problem(seeds[0]);
for (let c = 0; c < warmup; c++) sp.sparseRegression(w.X, w.y, { seed: seeds[0] });
let total = 0;
let cpu = 0;
for (const seed of seeds) {
  const q = problem(seed);
  if (timer) timer.recording = true;
  const c0 = process.cpuUsage();
  const k0 = clock();
  const r = sp.sparseRegression(q.X, q.y, { seed });
  const dt = clock() - k0;
  const cu = process.cpuUsage(c0);
  if (timer) timer.recording = false;
  total += dt;
  cpu += (cu.user + cu.system) / 1000;
  console.log(`seed ${seed}: ${dt.toFixed(0)} ms (CPU ${((cu.user + cu.system) / 1000).toFixed(0)} ms), support ${Array.from(r.support).join() === q.support ? 'exact' : Array.from(r.support).join()}`);
}
const per = seeds.length;
console.log(`${plain ? 'unwrapped' : 'wrapped'}: ${(total / per).toFixed(0)} ms per call (${process.env.PHASES_CLOCK === 'cpu' ? 'CPU' : 'wall'}), CPU ${(cpu / per).toFixed(0)} ms, load ${loadavg()[0].toFixed(2)}`);
if (plain) process.exit(0);

const rows = [...stats.entries()].sort((a, b) => b[1].self - a[1].self);
console.log(`\n${design}, p = ${d}: phases per call (mean of ${per} calls, ms)`);
console.log('| phase | calls | inclusive ms | self ms | self % |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, s] of rows) {
  console.log(`| ${name} | ${(s.calls / per).toFixed(1)} | ${(s.incl / per).toFixed(1)} | ${(s.self / per).toFixed(1)} | ${((100 * s.self) / total).toFixed(1)} |`);
}
const selfSum = rows.reduce((a, [, s]) => a + s.self, 0);
console.log(`| (outside sparseRegression) | | | ${((total - selfSum) / per).toFixed(1)} | ${((100 * (total - selfSum)) / total).toFixed(1)} |`);

if (process.env.PHASES_NO_PLAIN !== '1') {
  const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, dist], { env: { ...process.env, PHASES_PLAIN: '1' }, encoding: 'utf8' });
  console.log('\n' + r.stdout.trim().split('\n').pop());
}
