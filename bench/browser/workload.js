// The browser benchmark's workloads, run by Node (dist/) and by Chromium (the bundle) in the
// same `npm run bench:browser` run: SpMV, SpGEMM and CG on the 2-D Poisson matrix (k x k grid),
// with the JS and the WASM kernels, one thread.
import { timeIt as timeRuns } from '../../docs/site-src/playground-core.js';

/** Median seconds of fn over runs for about 1 s (at least 3), after one warm-up run. */
function timeIt(fn, now) {
  fn();
  return timeRuns(fn, now, 1).seconds;
}

function poisson(sp, k) {
  const T = sp.diags([-1, 2, -1], [-1, 0, 1], [k, k]);
  const I = sp.identity(k);
  return sp.kron(I, T).add(sp.kron(T, I)).toCSR();
}

/** Rows { workload, backend, seconds, check } for each workload and backend. */
export function runWorkloads(sp, now) {
  const rows = [];
  const A = poisson(sp, 300); // 90 000 rows, 448 800 entries
  const B = poisson(sp, 100); // 10 000 rows, 49 600 entries
  const x = new Float64Array(A.shape[1]).map((_, i) => 1 + (i % 7) / 8);
  const b = new Float64Array(B.shape[0]).fill(1);
  for (const backend of ['js', 'wasm']) {
    sp.setBackend(backend);
    sp.setThreads(1);
    let y = null;
    rows.push({ workload: 'SpMV, Poisson 300², nnz 448 800', backend, seconds: timeIt(() => (y = sp.spmv(A, x)), now), check: y[12345] });
    let C = null;
    rows.push({ workload: 'SpGEMM A·A, Poisson 100², nnz(C) 228 416', backend, seconds: timeIt(() => (C = sp.spgemm(B, B)), now), check: C.nnz });
    let r = null;
    rows.push({ workload: 'CG to 1e-8, Poisson 100²', backend, seconds: timeIt(() => (r = sp.cg(B, b, { tol: 1e-8, maxIter: 2000 })), now), check: r.iterations });
  }
  sp.setBackend('auto');
  sp.setThreads('auto');
  return rows;
}
