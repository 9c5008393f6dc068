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
//   PHASES_ONLY=jagmesh7,p60,p120  the workloads (default jagmesh7,p60)
//   PHASES_CLOCK=wall
import { register } from 'node:module';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const calls = Number(process.env.PHASES_CALLS ?? 400);
const clock = process.env.PHASES_CLOCK === 'wall' ? () => performance.now() : () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// Functions wrapped, by module of dist/linalg/direct/ (class methods as Class.prototype.name). A
// name missing from a build is skipped, so older and newer builds can be compared.
const WRAP = {
  'spsolve.js': ['spsolve'],
  'factorized.js': ['factorOrSolve'],
  'input.js': ['squareCSC', 'invertPermutation'],
  'rhs.js': ['solveRHS'],
  'pattern.js': ['symmetryOf', 'offDiagonalPattern', 'symmetricPattern'],
  'cholesky-solve-once.js': ['choleskySolveOnce'],
  'cholesky.js': ['choleskyChecked', 'factorNumeric', 'SparseCholesky.prototype.solveInPlace', 'SparseCholesky.prototype.solvePermuted'],
  'cholesky-symbolic.js': ['analyzeCholesky', 'simplicialCounts', 'countFill', 'permutedLower', 'transposePattern'],
  'cholesky-simplicial.js': ['factorSimplicial'],
  'amd.js': ['amdOrder'],
  'wasm-call.js': ['callOnCopies'],
};
const hooks = `
const WRAP = ${JSON.stringify(WRAP)};
const DIR = ${JSON.stringify(pathToFileURL(dist + '/linalg/direct/').href)};
export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.startsWith(DIR)) return r;
  const names = WRAP[url.slice(DIR.length)];
  if (!names) return r;
  let src = String(r.source);
  src += '\\n' + names.map((f) => f.includes('.prototype.')
    ? 'if (typeof ' + f.split('.')[0] + " === 'function' && typeof " + f + " === 'function') " + f + ' = globalThis.__phaseWrap(' + JSON.stringify(f) + ', ' + f + ');'
    : 'if (typeof ' + f + " === 'function') " + f + ' = globalThis.__phaseWrap(' + JSON.stringify(f) + ', ' + f + ');').join('\\n') + '\\n';
  return { ...r, source: src };
}`;
const plain = process.env.PHASES_PLAIN === '1';
if (!plain) register('data:text/javascript,' + encodeURIComponent(hooks));

const stats = new Map();
const stack = [];
let recording = false;
const wrap = (name, f) =>
  function (...args) {
    if (!recording) return f.apply(this, args);
    const key = name === 'callOnCopies' ? `callOnCopies:${args[0]}` : name;
    const t0 = clock();
    stack.push(0);
    try {
      return f.apply(this, args);
    } finally {
      const dt = clock() - t0;
      const inner = stack.pop();
      if (stack.length) stack[stack.length - 1] += dt;
      let s = stats.get(key);
      if (!s) stats.set(key, (s = { calls: 0, incl: 0, self: 0 }));
      s.calls++;
      s.incl += dt;
      s.self += dt - inner;
    }
  };
globalThis.__phaseWrap = wrap;

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
for (const [label, A] of workloads) {
  const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.sin(i + 1) + 0.5);
  for (let c = 0; c < calls; c++) sp.spsolve(A, b);
  stats.clear();
  recording = !plain;
  const t0 = clock();
  for (let c = 0; c < calls; c++) sp.spsolve(A, b);
  const total = (clock() - t0) / calls;
  recording = false;
  console.log(`\n${label}: ${(total * 1000).toFixed(0)} µs per spsolve (${plain ? 'unwrapped' : 'wrapped'}, ${process.env.PHASES_CLOCK === 'wall' ? 'wall' : 'CPU'}, mean of ${calls}), load ${loadavg()[0].toFixed(2)}`);
  if (plain) continue;
  const rows = [...stats.entries()].sort((a, b) => b[1].self - a[1].self);
  console.log('| phase | calls per spsolve | inclusive µs | self µs | self % |');
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
