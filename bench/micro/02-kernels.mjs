// benchmark.js micro-benchmarks of the sparse kernels: SpMV (JS, WASM, 2 threads), sparse x dense,
// dense x sparse and SpGEMM (JS, WASM, hash vs dense accumulator) on a 5-point Poisson matrix.
// `npm run bench -- kernels`.
import * as sp from '../../dist/index.js';

function poisson(g) {
  const n = g * g;
  const row = [], col = [], val = [];
  for (let i = 0; i < g; i++) {
    for (let j = 0; j < g; j++) {
      const r = i * g + j;
      row.push(r); col.push(r); val.push(4);
      if (i > 0) { row.push(r); col.push(r - g); val.push(-1); }
      if (j > 0) { row.push(r); col.push(r - 1); val.push(-1); }
      if (j < g - 1) { row.push(r); col.push(r + 1); val.push(-1); }
      if (i < g - 1) { row.push(r); col.push(r + g); val.push(-1); }
    }
  }
  return sp.coo(row, col, val, [n, n]).toCSR();
}

export default function (makeSuite) {
  const A = poisson(200);
  const n = A.shape[0];
  const x = sp.createRng(1).fillUniform(new Float64Array(n), -1, 1);
  const y = new Float64Array(n);
  const B = sp.createRng(2).fillUniform(new Float64Array(n * 8), -1, 1);
  const S = poisson(100);
  const on = (backend, fn) => () => {
    sp.setBackend(backend);
    fn();
    sp.setBackend('auto');
  };
  return makeSuite()
    .add('spmv poisson 200^2 js', on('js', () => sp.spmv(A, x, { out: y, threads: 1 })))
    .add('spmv poisson 200^2 wasm', on('wasm', () => sp.spmv(A, x, { out: y, threads: 1 })))
    .add('spmv poisson 200^2 wasm 2 threads', on('wasm', () => sp.spmv(A, x, { out: y, threads: 2 })))
    .add('A·B poisson 200^2 x 8 columns js', on('js', () => sp.sparseDense(A, B, { cols: 8 })))
    .add('A·B poisson 200^2 x 8 columns wasm', on('wasm', () => sp.sparseDense(A, B, { cols: 8 })))
    .add('D·A 8 rows x poisson 200^2 js', on('js', () => sp.denseSparse(B, A)))
    .add('D·A 8 rows x poisson 200^2 wasm', on('wasm', () => sp.denseSparse(B, A)))
    .add('spgemm poisson 100^2 js dense', on('js', () => sp.spgemm(S, S, { threads: 1, sorted: false, accumulator: 'dense' })))
    .add('spgemm poisson 100^2 js hash', on('js', () => sp.spgemm(S, S, { threads: 1, sorted: false, accumulator: 'hash' })))
    .add('spgemm poisson 100^2 wasm dense', on('wasm', () => sp.spgemm(S, S, { threads: 1, sorted: false, accumulator: 'dense' })))
    .add('spgemm poisson 100^2 wasm hash', on('wasm', () => sp.spgemm(S, S, { threads: 1, sorted: false, accumulator: 'hash' })))
    .add('spgemm poisson 100^2 wasm sorted', on('wasm', () => sp.spgemm(S, S, { threads: 1 })))
    .on('complete', () => void sp.shutdown());
}
