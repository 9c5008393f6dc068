// Peak RSS and CPU time of two builds of this library (e.g. main's dist copied to build/base, and
// this tree's dist) on bench/compare cold-loop's workloads, each in the loop the way the cold-loop
// section runs it: a fresh process per measurement, inputs read from raw triplet files, then 10
// back-to-back synchronous calls (each result dropped, or disposed with AB_MODE=dispose). Peak RSS
// is the child's VmHWM (its own high-water mark, runtime included); CPU time is the median per call
// (user + system). The builds' children alternate (which one goes first swaps every round), so load
// on the shared machine hits both alike; a SHA-256 of the last result checks both builds give the
// same bits. Not part of the tests.
//
//   node bench/ab/peak-rss.mjs <old dist dir> <new dist dir>
//   AB_MATCH=web ...      only workloads whose label contains the text
//   AB_ROUNDS=3 ...       processes per build and workload (default 3)
//   AB_MODE=dispose ...   dispose() each result (default: drop it, as cold-loop's "loop" column)
//   AB_INPUTS=/tmp/dir    reuse triplet files written by an earlier run (kept; else a temporary dir)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';
import { rmatTriplets } from '../lib/rmat.mjs';
import * as sp from '../../dist/index.js';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const match = process.env.AB_MATCH ?? '';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 3);
const MODE = process.env.AB_MODE ?? 'loop';

/** Triplets of A in column-major order (as cold-loop writes them), duplicates summed. */
function columnMajor(A) {
  const C = A.toCSC();
  const col = new Int32Array(C.nnz);
  for (let j = 0; j < C.shape[1]; j++) col.fill(j, C.indptr[j], C.indptr[j + 1]);
  return { row: C.indices.slice(), col, data: C.data.slice(), shape: C.shape };
}

function writeInputs(dir) {
  const dump = (name, t) => {
    writeFileSync(join(dir, `${name}.row`), t.row);
    writeFileSync(join(dir, `${name}.col`), t.col);
    writeFileSync(join(dir, `${name}.data`), t.data);
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ shape: t.shape }));
  };
  dump('web', columnMajor(rmatTriplets(19, 2, 11, [0.45, 0.15, 0.15])));
  const rng = sp.createRng(12);
  const m = 500_000, n = 5_000, perRow = 3;
  const row = new Int32Array(m * perRow), col = new Int32Array(m * perRow), data = new Float64Array(m * perRow);
  for (let i = 0, p = 0; i < m; i++) for (let r = 0; r < perRow; r++, p++) { row[p] = i; col[p] = rng.integer(0, n); data[p] = rng.integer(1, 6); }
  dump('tall', columnMajor(new sp.COOMatrix({ row, col, data, shape: [m, n] })));
  const big = columnMajor(sp.random(1e6, 1e6, 1e-5, { seed: 13 }));
  dump('coo7ordered', big);
  const perm = sp.createRng(14).permutation(big.data.length);
  const mixed = { row: new Int32Array(perm.length), col: new Int32Array(perm.length), data: new Float64Array(perm.length), shape: big.shape };
  for (let p = 0; p < perm.length; p++) { const q = perm[p]; mixed.row[p] = big.row[q]; mixed.col[p] = big.col[q]; mixed.data[p] = big.data[q]; }
  dump('coo7random', mixed);
}

// The child reads its inputs as cold-loop's does (a copy of each file's bytes).
const CHILD = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const task = JSON.parse(process.env.TASK);
const sp = await import(task.dist);
const read = (f, T) => { const b = readFileSync(join(task.dir, f)); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const meta = JSON.parse(readFileSync(join(task.dir, task.input + '.json'), 'utf8'));
const T = sp.coo(read(task.input + '.row', Int32Array), read(task.input + '.col', Int32Array), read(task.input + '.data', Float64Array), meta.shape);
// As cold-loop's child: the result is used (hashed on the last call) and dropped inside done(), so
// no variable of the loop keeps it while the next call runs.
let h = '';
const done = (C, last) => {
  if (last) { const s = createHash('sha256'); for (const a of [C.indptr, C.indices, C.data]) s.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); h = s.digest('hex').slice(0, 16); }
  const n = C.nnz;
  if (task.mode === 'dispose') C.dispose();
  return n;
};
let op;
if (task.op === 'tocsr') op = (last) => done(T.toCSR(), last);
else {
  const A = T.toCSR();
  if (task.op === 'AA') op = (last) => done(sp.spgemm(A, A, { threads: 1, sorted: false }), last);
  else { const At = A.transpose().toCSR(); op = (last) => done(sp.spgemm(At, A, { threads: 1, sorted: false }), last); }
}
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const cpus = [];
for (let r = 0; r < 10; r++) {
  const c0 = cpuNow();
  op(r === 9);
  cpus.push(cpuNow() - c0);
}
cpus.sort((a, b) => a - b);
const peak = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
process.stdout.write(JSON.stringify({ cpu: cpus[5], peak, h }));
await sp.shutdown();
`;

function child(dist, dir, w) {
  const task = { dist: pathToFileURL(join(dist, 'index.js')).href, dir, input: w.input, op: w.op, mode: MODE };
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { env: { ...process.env, TASK: JSON.stringify(task) }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const workloads = [
  { label: 'web graph A·A', input: 'web', op: 'AA' },
  { label: 'web graph AᵀA', input: 'web', op: 'AtA' },
  { label: 'tall integer AᵀA', input: 'tall', op: 'AtA' },
  { label: 'COO->CSR 1e7, column-major order', input: 'coo7ordered', op: 'tocsr' },
  { label: 'COO->CSR 1e7, random order', input: 'coo7random', op: 'tocsr' },
].filter((w) => w.label.includes(match));

const keep = process.env.AB_INPUTS;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'sparsity-peak-'));
try {
  if (!keep || !existsSync(join(dir, 'coo7random.json'))) { mkdirSync(dir, { recursive: true }); writeInputs(dir); }
  const rows = [];
  for (const w of workloads) {
    const res = [[], []];
    const loads = [];
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const b of order) res[b].push(child(b === 0 ? oldDir : newDir, dir, w));
      loads.push(loadavg()[0]);
    }
    const same = res[0].concat(res[1]).every((x) => x.h === res[0][0].h);
    const cpu = res.map((xs) => median(xs.map((x) => x.cpu)));
    const peak = res.map((xs) => median(xs.map((x) => x.peak)));
    rows.push({
      workload: w.label, mode: MODE,
      'cpu old ms': +cpu[0].toFixed(1), 'cpu new ms': +cpu[1].toFixed(1), 'cpu new/old': +(cpu[1] / cpu[0]).toFixed(2),
      'peak old MiB': Math.round(peak[0]), 'peak new MiB': Math.round(peak[1]), 'peak new/old': +(peak[1] / peak[0]).toFixed(2),
      'peaks old': res[0].map((x) => Math.round(x.peak)).join(' '), 'peaks new': res[1].map((x) => Math.round(x.peak)).join(' '),
      'same bits': same, load: `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
    });
    console.error(JSON.stringify(rows[rows.length - 1]));
  }
  printTable(`peak RSS and CPU per call, ${MODE}, ${ROUNDS} processes per build (medians)`, rows);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
