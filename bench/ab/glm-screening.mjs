// A/B of gap-safe screening in the elastic-net working-set driver (issue 12): two builds of this
// library in one process, alternating call by call, on paths where the old build could not screen
// (unpenalized features, penaltyFactor 0, or l1Ratio < 1). Prints per call the CPU and wall
// seconds, the coordinate-descent epochs, the worst relative gap (gap / P(0), as reported), and
// the largest coefficient difference between the builds; then per workload the median CPU and the
// per-pair old/new CPU ratios. Not part of the tests.
//
//   node bench/ab/glm-screening.mjs <old dist dir> <new dist dir>
//   AB_RUNS=3 (calls per build)  AB_ONLY=leuk-pf0,sparse-pf0,leuk-enet
//
// Both dist dirs must lie inside a checkout (their imports resolve its node_modules); the problem
// generators are bench/compare/06-glm.mjs's (they import this checkout's dist/: `npm run build`).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, timed } from '../lib/harness.mjs';
import { ar1Problem, sparseProblem } from '../compare/06-glm.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const Old = await import(pathToFileURL(`${oldDir}/index.js`).href);
const New = await import(pathToFileURL(`${newDir}/index.js`).href);
const runs = Number(process.env.AB_RUNS ?? 3);
const only = (process.env.AB_ONLY ?? 'leuk-pf0,sparse-pf0,leuk-enet').split(',');

/** Penalty factors: 0 on every `step`-th feature, 1 elsewhere. */
const zerosEvery = (p, step) => Array.from({ length: p }, (_, j) => (j % step === 0 ? 0 : 1));

const workloads = {
  // 100-α Lasso path to α_max/100 on the 72 x 7129 AR(1) design, 10 unpenalized features, relgap 1e-6.
  'leuk-pf0': () => {
    const prob = ar1Problem(72, 7129, 0.5, 20, 1);
    return { prob, dense: true, opts: { nAlphas: 100, eps: 0.01, tol: 5e-7, maxIter: 100000, penaltyFactor: zerosEvery(7129, 713) } };
  },
  // 50-α Lasso path to α_max/100 on the sparse 20000 x 50000 CSC design (10⁶ nonzeros), no intercept,
  // 100 unpenalized features, relgap 1e-6.
  'sparse-pf0': () => {
    const prob = sparseProblem(20000, 50000, 1e6, 3);
    return { prob, dense: false, opts: { nAlphas: 50, eps: 0.01, tol: 5e-7, maxIter: 100000, fitIntercept: false, penaltyFactor: zerosEvery(50000, 500) } };
  },
  // 100-α elastic-net path (l1Ratio 0.5, every feature penalized) on the 72 x 7129 design, relgap 1e-6.
  'leuk-enet': () => {
    const prob = ar1Problem(72, 7129, 0.5, 20, 1);
    return { prob, dense: true, opts: { nAlphas: 100, eps: 0.01, tol: 5e-7, maxIter: 100000, l1Ratio: 0.5 } };
  },
};

function input(lib, prob, dense) {
  if (dense) return lib.toNdarray({ rows: prob.n, cols: prob.p, data: prob.X });
  const A = prob.A;
  return new lib.CSCMatrix({ indptr: A.indptr, indices: A.indices, data: A.data, shape: [prob.n, prob.p] });
}

for (const name of only) {
  const { prob, dense, opts } = workloads[name]();
  const X = { old: input(Old, prob, dense), new: input(New, prob, dense) };
  const cpu = { old: [], new: [] };
  const ratios = [];
  for (let k = 0; k < runs; k++) {
    const out = {};
    // Alternate which build goes first.
    for (const which of k % 2 === 0 ? ['old', 'new'] : ['new', 'old']) {
      const lib = which === 'old' ? Old : New;
      const t = timed(() => lib.lassoPath(X[which], prob.y, opts));
      const epochs = t.r.iterations.reduce((a, b) => a + b, 0);
      const yy = (() => {
        let m = 0;
        for (const v of prob.y) m += v;
        m = opts.fitIntercept === false ? 0 : m / prob.n;
        let s = 0;
        for (const v of prob.y) s += (v - m) ** 2;
        return s / (2 * prob.n);
      })();
      const relgap = Math.max(...t.r.dualityGaps) / yy;
      out[which] = t.r;
      cpu[which].push(t.cpu);
      console.log(`${name} ${which}: cpu ${t.cpu.toFixed(2)} s, wall ${t.wall.toFixed(2)} s, epochs ${epochs}, worst relgap ${relgap.toExponential(2)}, converged ${t.r.converged.every(Boolean)}`);
    }
    let diff = 0;
    for (let a = 0; a < out.old.coefs.length; a++) for (let j = 0; j < prob.p; j++) diff = Math.max(diff, Math.abs(out.old.coefs[a][j] - out.new.coefs[a][j]));
    ratios.push(cpu.old.at(-1) / cpu.new.at(-1));
    console.log(`${name} pair ${k}: old/new CPU ${ratios.at(-1).toFixed(2)}, max |coef difference| ${diff.toExponential(2)}`);
  }
  console.log(`${name}: median CPU old ${median(cpu.old).toFixed(2)} s, new ${median(cpu.new).toFixed(2)} s; old/new per pair ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
}
