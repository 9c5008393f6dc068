// The first `A.matvec(x)` (no out) in a fresh process, and where its time goes (issue 17). Each
// child process imports the library, loads the operands (untimed), then times its first product
// and a second one: CPU time (user + system, all threads), wall time and minor page faults of each.
// Variants run round-robin (one child of each per round, the order rotating every round), so load
// on the shared machine hits them alike; medians per variant, with a check value of the result
// that must agree across variants. Not part of the tests.
//
//   node bench/ab/spmv-cold.mjs <inputs dir> <variant> [<variant> ...]
//   a variant: <dist dir>[:<backend>][:phases]
//     <backend> = js | wasm | auto (setBackend before the first call; default: the library's default)
//     phases    = instead of one first call, time its parts one after another in the same process:
//                 getWasm (decode, compile, instantiate), the result's allocation and first touch,
//                 x's scratch in WASM memory and its first touch, the streaming block, then the
//                 streamed kernel on the now-warm memory (src/kernels/spmv/stream.ts)
//     scipy      = SciPy's first `A @ x` in the same way (with 'phases': its result's allocation and
//                  touch first); SCIPY_HUGEPAGE=0 turns NumPy's MADV_HUGEPAGE off
//   AB_INPUT=web | coo7ordered ...   triplet files written by bench/compare/02-cold-loop.mjs's
//                                    writeInputs (e.g. bench/ab/spmv-builds.mjs with AB_INPUTS)
//   AB_ROUNDS=10 ...                 processes per variant
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, printTable } from '../lib/harness.mjs';

const [inputs, ...specs] = process.argv.slice(2);
if (!inputs || specs.length === 0) throw new Error('usage: node bench/ab/spmv-cold.mjs <inputs dir> <dist[:backend][:phases]> ...');
const input = process.env.AB_INPUT ?? 'web';
const rounds = Number(process.env.AB_ROUNDS ?? 10);

const OURS = `
import { readFileSync } from 'node:fs';
const task = JSON.parse(process.env.TASK);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const flt = () => process.resourceUsage().minorPageFault;
const out = {};
let c0 = cpu(), f0 = flt(), w0 = performance.now();
const mark = (name) => { const c = cpu(), f = flt(), w = performance.now(); out[name] = { cpu: c - c0, wall: w - w0, faults: f - f0 }; c0 = c; f0 = f; w0 = w; };
const sp = await import(task.dist + '/index.js');
mark('import');
const read = (f, T) => { const b = readFileSync(task.dir + '/' + task.input + '.' + f); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const meta = JSON.parse(readFileSync(task.dir + '/' + task.input + '.json', 'utf8'));
const A = sp.coo(read('row', Int32Array), read('col', Int32Array), read('data', Float64Array), meta.shape).toCSR();
const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
if (task.backend) sp.setBackend(task.backend);
let y;
if (task.phases) {
  const { getWasm } = await import(task.dist + '/kernels/runtime/wasm/loader.js');
  const { resultZerosFloat64 } = await import(task.dist + '/kernels/runtime/result-pool.js');
  const { spmvGatherStreamed, STREAM_CHUNK_BYTES } = await import(task.dist + '/kernels/spmv/stream.js');
  mark('setup');
  const k = getWasm();
  mark('getWasm');
  y = resultZerosFloat64(A.shape[0]);
  mark('y alloc');
  y.fill(0);
  mark('y touch');
  const xp = k.scratch(0, x.byteLength);
  k.f64(xp, x.length).fill(0);
  mark('x scratch touch');
  const bp = k.scratch(7, STREAM_CHUNK_BYTES + 4096);
  new Uint8Array(k.memory.buffer, bp, STREAM_CHUNK_BYTES).fill(0);
  mark('block touch');
  spmvGatherStreamed(k, { indptr: A.indptr, indices: A.indices, data: A.data, nMajor: A.shape[0], nMinor: A.shape[1] }, x, y, 1, 0);
  mark('streamed kernel');
} else {
  mark('setup');
  y = A.matvec(x, { threads: 1 });
  mark('first');
}
const y2 = A.matvec(x, { threads: 1 });
mark('second');
let same = y.length === y2.length;
for (let i = 0; i < y.length && same; i++) same = Object.is(y[i], y2[i]);
out.check = String(y[0] + y[y.length >> 1]) + (same ? '' : ' (first != second)');
process.stdout.write(JSON.stringify(out));
await sp.shutdown();
`;

const SCIPY = `
import time, resource, json, os
task = json.loads(os.environ['TASK'])
def cpu(): return time.process_time() * 1e3
def flt(): return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
out = {}
st = [cpu(), flt(), time.perf_counter()]
def mark(name):
    c, f, w = cpu(), flt(), time.perf_counter()
    out[name] = {'cpu': c - st[0], 'wall': (w - st[2]) * 1e3, 'faults': f - st[1]}
    st[0], st[1], st[2] = c, f, w
import numpy as np, scipy.sparse as sp
mark('import')
if os.environ.get('SCIPY_HUGEPAGE') == '0': np._core.multiarray._set_madvise_hugepage(False)
d, name = task['dir'], task['input']
meta = json.load(open(os.path.join(d, name + '.json')))
rd = lambda ext, t: np.fromfile(os.path.join(d, name + ext), dtype=t)
A = sp.coo_array((rd('.data', np.float64), (rd('.row', np.int32), rd('.col', np.int32))), shape=tuple(meta['shape'])).tocsr()
x = np.random.default_rng(2).uniform(-1, 1, A.shape[1])
mark('setup')
if task['phases']:
    y0 = np.zeros(A.shape[0]); mark('y alloc')
    y0[:] = 1.0; mark('y touch')
y = A @ x
mark('first')
y2 = A @ x
mark('second')
out['check'] = repr(float(y[0] + y[len(y) >> 1]))
print(json.dumps(out))
`;

const variants = specs.map((s) => {
  const [d, ...opts] = s.split(':');
  const phases = opts.includes('phases');
  const backend = opts.find((o) => ['js', 'wasm', 'auto'].includes(o));
  return { label: s, scipy: d === 'scipy', phases, backend, dist: d === 'scipy' ? null : pathToFileURL(resolve(d)).href };
});

function child(v) {
  const task = { dir: resolve(inputs), input, phases: v.phases, backend: v.backend, dist: v.dist };
  const env = { ...process.env, TASK: JSON.stringify(task) };
  const r = v.scipy
    ? spawnSync('python3', ['-c', SCIPY], { env, encoding: 'utf8' })
    : spawnSync(process.execPath, ['--input-type=module', '-e', OURS], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`child ${v.label} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const res = variants.map(() => []);
const loads = [];
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < variants.length; i++) {
    const b = (i + r) % variants.length;
    res[b].push(child(variants[b]));
  }
  loads.push(loadavg()[0]);
}
const rows = [];
variants.forEach((v, b) => {
  const phases = Object.keys(res[b][0]).filter((k) => k !== 'check' && k !== 'import' && k !== 'setup');
  for (const p of ['import', ...phases]) {
    const col = (key) => +median(res[b].map((o) => o[p][key])).toFixed(p === 'import' ? 0 : 1);
    rows.push({ variant: v.label, phase: p, 'cpu ms': col('cpu'), 'wall ms': col('wall'), faults: col('faults') });
  }
  const checks = [...new Set(res[b].map((o) => o.check))];
  rows.push({ variant: v.label, phase: 'check', 'cpu ms': checks.join(' ') });
});
printTable(`${input}: first and second SpMV in a fresh process, medians of ${rounds} processes per variant, load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`, rows);
