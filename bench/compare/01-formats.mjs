// bench:compare section "formats": COO -> CSR, random(), and Matrix Market reading, against SciPy.
//
// Every workload runs in a fresh child process (node or python3), so each peak-memory figure
// belongs to that workload alone (it includes the runtime itself: node ~45 MiB, python with
// numpy/scipy ~70 MiB). Our side runs twice: as is, and with glibc's transparent-huge-page tunable
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1). NumPy asks the kernel for huge pages for its large
// arrays by itself (madvise); V8's typed arrays get 4 KiB pages, and on machines where first-touch
// page faults are expensive (VMs) that alone can cost ~3 ms per MB allocated. SciPy's reader
// (fast_matrix_market) parses with all cores; it is also timed with one thread for reference.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, runPython } from '../lib/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const dist = pathToFileURL(join(root, 'dist/index.js')).href;
const distNode = pathToFileURL(join(root, 'dist/node.js')).href;
const harness = pathToFileURL(join(root, 'bench/lib/harness.mjs')).href;
const matrices = join(root, 'test/fixtures/matrices');

const M = 1_000_000;
const DENSITY = 1e-5; // 10^7 entries

/** Code run by a child node process; the task arrives in the TASK environment variable. */
const child = `
import { random, coo, createRng, mmread } from ${JSON.stringify(dist)};
import { readMatrixMarketFile, writeMatrixMarketFile } from ${JSON.stringify(distNode)};
import { readFileSync } from 'node:fs';
import { timeIt } from ${JSON.stringify(harness)};
const task = JSON.parse(process.env.TASK);
const peak = () => process.resourceUsage().maxRSS / 1024;
const out = {};
if (task.kind === 'tocsr') {
  const A = random(${M}, ${M}, ${DENSITY}, { seed: 0 });
  // random() returns sorted entries; shuffle them so the conversion has real work (as SciPy's are).
  const perm = createRng(1).permutation(A.nnz);
  const row = new Int32Array(A.nnz), col = new Int32Array(A.nnz), data = new Float64Array(A.nnz);
  for (let p = 0; p < A.nnz; p++) { const q = perm[p]; row[p] = A.row[q]; col[p] = A.col[q]; data[p] = A.data[q]; }
  const C = coo(row, col, data, A.shape);
  out.nnz = C.toCSR().nnz;
  out.seconds = timeIt(() => C.toCSR(), { minRuns: 5, minTime: 2 });
} else if (task.kind === 'random') {
  out.seconds = timeIt(() => random(${M}, ${M}, ${DENSITY}, { seed: 7 }), { minRuns: 3, minTime: 2 });
} else if (task.kind === 'write') {
  writeMatrixMarketFile(task.path, random(${M}, ${M}, ${DENSITY}, { seed: 3 }));
} else if (task.kind === 'mmread') {
  out.fileSeconds = timeIt(() => readMatrixMarketFile(task.path), { minRuns: task.runs, minTime: task.minTime });
  out.peakMiB = peak();
  const bytes = readFileSync(task.path);
  out.bytesSeconds = timeIt(() => mmread(bytes), { minRuns: task.runs, minTime: task.minTime });
}
process.stdout.write(JSON.stringify(out));
`;

function runNode(task, thp) {
  const env = { ...process.env, TASK: JSON.stringify(task) };
  if (thp) env.GLIBC_TUNABLES = 'glibc.malloc.hugetlb=1';
  else delete env.GLIBC_TUNABLES;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`node child failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const SCIPY_TOCSR = `
import numpy as np, scipy.sparse as sp
A = sp.random_array((${M}, ${M}), density=${DENSITY}, rng=np.random.default_rng(0), format='coo')
print(json.dumps({'seconds': timeit(lambda: A.tocsr(), min_runs=5, min_time=2.0), 'nnz': int(A.tocsr().nnz)}))
`;
const SCIPY_RANDOM = `
import numpy as np, scipy.sparse as sp
print(json.dumps({'seconds': timeit(lambda: sp.random_array((${M}, ${M}), density=${DENSITY}, rng=np.random.default_rng(7), format='coo'), min_runs=3, min_time=2.0)}))
`;
const SCIPY_MMREAD = `
import scipy.io
if inp.get('threads'):
    import scipy.io._fast_matrix_market as fmm
    fmm.PARALLELISM = inp['threads']  # 0 (default) = all cores
p = inp['path']
t = timeit(lambda: scipy.io.mmread(p), min_runs=inp['runs'], min_time=inp['minTime'])
print(json.dumps({'seconds': t, 'peakMiB': peak_mib()}))
`;

export default async function formats() {
  const rows = [];
  const mb = (p) => statSync(p).size / 1e6;

  // 1. COO -> CSR (sum duplicates, sorted indices) of a random 10^6 x 10^6 matrix with 10^7 entries.
  const ours = runNode({ kind: 'tocsr' }, false);
  const oursThp = runNode({ kind: 'tocsr' }, true);
  const sc = runPython(SCIPY_TOCSR);
  rows.push({ workload: 'COO->CSR 1e6x1e6, nnz 1e7', ours: ours.seconds, 'ours+THP': oursThp.seconds, scipy: sc?.seconds, unit: 's', 'scipy/ours': sc ? sc.seconds / ours.seconds : null, 'scipy/ours+THP': sc ? sc.seconds / oursThp.seconds : null });

  // 2. random(): exactly 10^7 distinct positions, uniform values.
  const rnd = runNode({ kind: 'random' }, false);
  const rndThp = runNode({ kind: 'random' }, true);
  const scr = runPython(SCIPY_RANDOM);
  rows.push({ workload: 'random 1e6x1e6, nnz 1e7', ours: rnd.seconds, 'ours+THP': rndThp.seconds, scipy: scr?.seconds, unit: 's', 'scipy/ours': scr ? scr.seconds / rnd.seconds : null, 'scipy/ours+THP': scr ? scr.seconds / rndThp.seconds : null });
  printTable('formats: COO -> CSR and random() (median seconds; ratio > 1: ours faster)', rows);

  // 3. Matrix Market reading: MB/s of the file, file -> matrix (ours also: bytes already in memory -> matrix).
  const big = join(tmpdir(), `sparsity-bench-1e7-${process.pid}.mtx`);
  const readRows = [];
  try {
    runNode({ kind: 'write', path: big }, true);
    const files = [
      [join(matrices, 'Pd.mtx'), 'Pd.mtx', 20, 1],
      [join(matrices, 'bcspwr10.mtx'), 'bcspwr10.mtx', 20, 1],
      [big, 'generated 1e7 entries', 3, 1],
    ];
    for (const [path, name, runs, minTime] of files) {
      if (!existsSync(path)) continue;
      const size = mb(path);
      const o = runNode({ kind: 'mmread', path, runs, minTime }, false);
      const t = runNode({ kind: 'mmread', path, runs, minTime }, true);
      const s = runPython(SCIPY_MMREAD, { path, runs, minTime });
      const s1 = runPython(SCIPY_MMREAD, { path, runs, minTime, threads: 1 });
      readRows.push({
        file: name,
        MB: size,
        'ours MB/s': size / o.fileSeconds,
        'ours+THP MB/s': size / t.fileSeconds,
        'ours bytes MB/s': size / o.bytesSeconds,
        'scipy MB/s': s ? size / s.seconds : null,
        'scipy 1-thread MB/s': s1 ? size / s1.seconds : null,
        'ours/scipy': s ? s.seconds / o.fileSeconds : null,
        'ours+THP/scipy': s ? s.seconds / t.fileSeconds : null,
        'ours peak MiB': o.peakMiB,
        'scipy peak MiB': s?.peakMiB,
      });
    }
  } finally {
    rmSync(big, { force: true });
  }
  printTable('formats: Matrix Market read throughput (file -> matrix; ratio = our throughput / SciPy\'s, target >= 0.5)', readRows);
}
