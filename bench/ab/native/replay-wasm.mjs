// The WASM epoch kernel (assembly/cd.ts enet_epoch_csc) replayed over the trace written by
// export-trace.mjs, as epoch-native.c replays it natively: same data, same working sets, same
// states; prints per rep the CPU time of the epochs, ns per gathered entry and the same hash of the
// iterates as the C program (equal hashes: bit-identical iterates). Give several dist folders to
// alternate builds rep by rep (A/B in one process each: one child process per build and rep).
//
//   node bench/ab/native/replay-wasm.mjs [trace dir] [reps] dist [dist2 ...]
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const [dir = '/tmp/lassoceil-trace', repsArg = '3', ...dists] = process.argv.slice(2);
if (process.env.REPLAY_CHILD !== '1') {
  const list = dists.length ? dists : ['dist'];
  for (let rep = 0; rep < Number(repsArg); rep++) {
    for (const d of list) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), dir, '1', d], { env: { ...process.env, REPLAY_CHILD: '1' }, encoding: 'utf8' });
      process.stdout.write(`${d} rep ${rep}: ${r.stdout.trim()}${r.stderr ? ' ' + r.stderr.trim() : ''}\n`);
    }
  }
  process.exit(0);
}

const dist = resolve(dists[0]);
const { getWasm } = await import(pathToFileURL(`${dist}/kernels/runtime/wasm/loader.js`).href);
const wasm = getWasm();
const epochFn = wasm.fn('enet_epoch_csc');

const csc = readFileSync(`${dir}/csc.bin`);
const hdr = new Int32Array(csc.buffer, csc.byteOffset, 4);
const [n, p, nnz] = hdr;
const states = readFileSync(`${dir}/states.bin`);
const ep = readFileSync(`${dir}/epochs.bin`);
const epView = new DataView(ep.buffer, ep.byteOffset, ep.byteLength);

// One WASM block per array (16-byte aligned).
const block = (bytes) => {
  const ptr = wasm.alloc(bytes);
  if (ptr < 0) throw new Error('WASM alloc failed');
  return ptr;
};
const P = {
  indptr: block(4 * (p + 1)), indices: block(4 * nnz), data: block(8 * nnz), colSq: block(8 * p), mu: block(8 * p), pf: block(8 * p),
  ws: block(4 * p), rs: block(8 * n), w: block(8 * p), st: block(16), vals: block(8 * p),
};
// Builds whose kernel writes the working set's values (16 parameters) or not (15).
const withVals = epochFn.length === 16;
const mem = () => wasm.memory.buffer;
const u8 = (ptr, len) => new Uint8Array(mem(), ptr, len);
let o = 16;
u8(P.indptr, 4 * (p + 1)).set(csc.subarray(o, o + 4 * (p + 1)));
o += 4 * (p + 1);
u8(P.indices, 4 * nnz).set(csc.subarray(o, o + 4 * nnz));
o += 4 * nnz;
u8(P.data, 8 * nnz).set(csc.subarray(o, o + 8 * nnz));
o += 8 * nnz;
u8(P.colSq, 8 * p).set(csc.subarray(o, o + 8 * p));
new Float64Array(mem(), P.mu, p).fill(0);
new Float64Array(mem(), P.pf, p).fill(1);
const indptr = new Int32Array(mem(), P.indptr, p + 1);

const fnv = (h, bytes) => {
  for (let i = 0; i < bytes.length; i++) {
    h ^= BigInt(bytes[i]);
    h = (h * 1099511628211n) & 0xffffffffffffffffn;
  }
  return h;
};
// The hash costs seconds in BigInt: only when asked (REPLAY_HASH=1).
const withHash = process.env.REPLAY_HASH === '1';
let h = 1469598103934665603n;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let t = 0;
let gathered = 0;
let worstSum = 0;
let cur = -1;
const ws = new Int32Array(mem(), P.ws, p);
const st = new Float64Array(mem(), P.st, 2);
for (let off = 0; off < ep.byteLength;) {
  const alpha = epView.getInt32(off, true);
  const m = epView.getInt32(off + 4, true);
  const l1 = epView.getFloat64(off + 8, true);
  u8(P.ws, 4 * m).set(ep.subarray(off + 16, off + 16 + 4 * m));
  off += 16 + 4 * m;
  if (alpha !== cur) {
    if (cur >= 0 && withHash) h = fnv(fnv(h, u8(P.w, 8 * p)), u8(P.rs, 8 * n));
    cur = alpha;
    const so = alpha * (p + n) * 8;
    u8(P.w, 8 * p).set(states.subarray(so, so + 8 * p));
    u8(P.rs, 8 * n).set(states.subarray(so + 8 * p, so + 8 * (p + n)));
    st[0] = 0;
    st[1] = 0;
  }
  for (let k = 0; k < m; k++) gathered += indptr[ws[k] + 1] - indptr[ws[k]];
  const t0 = cpu();
  worstSum += withVals
    ? epochFn(P.indptr, P.indices, P.data, P.colSq, P.mu, P.pf, P.ws, m, P.rs, P.w, P.vals, P.st, l1, 0, 0, n)
    : epochFn(P.indptr, P.indices, P.data, P.colSq, P.mu, P.pf, P.ws, m, P.rs, P.w, P.st, l1, 0, 0, n);
  t += cpu() - t0;
}
if (withHash) h = fnv(fnv(h, u8(P.w, 8 * p)), u8(P.rs, 8 * n));
console.log(`${t.toFixed(3)} s, ${gathered} entries gathered, ${((1e9 * t) / gathered).toFixed(3)} ns/entry, hash ${withHash ? h.toString(16).padStart(16, '0') : '-'}, sum of worst ${worstSum}`);
