// The first SpGEMM product in a fresh process, two builds of this library interleaved: bench/compare
// cold-loop's own child (inputs read from its triplet files, operands built untimed, then one
// timed product), the builds' children alternating (which one goes first swaps every round), so
// load on the shared machine hits both alike. Median CPU time (user + system), wall time, page
// faults and peak RSS per build, and the new/old ratio. Not part of the tests.
//
//   node bench/ab/spgemm-cold.mjs <old dist dir> <new dist dir>
//   AB_MATCH=tall ...     only workloads whose label contains the text (default: every SpGEMM one)
//   AB_ROUNDS=9 ...       processes per build and workload
//   AB_INPUTS=/tmp/dir    reuse triplet files written by an earlier run (kept; else a temporary dir)
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';
import { runOurs, workloads, writeInputs } from '../compare/02-cold-loop.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const match = process.env.AB_MATCH ?? '';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 9);
const builds = [oldDir, newDir].map((d) => pathToFileURL(join(d, 'index.js')).href);
const work = workloads(true).filter((w) => (w.op === 'AA' || w.op === 'AtA') && w.label.includes(match));

const keep = process.env.AB_INPUTS;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'sparsity-cold-'));
try {
  if (!keep || !existsSync(join(dir, 'tall.json'))) { mkdirSync(dir, { recursive: true }); writeInputs(dir, true); }
  const rows = [];
  for (const w of work) {
    const res = [[], []];
    const loads = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const j of r % 2 === 0 ? [0, 1] : [1, 0]) res[j].push(runOurs({ dir, input: w.input, op: w.op, mode: 'cold' }, builds[j]));
      loads.push(loadavg()[0]);
    }
    const med = (j, key) => median(res[j].map((x) => x[key]));
    rows.push({
      workload: w.label,
      'cpu old ms': +(1e3 * med(0, 'cpu')).toPrecision(3), 'cpu new ms': +(1e3 * med(1, 'cpu')).toPrecision(3), 'cpu new/old': +(med(1, 'cpu') / med(0, 'cpu')).toFixed(3),
      'wall old ms': +(1e3 * med(0, 't')).toPrecision(3), 'wall new ms': +(1e3 * med(1, 't')).toPrecision(3),
      'faults old': Math.round(med(0, 'faults')), 'faults new': Math.round(med(1, 'faults')),
      'peak old MiB': Math.round(med(0, 'peak')), 'peak new MiB': Math.round(med(1, 'peak')),
      'same size': res[0].every((x, i) => x.size === res[1][i].size), load: `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
    });
  }
  printTable(`first product in a fresh process, ${ROUNDS} processes per build (medians), old ${oldDir} vs new ${newDir}`, rows);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
