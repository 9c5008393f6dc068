// Where the time of one small SPD `spsolve(A, b)` goes (issue 15): jagmesh7's graph Laplacian + I
// (n = 1138) and 2-D Poisson 60² (n = 3600), the math.js rows of bench/compare/06-direct.mjs.
// Every function of the direct solvers' modules named below is wrapped by a module-load hook
// (`f = wrap('f', f)` appended to the module, so calls from inside it are timed too); WASM
// kernels are timed by wrapping the loaded kernels' `fn`, so `callOnCopies:<kernel>`'s self time
// is the allocation and the copies into and out of WASM memory. `--cpu-prof` attributes WASM time
// to the wrong JS frames, hence the wrappers. CPU time of the process (process.cpuUsage, user +
// system: less inflated by the other processes of a shared machine than wall time), summed over
// many warm calls; PHASES_CLOCK=wall for performance.now(). The wrappers' own cost shows in the
// wrapped total against the unwrapped one (printed too). Not part of the tests.
//
//   node bench/ab/spsolve-phases.mjs [dist dir, default ./dist]   (after `npm run build`)
//   PHASES_CALLS=400  timed calls per workload (after as many warm-up calls)
//   PHASES_WARMUP=0   warm-up calls instead (0 with PHASES_CALLS=1 and one workload: the first
//                     call of a fresh process, WASM already loaded)
//   PHASES_ONLY=jagmesh7,p60,p120  the workloads (default jagmesh7,p60)
//   PHASES_CLOCK=wall
//   PHASES_OP=factorized10  time factorized(A), 10 solves with it and its dispose() instead of spsolve
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { phaseTimer, wrapModules } from '../lib/phases.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const calls = Number(process.env.PHASES_CALLS ?? 400);
const warmup = Number(process.env.PHASES_WARMUP ?? calls);
const clock = process.env.PHASES_CLOCK === 'wall' ? () => performance.now() : () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Functions wrapped, by module of dist/linalg/direct/ (class methods as Class.prototype.name). A
// name missing from a build is skipped, so older and newer builds can be compared.
const WRAP = {
  'spsolve.js': ['spsolve'],
  'factorized.js': ['factorOrSolve', 'factorized'],
  'input.js': ['squareCSC', 'invertPermutation'],
  'rhs.js': ['solveRHS'],
  'pattern.js': ['symmetryOf', 'offDiagonalPattern', 'symmetricPattern'],
  'cholesky-solve-once.js': ['choleskySolveOnce'],
  'cholesky.js': ['choleskyChecked', 'factorNumeric', 'SparseCholesky.prototype.solveInPlace', 'SparseCholesky.prototype.solvePermuted'],
  'cholesky-symbolic.js': ['analyzeCholesky', 'simplicialCounts', 'countFill', 'permutedLower', 'transposePattern'],
  'cholesky-simplicial.js': ['factorSimplicial'],
  'amd.js': ['amdOrder'],
  'wasm-call.js': ['callOnCopies'],
  'cholesky-resident.js': ['ResidentCholesky.copyOf', 'ResidentCholesky.prototype.solve'],
};
const plain = process.env.PHASES_PLAIN === '1';
if (!plain) wrapModules(`${dist}/linalg/direct/`, WRAP);
const timer = phaseTimer(clock, (name, args) => (name === 'callOnCopies' ? `callOnCopies:${args[0]}` : name));
const { stats, wrap } = timer;

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const { laplacianFixture, poisson } = await import('./generators.mjs');
if (!plain) {
  const { getWasm } = await import(pathToFileURL(`${dist}/kernels/runtime/wasm/loader.js`).href);
  const w = getWasm();
  if (w) {
    const fn = w.fn.bind(w);
    const cache = new Map();
    w.fn = (name) => {
      let f = cache.get(name);
      if (!f) cache.set(name, (f = wrap(`kernel:${name}`, fn(name))));
      return f;
    };
  }
}

const only = (process.env.PHASES_ONLY ?? 'jagmesh7,p60').split(',');
const workloads = [
  ['jagmesh7', 'jagmesh7 Laplacian + I (n=1138)', () => laplacianFixture(sp, 'jagmesh7')],
  ['p60', 'Poisson 2-D 60x60 (n=3600)', () => poisson(sp, 60).toCSC()],
  ['p120', 'Poisson 2-D 120x120 (n=14400)', () => poisson(sp, 120).toCSC()],
].filter(([key]) => only.includes(key)).map(([, label, make]) => [label, make()]);
const op = process.env.PHASES_OP ?? 'spsolve';
const call = op === 'factorized10'
  ? (A, b) => {
    const solve = sp.factorized(A);
    for (let k = 0; k < 10; k++) solve(b);
    solve.dispose?.();
  }
  : (A, b) => sp.spsolve(A, b);
for (const [label, A] of workloads) {
  const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.sin(i + 1) + 0.5);
  for (let c = 0; c < warmup; c++) call(A, b);
  stats.clear();
  timer.recording = !plain;
  const t0 = clock();
  for (let c = 0; c < calls; c++) call(A, b);
  const total = (clock() - t0) / calls;
  timer.recording = false;
  console.log(`\n${label}: ${(total * 1000).toFixed(0)} µs per ${op} (${plain ? 'unwrapped' : 'wrapped'}, ${process.env.PHASES_CLOCK === 'wall' ? 'wall' : 'CPU'}, mean of ${calls} after ${warmup}), load ${loadavg()[0].toFixed(2)}`);
  if (plain) continue;
  const rows = [...stats.entries()].sort((a, b) => b[1].self - a[1].self);
  console.log(`| phase | calls per ${op} | inclusive µs | self µs | self % |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, s] of rows) {
    console.log(`| ${name} | ${(s.calls / calls).toFixed(0)} | ${((s.incl / calls) * 1000).toFixed(1)} | ${((s.self / calls) * 1000).toFixed(1)} | ${((100 * s.self) / calls / total).toFixed(1)} |`);
  }
}
if (!plain) {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), dist], { env: { ...process.env, PHASES_PLAIN: '1' }, encoding: 'utf8' });
  console.log('\nunwrapped, same calls:' + r.stdout.trimEnd());
}
