// The WASM `spmv_csr` kernel alone, two builds A/B in one process (issue 17): both modules are
// instantiated on the library's WASM memory, run on the same copy of the matrix and x, one call of
// each per round (round-robin, so load on the shared machine hits them alike), chunked as the
// library calls it; median CPU time per product, and a bit-for-bit check of the two results.
// Not part of the tests.
//
//   npm run build:wasm && npx tsc -p tsconfig.build.json
//   SPMV_KERNEL_BASE=/path/to/old/kernels.wasm node bench/ab/spmv-kernel.mjs
//   SPMV_KERNEL_MATCH=web   only workloads whose label contains the text
//   SPMV_KERNEL_BETA=0.5    y = A x + beta y instead of y = A x
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as sp from '../../dist/index.js';
import { getWasm } from '../../dist/kernels/runtime/wasm/loader.js';
import { tierUpChunks } from '../../dist/kernels/runtime/chunks.js';
import { median, printTable } from '../lib/harness.mjs';
import { poisson, rmat } from './generators.mjs';

const base = process.env.SPMV_KERNEL_BASE;
if (!base) throw new Error('set SPMV_KERNEL_BASE to the .wasm of the build to compare against');
const next = process.env.SPMV_KERNEL_NEW ?? new URL('../../build/kernels.wasm', import.meta.url);
const match = process.env.SPMV_KERNEL_MATCH ?? '';
const ROUNDS = Number(process.env.SPMV_KERNEL_ROUNDS ?? 31);
const beta = Number(process.env.SPMV_KERNEL_BETA ?? 0);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };

const workloads = [
  ['web R-MAT 2^19, 2 edges/node', () => rmat(sp, 19, 2, 11, [0.45, 0.15, 0.15])],
  ['Poisson 700²', () => poisson(sp, 700)],
  ['random 10⁶ x 10⁶, 10⁷ nnz', () => sp.random(1e6, 1e6, 1e-5, { seed: 13, format: 'csr' })],
].filter(([label]) => label.includes(match));

const k = getWasm();
if (!k) throw new Error('no WASM backend');
const imports = { env: { memory: k.memory, abort: () => { throw new Error('wasm abort'); } } };
const builds = [['base', base], ['new', next]].map(([name, file]) => [name, new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), imports).exports.spmv_csr]);

const rows = [];
for (const [label, make] of workloads) {
  const A = make();
  const m = A.shape[0];
  const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
  const y0 = sp.createRng(3).fillUniform(new Float64Array(m), -1, 1);
  const ip = k.alloc(A.indptr.byteLength), ix = k.alloc(A.indices.byteLength), dv = k.alloc(A.data.byteLength), xp = k.alloc(x.byteLength);
  const yp = builds.map(() => k.alloc(m * 8));
  k.i32(ip, m + 1).set(A.indptr); k.i32(ix, A.nnz).set(A.indices); k.f64(dv, A.nnz).set(A.data); k.f64(xp, x.length).set(x);
  const ptr = A.indptr;
  const b = tierUpChunks((r) => ptr[r] + r, 0, m);
  const ts = builds.map(() => []);
  for (let r = 0; r < ROUNDS + 3; r++) {
    builds.forEach(([, f], j) => {
      k.f64(yp[j], m).set(y0);
      const c = cpu();
      for (let c = 0; c + 1 < b.length; c++) f(ip, ix, dv, xp, yp[j], b[c], b[c + 1], 1, beta);
      if (r >= 3) ts[j].push(cpu() - c);
    });
  }
  const y = yp.map((p) => k.f64(p, m));
  const same = y[0].every((v, i) => Object.is(v, y[1][i]));
  const [tb, tn] = ts.map(median);
  rows.push({ workload: label, nnz: A.nnz, beta, 'load avg': loadavg()[0].toFixed(1), 'base ms': +tb.toPrecision(3), 'new ms': +tn.toPrecision(3), 'new / base': +(tn / tb).toFixed(3), 'same bits': same });
  [ip, ix, dv, xp, ...yp].forEach((p) => k.free(p));
}
printTable(`spmv_csr kernel, CPU ms, median of ${ROUNDS} interleaved rounds, one thread`, rows);
await sp.shutdown();
