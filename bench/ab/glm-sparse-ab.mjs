// A/B of the sparse Lasso path (issue 12): the bench's 20000 x 50000 CSC problem (10^6 nonzeros,
// seed 3, 50 α to α_max/100, tol 5e-7, no intercept), through two or more dist builds,
// interleaved: for each round, one child process per build, each running the path `calls` times
// (the first cold, as the bench's single run after its small warm-up; the last warm). Prints per
// build and round the CPU seconds (process.cpuUsage) and wall of each call, the epochs, and a hash
// of the coefficients and gaps (equal hashes: bit-identical paths); then the median CPU per call.
//
//   node bench/ab/glm-sparse-ab.mjs distA distB [...]   (AB_ROUNDS=3, AB_CALLS=2; wrap in flock /tmp/bench.lock)
//   AB_WARMUP=1   the bench's small warm-up paths first (its timed row is then the first call)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const calls = Number(process.env.AB_CALLS ?? 2);
if (process.env.AB_CHILD === '1') {
  const dist = resolve(process.argv[2]);
  const sp = await import(pathToFileURL(`${dist}/index.js`).href);
  const { A, y, alphas } = await (await import('./generators.mjs')).sparseLassoPath(sp);
  if (process.env.AB_WARMUP === '1') {
    // The bench's warm-up before its timed rows (bench/compare/06-glm.mjs warmUp): small dense
    // and sparse paths through this build.
    const { ar1Problem, sparseProblem } = await import('../compare/06-glm.mjs');
    const opts = { nAlphas: 20, tol: 1e-8, fitIntercept: false };
    for (const [n, p, reps] of [[60, 200, 1], [100, 300, 1], [80, 8, 30]]) {
      const d = ar1Problem(n, p, 0.5, n === 80 ? 3 : 5, 9);
      for (let r = 0; r < reps; r++) sp.lassoPath(sp.toNdarray({ rows: n, cols: p, data: d.X }), d.y, opts);
    }
    const s = sparseProblem(300, 600, 6000, 9);
    sp.lassoPath(new sp.CSCMatrix({ indptr: s.A.indptr, indices: s.A.indices, data: s.A.data, shape: [300, 600] }), s.y, opts);
  }
  const out = [];
  for (let c = 0; c < calls; c++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = sp.lassoPath(A, y, { alphas, tol: 5e-7, fitIntercept: false, maxIter: 1000000 });
    const wall = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(c0);
    const h = createHash('sha1');
    for (const w of r.coefs) h.update(new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
    h.update(new Uint8Array(Float64Array.from(r.dualityGaps).buffer));
    out.push({ cpu: (u.user + u.system) / 1e6, wall, epochs: r.iterations.reduce((a, b) => a + b, 0), hash: h.digest('hex').slice(0, 12) });
  }
  console.log(JSON.stringify(out));
  process.exit(0);
}
const dists = process.argv.slice(2);
const rounds = Number(process.env.AB_ROUNDS ?? 3);
const cpus = new Map(dists.map((d) => [d, Array.from({ length: calls }, () => [])]));
for (let r = 0; r < rounds; r++) {
  for (const d of dists) {
    const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), d], { env: { ...process.env, AB_CHILD: '1' }, encoding: 'utf8' });
    if (p.status !== 0) throw new Error(p.stderr);
    const res = JSON.parse(p.stdout);
    res.forEach((x, c) => cpus.get(d)[c].push(x.cpu));
    console.log(`round ${r} ${d}: ${res.map((x) => `CPU ${x.cpu.toFixed(3)} wall ${x.wall.toFixed(3)}`).join(' | ')}; epochs ${res[0].epochs}; hash ${res[0].hash}; load ${loadavg()[0].toFixed(2)}`);
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const d of dists) console.log(`${d}: median CPU per call ${cpus.get(d).map((a) => med(a).toFixed(3)).join(', ')}`);
