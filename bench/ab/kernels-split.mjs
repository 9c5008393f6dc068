// A/B of the kernels split (issue 10 part 2): SpMV and SpGEMM through two builds of this library in
// one process, interleaved run by run, medians and ratios (new / old) reported, and the results of
// the two builds compared bit for bit. Not part of the tests.
//
//   npx tsc -p tsconfig.build.json --outDir /tmp/ab/new     (likewise the old tree into /tmp/ab/old)
//   node bench/ab/kernels-split.mjs /tmp/ab/old /tmp/ab/new
//
// Workloads: 5-point Poisson 300² (448,800 entries): SpMV x50 into `out`, gather (A·x) and the
// blocked transposed product (Aᵀ·x), on JS, WASM, and WASM with 2 threads; SpGEMM A·A of Poisson
// 250², of a uniform random 20000² (d = 5e-4) and of an R-MAT graph (scale 14, edge factor 16):
// JS, WASM and WASM with 2 threads (threads: the pool's task registry and named parameters).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { poisson as poissonOf, rmat as rmatOf } from './generators.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const libs = { old: await import(pathToFileURL(`${oldDir}/index.js`).href), new: await import(pathToFileURL(`${newDir}/index.js`).href) };

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
function withBackend(lib, b, fn) {
  lib.setBackend(b);
  try { return fn(); } finally { lib.setBackend('auto'); }
}

const mats = {};
for (const v of ['old', 'new']) {
  const L = libs[v];
  mats[v] = { P300: poissonOf(L, 300), P250: poissonOf(L, 250), rand: L.random(20000, 20000, 5e-4, { seed: 3, format: 'csr' }), rmat: rmatOf(L, 14, 16, 4) };
}
const n300 = 300 * 300;
const x = new Float64Array(n300).map((_, i) => Math.sin(i));
const configs = [['js', 1], ['wasm', 1], ['wasm', 2]];
const cases = [];
for (const [backend, threads] of configs) {
  const tag = `${backend}${threads > 1 ? ` ${threads}T` : ''}`;
  cases.push([`SpMV A·x x50 (${tag})`, (v) => { const y = new Float64Array(n300); withBackend(libs[v], backend, () => { for (let t = 0; t < 50; t++) libs[v].spmv(mats[v].P300, x, { out: y, threads }); }); return y; }]);
  cases.push([`SpMV Aᵀ·x x50 (${tag})`, (v) => { const y = new Float64Array(n300); const At = mats[v].P300.transpose(); withBackend(libs[v], backend, () => { for (let t = 0; t < 50; t++) libs[v].spmv(At, x, { out: y, threads }); }); return y; }]);
  for (const w of ['P250', 'rand', 'rmat']) {
    cases.push([`SpGEMM ${w} A·A (${tag})`, (v) => withBackend(libs[v], backend, () => libs[v].spgemm(mats[v][w], mats[v][w], { threads }))]);
  }
}

// Same bits from both builds.
const same = (a, b) => a.length === b.length && a.every((t, i) => Object.is(t, b[i]));
let mismatches = 0;
for (const [label, f] of cases) {
  const a = f('old'), b = f('new');
  const ok = a instanceof Float64Array ? same(a, b) : same(a.indptr, b.indptr) && same(a.indices, b.indices) && same(a.data, b.data);
  if (!ok) { mismatches++; console.log(`MISMATCH ${label}`); }
}

const rounds = Number(process.env.AB_ROUNDS ?? 7);
const times = Object.fromEntries(cases.map(([k]) => [k, { old: [], new: [] }]));
for (let r = 0; r < rounds; r++) {
  for (const [k, f] of cases) {
    // Alternate which build goes first, so drift in machine load falls on both.
    const order = r % 2 ? ['new', 'old'] : ['old', 'new'];
    for (const v of order) times[k][v].push(time(() => f(v)));
  }
}
console.log(`# kernels split A/B, node ${process.version}, ${rounds} interleaved rounds, medians (ms); bits identical in ${cases.length - mismatches}/${cases.length} cases`);
console.log(`${'case'.padEnd(32)} ${'old'.padStart(8)} ${'new'.padStart(8)}  new/old`);
const ratios = [];
for (const [k, t] of Object.entries(times)) {
  const o = median(t.old), n = median(t.new);
  ratios.push(n / o);
  console.log(`${k.padEnd(32)} ${o.toFixed(1).padStart(8)} ${n.toFixed(1).padStart(8)}  ${(n / o).toFixed(2)}`);
}
console.log(`median ratio new/old: ${median(ratios).toFixed(2)}`);
await libs.old.shutdown();
await libs.new.shutdown();
