// The playground's computations, without the DOM: the page runs them with the browser bundle and
// the site's browser test runs them in Node with the same library, to compare the numbers.

/** x_i = 1 + (i mod 7) / 8 (exact in binary): the right-hand side and the SpMV input. */
export function testVector(n) {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 1 + (i % 7) / 8;
  return x;
}

function l2(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Median seconds of `fn` over runs until about `budget` seconds are spent (at least 3 runs). */
export function timeIt(fn, now, budget = 0.2) {
  const times = [];
  const start = now();
  let out;
  while (times.length < 3 || (now() - start < budget * 1000 && times.length < 50)) {
    const t0 = now();
    out = fn();
    times.push((now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)], runs: times.length, out };
}

/** Read a Matrix Market text into a CSR matrix (a dense `array` file is refused: nothing sparse to show). */
export function readMatrix(sp, text) {
  const M = sp.mmread(text);
  if (!sp.isSparse(M)) throw new Error('this is a dense "array" Matrix Market file: the playground takes "coordinate" (sparse) files');
  return M.toCSR();
}

/** The spy picture of A (at most 360 pixels a side). */
export function spyPicture(sp, A, title) {
  return sp.spy(A, { title: `${title}: ${A.shape[0]} x ${A.shape[1]}, ${A.nnz} entries`, ...fit(A.shape) });
}

function fit([m, n]) {
  const s = 360 / Math.max(m, n, 1);
  return { width: Math.max(1, Math.round(Math.min(360, Math.max(n, 1) * s))), height: Math.max(1, Math.round(Math.min(360, Math.max(m, 1) * s))) };
}

/**
 * SpMV, SpGEMM, CG and eigsh on A (timed): y = A·x; C = A·A (A·Aᵀ when A is not square); CG on the
 * symmetric, diagonally dominant M = diag(rowsum|S| + 1) − S with S = (B + Bᵀ)/2, B = A (or AᵀA);
 * the 4 largest eigenvalues of S. Returns rows of { key, label, value, seconds } and CG's history.
 */
export function runSolvers(sp, A, now) {
  const [m, n] = A.shape;
  const square = m === n;
  const x = testVector(n);
  const rows = [];
  const spmv = timeIt(() => sp.spmv(A, x), now);
  rows.push({ key: 'spmv', label: '‖A·x‖₂ (SpMV)', value: l2(spmv.out), seconds: spmv.seconds });
  const At = square ? A : A.transpose().toCSR();
  const prod = timeIt(() => sp.spgemm(square ? A : A, square ? A : At), now);
  rows.push({ key: 'spgemm', label: square ? 'nnz(A·A) (SpGEMM)' : 'nnz(A·Aᵀ) (SpGEMM)', value: prod.out.nnz, seconds: prod.seconds });
  rows.push({ key: 'spgemmSum', label: square ? 'sum of A·A' : 'sum of A·Aᵀ', value: sp.sum(prod.out), seconds: null });
  const B = square ? A : sp.spgemm(At, A);
  const S = B.add(B.transpose()).scale(0.5).toCSR();
  const k = S.shape[0];
  const deg = new Float64Array(k);
  for (let i = 0; i < k; i++) for (let p = S.indptr[i]; p < S.indptr[i + 1]; p++) deg[i] += Math.abs(S.data[p]);
  const M = sp.diags(Array.from(deg, (d) => d + 1), 0, [k, k]).sub(S).toCSR();
  const b = testVector(k);
  const cg = timeIt(() => sp.cg(M, b, { tol: 1e-10, maxIter: 5000 }), now);
  rows.push({ key: 'cgIterations', label: 'CG iterations (tol 1e-10)', value: cg.out.iterations, seconds: cg.seconds });
  rows.push({ key: 'cgResidual', label: 'CG final ‖r‖₂', value: cg.out.residualNorm, seconds: null });
  let eig = null;
  if (k >= 6) {
    eig = timeIt(() => sp.eigsh(S, 4, { which: 'LA', seed: 1, tol: 1e-10 }), now, 0.1);
    rows.push({ key: 'eigsh', label: 'eigsh: 4 largest eigenvalues of S', value: Array.from(eig.out.values), seconds: eig.seconds });
  }
  return { rows, cgHistory: cg.out.history, eigHistory: eig ? eig.out.history : null };
}

function blob(r, c, cy, cx, s) {
  const v = new Float64Array(r * c);
  let t = 0;
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t += v[i * c + j] = Math.exp(-((i - cy) ** 2 + (j - cx) ** 2) / (2 * s * s)) + 1e-3;
  return v.map((p) => p / t);
}

/**
 * Optimal transport between two blobs on a 12 x 12 grid (squared Euclidean cost, η = 400):
 * log-domain Sinkhorn and Sinkhorn–Newton–Sparse, timed, with their convergence plot.
 */
export function runOT(sp, now) {
  const a = blob(12, 12, 3, 3, 1.5);
  const b = blob(12, 12, 8, 7, 2.5);
  const C = sp.gridCost(12, 12);
  const opts = { eta: 400, tol: 1e-9, returnPlan: false };
  const t0 = now();
  const sk = sp.sinkhorn(a, b, C, { ...opts, maxIter: 100000 });
  const t1 = now();
  const sns = sp.sinkhornNewtonSparse(a, b, C, opts);
  const t2 = now();
  const rows = [
    { key: 'sinkhornCost', label: `Sinkhorn cost (${sk.iterations} iterations)`, value: sk.cost, seconds: (t1 - t0) / 1000 },
    { key: 'snsCost', label: `SNS cost (${sns.sinkhornIterations} warm-up + ${sns.newtonIterations} Newton)`, value: sns.cost, seconds: (t2 - t1) / 1000 },
  ];
  const plot = sp.convergencePlot({ 'log-domain Sinkhorn': sk.history, 'Sinkhorn–Newton–Sparse': sns.history }, { title: 'Blob → blob, 12 x 12 grid, η = 400', yLabel: '‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁' });
  return { rows, plot, iterations: { sinkhorn: sk.iterations, sns: sns.iterations } };
}
