// What a fresh process pays to import the package (issue 17), tsc's modules (dist/index.js, ~280
// files) against the bundled entry (dist/bundle/index.js, a few files), then the first
// `spsolve(A, b)` and the first `A.matvec(x)` after the import, and a matvec on two threads (the
// pool's workers run the source text of the registered kernels, which the bundler may rename).
// CPU time (user + system, which includes V8's compiler threads) and wall; medians over fresh
// processes run round-robin, the order rotated each round. Every variant's results must have the same bits (hash column). Not
// part of the tests.
//
//   npm run build && node bench/ab/import-cold.mjs
//   IMPORT_COLD_ROUNDS=10 ...     fresh processes per variant
//   IMPORT_COLD_BASE=dir ...      also 'base': another build's dist/index.js
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';

const dist = new URL('../../dist/', import.meta.url).href;
const rounds = Number(process.env.IMPORT_COLD_ROUNDS ?? 10);
const variants = [['modules', `${dist}index.js`], ['bundle', `${dist}bundle/index.js`]];
if (process.env.IMPORT_COLD_BASE) variants.unshift(['base', pathToFileURL(`${resolve(process.env.IMPORT_COLD_BASE)}/index.js`).href]);

function fnv(h, a) {
  const u32 = new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
  for (let i = 0; i < u32.length; i++) h = Math.imul(h ^ u32[i], 16777619) >>> 0;
  return h;
}

/** Child: one fresh process importing `url`; prints one JSON line. */
async function child(url) {
  const clock = () => {
    const u = process.cpuUsage();
    return [(u.user + u.system) / 1e6, performance.now() / 1000];
  };
  const [c0, w0] = clock();
  const sp = await import(url);
  const [c1, w1] = clock();
  const { poisson } = await import('./generators.mjs');
  const A = poisson(sp, 60).toCSC();
  const b = Float64Array.from({ length: A.shape[0] }, (_, i) => Math.sin(i + 1) + 0.5);
  const [c2, w2] = clock();
  const x = sp.spsolve(A, b);
  const [c3, w3] = clock();
  const R = A.toCSR();
  const [c4, w4] = clock();
  const y = R.matvec(b);
  const [c5, w5] = clock();
  const B = poisson(sp, 400);
  const v = Float64Array.from({ length: B.shape[1] }, (_, i) => Math.cos(i));
  const z = sp.spmv(B, v, { threads: 2 });
  const out = {
    import_cpu: c1 - c0, import_wall: w1 - w0, spsolve_cpu: c3 - c2, spsolve_wall: w3 - w2, matvec_cpu: c5 - c4, matvec_wall: w5 - w4,
    hash: [fnv(2166136261, x), fnv(2166136261, y), fnv(2166136261, z)].map((h) => h.toString(16)).join('.'),
  };
  sp.shutdown?.();
  console.log(JSON.stringify(out));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]);
} else {
  const self = fileURLToPath(import.meta.url);
  const load0 = loadavg().map((l) => l.toFixed(2)).join(' ');
  const runs = new Map(variants.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round: the first process of a round ran its matvec faster (3 against 9 ms).
    for (const [name, url] of [...variants.slice(r % variants.length), ...variants.slice(0, r % variants.length)]) {
      const res = spawnSync(process.execPath, [self, '--child', url], { encoding: 'utf8' });
      const line = res.stdout.trim().split('\n').pop();
      if (res.status !== 0 || !line?.startsWith('{')) throw new Error(`${name} failed:\n${res.stderr}`);
      runs.get(name).push(JSON.parse(line));
    }
  }
  const ms = (v) => v * 1000;
  const rows = [...runs.entries()].map(([variant, rs]) => {
    const m = (k) => ms(median(rs.map((r) => r[k])));
    return {
      variant, import_ms: m('import_cpu'), import_wall_ms: m('import_wall'), spsolve1_ms: m('spsolve_cpu'), spsolve1_wall_ms: m('spsolve_wall'),
      matvec1_ms: m('matvec_cpu'), matvec1_wall_ms: m('matvec_wall'), hash: [...new Set(rs.map((r) => r.hash))].join(','),
    };
  });
  printTable(`import then first calls: CPU ms (user + system) unless marked wall; medians of ${rounds} fresh processes; load ${load0} -> ${loadavg().map((l) => l.toFixed(2)).join(' ')}`, rows);
}
