// The bench's sparse L1-logistic fit (bench/compare/06-glm.mjs: 20000 x 50000 CSC, 10^6 nonzeros,
// seed 4, C = 1, no intercept) through two builds of this library, each in its own child process,
// alternating (which build goes first swaps every round) so that load on the shared machine hits
// both alike. Each child makes the problem, then fits at tol 1e-6 and 1e-8 (the bench's order:
// the first is JIT-cold), then both again AB_WARM times (warm, default 5; their median). Prints per build the medians over the rounds of
// CPU (process.cpuUsage) and wall seconds per fit, the objective and the certificate's kkt (the
// bench's logisticL1Certificate), and the load average. Not part of the tests.
//
//   node bench/ab/logistic-builds.mjs <old dist dir> <new dist dir>
//   AB_ROUNDS=4     processes per build (default 4)
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from '../lib/harness.mjs';

if (process.env.AB_CHILD) {
  const sp = await import(process.env.AB_CHILD);
  const { sparseProblem, logisticL1Certificate } = await import('../compare/06-glm.mjs');
  const q = sparseProblem(20000, 50000, 1e6, 4);
  const A = new sp.CSCMatrix({ indptr: q.A.indptr, indices: q.A.indices, data: q.A.data, shape: [q.n, q.p] });
  const t = Float64Array.from(q.y, (v) => (v > 0 ? 1 : 0));
  const out = [];
  const fit = (tol) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const f = sp.logisticRegression(A, t, { penalty: 'l1', C: 1, fitIntercept: false, tol });
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    return { f, cpu: (c.user + c.system) / 1e6, wall };
  };
  for (const tol of [1e-6, 1e-8]) {
    const r = fit(tol);
    const cert = logisticL1Certificate(q.A, t, r.f.coef[0], 1, q.n, q.p);
    out.push({ key: `cold ${tol}`, cpu: r.cpu, wall: r.wall, obj: cert.obj, kkt: cert.kkt });
  }
  // Warm: the median of AB_WARM fits at each tolerance, alternating.
  const reps = Number(process.env.AB_WARM ?? 5);
  const warm = { 1e-6: [], 1e-8: [] };
  let last = {};
  for (let r = 0; r < reps; r++) for (const tol of [1e-6, 1e-8]) (warm[tol].push(fit(tol)), (last[tol] = warm[tol].at(-1).f));
  for (const tol of [1e-6, 1e-8]) {
    const cert = logisticL1Certificate(q.A, t, last[tol].coef[0], 1, q.n, q.p);
    out.push({ key: `warm ${tol} (median of ${reps})`, cpu: median(warm[tol].map((x) => x.cpu)), wall: median(warm[tol].map((x) => x.wall)), obj: cert.obj, kkt: cert.kkt });
  }
  console.log(JSON.stringify(out));
  process.exit(0);
}

const builds = process.argv.slice(2).map((d) => pathToFileURL(join(resolve(d), 'index.js')).href);
if (builds.length !== 2) throw new Error('usage: node bench/ab/logistic-builds.mjs <old dist dir> <new dist dir>');
const ROUNDS = Number(process.env.AB_ROUNDS ?? 4);
const res = [[], []];
const loads = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const b of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const c = spawnSync(process.execPath, [new URL(import.meta.url).pathname], { env: { ...process.env, AB_CHILD: builds[b] }, encoding: 'utf8' });
    if (c.status !== 0) throw new Error(c.stderr);
    res[b].push(JSON.parse(c.stdout.trim().split('\n').pop()));
  }
  loads.push(loadavg()[0]);
}
console.log(`rounds ${ROUNDS}, load (1 min) ${loads.map((v) => v.toFixed(2)).join(' ')}`);
console.log('| fit | old CPU s | new CPU s | new / old CPU | old wall s | new wall s | new / old wall | old objective, kkt | new objective, kkt |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [i, { key }] of res[0][0].entries()) {
  const m = (b, f) => median(res[b].map((x) => f(x[i])));
  const [c0, c1, w0, w1] = [m(0, (x) => x.cpu), m(1, (x) => x.cpu), m(0, (x) => x.wall), m(1, (x) => x.wall)];
  const ow = (b) => `${res[b][0][i].obj.toFixed(6)}, ${res[b][0][i].kkt.toExponential(1)}`;
  console.log(`| ${key} | ${c0.toFixed(3)} | ${c1.toFixed(3)} | ${(c1 / c0).toFixed(2)} | ${w0.toFixed(3)} | ${w1.toFixed(3)} | ${(w1 / w0).toFixed(2)} | ${ow(0)} | ${ow(1)} |`);
}
