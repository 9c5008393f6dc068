// Demo section: dense factorizations and Krylov solvers on matrices shipped with the repository
// (bcspwr10 and ash219 from the SuiteSparse Matrix Collection) and on the 2-D Poisson matrix.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cg, coo, csr, eigsh, jacobiPreconditioner, lsqr, matrixRank, mmread, qrFactor, randomizedSvd, svd, toNdarray,
} from 'sparsity';

export const title = 'Linear algebra: dense factorizations and iterative solvers';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => mmread(readFileSync(join(here, '../../test/fixtures/matrices', `${name}.mtx`), 'utf8')).toCSR();

/** A log-scale sparkline of a residual history (one character per bucket of iterations). */
function sparkline(history, width = 60) {
  const bars = '█▇▆▅▄▃▂▁ ';
  const lo = Math.log10(Math.min(...history.filter((v) => v > 0)));
  const hi = Math.log10(Math.max(...history));
  let s = '';
  for (let c = 0; c < width; c++) {
    const v = history[Math.min(history.length - 1, Math.floor((c * history.length) / width))];
    const t = hi === lo ? 0 : (hi - Math.log10(v)) / (hi - lo);
    s += bars[Math.min(bars.length - 1, Math.floor(t * (bars.length - 1)))];
  }
  return s;
}

/** 5-point Laplacian on a g x g grid with rows and columns scaled by d (badly scaled SPD). */
function scaledPoisson(g) {
  const n = g * g;
  const d = Float64Array.from({ length: n }, (_, i) => 1 + (99 * ((i * 7919) % 97)) / 96);
  const row = [];
  const col = [];
  const val = [];
  for (let i = 0; i < g; i++) {
    for (let j = 0; j < g; j++) {
      const p = i * g + j;
      const add = (q, v) => { row.push(p); col.push(q); val.push(d[p] * v * d[q]); };
      add(p, 4);
      if (i > 0) add(p - g, -1);
      if (i < g - 1) add(p + g, -1);
      if (j > 0) add(p - 1, -1);
      if (j < g - 1) add(p + 1, -1);
    }
  }
  return csr(coo(row, col, val, [n, n]));
}

export default async function () {
  // 1. Conjugate gradients with and without a Jacobi preconditioner, convergence histories.
  const A = scaledPoisson(80);
  const n = A.shape[0];
  const b = new Float64Array(n).fill(1);
  let t0 = performance.now();
  const plain = cg(A, b, { tol: 1e-8, maxIter: 20000 });
  const tPlain = performance.now() - t0;
  t0 = performance.now();
  const pre = cg(A, b, { tol: 1e-8, M: jacobiPreconditioner(A) });
  const tPre = performance.now() - t0;
  console.log(`CG on a badly scaled 2-D Poisson matrix (n = ${n}, nnz = ${A.nnz}), tol 1e-8:`);
  console.log(`  plain  ${String(plain.iterations).padStart(5)} iterations, ${tPlain.toFixed(0)} ms  ${sparkline(plain.history)}`);
  console.log(`  Jacobi ${String(pre.iterations).padStart(5)} iterations, ${tPre.toFixed(0)} ms  ${sparkline(pre.history)}`);
  console.log(`  (residual on a log scale, from ‖b‖ down to 1e-8·‖b‖)\n`);

  // 2. Extreme eigenvalues of a power-network graph by Lanczos (eigsh, as ARPACK).
  const G = fixture('bcspwr10');
  t0 = performance.now();
  const top = eigsh(G, 4, { which: 'LA', seed: 1 });
  const bottom = eigsh(G, 4, { which: 'SA', seed: 1 });
  console.log(`eigsh on bcspwr10 (${G.shape[0]} x ${G.shape[1]}, ${G.nnz} nonzeros), ${(performance.now() - t0).toFixed(0)} ms:`);
  console.log(`  largest  ${Array.from(top.values, (v) => v.toFixed(6)).join('  ')}  (${top.matvecs} products)`);
  console.log(`  smallest ${Array.from(bottom.values, (v) => v.toFixed(6)).join('  ')}  (${bottom.matvecs} products)\n`);

  // 3. Dense: the ash219 incidence matrix (219 x 85): QR, SVD, rank; least squares by LSQR.
  const S = fixture('ash219');
  const D = S.toDense();
  const { s } = svd(D, { vectors: false });
  const f = qrFactor(D);
  const R = f.R();
  let diagMin = Infinity;
  for (let i = 0; i < 85; i++) diagMin = Math.min(diagMin, Math.abs(R.get(i, i)));
  console.log(`ash219 (219 x 85): rank ${matrixRank(D)}, σ_max ${s[0].toFixed(4)}, σ_min ${s[s.length - 1].toFixed(4)}, min |R_ii| ${diagMin.toFixed(4)}`);
  const rhs = Float64Array.from({ length: 219 }, (_, i) => Math.sin(i + 1));
  const ls = lsqr(S, rhs, { atol: 1e-12, btol: 1e-12 });
  console.log(`  lsqr: ${ls.iterations} iterations, istop ${ls.istop} (${ls.reason}), ‖r‖ = ${ls.r1norm.toFixed(6)}, cond estimate ${ls.acond.toFixed(2)}`);
  const rs = randomizedSvd(S, 3, { seed: 1, powerIters: 6 });
  console.log(`  randomizedSvd k=3: ${Array.from(rs.s, (v) => v.toFixed(4)).join(', ')} (exact ${Array.from(s.slice(0, 3), (v) => v.toFixed(4)).join(', ')})`);

  // 4. A wide matrix: the minimum-norm solution through QR of Aᵀ, checked against the SVD.
  const W = toNdarray({ rows: 3, cols: 5, data: new Float64Array([1, 2, 0, 1, 0, 0, 1, 1, 0, 2, 1, 0, 0, 3, 1]) });
  const sv = svd(W).s;
  console.log(`  a 3 x 5 matrix has singular values ${Array.from(sv, (v) => v.toFixed(4)).join(', ')}`);
}
