// The first product in a fresh process, before/after a change (issue 17): V8 runs a WASM function
// as baseline (Liftoff) code until its tiering budget is spent and replaces it only between calls,
// so how a kernel is called decides whether a cold product runs optimized code. Not part of the tests.
//
//   npx tsc -p tsconfig.build.json && node bench/ab/cold-tierup.mjs
//   COLD_TIERUP_BASE=build/base ...   also a second build (a dist/ copied inside the repository)
//   COLD_TIERUP_FLAGS='--no-liftoff' ... also this build under those node flags (a reference: no
//                                        baseline code at all); several sets separated by ';'
//   COLD_TIERUP_MATCH=web ...          only workloads whose label contains the text
//   COLD_TIERUP_ROUNDS=7 ...           fresh processes per variant and workload
//
// Each child process loads the operands (untimed), then times the first call and a second one
// (CPU time, user + system, which includes V8's background compilation threads). Variants run
// round-robin (one child of each per round) so load on the shared machine hits them alike; the
// median per variant is printed with the check value of its result, which must agree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as sp from '../../dist/index.js';
import { median, printTable } from '../lib/harness.mjs';
import { rmatTriplets } from '../lib/rmat.mjs';

const root = new URL('../../', import.meta.url);
const rounds = Number(process.env.COLD_TIERUP_ROUNDS ?? 7);
const match = process.env.COLD_TIERUP_MATCH ?? '';
const builds = [['this build', new URL('dist/index.js', root).href, []]];
if (process.env.COLD_TIERUP_BASE) builds.unshift(['base', pathToFileURL(join(process.env.COLD_TIERUP_BASE, 'index.js')).href, []]);
for (const flags of (process.env.COLD_TIERUP_FLAGS ?? '').split(';').filter(Boolean)) builds.push([`this build ${flags}`, builds.at(-1)[1], flags.split(' ')]);

const CHILD = `
import { readFileSync } from 'node:fs';
const task = JSON.parse(process.env.TASK);
const sp = await import(task.dist);
const read = (f, T) => { const b = readFileSync(task.input + '.' + f); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const A = sp.coo(read('row', Int32Array), read('col', Int32Array), read('data', Float64Array), task.shape).toCSR();
let op;
if (task.op === 'AA') op = () => sp.spgemm(A, A, { threads: 1, sorted: false }).nnz;
else if (task.op === 'AtA') { const At = A.transpose().toCSR(); op = () => sp.spgemm(At, A, { threads: 1, sorted: false }).nnz; }
else if (task.op === 'spmm') { const B = sp.createRng(2).fillUniform(new Float64Array(A.shape[1] * 8), -1, 1); op = () => { const C = sp.sparseDense(A, B, { cols: 8 }); return C[0] + C[C.length >> 1]; }; }
else if (task.op === 'dense-sparse') { const D = sp.createRng(2).fillUniform(new Float64Array(8 * A.shape[0]), -1, 1); op = () => { const C = sp.denseSparse(D, A); return C[0] + C[C.length >> 1]; }; }
else { const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1); op = () => { const y = A.matvec(x, { threads: 1 }); return y[0] + y[y.length >> 1]; }; }
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const times = [];
let check;
for (let r = 0; r < 2; r++) { const c0 = cpu(); check = op(); times.push(cpu() - c0); }
process.stdout.write(JSON.stringify({ times, check }));
await sp.shutdown();
`;

function dump(dir, name, M) {
  const C = M.toCSC();
  const col = new Int32Array(C.nnz);
  for (let j = 0; j < C.shape[1]; j++) col.fill(j, C.indptr[j], C.indptr[j + 1]);
  const base = join(dir, name);
  writeFileSync(`${base}.row`, C.indices);
  writeFileSync(`${base}.col`, col);
  writeFileSync(`${base}.data`, C.data);
  return { input: base, shape: C.shape };
}

const dir = mkdtempSync(join(tmpdir(), 'sparsity-tierup-'));
try {
  const web = () => dump(dir, 'web', rmatTriplets(19, 2, 11, [0.45, 0.15, 0.15]));
  const big = () => dump(dir, 'big', sp.random(1e6, 1e6, 1e-5, { seed: 13 }));
  const inputs = {};
  const work = [
    ['web R-MAT 2^19 SpMV, no out', 'web', web, 'spmv'],
    ['web R-MAT 2^19 A·A', 'web', web, 'AA'],
    ['web R-MAT 2^19 AᵀA', 'web', web, 'AtA'],
    ['random 10⁶ x 10⁶, 10⁷ nnz SpMV, no out', 'big', big, 'spmv'],
    ['web R-MAT 2^19 · dense (8 columns)', 'web', web, 'spmm'],
    ['dense (8 rows) · web R-MAT 2^19', 'web', web, 'dense-sparse'],
  ].filter(([label]) => label.includes(match));
  const rows = [];
  for (const [label, key, make, op] of work) {
    inputs[key] ??= make();
    const res = builds.map(() => ({ first: [], second: [], check: new Set() }));
    const load = [];
    for (let r = 0; r < rounds; r++) {
      builds.forEach(([, dist, flags], b) => {
        const env = { ...process.env, TASK: JSON.stringify({ ...inputs[key], op, dist }) };
        const c = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', CHILD], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
        if (c.status !== 0) throw new Error(`child failed:\n${c.stderr}`);
        const o = JSON.parse(c.stdout);
        res[b].first.push(o.times[0]);
        res[b].second.push(o.times[1]);
        res[b].check.add(o.check);
      });
      load.push(loadavg()[0]);
    }
    const ref = median(res.at(builds.length > 1 && process.env.COLD_TIERUP_BASE ? 0 : -1).first);
    builds.forEach(([name], b) => {
      rows.push({
        workload: label, build: name,
        'first call cpu ms': +median(res[b].first).toFixed(1),
        'second call cpu ms': +median(res[b].second).toFixed(1),
        'first / base first': +(median(res[b].first) / ref).toFixed(2),
        check: [...res[b].check].join(' '),
        load: +median(load).toFixed(1),
      });
    });
  }
  printTable(`first call in a fresh process, CPU time, median of ${rounds} rounds (one thread)`, rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
