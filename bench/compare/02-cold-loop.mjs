// bench:compare section "cold-loop": the large products and conversions measured the three ways a
// user meets them, each against SciPy in the same run, plus peak memory:
//
// - warm: median of repeated calls with a forced GC before each, glibc told to keep freed memory
//   (MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_, as the "kernels" section runs; Python inherits it);
// - cold: the first call in a fresh process (one child process per measurement, median over
//   COLDLOOP_REPS children, default 3), inputs already loaded;
// - loop: the median of 10 back-to-back synchronous calls in a fresh process, default environment,
//   no forced GC, each result dropped when the next arrives (the usual `for` loop);
// - peak RSS of the loop process (both include the runtime: node ~45 MiB, python+scipy ~70 MiB),
//   and minor page faults per call in the loops (independent of the machine's load);
// - CPU time (user + system) of each call beside the wall time: on a loaded machine it is the
//   steadier figure, and first-touch page faults are in it (~21 us of CPU per fresh 4 KiB page on
//   the benchmark VM, ~14 us per 4 KiB within a huge page; measured by bench/lib/first-touch.py).
//
// Ours and SciPy's children alternate (ours, scipy, ours, ...), so load on the shared machine hits
// both alike. Inputs are generated once here (seeded) and written as raw binary triplets that both
// sides read, so both multiply the very same matrices. One thread on both sides (SciPy has one);
// products unsorted on both sides (SciPy's A @ B does not sort its rows; ours with sorted: false).
//
//   node bench/compare.mjs cold-loop
//   COLDLOOP_MATCH=web ...    only workloads whose label contains the text
//   COLDLOOP_QUICK=1 ...      skip the 10^7-triplet conversions
//   COLDLOOP_REPS=5 ...       cold children per side and workload
//   COLDLOOP_BASE=/tmp/old/dist ...  also time another build (cold, loop): before/after in one run
//   COLDLOOP_SCIPY_HUGEPAGE=0 ...    SciPy with NumPy's MADV_HUGEPAGE off (numpy._core.multiarray.
//                                    _set_madvise_hugepage(False)), as V8 allocates; =both: both columns
//   COLDLOOP_OURS_THP=1 ...          also run ours (cold, loop) with GLIBC_TUNABLES=glibc.malloc.hugetlb=1:
//                                    glibc then asks for transparent huge pages on the ArrayBuffers it
//                                    maps (results, temporaries), as NumPy does for its arrays
//
// Why these: this VM has transparent huge pages in madvise mode, so only memory that asks for them
// gets them. NumPy asks on every large array; V8 and WASM memory never do. The two switches swap the
// page size on one side at a time to show how much of a gap is page faults rather than arithmetic.
//
// Ours also runs a "loop+dispose" column: the same loop written as the products guide recommends for
// repeated calls (each matrix disposed when done, SpMV into a reused out).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as sp from '../../dist/index.js';
import { median, printTable, runPython } from '../lib/harness.mjs';
import { rmatTriplets } from '../lib/rmat.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = pathToFileURL(join(root, 'dist/index.js')).href;
const match = process.env.COLDLOOP_MATCH ?? '';
// COLDLOOP_BASE=<dist dir of another build>: also measure that build (cold and loop), e.g. before a change.
const base = process.env.COLDLOOP_BASE ? pathToFileURL(join(process.env.COLDLOOP_BASE, 'index.js')).href : null;
const quick = process.env.COLDLOOP_QUICK === '1';
const reps = Number(process.env.COLDLOOP_REPS ?? 3);
const LOOP = 10;
const scipyHugepage = process.env.COLDLOOP_SCIPY_HUGEPAGE ?? '1';
if (!['0', '1', 'both'].includes(scipyHugepage)) throw new Error(`COLDLOOP_SCIPY_HUGEPAGE must be 0, 1 or both, got ${scipyHugepage}`);
const oursThp = process.env.COLDLOOP_OURS_THP === '1';
const THP_ENV = { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };
const WARM_ENV = { MALLOC_MMAP_THRESHOLD_: '4294967296', MALLOC_TRIM_THRESHOLD_: '17179869184' };

/** Write triplets (int32 row, int32 col, float64 data) and the shape for both sides to read. */
function dumpTriplets(dir, name, row, col, data, shape) {
  writeFileSync(join(dir, `${name}.row`), row);
  writeFileSync(join(dir, `${name}.col`), col);
  writeFileSync(join(dir, `${name}.data`), data);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ shape }));
  return name;
}

/** Triplets of A in column-major order (as every SuiteSparse file), duplicates summed. */
function columnMajor(A) {
  const C = A.toCSC();
  const col = new Int32Array(C.nnz);
  for (let j = 0; j < C.shape[1]; j++) col.fill(j, C.indptr[j], C.indptr[j + 1]);
  return { row: C.indices.slice(), col, data: C.data.slice(), shape: C.shape };
}

/** The same triplets in a seeded random order. */
function shuffled(t, seed) {
  const perm = sp.createRng(seed).permutation(t.data.length);
  const row = new Int32Array(perm.length), col = new Int32Array(perm.length), data = new Float64Array(perm.length);
  for (let p = 0; p < perm.length; p++) { const q = perm[p]; row[p] = t.row[q]; col[p] = t.col[q]; data[p] = t.data[q]; }
  return { row, col, data, shape: t.shape };
}

/** A tall m x n matrix with `perRow` entries per row at random columns, small integer values. */
function tallInteger(m, n, perRow, seed) {
  const rng = sp.createRng(seed);
  const row = new Int32Array(m * perRow), col = new Int32Array(m * perRow), data = new Float64Array(m * perRow);
  for (let i = 0, p = 0; i < m; i++) {
    for (let r = 0; r < perRow; r++, p++) { row[p] = i; col[p] = rng.integer(0, n); data[p] = rng.integer(1, 6); }
  }
  return columnMajor(new sp.COOMatrix({ row, col, data, shape: [m, n] }));
}

/**
 * Our child: loads the triplets, builds the operands (untimed), then times the operation in the
 * requested mode. `op` names the operation; its result's size is reported to check both sides agree.
 */
const OURS = `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const task = JSON.parse(process.env.TASK);
const sp = await import(task.dist);
const read = (f, T) => { const b = readFileSync(join(task.dir, f)); return new T(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };
const meta = JSON.parse(readFileSync(join(task.dir, task.input + '.json'), 'utf8'));
const T = sp.coo(read(task.input + '.row', Int32Array), read(task.input + '.col', Int32Array), read(task.input + '.data', Float64Array), meta.shape);
// 'dispose' mode: the loop as documented for repeated calls (dispose() each matrix, SpMV into out).
const dispose = task.mode === 'dispose';
const done = (M) => { const n = M.nnz; if (dispose) M.dispose(); return n; };
let op;
if (task.op === 'tocsr') op = () => done(T.toCSR());
else {
  const A = T.toCSR();
  if (task.op === 'AA') op = () => done(sp.spgemm(A, A, { threads: 1, sorted: false }));
  else if (task.op === 'AtA') { const At = A.transpose().toCSR(); op = () => done(sp.spgemm(At, A, { threads: 1, sorted: false })); }
  else if (task.op === 'spmv') {
    const x = sp.createRng(2).fillUniform(new Float64Array(A.shape[1]), -1, 1);
    const y = new Float64Array(A.shape[0]);
    op = dispose ? () => A.matvec(x, { threads: 1, out: y }).length : () => A.matvec(x, { threads: 1 }).length;
  }
}
const now = () => performance.now() / 1000;
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const times = [], cpus = [];
let size = 0;
const f0 = process.resourceUsage().minorPageFault;
if (task.mode === 'cold') { const c0 = cpuNow(), t0 = now(); size = op(); times.push(now() - t0); cpus.push(cpuNow() - c0); }
else if (task.mode === 'loop' || dispose) { for (let r = 0; r < ${LOOP}; r++) { const c0 = cpuNow(), t0 = now(); size = op(); times.push(now() - t0); cpus.push(cpuNow() - c0); } }
else {
  size = op();
  const start = now();
  while (times.length < 3 || (now() - start < 1 && times.length < 30)) { gc(); const c0 = cpuNow(), t0 = now(); op(); times.push(now() - t0); cpus.push(cpuNow() - c0); }
}
cpus.sort((a, b) => a - b);
const faults = (process.resourceUsage().minorPageFault - f0) / Math.max(1, times.length);
times.sort((a, b) => a - b);
// VmHWM is this process's own high-water mark; maxRSS would start at the parent's (Linux keeps it across exec).
let peak = process.resourceUsage().maxRSS / 1024;
try { peak = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024; } catch {}
process.stdout.write(JSON.stringify({ t: times[times.length >> 1], cpu: cpus[cpus.length >> 1], size, faults, peak }));
await sp.shutdown();
`;

const SCIPY = `
import numpy as np, scipy.sparse as sp, os, re
if not inp.get('hugepage', True):
    np._core.multiarray._set_madvise_hugepage(False)
d = inp['dir']; name = inp['input']
meta = json.load(open(os.path.join(d, name + '.json')))
rd = lambda ext, t: np.fromfile(os.path.join(d, name + ext), dtype=t)
T = sp.coo_array((rd('.data', np.float64), (rd('.row', np.int32), rd('.col', np.int32))), shape=tuple(meta['shape']))
o = inp['op']
if o == 'tocsr':
    op = lambda: T.tocsr().nnz
else:
    A = T.tocsr()
    if o == 'AA': op = lambda: (A @ A).nnz
    elif o == 'AtA':
        At = A.T.tocsr()
        op = lambda: (At @ A).nnz
    elif o == 'spmv':
        x = np.random.default_rng(2).uniform(-1, 1, A.shape[1])
        op = lambda: len(A @ x)
mode = inp['mode']
f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
cs = []
if mode == 'cold':
    c0 = time.process_time(); t0 = time.perf_counter(); size = op(); ts = [time.perf_counter() - t0]; cs = [time.process_time() - c0]
elif mode == 'loop':
    ts = []
    for _ in range(${LOOP}):
        c0 = time.process_time(); t0 = time.perf_counter(); size = op(); ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)
else:
    size = op()
    ts = [timeit(op, min_runs=3, min_time=1.0, warmup=0, max_runs=30)]
    cs = []
    for _ in range(3):
        c0 = time.process_time(); op(); cs.append(time.process_time() - c0)
cs.sort()
faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0) / (len(ts) if mode != 'warm' else 1)
ts.sort()
peak = peak_mib()
try:
    peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024  # not the parent's (see ours)
except Exception:
    pass
print(json.dumps({'t': ts[len(ts) // 2], 'cpu': cs[len(cs) // 2], 'size': int(size), 'faults': faults, 'peak': peak}))
`;

/** One child of ours (`task`: dir, input, op, mode), on the build at `distUrl`. */
export function runOurs(task, distUrl = dist, thp = false) {
  task = { ...task, dist: distUrl };
  const warm = task.mode === 'warm';
  const env = { ...process.env, TASK: JSON.stringify(task), ...(warm ? WARM_ENV : {}), ...(thp ? THP_ENV : {}) };
  if (!warm) for (const k of Object.keys(WARM_ENV)) delete env[k];
  const args = [...(warm ? ['--expose-gc'] : []), '--input-type=module', '-e', OURS];
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node child failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function runScipy(task) {
  const saved = {};
  for (const k of Object.keys(WARM_ENV)) { saved[k] = process.env[k]; delete process.env[k]; }
  if (task.mode === 'warm') Object.assign(process.env, WARM_ENV);
  try {
    return runPython(SCIPY, task);
  } finally {
    for (const k of Object.keys(WARM_ENV)) { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; }
  }
}

const ms = (s) => (s === null || s === undefined ? '-' : +(s * 1e3).toPrecision(3));
const ratio = (ours, ref) => (ours && ref ? +(ours / ref).toFixed(2) : '-');

/** Every workload, measured in every mode; returns the table rows and the ratios by kind. */
function measure(dir, work) {
  const rows = [];
  const spgemm = { warm: [], cold: [], loop: [], dispose: [], peak: [], peakDispose: [], baseLoop: [], baseCold: [], noHpLoop: [], noHpCold: [], thpLoop: [], thpCold: [], cpuCold: [], cpuLoop: [], cpuDispose: [] };
  const modes = ['warm', 'cold', 'loop', 'dispose'];
  for (const w of work) {
    const task = { dir, input: w.input, op: w.op };
    const res = {};
    for (const mode of modes) {
      const n = mode === 'cold' ? reps : 1;
      const o = [], s = [], b = [], sNo = [], oThp = [];
      const extra = mode === 'cold' || mode === 'loop';
      for (let r = 0; r < n; r++) {
        o.push(runOurs({ ...task, mode }));
        if (base && extra) b.push(runOurs({ ...task, mode }, base));
        if (oursThp && extra) oThp.push(runOurs({ ...task, mode }, dist, true));
        if (mode === 'dispose') continue; // SciPy frees each result at once: its loop column serves
        const py = runScipy({ ...task, mode, hugepage: scipyHugepage !== '0' });
        if (py) s.push(py);
        if (scipyHugepage === 'both' && extra) {
          const pyNo = runScipy({ ...task, mode, hugepage: false });
          if (pyNo) sNo.push(pyNo);
        }
      }
      const med = (xs, key = 't') => (xs.length ? median(xs.map((x) => x[key])) : null);
      res[mode] = {
        ours: med(o), scipy: med(s), base: med(b), scipyNoHp: med(sNo), oursThp: med(oThp),
        oursCpu: med(o, 'cpu'), scipyCpu: med(s, 'cpu'), baseCpu: med(b, 'cpu'), scipyNoHpCpu: med(sNo, 'cpu'), oursThpCpu: med(oThp, 'cpu'),
        oursPeak: Math.max(...o.map((x) => x.peak)), scipyPeak: s.length ? Math.max(...s.map((x) => x.peak)) : null, basePeak: b.length ? Math.max(...b.map((x) => x.peak)) : null,
        size: o[0].size, scipySize: s[0]?.size,
        oursFaults: o[0].faults, scipyFaults: s[0]?.faults, scipyNoHpFaults: sNo[0]?.faults, oursThpFaults: oThp[0]?.faults,
      };
    }
    res.dispose.scipy = res.loop.scipy;
    res.dispose.scipyCpu = res.loop.scipyCpu;
    if (res.loop.scipySize !== undefined && res.loop.size !== res.loop.scipySize) console.warn(`[${w.label}] result sizes differ: ours ${res.loop.size}, scipy ${res.loop.scipySize}`);
    const row = { workload: w.label, out: res.loop.size };
    for (const mode of modes) {
      const label = mode === 'dispose' ? 'loop+dispose' : mode;
      if (base && (mode === 'cold' || mode === 'loop')) row[`${label} before ms`] = ms(res[mode].base);
      row[`${label} ours ms`] = ms(res[mode].ours);
      if (mode !== 'dispose') row[`${label} scipy ms`] = ms(res[mode].scipy);
      if (base && (mode === 'cold' || mode === 'loop')) row[`${label} before/scipy`] = ratio(res[mode].base, res[mode].scipy);
      row[`${label} ours/scipy`] = ratio(res[mode].ours, res[mode].scipy);
      // CPU time of the process during the call (user + system, all threads): steadier than wall
      // time on a loaded machine, and it includes the page faults.
      row[`${label} cpu ours ms`] = ms(res[mode].oursCpu);
      if (mode !== 'dispose') row[`${label} cpu scipy ms`] = ms(res[mode].scipyCpu);
      row[`${label} cpu ours/scipy`] = ratio(res[mode].oursCpu, res[mode].scipyCpu);
      if (base && (mode === 'cold' || mode === 'loop')) row[`${label} cpu before/scipy`] = ratio(res[mode].baseCpu, res[mode].scipyCpu);
      if (scipyHugepage === 'both' && (mode === 'cold' || mode === 'loop')) {
        row[`${label} scipy no-hugepage ms`] = ms(res[mode].scipyNoHp);
        row[`${label} ours/scipy no-hugepage`] = ratio(res[mode].ours, res[mode].scipyNoHp);
        row[`${label} cpu scipy no-hugepage ms`] = ms(res[mode].scipyNoHpCpu);
        row[`${label} cpu ours/scipy no-hugepage`] = ratio(res[mode].oursCpu, res[mode].scipyNoHpCpu);
      }
      if (oursThp && (mode === 'cold' || mode === 'loop')) {
        row[`${label} ours THP ms`] = ms(res[mode].oursThp);
        row[`${label} ours THP/scipy`] = ratio(res[mode].oursThp, res[mode].scipy);
        row[`${label} cpu ours THP/scipy`] = ratio(res[mode].oursThpCpu, res[mode].scipyCpu);
      }
    }
    // Minor page faults per call in the loops: a load-independent view of the fresh-memory cost.
    row['faults/call ours'] = Math.round(res.loop.oursFaults);
    row['faults/call +dispose'] = Math.round(res.dispose.oursFaults);
    row['faults/call scipy'] = res.loop.scipyFaults === undefined ? '-' : Math.round(res.loop.scipyFaults);
    if (scipyHugepage === 'both') row['faults/call scipy no-hugepage'] = res.loop.scipyNoHpFaults === undefined ? '-' : Math.round(res.loop.scipyNoHpFaults);
    if (oursThp) row['faults/call ours THP'] = Math.round(res.loop.oursThpFaults);
    row['faults cold ours'] = Math.round(res.cold.oursFaults);
    row['faults cold scipy'] = res.cold.scipyFaults === undefined ? '-' : Math.round(res.cold.scipyFaults);
    row['peak ours MiB'] = Math.round(res.loop.oursPeak);
    row['peak +dispose MiB'] = Math.round(res.dispose.oursPeak);
    if (base) row['peak before MiB'] = Math.round(res.loop.basePeak);
    row['peak scipy MiB'] = res.loop.scipyPeak ? Math.round(res.loop.scipyPeak) : '-';
    row['peak ours/scipy'] = ratio(res.loop.oursPeak, res.loop.scipyPeak);
    row['peak +dispose/scipy'] = ratio(res.dispose.oursPeak, res.loop.scipyPeak);
    rows.push(row);
    if (w.op === 'AA' || w.op === 'AtA') {
      for (const mode of modes) if (res[mode].scipy) spgemm[mode].push(res[mode].ours / res[mode].scipy);
      if (res.loop.scipyCpu) { spgemm.cpuCold.push(res.cold.oursCpu / res.cold.scipyCpu); spgemm.cpuLoop.push(res.loop.oursCpu / res.loop.scipyCpu); spgemm.cpuDispose.push(res.dispose.oursCpu / res.loop.scipyCpu); }
      if (res.loop.scipyPeak) { spgemm.peak.push(res.loop.oursPeak / res.loop.scipyPeak); spgemm.peakDispose.push(res.dispose.oursPeak / res.loop.scipyPeak); }
      if (base && res.loop.scipy) { spgemm.baseLoop.push(res.loop.base / res.loop.scipy); spgemm.baseCold.push(res.cold.base / res.cold.scipy); }
      if (res.loop.scipyNoHp) { spgemm.noHpLoop.push(res.loop.ours / res.loop.scipyNoHp); spgemm.noHpCold.push(res.cold.ours / res.cold.scipyNoHp); }
      if (res.loop.oursThp && res.loop.scipy) { spgemm.thpLoop.push(res.loop.oursThp / res.loop.scipy); spgemm.thpCold.push(res.cold.oursThp / res.cold.scipy); }
    }
    // Progress on stderr, the row included, so a long run that is cut short still leaves its figures.
    console.error(`[cold-loop] ${JSON.stringify(row)}`);
  }
  return { rows, spgemm };
}

/** Write every workload's triplets into `dir` (without the 10^7-triplet ones when `quick`). */
export function writeInputs(dir, quick = false) {
  // A web-like graph: R-MAT, 2^19 = 524,288 nodes, 2 edges per node, a, b, c = 0.45, 0.15, 0.15;
  // A·A has ~4.4M entries (~53 MB), like the 325k-node web graphs of the SuiteSparse collection.
  const web = columnMajor(rmatTriplets(19, 2, 11, [0.45, 0.15, 0.15]));
  dumpTriplets(dir, 'web', web.row, web.col, web.data, web.shape);
  // A tall integer matrix: 500,000 x 5,000, 3 entries per row, values 1..5; AᵀA has ~4M entries.
  const tall = tallInteger(500_000, 5_000, 3, 12);
  dumpTriplets(dir, 'tall', tall.row, tall.col, tall.data, tall.shape);
  if (quick) return;
  // 10^7 distinct positions of a 10^6 x 10^6 matrix, in column-major and in random order.
  const big = columnMajor(sp.random(1e6, 1e6, 1e-5, { seed: 13 }));
  dumpTriplets(dir, 'coo7ordered', big.row, big.col, big.data, big.shape);
  const mixed = shuffled(big, 14);
  dumpTriplets(dir, 'coo7random', mixed.row, mixed.col, mixed.data, mixed.shape);
}

/** The workloads (label, input written by {@link writeInputs}, operation of the child). */
export function workloads(quick = false) {
  const work = [
    { label: 'web graph A·A', input: 'web', op: 'AA' },
    { label: 'web graph AᵀA', input: 'web', op: 'AtA' },
    { label: 'tall integer AᵀA', input: 'tall', op: 'AtA' },
    { label: 'web graph SpMV, no out', input: 'web', op: 'spmv' },
    { label: 'web graph COO->CSR, file (column-major) order', input: 'web', op: 'tocsr' },
  ];
  if (!quick) {
    work.push(
      { label: 'COO->CSR 1e7, column-major order', input: 'coo7ordered', op: 'tocsr' },
      { label: 'COO->CSR 1e7, random order', input: 'coo7random', op: 'tocsr' },
      { label: '1e6x1e6 1e7 nnz SpMV, no out', input: 'coo7ordered', op: 'spmv' },
    );
  }
  return work;
}

export default async function coldLoop() {
  console.log('\n# cold-loop: warm / first call in a fresh process / 10-call loop, ours vs SciPy (one thread; the machine is shared, treat times as indicative, read the ratios)');
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-coldloop-'));
  try {
    writeInputs(dir, quick);
    const { rows, spgemm: g } = measure(dir, workloads(quick).filter((w) => w.label.includes(match)));
    printTable('warm / cold / loop / loop+dispose (ratios = ours / SciPy: < 1 means faster than SciPy; peak RSS of the loop processes)', rows);
    const fmt = (xs) => (xs.length ? median(xs).toFixed(2) : '-');
    if (g.loop.length) {
      console.log(`\nSpGEMM median ours/SciPy: warm ${fmt(g.warm)}, cold ${fmt(g.cold)} (target <= 1.5), loop ${fmt(g.loop)}, loop+dispose ${fmt(g.dispose)} (target <= 1.0), peak RSS ${fmt(g.peak)}, with dispose ${fmt(g.peakDispose)} (target <= 1.2)`);
      console.log(`in CPU time: cold ${fmt(g.cpuCold)}, loop ${fmt(g.cpuLoop)}, loop+dispose ${fmt(g.cpuDispose)}`);
      if (base) console.log(`before (COLDLOOP_BASE): loop ${fmt(g.baseLoop)}, cold ${fmt(g.baseCold)}`);
      if (g.noHpLoop.length) console.log(`against SciPy without huge pages: loop ${fmt(g.noHpLoop)}, cold ${fmt(g.noHpCold)}`);
      if (g.thpLoop.length) console.log(`ours with glibc's huge-page tunable, against SciPy: loop ${fmt(g.thpLoop)}, cold ${fmt(g.thpCold)}`);
      if (scipyHugepage === '0') console.log('(SciPy ran with NumPy\'s huge-page madvise off: COLDLOOP_SCIPY_HUGEPAGE=0)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
