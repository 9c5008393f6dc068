// The workload of the browser test, written once and run three ways: by the page (with the
// browser bundle), by a Web Worker of the isolated page, and by the Node side of the test (with
// src/), so the numbers compared come from the same code.
//
// From a Matrix Market text: A (a symmetric pattern, given values 1 + ((i + j) mod 10) / 7), y = A·x, C = A·A, CG on the diagonally
// dominant M = diag(rowsum + 1) − A, and Sinkhorn–Newton–Sparse on a 6 x 6 grid problem.

import { testVector } from '../../../docs/site-src/playground-core.js';

export { testVector };

/**
 * Run the workload with `sp` (the sparsity namespace). `opts`: backend ('js' | 'wasm'), threads
 * (for every product), async (use spmvAsync / spgemmAsync for the products). Returns typed arrays
 * and scalars by name.
 */
export async function runScenario(sp, mtx, { backend, threads, async }) {
  sp.setBackend(backend);
  sp.setThreads(threads);
  try {
    const A = sp.mmread(mtx).toCSR();
    const n = A.shape[0];
    // Values that are not dyadic, symmetric in (i, j), so sums depend on their order.
    for (let i = 0; i < n; i++) for (let k = A.indptr[i]; k < A.indptr[i + 1]; k++) A.data[k] = 1 + ((i + A.indices[k]) % 10) / 7;
    const x = testVector(n);
    const o = { threads };
    const y = async ? await sp.spmvAsync(A, x, o) : sp.spmv(A, x, o);
    // Twice more: under 'auto' the second product runs where the matrix is resident.
    const y2 = async ? await sp.spmvAsync(A, y, o) : sp.spmv(A, y, o);
    const C = async ? await sp.spgemmAsync(A, A, o) : sp.spgemm(A, A, o);
    const stats = sp.spgemmWithStats(A, A, o).stats;
    const deg = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = A.indptr[i]; k < A.indptr[i + 1]; k++) deg[i] += Math.abs(A.data[k]);
    const D = sp.diags(Array.from(deg, (d) => d + 1), 0, [n, n]);
    const M = D.sub(A);
    const cg = sp.cg(M, x, { tol: 1e-12, maxIter: 1000 });
    const a = testVector(36);
    const b = testVector(36).reverse();
    const sa = a.reduce((s, v) => s + v, 0);
    const sb = b.reduce((s, v) => s + v, 0);
    const sns = sp.sinkhornNewtonSparse(a.map((v) => v / sa), b.map((v) => v / sb), sp.gridCost(6, 6), { eta: 200, tol: 1e-10, returnPlan: false });
    return {
      y,
      y2,
      Cindptr: C.indptr,
      Cindices: C.indices,
      Cdata: C.data,
      cgX: cg.x,
      cgHistory: Float64Array.from(cg.history),
      snsX: sns.x,
      snsY: sns.y,
      snsHistory: Float64Array.from(sns.history, (h) => h.gradNorm),
      scalars: {
        n,
        nnz: A.nnz,
        cNnz: C.nnz,
        cgIterations: cg.iterations,
        cgConverged: cg.converged,
        snsConverged: sns.converged,
        snsNewton: sns.newtonIterations,
        snsCost: sns.cost,
        spgemmThreads: stats.threads,
        spgemmBackend: stats.backend,
      },
    };
  } finally {
    sp.setBackend('auto');
    sp.setThreads('auto');
  }
}

/** Typed arrays as { type, base64 of their bytes } (exact, for comparing bit for bit), scalars as they are. */
export function encode(result) {
  const out = {};
  for (const [k, v] of Object.entries(result)) {
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out[k] = { type: v.constructor.name, length: v.length, base64: btoa(s) };
    } else {
      out[k] = v;
    }
  }
  return out;
}
