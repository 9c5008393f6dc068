// Where the time of one SpMV goes (issue 17): the kernel alone against its staging (copying A, x
// and y through WASM memory) and against a fresh result, each against SciPy on the same matrix.
// Not part of the tests.
//
//   npx tsc -p tsconfig.build.json && node bench/ab/spmv-staging.mjs
//   SPMV_STAGING_MATCH=web ...   only workloads whose label contains the text
//
// Per workload, in one process, the cases run round-robin (one call of each per round, so load on
// the shared machine hits them alike) and the median CPU time (user + system) is reported:
// - js out: the JS loop into a reused `out` (no staging, no fresh memory);
// - wasm pinned out: the WASM kernel with the matrix held in WASM memory (`pin`): x copied in, y
//   copied out, nothing else; the closest to the kernel alone;
// - wasm copy out: the one-off WASM route (A streamed through a chunk block, src/kernels/spmv/stream.ts);
// - stage only: copying indptr, indices and data into WASM memory, as one call does;
// - auto out / auto no out: what `A.matvec(x)` does by default, into `out` and into a new vector.
// SciPy (python3) runs `csr_matvec` into a reused y and `A @ x` in a child process, rounds
// alternating with ours. Every case's result is checked bit for bit against the JS loop.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sp from '../../dist/index.js';
import { median, printTable } from '../lib/harness.mjs';
import { poisson, rmat } from './generators.mjs';

const match = process.env.SPMV_STAGING_MATCH ?? '';
const ROUNDS = Number(process.env.SPMV_STAGING_ROUNDS ?? 15);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

const workloads = [
  ['web R-MAT 2^19, 2 edges/node', () => rmat(sp, 19, 2, 11, [0.45, 0.15, 0.15])],
  ['Poisson 300²', () => poisson(sp, 300)],
  ['Poisson 700²', () => poisson(sp, 700)],
  ['random 10⁶ x 10⁶, 10⁷ nnz', () => sp.random(1e6, 1e6, 1e-5, { seed: 13, format: 'csr' })],
].filter(([label]) => label.includes(match));

const SCIPY = `
import sys, json, time, numpy as np, scipy.sparse as s
from scipy.sparse import _sparsetools
d, rounds = sys.argv[1], int(sys.argv[2])
ip = np.fromfile(d + '/ip', np.int32); ix = np.fromfile(d + '/ix', np.int32); dv = np.fromfile(d + '/dv'); x = np.fromfile(d + '/x')
m, n = len(ip) - 1, len(x)
A = s.csr_matrix((dv, ix, ip), shape=(m, n)); y = np.zeros(m)
cases = {'scipy csr_matvec out': lambda: _sparsetools.csr_matvec(m, n, ip, ix, dv, x, y), 'scipy A @ x': lambda: A @ x}
ts = {k: [] for k in cases}
for f in cases.values(): f()
for _ in range(rounds):
    for k, f in cases.items():
        c = time.process_time(); f(); ts[k].append((time.process_time() - c) * 1e3)
print(json.dumps({k: sorted(v)[len(v) // 2] for k, v in ts.items()}))
`;

function scipy(A, x) {
  const dir = mkdtempSync(join(tmpdir(), 'spmv-staging-'));
  try {
    writeFileSync(join(dir, 'ip'), A.indptr); writeFileSync(join(dir, 'ix'), A.indices);
    writeFileSync(join(dir, 'dv'), A.data); writeFileSync(join(dir, 'x'), x);
    const r = spawnSync('python3', ['-c', SCIPY, dir, String(ROUNDS)], { encoding: 'utf8' });
    return r.status === 0 ? JSON.parse(r.stdout) : (console.warn(`[skip scipy] ${r.stderr.slice(0, 200)}`), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withBackend(b, fn) {
  sp.setBackend(b);
  try { return fn(); } finally { sp.setBackend('auto'); }
}

const rows = [];
for (const [label, make] of workloads) {
  const A = make();
  const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
  const y = new Float64Array(A.shape[0]);
  const ref = withBackend('js', () => A.matvec(x, { threads: 1 }));
  const k = sp.kernelInfo();
  let P = null;
  const cases = {
    'js out': () => withBackend('js', () => A.matvec(x, { threads: 1, out: y })),
    'wasm copy out': () => withBackend('wasm', () => A.matvec(x, { threads: 1, out: y })),
    'wasm pinned out': () => { P = sp.pin(A); try { return withBackend('wasm', () => A.matvec(x, { threads: 1, out: y })); } finally { P.release(); } },
    'auto out': () => A.matvec(x, { threads: 1, out: y }),
    'auto no out': () => A.matvec(x, { threads: 1 }),
  };
  // The pin's own copy is the staging: time the pinned product with the pin taken outside the clock.
  const ts = Object.fromEntries([...Object.keys(cases), 'stage only'].map((c) => [c, []]));
  for (const [c, f] of Object.entries(cases)) {
    const out = f();
    if (!out.every((v, i) => Object.is(v, ref[i]))) throw new Error(`${label}: ${c} differs from the JS loop`);
  }
  const py = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [c, f] of Object.entries(cases)) {
      if (c === 'wasm pinned out') {
        const c0 = cpu(); P = sp.pin(A); const c1 = cpu();
        withBackend('wasm', () => A.matvec(x, { threads: 1, out: y }));
        ts[c].push(cpu() - c1); ts['stage only'].push(c1 - c0);
        P.release();
        continue;
      }
      const c0 = cpu(); f(); ts[c].push(cpu() - c0);
    }
    if (r % 5 === 4) { const s = scipy(A, x); if (s) py.push(s); }
  }
  const row = { workload: label, nnz: A.nnz, 'load avg': loadavg()[0].toFixed(1) };
  for (const [c, v] of Object.entries(ts)) row[`${c} ms`] = +median(v).toPrecision(3);
  if (py.length) for (const c of Object.keys(py[0])) row[`${c} ms`] = +median(py.map((p) => p[c])).toPrecision(3);
  if (py.length) {
    row['auto no out / A@x'] = +(row['auto no out ms'] / row['scipy A @ x ms']).toFixed(2);
    row['wasm pinned / csr_matvec'] = +(row['wasm pinned out ms'] / row['scipy csr_matvec out ms']).toFixed(2);
  }
  rows.push(row);
  console.error(JSON.stringify(row), k.backend);
}
printTable(`SpMV: kernel vs staging vs fresh result (CPU ms, median of ${ROUNDS} interleaved rounds, one thread)`, rows);
await sp.shutdown();
