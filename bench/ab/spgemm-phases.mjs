// Where the time of one SpGEMM product goes (issue 17), phase by phase, on a built dist: the
// cold-loop section's tall integer AᵀA by default. Phases are timed in CPU time (process.cpuUsage)
// by wrapping, in the loaded modules, the functions that do them:
// - the WASM row kernels and helpers: `getWasm()`'s `fn` and `exports` are replaced by timing
//   wrappers (symbolic, numeric, flops, prefix, kept, close_gaps), so the tasks call them through
//   the timers;
// - the operand copies into WASM memory (`residentCompressed`), their release (`unpin`) and the
//   result allocations (`result*` of the result pool), by a module-load hook that appends
//   `f = wrap(f)` to those modules (their importers see the wrapped binding);
// - what is left of the product (planning, the copy of each block out of WASM memory into the
//   result, the row pointers) is the remainder "JS outside the wrapped functions".
// The transpose (`A.transpose().toCSR()`, which the benchmark does before timing) is timed too.
// Prints the median over the products of a loop (each result dropped, no forced GC).
//
//   node bench/ab/spgemm-phases.mjs [dist dir, default ./dist]
//   PHASES_CASE=tall|poisson|web   which product (default tall)
//   PHASES_CALLS=7                 products (the first is reported apart: cold)
import { register } from 'node:module';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const which = process.env.PHASES_CASE ?? 'tall';
const calls = Number(process.env.PHASES_CALLS ?? 7);
const clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const WRAP = {
  'kernels/runtime/wasm/resident.js': ['residentCompressed', 'unpin'],
  'kernels/runtime/result-pool.js': ['resultInt32', 'resultFloat64', 'resultCopyInt32', 'resultCopyFloat64'],
  'kernels/spgemm/fill.js': ['sampledSlotFill'],
};
const hooks = `
const WRAP = ${JSON.stringify(WRAP)};
const DIR = ${JSON.stringify(pathToFileURL(dist + '/').href)};
export async function load(url, context, next) {
  const r = await next(url, context);
  if (!url.startsWith(DIR)) return r;
  const names = WRAP[url.slice(DIR.length)];
  if (!names) return r;
  const add = names.map((f) => 'if (typeof ' + f + " === 'function') " + f + ' = globalThis.__phaseWrap(' + JSON.stringify(f) + ', ' + f + ');');
  return { ...r, source: String(r.source) + '\\n' + add.join('\\n') + '\\n' };
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

const stats = new Map();
let recording = false;
const wrap = (name, f) =>
  function (...args) {
    if (!recording) return f.apply(this, args);
    const t0 = clock();
    try {
      return f.apply(this, args);
    } finally {
      const s = stats.get(name) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += clock() - t0;
      stats.set(name, s);
    }
  };
globalThis.__phaseWrap = wrap;

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const { getWasm } = await import(pathToFileURL(`${dist}/kernels/runtime/wasm/loader.js`).href);
const k = getWasm();
const KERNELS = ['spgemm_symbolic', 'spgemm_numeric', 'spgemm_flops', 'spgemm_prefix', 'spgemm_kept', 'spgemm_close_gaps', 'spgemm_one_pass'];
const wrappedExports = { ...k.exports };
for (const name of KERNELS) if (typeof k.exports[name] === 'function') wrappedExports[name] = wrap(name, k.exports[name]);
const fn0 = k.fn.bind(k);
k.fn = (name) => wrappedExports[name] ?? fn0(name);
k.exports = wrappedExports;

const { poisson, rmat, tallInteger } = await import('./generators.mjs');

let A, B, tr = null;
if (which === 'tall') {
  const T = tallInteger(sp, 500_000, 5_000, 3, 12);
  const t0 = clock();
  A = T.transpose().toCSR();
  tr = clock() - t0;
  B = T;
} else if (which === 'poisson') {
  A = B = poisson(sp, 250);
} else {
  A = B = rmat(sp, 19, 2, 11, [0.45, 0.15, 0.15]);
}

const totals = [];
const perCall = [];
for (let c = 0; c < calls; c++) {
  stats.clear();
  recording = true;
  const f0 = process.resourceUsage().minorPageFault;
  const t0 = clock();
  const C = sp.spgemm(A, B, { threads: 1, sorted: false });
  const total = clock() - t0;
  recording = false;
  totals.push({ total, faults: process.resourceUsage().minorPageFault - f0, nnz: C.nnz });
  perCall.push(new Map([...stats].map(([n, s]) => [n, s.ms])));
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const warm = perCall.slice(1);
const names = [...new Set(warm.flatMap((m) => [...m.keys()]))];
const wm = med(totals.slice(1).map((t) => t.total));
console.log(`${which}: ${A.shape.join(' x ')} · ${B.shape.join(' x ')}, nnz(C) ${totals[0].nnz}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (tr !== null) console.log(`transpose A.transpose().toCSR(): ${tr.toFixed(1)} ms CPU (once, before the products)`);
console.log(`first product ${totals[0].total.toFixed(1)} ms CPU, ${totals[0].faults} faults; later products (median of ${warm.length}) ${wm.toFixed(1)} ms, faults ${med(totals.slice(1).map((t) => t.faults))}`);
console.log('| phase | first ms | later ms (median) | share of later |');
console.log('| --- | --- | --- | --- |');
let sum = 0;
for (const n of names) {
  const v = med(warm.map((m) => m.get(n) ?? 0));
  sum += v;
  console.log(`| ${n} | ${(perCall[0].get(n) ?? 0).toFixed(1)} | ${v.toFixed(1)} | ${((100 * v) / wm).toFixed(1)}% |`);
}
const first = totals[0].total - [...perCall[0].values()].reduce((a, b) => a + b, 0);
console.log(`| JS outside the wrapped functions (plan, copy out, row pointers) | ${first.toFixed(1)} | ${(wm - sum).toFixed(1)} | ${((100 * (wm - sum)) / wm).toFixed(1)}% |`);
await sp.shutdown?.();
