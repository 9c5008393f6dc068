// Demo section: sparse products on real matrices shipped with the repository. A·A of bcspwr10
// (a power network, 5,300 buses) and of dwt_992 with the accumulator counts, the same product on
// the JS loops, the WASM SIMD kernels and two threads, an SpMV-driven power iteration, and the
// elementwise operations.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { add, createRng, kernelInfo, mmread, norm, setBackend, shutdown, spgemmWithStats, spmv, sum } from 'sparsity';

export const title = 'Sparse products: SpGEMM, SpMV, backends and threads';

const here = dirname(fileURLToPath(import.meta.url));
const load = (name) => mmread(readFileSync(join(here, '../../test/fixtures/matrices', `${name}.mtx`), 'utf8')).toCSR();

function best(fn, runs = 5) {
  let t = Infinity;
  let out;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    out = fn();
    t = Math.min(t, performance.now() - t0);
  }
  return [out, t];
}

export default async function () {
  const info = kernelInfo();
  console.log(`kernels: WASM SIMD ${info.wasm ? 'loaded' : `unavailable (${info.wasmReason})`}, worker threads ${info.threads ? 'available' : 'unavailable'}, ${info.cpus} CPUs`);

  for (const name of ['bcspwr10', 'dwt_992']) {
    const A = load(name);
    console.log(`\n${name}: ${A.shape[0]} x ${A.shape[1]}, ${A.nnz} stored entries`);
    for (const [label, backend, threads] of [['JS, 1 thread', 'js', 1], ['WASM SIMD, 1 thread', 'wasm', 1], ['WASM SIMD, 2 threads', 'wasm', 2]]) {
      setBackend(backend);
      const [{ matrix, stats }, ms] = best(() => spgemmWithStats(A, A, { threads }));
      console.log(`  A·A  ${label.padEnd(22)} ${ms.toFixed(2).padStart(7)} ms   nnz(C) = ${matrix.nnz}, flops = ${stats.flops}, rows merged: ${stats.denseRows} dense / ${stats.hashRows} hash`);
    }
    setBackend('auto');
    const { stats } = spgemmWithStats(A, A, { accumulator: 'hash' });
    console.log(`  forcing the hash accumulator: ${stats.hashRows} rows hashed, same product`);
  }

  // Power iteration for the largest eigenvalue of bcspwr10's adjacency matrix: 200 SpMVs on one
  // matrix, the case the WASM kernels keep the matrix resident for (only x and y move).
  const A = load('bcspwr10');
  let x = createRng(7).fillUniform(new Float64Array(A.shape[0]), 0, 1);
  const y = new Float64Array(A.shape[0]);
  let lambda = 0;
  const t0 = performance.now();
  for (let it = 0; it < 200; it++) {
    spmv(A, x, { out: y });
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i] * y[i];
    lambda = Math.sqrt(s);
    for (let i = 0; i < y.length; i++) x[i] = y[i] / lambda;
  }
  console.log(`\npower iteration on bcspwr10: |λ_max| ≈ ${lambda.toFixed(6)} after 200 SpMVs in ${(performance.now() - t0).toFixed(1)} ms`);

  // Elementwise operations and reductions.
  const S = add(A, A.transpose());
  console.log(`A + Aᵀ: nnz ${S.nnz}, ‖A + Aᵀ‖_F = ${norm(S).toFixed(4)} (= 2‖A‖_F = ${(2 * norm(A)).toFixed(4)} since A is symmetric), sum of entries ${sum(S)}`);
  await shutdown();
}
