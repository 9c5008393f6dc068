// Peak RSS and CPU time of two builds of this library (e.g. main's dist copied to build/base, and
// this tree's dist) on bench/compare cold-loop's workloads, each measured by that section's own
// child process: inputs read from raw triplet files, then 10 back-to-back synchronous calls, each
// result dropped (AB_MODE=loop, the section's "loop" column) or disposed (AB_MODE=dispose). Peak RSS
// is the child's VmHWM (its own high-water mark, runtime included); CPU time is the median per call
// (user + system). The builds' children alternate (which one goes first swaps every round), so load
// on the shared machine hits both alike; both must report the same result size. Not part of the
// tests (bits are checked there).
//
//   node bench/ab/peak-rss.mjs <old dist dir> <new dist dir>
//   AB_MATCH=web ...      only workloads whose label contains the text
//   AB_ROUNDS=3 ...       processes per build and workload (default 3)
//   AB_MODE=dispose ...   dispose() each result (default: loop, each result dropped)
//   AB_INPUTS=/tmp/dir    reuse triplet files written by an earlier run (kept; else a temporary dir)
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';
import { runOurs, workloads, writeInputs } from '../compare/02-cold-loop.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const match = process.env.AB_MATCH ?? '';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 3);
const MODE = process.env.AB_MODE ?? 'loop';
if (!['loop', 'dispose'].includes(MODE)) throw new Error(`AB_MODE must be loop or dispose, got ${MODE}`);
const builds = [oldDir, newDir].map((d) => pathToFileURL(join(d, 'index.js')).href);

// The products and conversions (SpMV has its out-parameter route for loops).
const work = workloads().filter((w) => w.op !== 'spmv' && w.label.includes(match));

const keep = process.env.AB_INPUTS;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'sparsity-peak-'));
try {
  if (!keep || !existsSync(join(dir, 'coo7random.json'))) { mkdirSync(dir, { recursive: true }); writeInputs(dir); }
  const rows = [];
  for (const w of work) {
    const res = [[], []];
    const loads = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const b of r % 2 === 0 ? [0, 1] : [1, 0]) res[b].push(runOurs({ dir, input: w.input, op: w.op, mode: MODE }, builds[b]));
      loads.push(loadavg()[0]);
    }
    const sizes = new Set(res[0].concat(res[1]).map((x) => x.size));
    const cpu = res.map((xs) => median(xs.map((x) => x.cpu)) * 1e3);
    const peak = res.map((xs) => median(xs.map((x) => x.peak)));
    rows.push({
      workload: w.label, mode: MODE,
      'cpu old ms': +cpu[0].toFixed(1), 'cpu new ms': +cpu[1].toFixed(1), 'cpu new/old': +(cpu[1] / cpu[0]).toFixed(2),
      'peak old MiB': Math.round(peak[0]), 'peak new MiB': Math.round(peak[1]), 'peak new/old': +(peak[1] / peak[0]).toFixed(2),
      'peaks old': res[0].map((x) => Math.round(x.peak)).join(' '), 'peaks new': res[1].map((x) => Math.round(x.peak)).join(' '),
      'same size': sizes.size === 1, load: `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
    });
    console.error(JSON.stringify(rows[rows.length - 1]));
  }
  printTable(`peak RSS and CPU per call, ${MODE}, ${ROUNDS} processes per build (medians)`, rows);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
