// The published entry points are bundles (dist/bundle/, built by scripts/build-node.mjs; issue 17):
// `sparsity`, `sparsity/node` and `sparsity/webgpu` resolve there through the exports map, export
// the same names as tsc's modules, share one copy of the classes, keep the methods installed as a
// side effect, accept a caller's own ndarray (the bundle holds its own copy), start pool workers
// from the kernels' source text, and give the same bits as tsc's modules. Each side runs in a fresh process (as users do); skipped before `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/doc-examples.js';

const bundle = join(root, 'dist', 'bundle', 'index.js');

/** Runs the same calls on the entry `main` (with `node`, `webgpu` beside it) in a fresh process. */
function run(main: string, node: string, webgpu: string): Record<string, unknown> {
  const script = `
import * as sp from ${JSON.stringify(main)};
import * as N from ${JSON.stringify(node)};
import * as W from ${JSON.stringify(webgpu)};
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ndarray from 'ndarray';
const bits = (a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4)).reduce((h, u) => Math.imul(h ^ u, 16777619) >>> 0, 2166136261).toString(16);
const g = 300, r = [], c = [], v = [];
for (let i = 0; i < g * g; i++) for (const [j, w] of [[i, 4.25], [i - 1, -1], [i + 1, -1.5], [i - g, -0.75], [i + g, -1]]) if (j >= 0 && j < g * g) { r.push(i); c.push(j); v.push(w); }
const A = sp.coo(r, c, v, [g * g, g * g]).toCSR();
const x = Float64Array.from({ length: g * g }, (_, i) => Math.sin(i + 1));
const y = sp.spmv(A, x, { threads: 2 });
const C = await sp.spgemmAsync(A, A, { threads: 2 });
const k = r.findIndex((i) => i >= 400), S = sp.coo(r.slice(0, k).filter((_, t) => c[t] < 400), c.slice(0, k).filter((j) => j < 400), v.slice(0, k).filter((_, t) => c[t] < 400), [400, 400]).toCSC();
const s = sp.spsolve(S, x.subarray(0, 400));
const rng = sp.createRng(7), D = Array.from({ length: 30 }, () => Array.from({ length: 20 }, () => rng.normal()));
const Q = sp.qr(D).Q, own = sp.fromDense(ndarray(new Float64Array([1, 0, 0, 2.5]), [2, 2])).matvec([1, 1]);
const dir = mkdtempSync(join(tmpdir(), 'sparsity-bundle-'));
N.writeMatrixMarketFile(join(dir, 'a.mtx'), A);
const F = N.readMatrixMarketFile(join(dir, 'a.mtx'));
rmSync(dir, { recursive: true });
console.log(JSON.stringify({
  names: Object.keys(sp).sort().join(','), nodeNames: Object.keys(N).sort().join(','), webgpuNames: Object.keys(W).sort().join(','),
  resolved: [import.meta.resolve(${JSON.stringify(main)}), import.meta.resolve(${JSON.stringify(node)}), import.meta.resolve(${JSON.stringify(webgpu)})],
  sameClass: F instanceof sp.COOMatrix, readBack: bits(F.toCSR().matvec(x)),
  y: bits(y), Q: bits(Q.data), own: bits(own), C: bits(C.data) + '.' + C.nnz, s: bits(s), workers: sp.kernelInfo().poolWorkers,
}));
await sp.shutdown();`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split('\n').pop()!);
}

describe('the bundled entry points', () => {
  it.skipIf(!existsSync(bundle))('resolve through the exports map and match tsc\'s modules bit for bit', () => {
    const b = run('sparsity', 'sparsity/node', 'sparsity/webgpu');
    const dist = (p: string) => pathToFileURL(join(root, 'dist', p)).href;
    const m = run(dist('index.js'), dist('node.js'), dist('webgpu/index.js'));
    expect(b.resolved).toEqual([dist('bundle/index.js'), dist('bundle/node.js'), dist('bundle/webgpu.js')]);
    for (const k of ['names', 'nodeNames', 'webgpuNames', 'y', 'C', 's', 'readBack', 'Q', 'own']) expect(b[k]).toBe(m[k]);
    expect(b.sameClass).toBe(true);
    expect(b.readBack).toBe(b.y); // the matrix read back is A, and its matvec equals spmv's
    expect(b.workers).toBeGreaterThanOrEqual(1); // threads: 2 asks for one worker
  });
});
