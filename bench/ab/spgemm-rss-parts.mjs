// What makes up the peak RSS of bench/compare cold-loop's SpGEMM loops (issue 17), on one or more
// builds: each workload runs in a fresh child that builds the operands (as the cold-loop child
// does), resets its high-water mark (/proc/self/clear_refs 5), then runs 10 products, each result
// dropped (RSS_MODE=drop, default), dropped with a forced GC after each (gc) or disposed (dispose).
// It reports, in MiB:
// - base: RSS with the operands built (runtime, the triplets, A, Aᵀ), the level every product starts from;
// - p1: the high-water mark of the first product above base, split into WASM memory (its size
//   after the product: operand copies, staging, scratch; WASM memory never shrinks) and the rest
//   (the JS result and temporaries);
// - loop: the high-water mark of all 10 products above base, and the WASM memory size after them;
// - cpu ms, faults/call: median CPU time and mean minor page faults of products 2-10;
// - C: the bytes of one result (indptr + indices + data), A/B: the operands' bytes.
// Builds alternate per workload (order swapped every round). Not part of the tests.
//
//   node bench/ab/spgemm-rss-parts.mjs <dist dir> [<dist dir> ...]
//   RSS_MATCH=tall ...   only workloads whose label contains the text
//   RSS_ROUNDS=2 ...     children per build and workload (default 1)
//   RSS_MODE=gc ...      gc() after each product (shows what the dropped results add); dispose: C.dispose()
//   RSS_GCBASE=1 ...     gc() before measuring base (shows the garbage of building the operands)
//   RSS_INPUTS=/tmp/dir  reuse triplet files (written there if missing)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printTable } from '../lib/harness.mjs';
import { workloads, writeInputs } from '../compare/02-cold-loop.mjs';

const dists = process.argv.slice(2).map((d) => resolve(d));
if (dists.length === 0) dists.push(resolve('dist'));
const match = process.env.RSS_MATCH ?? '';
const ROUNDS = Number(process.env.RSS_ROUNDS ?? 1);
const MODE = process.env.RSS_MODE ?? 'drop';
if (!['drop', 'gc', 'dispose'].includes(MODE)) throw new Error(`RSS_MODE must be drop, gc or dispose, got ${MODE}`);
const GCBASE = process.env.RSS_GCBASE === '1';
const GC = MODE === 'gc' || GCBASE;

const CHILD = `
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const task = JSON.parse(process.env.TASK);
const sp = await import(task.dist + '/index.js');
const { getWasm } = await import(task.dist + '/kernels/runtime/wasm/loader.js');
const MiB = 2 ** 20;
const status = () => readFileSync('/proc/self/status', 'utf8');
const field = (s, f) => Number(new RegExp(f + ':\\\\s+(\\\\d+)').exec(s)[1]) / 1024;
const read = (f, T) => { const b = readFileSync(join(task.dir, f)); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const meta = JSON.parse(readFileSync(join(task.dir, task.input + '.json'), 'utf8'));
const T = sp.coo(read(task.input + '.row', Int32Array), read(task.input + '.col', Int32Array), read(task.input + '.data', Float64Array), meta.shape);
const A = T.toCSR();
const L = task.op === 'AtA' ? A.transpose().toCSR() : A;
const bytes = (M) => (M.indptr.byteLength + M.indices.byteLength + M.data.byteLength) / MiB;
const wasmSize = () => (getWasm()?.memory.buffer.byteLength ?? 0) / MiB;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const s0 = status();
if (task.gcBase) gc();
writeFileSync('/proc/self/clear_refs', '5');
const base = field(status(), 'VmRSS');
const wasm0 = wasmSize();
let C = sp.spgemm(L, A, { threads: 1, sorted: false });
const p1 = field(status(), 'VmHWM') - base;
const wasm1 = wasmSize();
const cBytes = bytes(C);
const cpus = [];
const f0 = process.resourceUsage().minorPageFault;
for (let r = 1; r < 10; r++) {
  if (task.mode === 'dispose') C.dispose();
  C = null;
  if (task.mode === 'gc') gc();
  const c0 = cpu();
  C = sp.spgemm(L, A, { threads: 1, sorted: false });
  cpus.push(cpu() - c0);
}
cpus.sort((a, b) => a - b);
const faults = (process.resourceUsage().minorPageFault - f0) / 9;
const s1 = status();
process.stdout.write(JSON.stringify({ base, hwmLoad: field(s0, 'VmHWM'), wasm0, p1, wasm1, loop: field(s1, 'VmHWM') - base, wasmEnd: wasmSize(), rssEnd: field(s1, 'VmRSS') - base, cBytes, aBytes: bytes(L), bBytes: bytes(A), nnz: C.nnz, cpu: cpus[cpus.length >> 1], faults }));
await sp.shutdown();
`;

function child(task, dist) {
  const env = { ...process.env, TASK: JSON.stringify({ ...task, dist: pathToFileURL(dist).href, mode: MODE, gcBase: GCBASE }) };
  const r = spawnSync(process.execPath, [...(GC ? ['--expose-gc'] : []), '--input-type=module', '-e', CHILD], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const work = workloads(true).filter((w) => (w.op === 'AA' || w.op === 'AtA') && w.label.includes(match));
const keep = process.env.RSS_INPUTS;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'sparsity-rss-'));
const f1 = (x) => +x.toFixed(1);
try {
  if (!keep || !existsSync(join(dir, 'tall.json'))) { mkdirSync(dir, { recursive: true }); writeInputs(dir, true); }
  const rows = [];
  for (const w of work) {
    for (let r = 0; r < ROUNDS; r++) {
      const order = dists.map((_, i) => i);
      if (r % 2 === 1) order.reverse();
      for (const i of order) {
        const x = child({ dir, input: w.input, op: w.op }, dists[i]);
        rows.push({
          workload: w.label, build: i, mode: MODE, base: f1(x.base), 'load hwm': f1(x.hwmLoad), 'A MiB': f1(x.aBytes), 'B MiB': f1(x.bBytes), 'C MiB': f1(x.cBytes),
          'p1 above base': f1(x.p1), 'p1 wasm': f1(x.wasm1 - x.wasm0), 'p1 rest': f1(x.p1 - (x.wasm1 - x.wasm0)),
          'loop above base': f1(x.loop), 'wasm end': f1(x.wasmEnd), 'rss end above base': f1(x.rssEnd), 'peak (base+loop)': f1(x.base + x.loop),
          'cpu ms': f1(x.cpu), 'faults/call': Math.round(x.faults), nnz: x.nnz, load: loadavg()[0].toFixed(1),
        });
        console.error(JSON.stringify(rows[rows.length - 1]));
      }
    }
  }
  printTable(`SpGEMM peak RSS parts (MiB), 10 products, ${MODE}${GCBASE ? ', gc() before base' : ''}`, rows);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
