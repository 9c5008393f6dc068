// Where a loop of `A.matvec(x)` without out (each result dropped) gets its result's memory, ours
// against SciPy's `A @ x` (issue 17): per call, the minor page faults and CPU time (user + system),
// and for ours the garbage collections V8 ran during the call (PerformanceObserver 'gc' entries,
// with their reason flags). After one untimed call, 30 timed calls per process; medians and the
// share of calls that faulted in less than a tenth of the result's pages. Variants alternate.
// Not part of the tests.
//
//   node bench/ab/spmv-loop-faults.mjs <inputs dir>   (triplets from 02-cold-loop.mjs's writeInputs)
//   AB_INPUT=coo7ordered ...   another input; AB_ROUNDS=3 ... processes per variant
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { printTable } from '../lib/harness.mjs';

const inputs = process.argv[2];
if (!inputs) throw new Error('usage: node bench/ab/spmv-loop-faults.mjs <inputs dir>');
const input = process.env.AB_INPUT ?? 'web';
const rounds = Number(process.env.AB_ROUNDS ?? 3);
const CALLS = 30;

const OURS = `
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
const sp = await import(new URL('../../dist/index.js', process.env.HERE).href);
const dir = process.env.INPUTS, input = process.env.INPUT;
const read = (f, T) => { const b = readFileSync(dir + '/' + input + '.' + f); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const meta = JSON.parse(readFileSync(dir + '/' + input + '.json', 'utf8'));
const A = sp.coo(read('row', Int32Array), read('col', Int32Array), read('data', Float64Array), meta.shape).toCSR();
const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const flt = () => process.resourceUsage().minorPageFault;
let gcs = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) gcs.push(e.detail?.kind ?? e.kind); }).observe({ entryTypes: ['gc'] });
A.matvec(x, { threads: 1 });
const calls = [];
for (let r = 0; r < ${CALLS}; r++) {
  const c0 = cpu(), f0 = flt();
  A.matvec(x, { threads: 1 });
  calls.push({ cpu: cpu() - c0, faults: flt() - f0 });
  await new Promise((ok) => setImmediate(ok)); // let the observer report this call's collections
  calls.at(-1).gcs = gcs.length;
  gcs = [];
}
process.stdout.write(JSON.stringify({ m: A.shape[0], calls }));
await sp.shutdown();
`;

const SCIPY = `
import time, resource, json, os
import numpy as np, scipy.sparse as sp
if os.environ.get('HP') == '0': np._core.multiarray._set_madvise_hugepage(False)
d, name = os.environ['INPUTS'], os.environ['INPUT']
meta = json.load(open(os.path.join(d, name + '.json')))
rd = lambda ext, t: np.fromfile(os.path.join(d, name + ext), dtype=t)
A = sp.coo_array((rd('.data', np.float64), (rd('.row', np.int32), rd('.col', np.int32))), shape=tuple(meta['shape'])).tocsr()
x = np.random.default_rng(2).uniform(-1, 1, A.shape[1])
len(A @ x)
calls = []
for _ in range(${CALLS}):
    c0 = time.process_time(); f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    len(A @ x)
    calls.append({'cpu': (time.process_time() - c0) * 1e3, 'faults': resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0})
print(json.dumps({'m': A.shape[0], 'calls': calls}))
`;

const variants = [
  ['ours', () => spawnSync(process.execPath, ['--input-type=module', '-e', OURS], { env: { ...process.env, HERE: import.meta.url, INPUTS: resolve(inputs), INPUT: input }, encoding: 'utf8' })],
  ['scipy', () => spawnSync('python3', ['-c', SCIPY], { env: { ...process.env, INPUTS: resolve(inputs), INPUT: input }, encoding: 'utf8' })],
  ['scipy, no MADV_HUGEPAGE', () => spawnSync('python3', ['-c', SCIPY], { env: { ...process.env, INPUTS: resolve(inputs), INPUT: input, HP: '0' }, encoding: 'utf8' })],
];
const res = variants.map(() => []);
const loads = [];
for (let r = 0; r < rounds; r++) {
  variants.forEach(([, run], v) => {
    const c = run();
    if (c.status !== 0) throw new Error(c.stderr);
    res[v].push(JSON.parse(c.stdout));
  });
  loads.push(loadavg()[0]);
}
const med = (a) => { const s = [...a].sort((p, q) => p - q); return s[s.length >> 1]; };
const rows = variants.map(([label], v) => {
  const calls = res[v].flatMap((o) => o.calls);
  const pages = (8 * res[v][0].m) / 4096;
  const withGc = calls.filter((c) => c.gcs > 0).length;
  return {
    variant: label, 'result pages': Math.ceil(pages), calls: calls.length,
    'faults/call median': med(calls.map((c) => c.faults)), 'faults/call mean': Math.round(calls.reduce((s, c) => s + c.faults, 0) / calls.length),
    'calls < 10% pages': calls.filter((c) => c.faults < pages / 10).length,
    'cpu ms median': +med(calls.map((c) => c.cpu)).toFixed(1),
    'calls with a GC': label === 'ours' ? withGc : '-',
    'faults, 5 calls after a GC': label === 'ours' ? calls.map((c, i) => (c.gcs > 0 ? calls.slice(i + 1, i + 6).map((d) => d.faults).join('/') : null)).filter(Boolean).slice(0, 3).join(' | ') : '-',
  };
});
printTable(`${input}: ${CALLS}-call loops without out, ${rounds} processes per variant, load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`, rows);
