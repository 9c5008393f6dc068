// The dense CD epoch's per-entry cost in WASM (issue 12), on the data of bench/ab/native/dense-epoch.c
// (n = 1000 rows, m columns, column-major): the shipped kernel (assembly/cd.ts enet_epoch_dense,
// through the built library's instance), the shipped dot called once per column from JS (as the
// checks' columnDots do), and two bench-only builds of the same epoch compiled here with asc
// (never shipped): the dot of assembly/blas1.ts (one f64x2 partial sum), and a dot with four
// f64x2 partial sums. Modes as in the C file: "dot" (λ₁ huge: w stays 0) and "dot+axpy" (λ₁ = 0:
// every coordinate moves). Prints CPU ns per entry (n per feature visit), best of 3. Not a test.
//
//   node bench/ab/dense-kernel.mjs [m columns, default 535] [epochs, default 200]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const m = Number(process.argv[2] ?? 535);
const epochs = Number(process.argv[3] ?? 200);
const n = 1000;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// The bench-only module: the epoch of enet_epoch_dense (l2 = 0, not positive) over columns 0..m-1,
// with blas1's dot and axpy, or with a four-partial-sum dot.
const AS = (blas1) => `
import { axpy, dot } from '${blas1}';
function dot4(x: usize, y: usize, n: i32): f64 {
  let a0 = f64x2.splat(0); let a1 = a0; let a2 = a0; let a3 = a0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const o = <usize>i << 3;
    a0 = f64x2.add(a0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(x + o, 32), v128.load(y + o, 32)));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(x + o, 48), v128.load(y + o, 48)));
  }
  const a = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  for (; i < n; i++) s += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return s;
}
@inline function epochWith(four: bool, X: usize, n: i32, colSq: usize, m: i32, r: usize, w: usize, l1: f64): f64 {
  const colBytes = <usize>n << 3;
  let worst = 0.0;
  for (let j = 0; j < m; j++) {
    const jj = <usize>j;
    const col = X + jj * colBytes;
    const cs = load<f64>(colSq + (jj << 3));
    const g = four ? dot4(col, r, n) : dot(col, r, n);
    const wj = load<f64>(w + (jj << 3));
    const z = g + cs * wj;
    const nw = Math.abs(z) > l1 ? (z > 0 ? z - l1 : z + l1) / cs : 0.0;
    const v = Math.abs(nw - wj);
    if (v > worst) worst = v;
    if (nw != wj) {
      axpy(-(nw - wj), col, r, n);
      store<f64>(w + (jj << 3), nw);
    }
  }
  return worst;
}
export function epoch1(X: usize, n: i32, colSq: usize, m: i32, r: usize, w: usize, l1: f64): f64 { return epochWith(false, X, n, colSq, m, r, w, l1); }
export function epoch4(X: usize, n: i32, colSq: usize, m: i32, r: usize, w: usize, l1: f64): f64 { return epochWith(true, X, n, colSq, m, r, w, l1); }
`;

const tmp = mkdtempSync(join(tmpdir(), 'dense-kernel-'));
let bench;
try {
  const blas1 = relative(tmp, join(root, 'assembly/blas1')).replaceAll('\\', '/');
  writeFileSync(join(tmp, 'variants.ts'), AS(blas1.startsWith('.') ? blas1 : './' + blas1));
  const pages = Math.ceil((n * m * 8 + 3 * n * 8 + 2 * m * 8 + 65536 * 2) / 65536) + 1;
  const r = spawnSync(process.execPath, [join(root, 'node_modules/assemblyscript/bin/asc.js'), join(tmp, 'variants.ts'), '--outFile', join(tmp, 'v.wasm'),
    '--enable', 'simd', '-O3', '--noAssert', '--runtime', 'stub', '--initialMemory', String(pages)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  bench = (await WebAssembly.instantiate(readFileSync(join(tmp, 'v.wasm')), { env: { abort: () => { throw new Error('abort'); } } })).instance.exports;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The data (bench/ab/native/dense-epoch.c's).
function fill(X, colSq, r0) {
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) X[j * n + i] = (((i * 7 + j * 13) % 101) - 50) / 50;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[j * n + i] * X[j * n + i];
    colSq[j] = s;
  }
  for (let i = 0; i < n; i++) r0[i] = (((i * 3) % 17) - 8) / 8;
}

// Bench-only module: its own memory, fixed offsets from 64 KiB.
const mem = bench.memory.buffer;
let off = 65536;
const take = (len) => {
  const a = new Float64Array(mem, off, len);
  off += len * 8;
  return a;
};
const bX = take(n * m);
const bColSq = take(m);
const bR0 = take(n);
const bR = take(n);
const bW = take(m);
fill(bX, bColSq, bR0);

// The shipped kernel, in the library's WASM memory.
const { getWasm } = await import(pathToFileURL(`${dist}/kernels/runtime/wasm/loader.js`).href);
const { allocF64 } = await import(pathToFileURL(`${dist}/kernels/runtime/memory.js`).href);
const wasm = getWasm();
const sX = allocF64(n * m, false, 0);
const sColSq = allocF64(m, false, 0);
const sPf = allocF64(m, false, 0).fill(1);
const sWsBlock = allocF64(Math.ceil(m / 2), false, 0);
const sWs = new Int32Array(sWsBlock.buffer, sWsBlock.byteOffset, m).map((_, k) => k);
const sR0 = allocF64(n, false, 0);
const sR = allocF64(n, false, 0);
const sW = allocF64(m, false, 0);
fill(sX, sColSq, sR0);
const shippedEpoch = wasm.fn('enet_epoch_dense');
const shippedDot = wasm.fn('dot');
// Every 4th column, shuffled (a fixed LCG).
const perm = Int32Array.from({ length: m >> 2 }, (_, k) => 4 * k);
for (let k = perm.length - 1, x = 12345; k > 0; k--) {
  x = (x * 1103515245 + 12345) >>> 0;
  const i = x % (k + 1);
  [perm[k], perm[i]] = [perm[i], perm[k]];
}

const variants = [
  ['shipped enet_epoch_dense', (l1) => shippedEpoch(sX.byteOffset, n, sColSq.byteOffset, sPf.byteOffset, sWs.byteOffset, m, sR.byteOffset, sW.byteOffset, l1, 0, 0), sR, sR0, sW],
  ['shipped dot, one JS call per column', (l1) => {
    // Only the dot (the checks' columnDots): "dot" mode only.
    let s = 0;
    for (let j = 0; j < m; j++) s += shippedDot(sX.byteOffset + j * n * 8, sR.byteOffset, n);
    return s * l1 * 0;
  }, sR, sR0, sW, true],
  ['shipped dot, one JS call per column, every 4th column shuffled', (l1) => {
    // A quarter of the columns, in a scattered order (as the checks' columns lie in X): "dot" mode only.
    let s = 0;
    for (let k = 0; k < m >> 2; k++) s += shippedDot(sX.byteOffset + perm[k] * n * 8, sR.byteOffset, n);
    return s * l1 * 0;
  }, sR, sR0, sW, true, 0.25],
  ['shipped dot, one JS call per column, every 4th column ascending', (l1) => {
    let s = 0;
    for (let k = 0; k < m >> 2; k++) s += shippedDot(sX.byteOffset + 4 * k * n * 8, sR.byteOffset, n);
    return s * l1 * 0;
  }, sR, sR0, sW, true, 0.25],
  ['bench build, 1 partial sum (blas1 dot)', (l1) => bench.epoch1(bX.byteOffset, n, bColSq.byteOffset, m, bR.byteOffset, bW.byteOffset, l1), bR, bR0, bW],
  ['bench build, 4 partial sums', (l1) => bench.epoch4(bX.byteOffset, n, bColSq.byteOffset, m, bR.byteOffset, bW.byteOffset, l1), bR, bR0, bW],
];

console.log(`n ${n}, m ${m} (${((n * m * 8) / 1e6).toFixed(1)} MB), ${epochs} epochs; ${process.version}`);
for (const mode of ['dot', 'dot+axpy']) {
  const l1 = mode === 'dot' ? 1e300 : 0;
  for (const [name, ep, r, r0, w, dotOnly, share = 1] of variants) {
    if (dotOnly && mode !== 'dot') continue;
    let best = Infinity;
    let chk = 0;
    for (let rep = 0; rep < 3; rep++) {
      r.set(r0);
      w.fill(0);
      const t0 = cpu();
      for (let e = 0; e < epochs; e++) chk += ep(l1);
      best = Math.min(best, cpu() - t0);
    }
    console.log(`${mode.padEnd(9)} ${name.padEnd(60)} ${((best * 1e9) / (epochs * share * m * n)).toFixed(3)} ns per entry (check ${chk.toPrecision(6)})`);
  }
}
console.log(`load ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')}`);
