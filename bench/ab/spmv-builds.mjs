// `A.matvec(x)` without `out` (issue 17), two builds of this library (e.g. main's dist copied to
// build/base, and this tree's dist), each in bench/compare cold-loop's own child process: "cold"
// (the first product in a fresh process) and "loop" (median of 10 back-to-back products, each
// result dropped). CPU time (user + system) per product, minor page faults per product and the
// child's peak RSS (VmHWM), medians over the processes. The builds' children alternate (which one
// goes first swaps every round), so load on the shared machine hits both alike; both must report
// the same result size (bits are checked in the tests). Not part of the tests.
//
//   node bench/ab/spmv-builds.mjs <old dist dir> <new dist dir>
//   AB_MATCH=web ...     only workloads whose label contains the text
//   AB_ROUNDS=5 ...      processes per build, mode and workload (default 5)
//   AB_INPUTS=/tmp/dir   reuse triplet files written by an earlier run (kept; else a temporary dir)
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';
import { runOurs, workloads, writeInputs } from '../compare/02-cold-loop.mjs';

const builds = process.argv.slice(2).map((d) => pathToFileURL(join(resolve(d), 'index.js')).href);
if (builds.length !== 2) throw new Error('usage: node bench/ab/spmv-builds.mjs <old dist dir> <new dist dir>');
const match = process.env.AB_MATCH ?? '';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 5);
const work = workloads().filter((w) => w.op === 'spmv' && w.label.includes(match));

const keep = process.env.AB_INPUTS;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'sparsity-spmv-'));
try {
  if (!keep || !existsSync(join(dir, 'coo7ordered.json'))) { mkdirSync(dir, { recursive: true }); writeInputs(dir); }
  const rows = [];
  for (const w of work) {
    for (const mode of ['cold', 'loop']) {
      const res = [[], []];
      const loads = [];
      for (let r = 0; r < ROUNDS; r++) {
        for (const b of r % 2 === 0 ? [0, 1] : [1, 0]) res[b].push(runOurs({ dir, input: w.input, op: w.op, mode }, builds[b]));
        loads.push(loadavg()[0]);
      }
      const med = (f) => res.map((xs) => median(xs.map(f)));
      const [c0, c1] = med((x) => x.cpu * 1e3);
      const [f0, f1] = med((x) => x.faults);
      const [p0, p1] = med((x) => x.peak);
      rows.push({
        workload: w.label, mode,
        'cpu old ms': +c0.toFixed(1), 'cpu new ms': +c1.toFixed(1), 'cpu new/old': +(c1 / c0).toFixed(2),
        'faults old': Math.round(f0), 'faults new': Math.round(f1),
        'peak old MiB': Math.round(p0), 'peak new MiB': Math.round(p1),
        'same size': new Set(res.flat().map((x) => x.size)).size === 1,
        load: `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
      });
      console.error(JSON.stringify(rows[rows.length - 1]));
    }
  }
  printTable(`A.matvec(x) without out, ${ROUNDS} processes per build and mode (medians)`, rows);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
