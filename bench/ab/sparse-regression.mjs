// A/B of sparseRegression (issue 18): two builds of this library in one process, alternating call by
// call on the same generated problem (abess protocol: n = 500 training rows, k = 10, σ = 1, AR(1)
// ρ = 0.1 and constant correlation 0.7), CPU and wall seconds, medians and per-pair old/new CPU
// ratios, whether both builds return the same coefficients bit for bit, and else whether they
// return the same supports and how far apart the coefficients are. Not part of the tests.
//
//   node bench/ab/sparse-regression.mjs <old dist dir> <new dist dir>
//   AB_P=8000  AB_SEEDS=1,2,3  AB_RUNS=3 (calls per build and seed)  AB_DESIGNS=ar1,constant
//
// Both dist dirs must lie inside a checkout (their imports resolve its node_modules), e.g. a copy of
// an older `npx tsc -p tsconfig.build.json` output under bench/.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, timed } from '../lib/harness.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const Old = await import(pathToFileURL(`${oldDir}/index.js`).href);
const New = await import(pathToFileURL(`${newDir}/index.js`).href);
const d = Number(process.env.AB_P ?? 8000);
const seeds = (process.env.AB_SEEDS ?? '1,2,3').split(',').map(Number);
const runs = Number(process.env.AB_RUNS ?? 3);
const designs = (process.env.AB_DESIGNS ?? 'ar1,constant').split(',');
const n = 500;

for (const design of designs) {
  const rho = design === 'ar1' ? 0.1 : 0.7;
  const old = [], cur = [], ratios = [];
  let same = true;
  let sameSupport = true;
  let maxDiff = 0;
  for (const seed of seeds) {
    const p = New.makeSparseRegression({ n: 2 * n, d, k: 10, design, rho, noise: 1, coefficients: 'abess', seed });
    const X = { rows: n, cols: d, data: p.X.data.slice(0, n * d) };
    const y = p.y.slice(0, n);
    for (let r = 0; r < runs; r++) {
      const a = timed(() => Old.sparseRegression(Old.toNdarray(X), y, { seed }));
      const b = timed(() => New.sparseRegression(New.toNdarray(X), y, { seed }));
      old.push(a);
      cur.push(b);
      ratios.push(a.cpu / b.cpu);
      same &&= a.r.coef.every((v, j) => v === b.r.coef[j]) && a.r.intercept === b.r.intercept;
      sameSupport &&= Array.from(a.r.support).join() === Array.from(b.r.support).join();
      for (let j = 0; j < d; j++) maxDiff = Math.max(maxDiff, Math.abs(a.r.coef[j] - b.r.coef[j]));
      console.log(`${design} seed ${seed}: old ${a.cpu.toFixed(2)} CPU s (${a.wall.toFixed(2)} wall), new ${b.cpu.toFixed(2)} (${b.wall.toFixed(2)})`);
    }
  }
  const m = (v, k) => median(v.map((t) => t[k])).toFixed(2);
  console.log(`${design}, p = ${d}: old median ${m(old, 'cpu')} CPU s (${m(old, 'wall')} wall), new ${m(cur, 'cpu')} (${m(cur, 'wall')}); median old/new CPU ratio ${median(ratios).toFixed(2)}; identical results: ${same}; same supports: ${sameSupport}, largest coefficient difference ${maxDiff.toExponential(1)}`);
}
