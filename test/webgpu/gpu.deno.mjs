// WebGPU tests, run by Deno (it has WebGPU built in; CI gives it Mesa's lavapipe, a software
// Vulkan): `deno test -A test/webgpu/gpu.deno.mjs` after `npm run build`. Every GPU result is
// checked against the CPU kernels of the library within a stated f32 rounding bound, and every
// `ts webgpu` example (TSDoc of src/webgpu, docs/webgpu.md) is run with its `// =>` values checked.
import { assert, assertEquals, assertRejects, assertThrows } from './deno-assert.mjs';

const root = new URL('../../', import.meta.url);
const sp = await import(new URL('dist/index.js', root).href);
const W = await import(new URL('dist/webgpu/index.js', root).href);
const U = 2 ** -24; // f32 unit roundoff
const f32 = { dtype: 'float32' };
const gpu = await W.createGpu();
console.log(`adapter: ${gpu.info.description} (fallback: ${gpu.info.isFallbackAdapter}, timestamps: ${gpu.info.timestamps})`);

function randomCsr(m, n, per, seed, hubs = 0) {
  const rng = sp.createRng(seed);
  const r = [], c = [], v = [];
  for (let i = 0; i < m; i++) {
    const d = i < hubs ? Math.min(n, 700) : per;
    for (let t = 0; t < d; t++) { r.push(i); c.push(Math.floor(rng.random() * n)); v.push(rng.random() * 2 - 1); }
  }
  return sp.coo(r, c, v, [m, n]).toCSR();
}
const abs = (A) => sp.csr({ indptr: A.indptr, indices: A.indices, data: A.data.map(Math.abs), shape: A.shape });
function poisson(k) {
  const r = [], c = [], v = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    const p = i * k + j;
    for (const [a, b, w] of [[i, j, 4], [i - 1, j, -1], [i + 1, j, -1], [i, j - 1, -1], [i, j + 1, -1]]) if (a >= 0 && a < k && b >= 0 && b < k) { r.push(p); c.push(a * k + b); v.push(w); }
  }
  return sp.coo(r, c, v, [k * k, k * k]).toCSR();
}
const round32 = (v) => Float64Array.from(Float32Array.from(v));

Deno.test('SpMV (row and vector kernels) agrees with the CPU within (len + 4)·2⁻²³·Σ|a||x| per row', async () => {
  const A = randomCsr(3000, 2000, 9, 1, 20);
  const x = sp.createRng(2).fillUniform(new Float64Array(2000), -1, 1);
  const ref = sp.spmv(A, x);
  const bound = sp.spmv(abs(A), x.map(Math.abs));
  const G = gpu.upload(A, f32);
  const xg = gpu.vector(x, f32);
  for (const kernel of ['row', 'vector', 'auto']) {
    const y = await W.gpuSpmv(G, xg, { kernel }).read();
    for (let i = 0; i < 3000; i++) {
      const len = A.indptr[i + 1] - A.indptr[i];
      assert(Math.abs(y[i] - ref[i]) <= (len + 4) * 2 * U * bound[i] + 1e-30, `${kernel} row ${i}: ${y[i]} vs ${ref[i]}`);
    }
  }
  G.destroy();
});

Deno.test('SpMM with k right-hand sides equals k SpMVs within the same bound', async () => {
  const A = randomCsr(500, 400, 6, 3);
  const k = 5;
  const X = sp.createRng(4).fillUniform(new Float64Array(400 * k), -1, 1);
  const G = gpu.upload(A, f32);
  const Y = await W.gpuSpmm(G, gpu.vector(X, f32), k).read();
  for (let j = 0; j < k; j++) {
    const xj = Float64Array.from({ length: 400 }, (_, i) => X[i * k + j]);
    const ref = sp.spmv(A, xj);
    const bound = sp.spmv(abs(A), xj.map(Math.abs));
    for (let i = 0; i < 500; i++) assert(Math.abs(Y[i * k + j] - ref[i]) <= 16 * 2 * U * bound[i] + 1e-30);
  }
  assertThrows(() => W.gpuSpmm(G, gpu.vector(X, f32), 4), sp.ShapeError);
});

Deno.test('SpGEMM: the pattern of the CPU product exactly, values within (t + 2)·2⁻²³·Σ|a||b|', async () => {
  // Rows with short and long bounds (the hubs exceed the workgroup table: dense accumulators, in
  // global memory since 20000 columns do not fit a workgroup's storage).
  const A = randomCsr(600, 600, 5, 5, 8);
  const B = randomCsr(600, 20000, 4, 6, 3);
  const ref = sp.spgemm(A, B);
  const bound = sp.spgemm(abs(A), abs(B));
  const GA = gpu.upload(A, f32), GB = gpu.upload(B, f32);
  const r = await W.gpuSpgemm(GA, GB);
  assert(r.rows.global > 0 && r.rows.workgroup > 0 && r.rows.wide === 0, JSON.stringify(r.rows));
  assertEquals(Array.from(r.matrix.indptr), Array.from(ref.indptr));
  assertEquals(Array.from(r.matrix.indices), Array.from(ref.indices));
  for (let p = 0; p < ref.nnz; p++) assert(Math.abs(r.matrix.data[p] - ref.data[p]) <= 800 * 2 * U * bound.data[p]);
  // A small memory budget splits the long rows into several chunks: same result.
  const r2 = await W.gpuSpgemm(GA, GB, { tableBytes: 3 * 4 * (20000 + 625) });
  assertEquals(Array.from(r2.matrix.data), Array.from(r.matrix.data));
  await assertRejects(() => W.gpuSpgemm(GB, GA), sp.ShapeError);
});

Deno.test('SpGEMM with row lengths 1…60: every bin (tables of 32…1024 slots, dense rows), whole or in output chunks, gives the CPU pattern and values', async () => {
  const rng = sp.createRng(21);
  const r = [], c = [], v = [];
  for (let i = 0; i < 700; i++) {
    const len = 1 + Math.floor(rng.random() ** 3 * 60);
    for (let t = 0; t < len; t++) { r.push(i); c.push(Math.floor(rng.random() * 700)); v.push(rng.random() * 2 - 1); }
  }
  const A = sp.coo(r, c, v, [700, 700]).toCSR();
  const ref = sp.spgemm(A, A);
  const bound = sp.spgemm(abs(A), abs(A));
  const G = gpu.upload(A, f32);
  // Bounds on products per row, to check that the bins are all populated.
  const ub = Array.from({ length: 700 }, (_, i) => { let s = 0; for (let p = A.indptr[i]; p < A.indptr[i + 1]; p++) s += A.indptr[A.indices[p] + 1] - A.indptr[A.indices[p]]; return s; });
  for (const [lo, hi] of [[1, 16], [17, 32], [33, 64], [65, 128], [129, 256], [257, 512], [513, 1e9]]) assert(ub.some((u) => u >= lo && u <= hi), `no row with ${lo}..${hi} products`);
  for (const outputBytes of [undefined, 4 * 3000]) {
    const res = await W.gpuSpgemm(G, G, { outputBytes });
    assertEquals(res.rows.workgroup + res.rows.wide + res.rows.global, ub.filter((u) => u > 0).length);
    assert(outputBytes === undefined ? res.chunks === 1 : res.chunks >= ref.nnz / 3000, `${res.chunks} chunks`);
    assertEquals(Array.from(res.matrix.indptr), Array.from(ref.indptr));
    assertEquals(Array.from(res.matrix.indices), Array.from(ref.indices));
    for (let p = 0; p < ref.nnz; p++) assert(Math.abs(res.matrix.data[p] - ref.data[p]) <= 3600 * 2 * U * bound.data[p], `entry ${p}`);
  }
  G.destroy();
});

Deno.test('SpGEMM with dense output rows (XᵀX, and A·A of a dense random graph): the CPU product, whole or in row chunks', async () => {
  // X: 3000 × 400 at density 0.05, so each row of XᵀX sums ~150 rows of X (~3000 products) and is
  // dense; the graph: 400 nodes, 40000 random edges (duplicates merged), A·A dense too.
  const rng = sp.createRng(31);
  const r = [], c = [], v = [];
  for (let i = 0; i < 3000; i++) for (let j = 0; j < 400; j++) if (rng.random() < 0.05) { r.push(i); c.push(j); v.push(rng.random() * 2 - 1); }
  const X = sp.coo(r, c, v, [3000, 400]).toCSR();
  const XT = X.transpose().toCSR();
  const er = Array.from({ length: 40000 }, () => Math.floor(rng.random() * 400));
  const ec = Array.from({ length: 40000 }, () => Math.floor(rng.random() * 400));
  const G0 = sp.coo(er, ec, new Float64Array(40000).fill(1), [400, 400]).toCSR();
  const Gr = sp.csr({ indptr: G0.indptr, indices: G0.indices, data: new Float64Array(G0.nnz).fill(1), shape: [400, 400] });
  for (const [L, R] of [[XT, X], [Gr, Gr]]) {
    const ref = sp.spgemm(L, R);
    const bound = sp.spgemm(abs(L), abs(R));
    let t = 0;
    for (let i = 0; i < L.shape[0]; i++) t = Math.max(t, L.indptr[i + 1] - L.indptr[i]);
    assert(ref.nnz > 0.95 * 400 * 400, `C is not dense: ${ref.nnz}`);
    const GL = gpu.upload(L, f32), GR = L === R ? GL : gpu.upload(R, f32);
    for (const outputBytes of [undefined, 4 * 400 * 37]) {
      const res = await W.gpuSpgemm(GL, GR, { outputBytes });
      assertEquals(res.rows.wide + res.rows.global, 400, JSON.stringify(res.rows));
      // 37 dense rows fill a chunk of 4·400·37 bytes: at least ⌈400/37⌉ = 11 chunks.
      if (outputBytes === undefined) assertEquals(res.chunks, 1);
      else assert(res.chunks >= 11, `${res.chunks} chunks`);
      assertEquals(Array.from(res.matrix.indptr), Array.from(ref.indptr));
      assertEquals(Array.from(res.matrix.indices), Array.from(ref.indices));
      for (let p = 0; p < ref.nnz; p++) assert(Math.abs(res.matrix.data[p] - ref.data[p]) <= (t + 1) * U * bound.data[p], `entry ${p}: ${res.matrix.data[p]} vs ${ref.data[p]}`);
    }
    await assertRejects(() => W.gpuSpgemm(GL, GR, { outputBytes: 4 * 100 }), sp.ArgumentError, 'outputBytes');
    GL.destroy();
    if (GR !== GL) GR.destroy();
  }
});

Deno.test('dot, nrm2, sum and axpy against f64 within (n/262144 + 20)·2⁻²³·Σ|terms|', async () => {
  const n = 70001;
  const x = sp.createRng(7).fillUniform(new Float64Array(n), -1, 1);
  const y = sp.createRng(8).fillUniform(new Float64Array(n), -1, 1);
  const xr = round32(x), yr = round32(y);
  const xg = gpu.vector(x, f32), yg = gpu.vector(y, f32);
  let dot = 0, sa = 0, ss = 0, sum = 0, sabs = 0;
  for (let i = 0; i < n; i++) { dot += xr[i] * yr[i]; sa += Math.abs(xr[i] * yr[i]); ss += xr[i] * xr[i]; sum += xr[i]; sabs += Math.abs(xr[i]); }
  const c = (n / 262144 + 20) * 2 * U;
  assert(Math.abs((await W.gpuDot(xg, yg)) - dot) <= c * sa);
  assert(Math.abs((await W.gpuNrm2(xg)) ** 2 - ss) <= 2 * c * ss);
  assert(Math.abs((await W.gpuSum(xg)) - sum) <= c * sabs);
  W.gpuAxpy(-0.5, xg, yg);
  const z = await yg.read();
  for (let i = 0; i < n; i++) assert(Math.abs(z[i] - (yr[i] - 0.5 * xr[i])) <= 2 * U * (Math.abs(yr[i]) + Math.abs(xr[i])));
});

Deno.test('cgGpu reaches the f64 tolerance 1e-10 (which f32 alone cannot) and agrees with cg', async () => {
  const A = poisson(30);
  const b = sp.createRng(9).fillUniform(new Float64Array(900), -1, 1);
  const r = await W.cgGpu(gpu, A, b, { tol: 1e-10 });
  assert(r.converged, r.reason);
  assert(r.outerIterations >= 2);
  const res = sp.spmv(A, r.x).map((v, i) => b[i] - v);
  const bn = Math.hypot(...b);
  assert(Math.hypot(...res) <= 1e-10 * bn, `true residual ${Math.hypot(...res) / bn}`);
  assertEquals(r.history.length, r.outerIterations + 1);
  const c = sp.cg(A, b, { tol: 1e-12 });
  for (let i = 0; i < 900; i++) assert(Math.abs(r.x[i] - c.x[i]) <= 1e-8 * (1 + Math.abs(c.x[i])));
  // A GpuMatrix is reused as is; its source is the f64 matrix of the residuals.
  const G = gpu.upload(A, f32);
  const r2 = await W.cgGpu(gpu, G, b, { tol: 1e-10 });
  assert(r2.converged && !G.destroyed);
  G.destroy();
  await assertRejects(() => W.cgGpu(gpu, A, b, { maxiter: 5 }), sp.ArgumentError, 'maxIter');
  await assertRejects(() => W.cgGpu(gpu, randomCsr(3, 4, 1, 1), [1, 2, 3]), sp.ShapeError);
});

Deno.test('lsqrGpu reaches SciPy\'s f64 tests at 1e-10 on an inconsistent least-squares problem', async () => {
  const A = randomCsr(300, 80, 6, 10);
  const b = sp.createRng(11).fillUniform(new Float64Array(300), -1, 1);
  const r = await W.lsqrGpu(gpu, A, b, { tol: 1e-10 });
  assert(r.converged, r.reason);
  const res = sp.spmv(A, r.x).map((v, i) => b[i] - v);
  const atr = A.rmatvec(res);
  assert(Math.hypot(...atr) <= 1e-10 * r.anorm * Math.hypot(...res));
  const c = sp.lsqr(A, b, { atol: 1e-12, btol: 1e-12, conlim: 0 });
  for (let j = 0; j < 80; j++) assert(Math.abs(r.x[j] - c.x[j]) <= 1e-7 * (1 + Math.abs(c.x[j])), `x[${j}] ${r.x[j]} vs ${c.x[j]}`);
});

Deno.test('sinkhornGpu (f32, log domain) matches sinkhorn: cost to 1e-4 relative, potentials to 1e-3·reg-scale', async () => {
  const n = 120, m = 90, reg = 0.02;
  const rng = sp.createRng(12);
  const P = Array.from({ length: n }, () => rng.random()), Q = Array.from({ length: m }, () => rng.random());
  const C = P.map((p) => Q.map((q) => (p - q) ** 2));
  const a = new Float64Array(n).fill(1 / n), b = Float64Array.from({ length: m }, (_, j) => (j + 1) / ((m * (m + 1)) / 2));
  const g = await W.sinkhornGpu(gpu, a, b, C, { reg, tol: 1e-5 });
  assert(g.converged, `${g.marginalError}`);
  const c = sp.sinkhorn(a, b, C, { reg, tol: 1e-10, returnPlan: false });
  assert(Math.abs(g.cost - c.cost) <= 1e-4 * c.cost, `${g.cost} vs ${c.cost}`);
  const shift = g.x[0] - c.x[0];
  for (let i = 0; i < n; i++) assert(Math.abs(g.x[i] - shift - c.x[i]) <= 2e-3 * reg, `x[${i}]`);
  for (let j = 0; j < m; j++) assert(Math.abs(g.y[j] + shift - c.y[j]) <= 2e-3 * reg, `y[${j}]`);
  // Small reg: the stabilized sums must not overflow (a scaling Sinkhorn would at reg = 1e-3).
  const s = await W.sinkhornGpu(gpu, a, b, C, { reg: 1e-3, tol: 1e-4, maxIter: 300, checkEvery: 100 });
  assert(Number.isFinite(s.cost) && s.x.every(Number.isFinite));
  await assertRejects(() => W.sinkhornGpu(gpu, a, b, C, {}), sp.ArgumentError, 'reg');
});

Deno.test('handles: f32 opt-in required, updateValues refreshes, destroyed handles refuse', async () => {
  const A = sp.csr([[1, 2], [0, 3]]);
  assertThrows(() => gpu.upload(A), sp.ArgumentError, "'float32'");
  assertThrows(() => gpu.vector([1, 2]), sp.ArgumentError, 'dtype');
  assertThrows(() => gpu.vector([1, Infinity], f32), sp.ArgumentError);
  assertThrows(() => gpu.vector([1e39], f32), sp.ArgumentError);
  const G = gpu.upload(A, f32);
  const x = gpu.vector([1, 1], f32);
  assertEquals(Array.from(await W.gpuSpmv(G, x).read()), [3, 3]);
  A.data[0] = 10; // not seen until updateValues: the GPU copy is an explicit snapshot
  assertEquals(Array.from(await W.gpuSpmv(G, x).read()), [3, 3]);
  G.updateValues();
  assertEquals(Array.from(await W.gpuSpmv(G, x).read()), [12, 3]);
  G.updateValues([1, 1, 1]);
  assertEquals(Array.from(A.data), [1, 1, 1]);
  assertEquals(Array.from(await W.gpuSpmv(G, x).read()), [2, 1]);
  assertThrows(() => G.updateValues([1]), sp.ArgumentError);
  G.destroy();
  assertThrows(() => W.gpuSpmv(G, x), sp.ArgumentError, 'destroyed');
  assertThrows(() => W.gpuSpmv(gpu.upload(A, f32), x, { out: x }), sp.ArgumentError);
  assertThrows(() => W.gpuSpmv(gpu.upload(A, f32), x, { kernal: 'row' }), sp.ArgumentError, 'kernel');
});

Deno.test('gpuTime: timestamp queries give a positive GPU time where supported', async () => {
  const G = gpu.upload(randomCsr(2000, 2000, 8, 13), f32);
  const x = gpu.vector(2000, f32);
  for (let i = 0; i < 5; i++) W.gpuSpmv(G, x);
  const t = await gpu.gpuTime();
  if (gpu.info.timestamps) assert(t > 0); else assertEquals(t, undefined);
});

// The `ts webgpu` examples: TSDoc of src/webgpu and the guide docs/webgpu.md.
function examples() {
  const out = [];
  for (const e of Deno.readDirSync(new URL('src/webgpu/', root))) {
    if (!e.name.endsWith('.ts')) continue;
    const text = Deno.readTextFileSync(new URL(`src/webgpu/${e.name}`, root));
    for (const m of text.matchAll(/```ts webgpu\n([\s\S]*?)\n\s*\*\s*```/g)) out.push({ where: `src/webgpu/${e.name}`, code: m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n') });
  }
  const guide = Deno.readTextFileSync(new URL('docs/webgpu.md', root));
  for (const m of guide.matchAll(/^```(?:ts|js) webgpu\n([\s\S]*?)^```/gm)) out.push({ where: 'docs/webgpu.md', code: m[1] });
  return out;
}
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
Deno.test('every `ts webgpu` example runs and its // => values hold', async () => {
  const list = examples();
  assert(list.length >= 12, `only ${list.length} examples`);
  for (const ex of list) {
    const failures = [];
    const check = (actual, expected, src) => {
      const a = ArrayBuffer.isView(actual) ? Array.from(actual) : actual;
      const ok = Array.isArray(expected) ? a.length === expected.length && expected.every((v, i) => Math.abs(a[i] - v) <= 1e-6 * Math.max(1, Math.abs(v)))
        : typeof expected === 'number' ? Math.abs(a - expected) <= 1e-6 * Math.max(1, Math.abs(expected)) : Object.is(a, expected);
      if (!ok) failures.push(`${src} -> ${JSON.stringify(a)} != ${JSON.stringify(expected)}`);
    };
    const code = ex.code
      .replace(/import\s*\{([^}]*)\}\s*from\s*'sparsity\/webgpu';?/g, (_, n) => `const {${n}} = __W;`)
      .replace(/import\s*\{([^}]*)\}\s*from\s*'sparsity';?/g, (_, n) => `const {${n}} = __sp;`)
      .split('\n').map((l) => {
        const m = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(l);
        return !m || /^\s*(const|let|var|import)\b/.test(m[2]) ? l : `${m[1]}__check((${m[2]}), (${m[3]}), ${JSON.stringify(m[2])});`;
      }).join('\n');
    await new AsyncFunction('__W', '__sp', '__check', 'console', code)(W, sp, check, { log() {}, table() {} });
    assertEquals(failures, [], ex.where);
  }
});

// Last: release the shared device explicitly (tests run in file order), so the process does not
// leave it to the driver's exit-time teardown.
Deno.test('the shared context is destroyed at the end', () => {
  gpu.destroy();
  assert(gpu.destroyed);
});
