// The `webgpu` npm package (Dawn, what Node uses) on a real GPU, through this library: run from a
// folder whose node_modules holds `webgpu` (Deno loads its Node-API addon as Node would). Checks
// SpMV and cgGpu against the CPU and times CG on 2-D Poisson, as gpu.mjs does for Deno's WebGPU.
// The package travels xz-compressed in the staged folder (stage.sh with SPARSITY_WEBGPU_PKG set); device.sh unpacks it.
//
//   deno run -A bench/webgpu/dawn.mjs --dist DIR [--webgpu PATH] [--grid K]
const args = Deno.args;
const flag = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const dist = flag('--dist', new URL('../../dist/', import.meta.url).pathname);
const k = Number(flag('--grid', '1000'));
const sp = await import(`${dist}/index.js`);
const W = await import(`${dist}/webgpu/index.js`);
// The package by path (--webgpu DIR/node_modules/webgpu/index.js), or by name where it is a dependency.
const { create, globals } = await import(flag('--webgpu', 'webgpu'));
for (const [key, v] of Object.entries(globals)) if (!(key in globalThis)) globalThis[key] = v;
const out = (o) => console.log(JSON.stringify(o));
const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) { out({ part: 'dawn', error: 'no adapter' }); Deno.exit(1); }
const gpu = await W.createGpu({ adapter });
out({ part: 'dawn-info', ...gpu.info, adapterInfo: adapter.info?.description ?? adapter.info?.device });
// Steps of growing use of the device, each announced before it starts, so that a crash of the
// process shows which one it was: one product, two reads in flight at once, a reduction, then
// cgGpu (batches submitted while the previous batch's history is being mapped) small and large.
const step = (name) => out({ part: 'dawn-step', start: name });
step('spmv');
const A0 = sp.csr([[4, -1, 0], [-1, 4, -1], [0, -1, 4]]);
const G0 = gpu.upload(A0, { dtype: 'float32' });
const ones = gpu.vector([1, 1, 1], { dtype: 'float32' });
const y = await W.gpuSpmv(G0, ones).read();
out({ part: 'dawn-spmv', y: Array.from(y), expected: [3, 2, 3] });
step('two reads in flight');
const both = await Promise.all([W.gpuSpmv(G0, ones).read(), ones.read()]);
out({ part: 'dawn-two-reads', y: Array.from(both[0]), x: Array.from(both[1]) });
step('dot');
out({ part: 'dawn-dot', dot: await W.gpuDot(ones, ones), expected: 3 });
step('timestamps');
out({ part: 'dawn-gputime', ms: await gpu.gpuTime() });
// Plain WebGPU, none of this library's code: `inFlight` submissions, each copying a buffer into its
// own mappable buffer, with all their mapAsync calls pending at once (cgGpu keeps two batches and
// their timestamp read-backs in flight).
async function rawReads(inFlight) {
  const d = gpu.device;
  const src = d.createBuffer({ size: 256, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  d.queue.writeBuffer(src, 0, new Float32Array(64).fill(2));
  const maps = [];
  for (let i = 0; i < inFlight; i++) {
    const dst = d.createBuffer({ size: 256, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const enc = d.createCommandEncoder();
    enc.copyBufferToBuffer(src, 0, dst, 0, 256);
    d.queue.submit([enc.finish()]);
    maps.push(dst.mapAsync(GPUMapMode.READ).then(() => { const v = new Float32Array(dst.getMappedRange())[0]; dst.unmap(); dst.destroy(); return v; }));
  }
  const v = await Promise.all(maps);
  src.destroy();
  return v.every((x) => x === 2);
}
for (const inFlight of [2, 8, 64]) {
  step(`raw: ${inFlight} mapAsync in flight`);
  out({ part: 'dawn-raw-reads', inFlight, ok: await rawReads(inFlight) });
}
function poisson(k) {
  const rows = [], cols = [], vals = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    const p = i * k + j;
    for (const [a, b, w] of [[i, j, 4], [i - 1, j, -1], [i + 1, j, -1], [i, j - 1, -1], [i, j + 1, -1]]) if (a >= 0 && a < k && b >= 0 && b < k) { rows.push(p); cols.push(a * k + b); vals.push(w); }
  }
  return sp.coo(rows, cols, vals, [k * k, k * k]).toCSR();
}
for (const grid of [30, k]) {
  const A = poisson(grid);
  const b = sp.createRng(5).fillUniform(new Float64Array(grid * grid), -1, 1);
  for (let rep = 0; rep < 2; rep++) {
    step(`cgGpu grid ${grid}`);
    const t0 = performance.now();
    const r = await W.cgGpu(gpu, A, b, { tol: 1e-8 });
    out({ part: 'dawn-cg-gpu', grid, tol: 1e-8, wallMs: performance.now() - t0, gpuMs: r.gpuTimeMs, converged: r.converged, iterations: r.iterations, outer: r.outerIterations, residualNorm: r.residualNorm });
  }
}
step('destroy');
gpu.destroy();
Deno.exit(0);
