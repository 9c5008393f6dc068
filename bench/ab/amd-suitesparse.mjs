// Our AMD against SuiteSparse AMD (issue 15) on jagmesh7's graph Laplacian + I and 2-D Poisson
// 60² / 120² (the graphs of the spsolve phases bench; convection–diffusion 60² has the same graph
// as Poisson 60²): CPU µs per warm call of our amdOrder (WASM loop, the copies in and out included)
// and of SuiteSparse's amd_order and amd_2 (bench/lib/amd-suitesparse.c, compiled here where `cc`
// and Debian's libsuitesparse-dev are present), alternating rounds; and the fill (entries below the
// diagonal of L) of both orders, with SuiteSparse's pivot and merged-variable counts. Not part of
// the tests.
//
//   node bench/ab/amd-suitesparse.mjs [dist dir, default ./dist]   (after `npm run build`)
//   AMD_REPS=500  calls per round, AMD_ROUNDS=9, AMD_ONLY=jagmesh7,p60,p120
// Times are the least and the median of the rounds; the ratio is of the least times (the other
// processes of a shared machine only add to a round's CPU time).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const reps = Number(process.env.AMD_REPS ?? 500);
const rounds = Number(process.env.AMD_ROUNDS ?? 9);
const only = (process.env.AMD_ONLY ?? 'jagmesh7,p60,p120').split(',');
const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const { symmetricPattern } = await import(pathToFileURL(`${dist}/linalg/direct/pattern.js`).href);
const { amdOrder } = await import(pathToFileURL(`${dist}/linalg/direct/amd.js`).href);
const { laplacianFixture, poisson } = await import('./generators.mjs');

const dir = mkdtempSync(join(tmpdir(), 'amd-ss-'));
const exe = join(dir, 'amd-suitesparse');
const src = fileURLToPath(new URL('../lib/amd-suitesparse.c', import.meta.url));
const cc = spawnSync('cc', ['-O2', '-I/usr/include/suitesparse', src, '-o', exe, '-lamd'], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.error(`amd-suitesparse.c did not compile (cc, libsuitesparse-dev):\n${cc.stderr}`);
  process.exit(1);
}
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const workloads = [
  ['jagmesh7', () => laplacianFixture(sp, 'jagmesh7')],
  ['p60', () => poisson(sp, 60).toCSC()],
  ['p120', () => poisson(sp, 120).toCSC()],
].filter(([key]) => only.includes(key));
console.log(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${reps} calls x ${rounds} rounds, CPU µs per call, least / median of the rounds`);
console.log('| graph | n | ours amdOrder | SuiteSparse amd_order | SuiteSparse amd_2 | ours / amd_2 | fill ours | fill SuiteSparse | SS pivots / merged |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
try {
  for (const [name, make] of workloads) {
    const G = symmetricPattern(make());
    const n = G.n;
    const nnz = G.ptr[n];
    const graphFile = join(dir, `${name}.graph`);
    const permFile = join(dir, `${name}.perm`);
    writeFileSync(graphFile, `${n} ${nnz}\n${Array.from(G.ptr).join(' ')}\n${Array.from(G.idx.subarray(0, nnz)).join(' ')}\n`);
    writeFileSync(permFile, `${Array.from(amdOrder(G)).join(' ')}\n`);
    const ours = [];
    const ss = [];
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < Math.min(reps, 200); k++) amdOrder(G);
      const t0 = cpu();
      for (let k = 0; k < reps; k++) amdOrder(G);
      ours.push(((cpu() - t0) / reps) * 1000);
      const run = spawnSync(exe, [graphFile, permFile, String(reps)], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`amd-suitesparse failed on ${name}: ${run.stderr}`);
      ss.push(JSON.parse(run.stdout));
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const range = (xs) => `${Math.min(...xs).toFixed(0)} / ${median(xs).toFixed(0)}`;
    const amd2 = ss.map((s) => s.amd_2_us);
    const s = ss[0];
    console.log(`| ${name} | ${n} | ${range(ours)} | ${range(ss.map((x) => x.amd_order_us))} | ${range(amd2)} | ${(Math.min(...ours) / Math.min(...amd2)).toFixed(2)} | ${s.fill_given} | ${s.fill_suitesparse} (Info ${s.info_lnz}) | ${s.pivots} / ${s.merged} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
