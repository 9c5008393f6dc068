// WebGPU benchmarks of sparsity/webgpu against this library's CPU path (same process), and files
// for the cuSPARSE side (cusparse.py reads them). Run with Deno (it has WebGPU built in):
//
//   deno run -A bench/webgpu/gpu.mjs [--dist DIR] [--data DIR] [--small] [--threads N] part...
//
// parts: spmv spmm spgemm rmat xtx20k xtx50k dense9k cg cgonce cgfirst sinkhorn (default: all but the
// xtx/dense9k parts, whose matrices cusparse.py generates and saves first). --small shrinks every
// size (for a software adapter such as lavapipe). One JSON line per measurement on stdout.
const args = Deno.args;
const flag = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const dist = flag('--dist', new URL('../../dist/', import.meta.url).pathname);
const data = flag('--data', '/tmp/sparsity-bench');
const small = args.includes('--small');
const threads = Number(flag('--threads', '16'));
const valued = ['--dist', '--data', '--threads'];
const parts = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && valued.includes(args[i - 1])));
const saved = ['xtx20k', 'xtx50k', 'dense9k'];
const want = (p) => (parts.length === 0 && !saved.includes(p)) || parts.includes(p);
const sp = await import(`${dist}/index.js`);
const W = await import(`${dist}/webgpu/index.js`);
Deno.mkdirSync(data, { recursive: true });

const out = (o) => console.log(JSON.stringify(o));
const tCreate = performance.now();
const gpu = await W.createGpu();
out({ part: 'info', ...gpu.info, cpus: navigator.hardwareConcurrency, threads, createGpuMs: performance.now() - tCreate });
const f32 = { dtype: 'float32' };
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };

function save(name, A) {
  Deno.writeFileSync(`${data}/${name}.ptr`, new Uint8Array(Int32Array.from(A.indptr).buffer));
  Deno.writeFileSync(`${data}/${name}.idx`, new Uint8Array(Int32Array.from(A.indices).buffer));
  Deno.writeFileSync(`${data}/${name}.val`, new Uint8Array(Float64Array.from(A.data).buffer));
  Deno.writeTextFileSync(`${data}/${name}.shape`, `${A.shape[0]} ${A.shape[1]}`);
}

function load(name) {
  const buf = (ext) => Deno.readFileSync(`${data}/${name}.${ext}`).buffer;
  const [m, n] = Deno.readTextFileSync(`${data}/${name}.shape`).trim().split(/\s+/).map(Number);
  return sp.csr({ indptr: new Int32Array(buf('ptr')), indices: new Int32Array(buf('idx')), data: new Float64Array(buf('val')), shape: [m, n] });
}

/** m×n with `per` entries per row at uniform random columns (seeded). */
function randomCsr(m, n, per, seed) {
  const rng = sp.createRng(seed);
  const indptr = new Int32Array(m + 1);
  const indices = new Int32Array(m * per);
  const vals = new Float64Array(m * per);
  for (let i = 0; i < m; i++) {
    const row = new Set();
    while (row.size < per) row.add(Math.floor(rng.random() * n));
    const cols = [...row].sort((a, b) => a - b);
    for (let t = 0; t < per; t++) { indices[i * per + t] = cols[t]; vals[i * per + t] = rng.random() * 2 - 1; }
    indptr[i + 1] = (i + 1) * per;
  }
  return sp.csr({ indptr, indices, data: vals, shape: [m, n] });
}

/** R-MAT (Graph500 parameters 0.57, 0.19, 0.19, 0.05) on `nodes` nodes, `edges` draws, seeded. */
function rmat(nodes, edges, seed) {
  const rng = sp.createRng(seed);
  let scale = 0;
  while (2 ** scale < nodes) scale++;
  const r = [], c = [];
  while (r.length < edges) {
    let i = 0, j = 0;
    for (let l = 0; l < scale; l++) {
      const u = rng.random();
      const bi = u >= 0.57 + 0.19 ? 1 : 0;
      const bj = (u >= 0.57 && u < 0.76) || u >= 0.95 ? 1 : 0;
      i = 2 * i + bi;
      j = 2 * j + bj;
    }
    if (i < nodes && j < nodes) { r.push(i); c.push(j); }
  }
  const A = sp.coo(r, c, new Float64Array(r.length).fill(1), [nodes, nodes]).toCSR();
  A.data.fill(1);
  return A;
}

function poisson(k) {
  const n = k * k;
  const indptr = new Int32Array(n + 1), indices = [], vals = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    const p = i * k + j;
    if (i > 0) { indices.push(p - k); vals.push(-1); }
    if (j > 0) { indices.push(p - 1); vals.push(-1); }
    indices.push(p); vals.push(4);
    if (j < k - 1) { indices.push(p + 1); vals.push(-1); }
    if (i < k - 1) { indices.push(p + k); vals.push(-1); }
    indptr[p + 1] = indices.length;
  }
  return sp.csr({ indptr, indices: Int32Array.from(indices), data: Float64Array.from(vals), shape: [n, n] });
}

async function timeProducts(label, reps, recordOne, extra = {}) {
  recordOne();
  await gpu.gpuTime();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) recordOne();
  const g = await gpu.gpuTime();
  const wall = performance.now() - t0;
  out({ part: label, reps, gpuMsPerOp: g === undefined ? null : g / reps, wallMsPerOp: wall / reps, ...extra });
}

if (want('spmv') || want('spmm')) {
  const n = small ? 100_000 : 1_000_000;
  const A = randomCsr(n, n, 10, 1);
  save('rand', A);
  const G = gpu.upload(A, f32);
  const xs = sp.createRng(2).fillUniform(new Float64Array(n), -1, 1);
  const x = gpu.vector(xs, f32);
  const y = gpu.vector(n, f32);
  if (want('spmv')) {
    const ref = sp.spmv(A, xs);
    for (const kernel of ['row', 'vector']) {
      W.gpuSpmv(G, x, { out: y, kernel });
      const yv = await y.read();
      let err = 0, scale = 0;
      for (let i = 0; i < n; i++) { err = Math.max(err, Math.abs(yv[i] - ref[i])); scale = Math.max(scale, Math.abs(ref[i])); }
      for (let rep = 0; rep < 3; rep++) await timeProducts(`spmv-${kernel}`, small ? 50 : 1000, () => W.gpuSpmv(G, x, { out: y, kernel }), { n, nnz: A.nnz, maxAbsErr: err, maxAbs: scale });
    }
    // One product, submitted and read back alone (latency, not throughput).
    const lat = [];
    for (let r = 0; r < 5; r++) { const t0 = performance.now(); W.gpuSpmv(G, x, { out: y }); await y.read(); lat.push(performance.now() - t0); }
    out({ part: 'spmv-single-submission', wallMs: median(lat) });
    sp.setThreads(1);
    const c1 = [];
    for (let r = 0; r < 3; r++) { const t0 = performance.now(); sp.spmv(A, xs); c1.push(performance.now() - t0); }
    sp.setThreads(threads);
    const ct = [];
    for (let r = 0; r < 5; r++) { const t0 = performance.now(); await sp.spmvAsync(A, xs); ct.push(performance.now() - t0); }
    out({ part: 'spmv-cpu', ms1thread: median(c1), msThreads: median(ct), threads });
  }
  if (want('spmm')) {
    const k = 8;
    const X = gpu.vector(sp.createRng(3).fillUniform(new Float64Array(n * k), -1, 1), f32);
    const Y = gpu.vector(n * k, f32);
    for (let rep = 0; rep < 3; rep++) await timeProducts('spmm', small ? 10 : 200, () => W.gpuSpmm(G, X, k, { out: Y }), { n, nnz: A.nnz, k });
  }
  G.destroy();
}

if (want('spgemm')) {
  const n = small ? 20_000 : 200_000;
  const A = randomCsr(n, n, 10, 4);
  save('rand2', A);
  const G = gpu.upload(A, f32);
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const r = await W.gpuSpgemm(G, G);
    const wall = performance.now() - t0;
    let check = null;
    if (rep === 0) {
      const C = sp.spgemm(A, A);
      let err = 0;
      for (let p = 0; p < C.nnz; p++) err = Math.max(err, Math.abs(C.data[p] - r.matrix.data[p]));
      check = { nnzMatch: C.nnz === r.matrix.nnz, maxAbsErr: err };
    }
    out({ part: 'spgemm-random', n, nnzA: A.nnz, nnzC: r.matrix.nnz, gpuMs: r.gpuTimeMs, wallMsWithReadback: wall, rows: r.rows, check });
  }
  G.destroy();
}

if (want('rmat')) {
  const nodes = small ? 20_000 : 325_729;
  const A = rmat(nodes, small ? 90_000 : 1_497_134, 7);
  save('rmat', A);
  const G = gpu.upload(A, f32);
  for (let rep = 0; rep < 2; rep++) {
    const t0 = performance.now();
    try {
      const r = await W.gpuSpgemm(G, G);
      out({ part: 'spgemm-rmat', nodes, nnzA: A.nnz, nnzC: r.matrix.nnz, maxRow: G.maxRowLength, gpuMs: r.gpuTimeMs, wallMsWithReadback: performance.now() - t0, rows: r.rows });
    } catch (e) {
      out({ part: 'spgemm-rmat', nodes, error: String(e).slice(0, 300) });
    }
  }
  if (small) {
    const C = sp.spgemm(A, A);
    const r = await W.gpuSpgemm(G, G);
    out({ part: 'spgemm-rmat-check', nnzMatch: C.nnz === r.matrix.nnz, equal: C.indices.every((v, i) => v === r.matrix.indices[i]) });
  }
  G.destroy();
}

// The inputs that made cuSPARSE fail in public reports (cusparse.py generates and saves them):
// XᵀX for X = cupyx.scipy.sparse.random(N, 5000, density=0.05, random_state=42) (cupy/cupy#10033)
// and A·A for 9000 nodes with 10⁷ random edges (dmlc/dgl#3444). C is dense: rows of 5000-9000.
// Checks: every row sum of C against A·(B·1) in f64 within (t + 2)·2⁻²⁴·(|A|·|B|·1) (t = longest
// row of A), and 16 sampled rows against the CPU product (pattern exactly, values per entry).
for (const name of saved) {
  if (!want(name)) continue;
  let A0;
  try { A0 = load(name); } catch (e) { out({ part: `spgemm-${name}`, error: `no saved matrix (run cusparse.py ${name} first): ${e}` }); continue; }
  const [A, B] = name === 'dense9k' ? [A0, A0] : [A0.transpose().toCSR(), A0];
  const GA = gpu.upload(A, f32), GB = A === B ? GA : gpu.upload(B, f32);
  const absM = (M) => sp.csr({ indptr: M.indptr, indices: M.indices, data: M.data.map(Math.abs), shape: M.shape });
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    let r;
    try { r = await W.gpuSpgemm(GA, GB); } catch (e) { out({ part: `spgemm-${name}`, error: String(e).slice(0, 300) }); break; }
    const wall = performance.now() - t0;
    let check = null;
    if (rep === 0) {
      const C = r.matrix;
      const ones = new Float64Array(B.shape[1]).fill(1);
      const ref = sp.spmv(A, sp.spmv(B, ones));
      const bound = sp.spmv(absM(A), sp.spmv(absM(B), ones));
      const got = sp.spmv(C, ones);
      let t = 0;
      for (let i = 0; i < A.shape[0]; i++) t = Math.max(t, A.indptr[i + 1] - A.indptr[i]);
      let rowSumErr = 0;
      for (let i = 0; i < ref.length; i++) if (bound[i] > 0) rowSumErr = Math.max(rowSumErr, Math.abs(got[i] - ref[i]) / bound[i]);
      let samplePattern = true, sampleErr = 0;
      for (let s = 0; s < 16; s++) {
        const i = Math.floor((s * A.shape[0]) / 16);
        const Ri = sp.spgemm(A.getRow(i), B), Bi = sp.spgemm(absM(A.getRow(i)), absM(B));
        const p0 = C.indptr[i];
        if (C.indptr[i + 1] - p0 !== Ri.nnz) { samplePattern = false; continue; }
        for (let q = 0; q < Ri.nnz; q++) {
          if (C.indices[p0 + q] !== Ri.indices[q]) samplePattern = false;
          sampleErr = Math.max(sampleErr, Math.abs(C.data[p0 + q] - Ri.data[q]) / Bi.data[q]);
        }
      }
      const limit = (t + 2) * 2 ** -24;
      check = { rowSumErr, samplePattern, sampleErr, limit, ok: samplePattern && rowSumErr <= limit && sampleErr <= limit && C.nnz > 0 };
    }
    out({ part: `spgemm-${name}`, shape: [A.shape[0], B.shape[1]], nnzA: A.nnz, nnzB: B.nnz, nnzC: r.matrix.nnz, gpuMs: r.gpuTimeMs, wallMsWithReadback: wall, rows: r.rows, chunks: r.chunks, check });
  }
  GA.destroy();
  if (GB !== GA) GB.destroy();
}

if (want('cg')) {
  const k = small ? 200 : 1000;
  const A = poisson(k);
  const n = k * k;
  const b = sp.createRng(5).fillUniform(new Float64Array(n), -1, 1);
  const tol = 1e-8;
  const runGpu = async (innerTol) => {
    const t0 = performance.now();
    const marks = [];
    const r = await W.cgGpu(gpu, A, b, { tol, innerTol, onIteration: (i) => { marks.push([Math.round(performance.now() - t0), i.iterations]); } });
    out({ part: 'cg-gpu', grid: k, tol, innerTol, wallMs: performance.now() - t0, gpuMs: r.gpuTimeMs, converged: r.converged, iterations: r.iterations, outer: r.outerIterations, residualNorm: r.residualNorm, history: r.history, refinementsAtMsIts: marks });
    return r;
  };
  const runCpu = () => {
    const t0 = performance.now();
    const r = sp.cg(A, b, { tol });
    out({ part: 'cg-cpu', grid: k, tol, threads, wallMs: performance.now() - t0, converged: r.converged, iterations: r.iterations, residualNorm: r.residualNorm });
  };
  // The first call with the library's default threads ('auto', no pool yet), as a user's would be.
  await runGpu();
  sp.setThreads(threads);
  runCpu();
  await runGpu();
  if (!small) runCpu();
  // Other f32 segment depths (the default is 1e-6), warm.
  for (const t of [1e-4, 1e-6]) await runGpu(t);
}

// The first cgGpu call of a process and a warm one after it, nothing else (no CPU solve): run in
// two processes, the second finds the driver's shader disk cache filled by the first.
if (want('cgonce')) {
  const k = small ? 200 : 1000;
  const A = poisson(k);
  const b = sp.createRng(5).fillUniform(new Float64Array(k * k), -1, 1);
  for (const call of ['first', 'warm']) {
    const t0 = performance.now();
    const r = await W.cgGpu(gpu, A, b, { tol: 1e-8 });
    out({ part: 'cg-gpu-once', call, grid: k, wallMs: performance.now() - t0, gpuMs: r.gpuTimeMs, converged: r.converged, iterations: r.iterations, residualNorm: r.residualNorm });
  }
}

// Where the first cgGpu call in a process spends its extra time: each phase of a first call done
// alone, in order, in a fresh process (run it before any other part): the upload, the first f64
// product on the CPU with the default threads ('auto': it starts the worker pool), compiling CG's
// two pipelines, a solve with all of that done, then warm solves.
if (want('cgfirst')) {
  const C = await import(`${dist}/webgpu/cg.js`);
  const S = await import(`${dist}/webgpu/spmv.js`);
  const k = small ? 200 : 1000;
  const A = poisson(k);
  const b = sp.createRng(5).fillUniform(new Float64Array(k * k), -1, 1);
  const ms = {};
  const phase = async (name, f) => { const t0 = performance.now(); const r = await f(); ms[name] = performance.now() - t0; return r; };
  const G = await phase('upload', async () => { const G = gpu.upload(A, f32); await gpu.read(G.dataBuf, 0, 4); return G; });
  await phase('cpuSpmvFirst', () => sp.spmv(A, b));
  const codes = C.cgKernels(S.lanesFor(G, 'auto'));
  await phase('compileDots', () => gpu.pipeline(codes[0]));
  await phase('compileUpdate', () => gpu.pipeline(codes[1]));
  const solve = async (name, M) => {
    const r = await phase(name, () => W.cgGpu(gpu, M, b, { tol: 1e-8 }));
    ms[`${name}Iterations`] = r.iterations;
    ms[`${name}GpuMs`] = r.gpuTimeMs;
  };
  await solve('solvePrepared', G);
  await solve('solveWarm', G);
  await solve('solveWarmWithUpload', A);
  out({ part: 'cg-first-phases', grid: k, ...ms });
  G.destroy();
}

if (want('sinkhorn')) {
  const n = small ? 512 : 4096;
  const rng = sp.createRng(6);
  const P = Array.from({ length: n }, () => [rng.random(), rng.random()]);
  const Q = Array.from({ length: n }, () => [rng.random(), rng.random()]);
  const Cd = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Cd[i * n + j] = (P[i][0] - Q[j][0]) ** 2 + (P[i][1] - Q[j][1]) ** 2;
  const C = { rows: n, cols: n, data: Cd };
  const a = new Float64Array(n).fill(1 / n);
  const reg = 0.01;
  const iters = 100;
  const gpuRun = async (opts) => {
    const t0 = performance.now();
    const r = await W.sinkhornGpu(gpu, a, a, C, { reg, ...opts });
    return { wallMs: performance.now() - t0, gpuMs: r.gpuTimeMs, iterations: r.iterations, err: r.marginalError, cost: r.cost, converged: r.converged };
  };
  const cpuIters = small ? 20 : 10;
  const cpuRun = () => {
    const t0 = performance.now();
    const r = sp.sinkhorn(a, a, C, { reg, tol: 0, maxIter: cpuIters, checkEvery: cpuIters, returnPlan: false });
    return { wallMs: performance.now() - t0, iterations: r.iterations, cost: r.cost };
  };
  const g1 = await gpuRun({ tol: 0, maxIter: iters, checkEvery: iters });
  const c1 = cpuRun();
  const g2 = await gpuRun({ tol: 0, maxIter: iters, checkEvery: iters });
  out({ part: 'sinkhorn-per-iteration', n, reg, gpuMsPerIter: [g1.wallMs / iters, g2.wallMs / iters], cpuMsPerIter: c1.wallMs / cpuIters, ratio: c1.wallMs / cpuIters / (Math.min(g1.wallMs, g2.wallMs) / iters) });
  const full = await gpuRun({ tol: 1e-5 });
  const ref = sp.sinkhorn(a, a, C, { reg, tol: 1e-9, maxIter: small ? 5000 : 1, returnPlan: false });
  out({ part: 'sinkhorn-gpu-solve', n, reg, ...full, cpuCostRef: small ? ref.cost : null, cpuEstimateMsSameIters: (c1.wallMs / cpuIters) * full.iterations });
}
gpu.destroy();
await sp.shutdown?.();
