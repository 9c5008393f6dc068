// Interleaved A/B of `spsolve(A, b)` with a vector b between two builds in one process (issue 15's
// small SPD systems: jagmesh7's graph Laplacian + I, 2-D Poisson 60² and 120², the math.js rows of
// bench/compare/06-direct.mjs). Each round times `reps` calls of A, then of B (CPU time of the
// process, user + system); prints the median of the per-round ratios B/A, the median times, the
// load average, and whether both builds return the same bits. Not part of the tests.
// AB_OP=factorized10 times `factorized(A)`, 10 solves with it and its dispose() instead;
// AB_OP=solves10 times 10 solves with one `factorized(A)` made beforehand.
//
//   node bench/ab/spsolve-builds.mjs <dist A> <dist B>     (two `tsc -p tsconfig.build.json --outDir` builds)
//   AB_ONLY=jagmesh7,p60,p120 ...                           a subset
//   AB_OP=spsolve|factorized10|solves10                     the operation timed (default spsolve)
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { laplacianFixture, poisson } from './generators.mjs';

const [libA, libB] = await Promise.all(process.argv.slice(2, 4).map((d) => import(pathToFileURL(resolve(d, 'index.js')).href)));
const only = (process.env.AB_ONLY ?? 'jagmesh7,p60,p120').split(',');
const workloads = [
  ['jagmesh7', 'jagmesh7 Laplacian + I', (lib) => laplacianFixture(lib, 'jagmesh7'), 40, 20],
  ['p60', 'Poisson 2-D 60x60', (lib) => poisson(lib, 60).toCSC(), 30, 10],
  ['p120', 'Poisson 2-D 120x120', (lib) => poisson(lib, 120).toCSC(), 12, 3],
].filter(([key]) => only.includes(key));
const op = process.env.AB_OP ?? 'spsolve';
/** One timed operation: spsolve(A, b), or factorized(A) with 10 solves (x of the last). */
const call = op === 'factorized10'
  ? (lib, A, b) => {
    const solve = lib.factorized(A);
    let x;
    for (let k = 0; k < 10; k++) x = solve(b);
    solve.dispose?.();
    return x;
  }
  : op === 'solves10'
    ? (lib, A, b) => {
      // 10 solves with one factorized(A) per matrix, made on first use and kept.
      let solve = solvers.get(A);
      if (!solve) solvers.set(A, (solve = lib.factorized(A)));
      let x;
      for (let k = 0; k < 10; k++) x = solve(b);
      return x;
    }
    : (lib, A, b) => lib.spsolve(A, b);
const solvers = new Map();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** Mean CPU ms and wall ms of `reps` calls. */
function timed(lib, A, b, reps) {
  const c = cpu();
  const t = performance.now();
  for (let k = 0; k < reps; k++) call(lib, A, b);
  return [(cpu() - c) / reps, (performance.now() - t) / reps];
}

console.log(`${op}: CPU ms (wall ms) per call, medians of rounds`);
console.log('| workload | B/A CPU | A ms | B ms | B/A wall | A wall | B wall | rounds x calls | same x | load |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [, label, make, rounds, reps] of workloads) {
  const A = make(libA);
  const B = make(libB);
  const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.sin(i + 1) + 0.5);
  const xa = call(libA, A, b);
  const xb = call(libB, B, b);
  const same = xa.length === xb.length && xa.every((v, i) => Object.is(v, xb[i]));
  for (let w = 0; w < 3; w++) {
    timed(libA, A, b, reps);
    timed(libB, B, b, reps);
  }
  const l0 = loadavg()[0];
  const ta = [], tb = [], ratio = [], wa = [], wb = [], wratio = [];
  for (let r = 0; r < rounds; r++) {
    const [a, aw] = timed(libA, A, b, reps);
    const [z, zw] = timed(libB, B, b, reps);
    ta.push(a);
    tb.push(z);
    ratio.push(z / a);
    wa.push(aw);
    wb.push(zw);
    wratio.push(zw / aw);
  }
  console.log(`| ${label} | ${med(ratio).toFixed(3)} | ${med(ta).toFixed(3)} | ${med(tb).toFixed(3)} | ${med(wratio).toFixed(3)} | ${med(wa).toFixed(3)} | ${med(wb).toFixed(3)} | ${rounds} x ${reps} | ${same} | ${l0.toFixed(1)} → ${loadavg()[0].toFixed(1)} |`);
}
