// SpGEMM in one pass (numeric only, into row slots of min(flops(i), n) entries) against the two-pass
// product (symbolic, then numeric) of the same build, and SciPy, on the SpGEMM workloads of
// bench/compare/02-kernels.mjs: interleaved round by round (ours one pass, ours two passes, SciPy
// through a Python process that stays up), a GC before each of our runs (as bench:compare's warm
// column), medians and ratios. Also the accumulator choice on a web-scale R-MAT graph (hash vs
// dense). Not part of the tests.
//
//   npm run build   (or: npx tsc -p tsconfig.build.json)
//   node bench/ab/spgemm-one-pass.mjs [dist dir]        AB_ROUNDS=5 AB_WEB=19 (R-MAT scale, 0 = skip)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { poisson as poissonOf, rmat as rmatOf } from './generators.mjs';
import v8 from 'node:v8';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const sp = await import(pathToFileURL(join(dist, 'index.js')).href);
const { spgemmKernel } = await import(pathToFileURL(join(dist, 'kernels/spgemm/spgemm.js')).href);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const rounds = Number(process.env.AB_ROUNDS ?? 5);
const webScale = Number(process.env.AB_WEB ?? 19);

const fixture = (name) => sp.mmread(readFileSync(join(root, 'test/fixtures/matrices', `${name}.mtx`), 'utf8')).toCSR();
const poisson = (g) => poissonOf(sp, g);
const rmat = (...a) => rmatOf(sp, ...a);
const sq = (f) => () => { const A = f(); return [A, A]; };
const work = [
  ['bcspwr10 A·A', sq(() => fixture('bcspwr10'))],
  ['G51 A·A', sq(() => fixture('G51'))],
  ['dwt_992 A·A', sq(() => fixture('dwt_992'))],
  ['lp_e226 AᵀA', () => { const A = fixture('lp_e226'); return [A.transpose().toCSR(), A]; }],
  ['Poisson 250x250 A·A', sq(() => poisson(250))],
  ['random 20000^2 d=5e-4 A·A', sq(() => sp.random(20000, 20000, 5e-4, { seed: 3, format: 'csr' }))],
  ['R-MAT s16 ef16 A·A', sq(() => rmat(16, 16, 4))],
];
if (webScale > 0) work.push([`R-MAT s${webScale} ef2 web A·A`, sq(() => rmat(webScale, 2, 11, [0.45, 0.15, 0.15]))]);

// SciPy side: one Python process, matrices handed over as raw arrays, one timed product per request.
const dir = mkdtempSync(join(tmpdir(), 'spgemm-ab-'));
const py = spawn('python3', ['-u', '-c', `
import sys, json, time, numpy as np, scipy.sparse as sp
mats = {}
def load(p, shape):
    return sp.csr_array((np.fromfile(p + '.data', dtype=np.float64), np.fromfile(p + '.indices', dtype=np.int32), np.fromfile(p + '.indptr', dtype=np.int32)), shape=tuple(shape))
for line in sys.stdin:
    q = json.loads(line)
    if q['op'] == 'load':
        mats[q['key']] = (load(q['a'], q['sa']), load(q['b'], q['sb']))
        A, B = mats[q['key']]; C = A @ B; C.sort_indices(); C = None
        print(json.dumps({'ok': 1}))
    else:
        A, B = mats[q['key']]
        t0 = time.perf_counter(); C = A @ B
        if q['sort']: C.sort_indices()
        t = time.perf_counter() - t0; C = None
        print(json.dumps({'t': t}))
`], { stdio: ['pipe', 'pipe', 'inherit'] });
let pending = null, buf = '';
py.stdout.on('data', (d) => {
  buf += d;
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) { const line = buf.slice(0, nl); buf = buf.slice(nl + 1); const f = pending; pending = null; f(JSON.parse(line)); }
});
const ask = (q) => new Promise((res) => { pending = res; py.stdin.write(`${JSON.stringify(q)}\n`); });
function dump(name, A) {
  const p = join(dir, name);
  writeFileSync(`${p}.indptr`, A.indptr); writeFileSync(`${p}.indices`, A.indices); writeFileSync(`${p}.data`, A.data);
  return p;
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
function time(fn) {
  gc();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
const same = (x, y) => x.indptr.length === y.indptr.length && x.indices.every((v, i) => v === y.indices[i]) && x.data.every((v, i) => Object.is(v, y.data[i])) && x.indptr.every((v, i) => v === y.indptr[i]);

console.log(`# SpGEMM one pass vs two passes vs SciPy, node ${process.version}, ${rounds} interleaved rounds, medians (ms), sorted output, 1 thread, WASM; machine shared and loaded`);
console.log(['workload', 'flops', 'nnz(C)', 'bound', '1-pass', '2-pass', 'SciPy', '1p/2p', '1p/SciPy', '2p/SciPy', 'bits'].join(' | '));
const ratios = { onetwo: [], onesci: [] };
for (const [label, make] of work) {
  const [A, B] = make();
  const [m, kB] = A.shape, n = B.shape[1];
  await ask({ op: 'load', key: label, a: dump('a', A), sa: A.shape, b: dump('b', B), sb: B.shape });
  sp.setBackend('wasm');
  const run = (onePassEntries, extra = {}) => spgemmKernel(A, B, m, kB, n, { threads: 1, sorted: true, onePassEntries, ...extra });
  const big = 1 << 30;
  const one = run(big), two = run(0);
  const bits = same(one, two);
  let bound = 0;
  for (let i = 0; i < m; i++) { let f = 0; for (let p = A.indptr[i]; p < A.indptr[i + 1]; p++) f += B.indptr[A.indices[p] + 1] - B.indptr[A.indices[p]]; bound += Math.min(f, n); }
  const t = { one: [], two: [], sci: [] };
  for (let r = 0; r < rounds; r++) {
    t.one.push(time(() => run(big)));
    t.two.push(time(() => run(0)));
    t.sci.push((await ask({ op: 'run', key: label, sort: true })).t * 1e3);
  }
  const [o, w, s] = [median(t.one), median(t.two), median(t.sci)];
  ratios.onetwo.push(o / w); ratios.onesci.push(o / s);
  console.log([label, one.stats.flops, one.indices.length, bound, o.toFixed(1), w.toFixed(1), s.toFixed(1), (o / w).toFixed(2), (o / s).toFixed(2), (w / s).toFixed(2), bits ? 'same' : 'DIFFER'].join(' | '));
  if (label.includes('web') || label.includes('R-MAT')) {
    // Accumulator choice on the graph: hash vs dense rows, two passes (as 'auto' picks per size).
    const ta = { hash: [], dense: [] };
    for (let r = 0; r < rounds; r++) for (const acc of ['hash', 'dense']) ta[acc].push(time(() => run(big, { accumulator: acc })));
    console.log(`  accumulator on ${label} (n = ${n}): hash ${median(ta.hash).toFixed(1)} ms, dense ${median(ta.dense).toFixed(1)} ms, hash/dense ${(median(ta.hash) / median(ta.dense)).toFixed(2)}`);
  }
  sp.setBackend('auto');
}
console.log(`median 1-pass/2-pass: ${median(ratios.onetwo).toFixed(2)}; median 1-pass/SciPy: ${median(ratios.onesci).toFixed(2)}`);
py.stdin.end();
rmSync(dir, { recursive: true, force: true });
await sp.shutdown();
