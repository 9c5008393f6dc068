// Records the sparse Lasso path's CD epochs (issue 12) for replay by the native C kernel
// (epoch-native.c) and the WASM kernel (replay-wasm.mjs): the bench's 20000 x 50000 CSC problem
// (10^6 nonzeros, seed 3, 50 α to α_max/100, tol 5e-7 as the bench, no intercept). Writes to the
// folder given (default /tmp/lassoceil-trace):
//   csc.bin     int32 n, p, nnz, pad; indptr (p+1 int32), indices (nnz int32), data (nnz f64), colSq (p f64)
//   states.bin  per α: w (p f64) and rs (n f64) at the α's first epoch (the replay restarts there)
//   epochs.bin  per epoch: int32 α index, int32 m, f64 l1, then the working set (m int32)
//   meta.json   counts of the real run: epochs, visits, entries gathered and scattered
// The replays run the recorded working sets and penalties from the recorded states without the
// path's Anderson trials and checks in between, so their iterates differ from the path's, while
// the work per epoch (entries gathered, share of moved columns) stays close: both are printed.
//
//   node bench/ab/native/export-trace.mjs [out dir] [dist dir, default ./dist]   (after npm run build)
import { register } from 'node:module';
import { mkdirSync, openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = resolve(process.argv[2] ?? '/tmp/lassoceil-trace');
const dist = resolve(process.argv[3] ?? 'dist');
mkdirSync(out, { recursive: true });

const hooks = `
const FILE = ${JSON.stringify(pathToFileURL(dist + '/solvers/glm/working-set.js').href)};
export async function load(url, context, next) {
  const r = await next(url, context);
  if (url !== FILE) return r;
  return { ...r, source: String(r.source) + '\\nepoch = globalThis.__trace(epoch);\\n' };
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

const epochsFd = openSync(`${out}/epochs.bin`, 'w');
const statesFd = openSync(`${out}/states.bin`, 'w');
let ip = null;
let lastL1 = NaN;
let alpha = -1;
const meta = { epochs: 0, visits: 0, gathered: 0, scattered: 0, moved: 0 };
globalThis.__trace = (f) =>
  function (t, d, s, ws) {
    if (!s.kern?.kernel || d.centred || t.l2 !== 0 || t.positive) throw new Error('trace: expects the sparse WASM kernel, Lasso, no centring');
    if (t.l1 !== lastL1) {
      lastL1 = t.l1;
      alpha++;
      writeSync(statesFd, new Uint8Array(s.w.slice().buffer));
      writeSync(statesFd, new Uint8Array(s.rs.slice().buffer));
    }
    const head = new ArrayBuffer(16);
    new Int32Array(head, 0, 2).set([alpha, ws.length]);
    new Float64Array(head, 8, 1)[0] = t.l1;
    writeSync(epochsFd, new Uint8Array(head));
    writeSync(epochsFd, new Uint8Array(ws.buffer, ws.byteOffset, ws.length * 4));
    const before = Float64Array.from(ws, (j) => s.w[j]);
    const r = f.call(this, t, d, s, ws);
    meta.epochs++;
    meta.visits += ws.length;
    for (let k = 0; k < ws.length; k++) {
      const len = ip[ws[k] + 1] - ip[ws[k]];
      meta.gathered += len;
      if (s.w[ws[k]] !== before[k]) {
        meta.scattered += len;
        meta.moved++;
      }
    }
    return r;
  };

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
// Imported after the hook: generators.mjs loads ./dist (through bench/lib/rmat.mjs).
const { A, y, n, p, alphas } = await (await import('../generators.mjs')).sparseLassoPath(sp);
ip = A.indptr;
const nnz = ip[p];
const r = sp.lassoPath(A, y, { alphas, tol: 5e-7, fitIntercept: false, maxIter: 1000000 });
closeSync(epochsFd);
closeSync(statesFd);

const colSq = new Float64Array(p);
for (let j = 0; j < p; j++) for (let k = ip[j]; k < ip[j + 1]; k++) colSq[j] += A.data[k] * A.data[k];
const cfd = openSync(`${out}/csc.bin`, 'w');
writeSync(cfd, new Uint8Array(Int32Array.from([n, p, nnz, 0]).buffer));
writeSync(cfd, new Uint8Array(Int32Array.from(ip).buffer));
writeSync(cfd, new Uint8Array(Int32Array.from(A.indices).buffer));
writeSync(cfd, new Uint8Array(Float64Array.from(A.data).buffer));
writeSync(cfd, new Uint8Array(colSq.buffer));
closeSync(cfd);
meta.alphas = alpha + 1;
meta.n = n;
meta.p = p;
meta.nnz = nnz;
meta.pathEpochs = r.iterations.reduce((a, b) => a + b, 0);
writeFileSync(`${out}/meta.json`, JSON.stringify(meta, null, 1));
console.log(JSON.stringify(meta));
