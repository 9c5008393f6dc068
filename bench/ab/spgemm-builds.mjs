// SpGEMM of two builds of this library in one process (e.g. main's dist copied to build/base, and
// this tree's dist), as a user's loop calls it: one thread, unsorted (as SciPy's A @ B), no forced
// GC, each result dropped. The builds alternate product by product (which one goes first swaps
// every round), so load on the shared machine hits both alike; median CPU time (user + system)
// and page faults per product, new/old ratio, and a SHA-256 check that both builds give the same
// bits. Not part of the tests.
//
//   node bench/ab/spgemm-builds.mjs <old dist dir> <new dist dir>
//   AB_MATCH=tall ...     only workloads whose label contains the text
//   AB_ROUNDS=9 ...       timed rounds (one warm-up round first)
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';
import { rmat, tallInteger } from './generators.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const libs = [await import(pathToFileURL(`${oldDir}/index.js`).href), await import(pathToFileURL(`${newDir}/index.js`).href)];
const match = process.env.AB_MATCH ?? '';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 9);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const faults = () => process.resourceUsage().minorPageFault;

const workloads = [
  ['tall integer AᵀA (500k x 5k, 3/row)', (lib) => { const A = tallInteger(lib, 500_000, 5_000, 3, 12); return [A.transpose().toCSR(), A]; }],
  ['web R-MAT 2^19 A·A', (lib) => { const A = rmat(lib, 19, 2, 11, [0.45, 0.15, 0.15]); return [A, A]; }],
  ['web R-MAT 2^19 AᵀA', (lib) => { const A = rmat(lib, 19, 2, 11, [0.45, 0.15, 0.15]); return [A.transpose().toCSR(), A]; }],
].filter(([label]) => label.includes(match));

const hex = (C) => { const h = createHash('sha256'); for (const a of [C.indptr, C.indices, C.data]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); return h.digest('hex'); };
const rows = [];
for (const [label, make] of workloads) {
  const ops = libs.map((lib) => { const [A, B] = make(lib); return () => lib.spgemm(A, B, { threads: 1, sorted: false }); });
  const ts = [[], []];
  const fs = [[], []];
  const ref = [null, null];
  const loads = [];
  for (let r = 0; r <= ROUNDS; r++) {
    for (const j of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const f0 = faults();
      const c0 = cpu();
      const C = ops[j]();
      const t = cpu() - c0;
      if (r > 0) { ts[j].push(t); fs[j].push(faults() - f0); } else ref[j] = hex(C);
    }
    loads.push(loadavg()[0]);
  }
  rows.push({
    workload: label, 'old ms': +median(ts[0]).toPrecision(3), 'new ms': +median(ts[1]).toPrecision(3), 'new/old': +(median(ts[1]) / median(ts[0])).toFixed(3),
    'old faults': Math.round(median(fs[0])), 'new faults': Math.round(median(fs[1])), 'same bits': ref[0] === ref[1], 'load avg': `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
  });
}
printTable(`SpGEMM, old ${oldDir} vs new ${newDir}: median CPU ms of ${ROUNDS} interleaved rounds`, rows);
for (const lib of libs) await lib.shutdown?.();
