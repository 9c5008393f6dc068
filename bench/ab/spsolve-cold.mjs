// Where the first `spsolve(A, b)` of a fresh process spends its time (issue 15: the cold math.js
// rows of bench/compare/06-direct.mjs), split into: the import of the package, loading the WASM
// kernels (base64 decode, compile, instantiate), the first call, the next calls, and the warm
// median; under variants that move or remove a part: the default (the first call loads WASM), the
// same with the one-file bundle (dist/browser/sparsity.js) imported instead of dist/index.js, WASM
// loaded before the first call, the JS backend, and V8 flags (diagnostic only: every WASM function
// compiled at load instead of at its first call, Liftoff only, TurboFan only, JS baseline code up
// front, no JS optimizer). Each child process builds A and b untimed. CPU time (user + system of
// the process, which includes V8's background compiler threads) and wall; the median per variant
// over rounds run round-robin. Every variant's x must have the same bits (hash column). Not part
// of the tests.
//
//   npm run build && node bench/ab/spsolve-cold.mjs
//   SPSOLVE_COLD_ROUNDS=7 ...            fresh processes per variant
//   SPSOLVE_COLD_ONLY=jagmesh7,p60 ...   workloads (default jagmesh7)
//   SPSOLVE_COLD_VARIANTS=default,load ... a subset of the variants, by name
//   SPSOLVE_COLD_DIST=dir ...            this build's dist/ (default ./dist)
//   SPSOLVE_COLD_BASE=dir ...            also 'base default' and 'base load': a second build, A/B
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';

const dist = process.env.SPSOLVE_COLD_DIST ? pathToFileURL(`${resolve(process.env.SPSOLVE_COLD_DIST)}/`).href : new URL('../../dist/', import.meta.url).href;
const base = process.env.SPSOLVE_COLD_BASE ? pathToFileURL(`${resolve(process.env.SPSOLVE_COLD_BASE)}/`).href : null;
const rounds = Number(process.env.SPSOLVE_COLD_ROUNDS ?? 7);
const only = (process.env.SPSOLVE_COLD_ONLY ?? 'jagmesh7').split(',');
const VARIANTS = [
  ['default', []],
  ['bundle', []],
  ['load', []],
  ['js', []],
  ['load --no-wasm-lazy-compilation', ['--no-wasm-lazy-compilation']],
  ['load --liftoff-only', ['--liftoff-only']],
  ['load --no-liftoff', ['--no-liftoff']],
  ['load --always-sparkplug', ['--always-sparkplug']],
  ['load --no-opt', ['--no-opt']],
];
const wantVariants = (process.env.SPSOLVE_COLD_VARIANTS ?? '').split(',').filter(Boolean);
if (base) VARIANTS.unshift(['base default', []], ['base load', []]);
const variants = VARIANTS.filter(([name]) => wantVariants.length === 0 || wantVariants.includes(name));

/** Child: one fresh process of `variant` on `workload`; prints one JSON line. */
async function child(workload, variant, root) {
  const clock = () => {
    const u = process.cpuUsage();
    return [(u.user + u.system) / 1e6, performance.now() / 1000];
  };
  const span = (fn) => {
    const [c0, w0] = clock();
    const r = fn();
    const [c1, w1] = clock();
    return [r, c1 - c0, w1 - w0];
  };
  const [c0, w0] = clock();
  const sp = await import(variant === 'bundle' ? `${root}browser/sparsity.js` : `${root}index.js`);
  const [c1, w1] = clock();
  const { getWasm } = await import(`${root}kernels/runtime/wasm/loader.js`);
  const { laplacianFixture, poisson } = await import('./generators.mjs');
  const A = workload === 'jagmesh7' ? laplacianFixture(sp, 'jagmesh7') : poisson(sp, Number(workload.slice(1))).toCSC();
  const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.sin(i + 1) + 0.5);
  const out = { import_cpu: c1 - c0, import_wall: w1 - w0, load_cpu: 0, load_wall: 0 };
  if (variant === 'js') sp.setBackend('js');
  else if (variant.startsWith('load')) [, out.load_cpu, out.load_wall] = span(() => getWasm());
  let x;
  for (const k of [1, 2, 3]) [x, out[`call${k}_cpu`], out[`call${k}_wall`]] = span(() => sp.spsolve(A, b));
  const warm = [];
  for (let k = 0; k < 40; k++) warm.push(span(() => sp.spsolve(A, b)).slice(1));
  out.warm_cpu = median(warm.slice(20).map((t) => t[0]));
  out.warm_wall = median(warm.slice(20).map((t) => t[1]));
  const u32 = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  let h = 2166136261;
  for (let i = 0; i < u32.length; i++) h = Math.imul(h ^ u32[i], 16777619) >>> 0;
  out.hash = h.toString(16);
  console.log(JSON.stringify(out));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else {
  const self = fileURLToPath(import.meta.url);
  console.log(`# first spsolve in a fresh process (${rounds} rounds, load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  for (const workload of only) {
    const runs = new Map(variants.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [name, flags] of variants) {
        const res = spawnSync(process.execPath, [...flags, self, '--child', workload, name.replace('base ', '').split(' ')[0], name.startsWith('base ') ? base : dist], { encoding: 'utf8' });
        const line = res.stdout.trim().split('\n').pop();
        if (res.status !== 0 || !line?.startsWith('{')) throw new Error(`${name} failed:\n${res.stderr}`);
        runs.get(name).push(JSON.parse(line));
      }
    }
    const ms = (v) => v * 1000;
    const rows = [...runs.entries()].map(([name, rs]) => {
      const m = (k) => ms(median(rs.map((r) => r[k])));
      return {
        variant: name,
        import_ms: m('import_cpu'), load_ms: m('load_cpu'), call1_ms: m('call1_cpu'), 'load+call1_ms': ms(median(rs.map((r) => r.load_cpu + r.call1_cpu))),
        call2_ms: m('call2_cpu'), call3_ms: m('call3_cpu'), warm_ms: m('warm_cpu'),
        'load+call1_wall_ms': ms(median(rs.map((r) => r.load_wall + r.call1_wall))), hash: [...new Set(rs.map((r) => r.hash))].join(','),
      };
    });
    printTable(`${workload}: CPU ms (user + system) unless marked wall; medians of ${rounds} fresh processes; load ${loadavg()[0].toFixed(2)}`, rows);
  }
}
