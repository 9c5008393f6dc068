// Demo section: the solver families. Lasso on the diabetes data (scikit-learn's example data set,
// shipped in test/fixtures), sparse regression on a correlated design where the Lasso over-selects,
// low-rank completion of MovieLens-shaped ratings, and Kronecker-structured sparse Bayesian learning.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  completeMatrix, createRng, kronMatvec, kroOmp, kroSbl, lassoCv, lassoPath, makeSparseRegression, movieLensLike, sparseRegression,
} from 'sparsity';

export const title = 'Solvers: Lasso, sparse regression, matrix completion, Kronecker SBL';

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, '../../test/fixtures/datasets');
const table = (name) => gunzipSync(readFileSync(join(datasets, name))).toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
const time = (fn) => {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
};
const nmse = (xh, x) => xh.reduce((s, v, i) => s + (v - x[i]) ** 2, 0) / x.reduce((s, v) => s + v * v, 0);
const db = (v) => `${(10 * Math.log10(v)).toFixed(1)} dB`;

function lassoOnDiabetes() {
  const X = table('diabetes_data_raw.csv.gz');
  const y = table('diabetes_target.csv.gz').map((r) => r[0]);
  // Standardize the columns (the raw data set is in physical units).
  const p = X[0].length;
  for (let j = 0; j < p; j++) {
    const m = X.reduce((s, r) => s + r[j], 0) / X.length;
    const sd = Math.sqrt(X.reduce((s, r) => s + (r[j] - m) ** 2, 0) / X.length);
    for (const r of X) r[j] = (r[j] - m) / sd;
  }
  const [path, t] = time(() => lassoPath(X, y, { nAlphas: 100, tol: 1e-8 }));
  const nnz = path.coefs.map((c) => c.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0));
  const enter = [];
  for (let k = 0; k < path.coefs.length; k++) {
    for (let j = 0; j < p; j++) if (path.coefs[k][j] !== 0 && !enter.includes(j)) enter.push(j);
  }
  console.log(`Lasso path on diabetes (442 x ${p}, standardized), 100 α from ${path.alphas[0].toFixed(2)} down: ${t.toFixed(0)} ms`);
  console.log(`  features enter in the order ${enter.join(', ')}; nonzeros along the path: ${nnz.filter((_, k) => k % 20 === 0 || k === 99).join(' → ')}`);
  console.log(`  every α certified: duality gap ≤ ${Math.max(...path.dualityGaps).toExponential(1)} (tol·‖y‖²/n)\n`);
}

function sparseRegressionOnAr1() {
  const prob = makeSparseRegression({ n: 150, d: 500, k: 5, design: 'ar1', rho: 0.99, noise: 0.2, seed: 2 });
  const [two, t2] = time(() => sparseRegression(prob.X, prob.y, { seed: 2 }));
  const [cv, t1] = time(() => lassoCv(prob.X, prob.y, { nAlphas: 50 }));
  const truth = Array.from(prob.support).join(', ');
  console.log(`sparse regression, 150 samples of 500 AR(1) features (ρ = 0.99), a random 5-sparse truth {${truth}}`);
  console.log(`  sparseRegression (two-phase, ${two.preconditioner}): support {${Array.from(two.support).join(', ')}} in ${t2.toFixed(0)} ms`);
  console.log(`  lassoCv: ${cv.support.length} features selected in ${t1.toFixed(0)} ms\n`);
}

function completion() {
  const data = movieLensLike({ size: 'ml-100k', rank: 10, noise: 0.8, seed: 5 });
  const [fit, t] = time(() => completeMatrix(data.ratings, 10, { biases: true, lambda: 5, validationFraction: 0.1, clip: [1, 5], seed: 1 }));
  console.log(`matrix completion, MovieLens-100K-shaped ratings (943 x 1682, 100,000 observed, true rank 10, noise σ = 0.8)`);
  console.log(`  rank 10 in ${fit.iterations} sweeps, ${t.toFixed(0)} ms: held-out RMSE ${fit.validationRmse.toFixed(3)} (the noise floor is 0.8)\n`);
}

function kroneckerSbl() {
  const rng = createRng(11);
  const factors = [8, 12, 15].map((rows) => ({ rows, cols: 15, data: rng.fillNormal(new Float64Array(rows * 15)) }));
  const parts = [0, 1, 2].map(() => {
    const v = new Float64Array(15);
    for (const j of rng.sample(15, 3)) v[j] = 1 + rng.uniform();
    return v;
  });
  const x = new Float64Array(3375);
  for (let a = 0; a < 15; a++) for (let b = 0; b < 15; b++) for (let c = 0; c < 15; c++) x[(a * 15 + b) * 15 + c] = parts[0][a] * parts[1][b] * parts[2][c];
  const clean = kronMatvec(factors, x);
  const noiseVariance = (0.01 * clean.reduce((s, v) => s + v * v, 0)) / clean.length; // 20 dB
  const y = clean.map((v) => v + Math.sqrt(noiseVariance) * rng.normal());
  const [r, t] = time(() => kroSbl(factors, y, { noiseVariance, method: 'svd' }));
  const [o, to] = time(() => kroOmp(factors, y, { sparsity: 3 }));
  console.log('Kronecker-structured recovery: y = (H₁ ⊗ H₂ ⊗ H₃)x + n, 1440 measurements, 3375 unknowns, 27 nonzeros, 20 dB');
  console.log(`  kroSbl (SVD M-step): NMSE ${db(nmse(r.x, x))}, ${r.support.length} nonzeros found, ${r.iterations} EM iterations, ${t.toFixed(0)} ms`);
  console.log(`  kroOmp:              NMSE ${db(nmse(o.x, x))}, ${to.toFixed(0)} ms`);
}

export default async function demo() {
  lassoOnDiabetes();
  sparseRegressionOnAr1();
  completion();
  kroneckerSbl();
}
