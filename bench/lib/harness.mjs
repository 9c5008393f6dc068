// Shared benchmark helpers: timing, python (NumPy/SciPy/POT) runs in the same process tree,
// peak memory, and the comparison table. Benchmarks import the built package (dist/).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** One call of `fn`: its result `r`, and the process's CPU seconds and the wall seconds it took. */
export function timed(fn) {
  const w0 = performance.now();
  const c0 = process.cpuUsage();
  const r = fn();
  const c = process.cpuUsage(c0);
  return { r, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - w0) / 1000 };
}

/**
 * Time `fn` and return the median seconds over repeated runs (at least `minRuns`, until `minTime`
 * seconds are spent), after `warmup` untimed runs.
 */
export function timeIt(fn, { minRuns = 3, minTime = 1, warmup = 1, maxRuns = 50 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < minTime * 1000 && times.length < maxRuns)) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Async variant of timeIt. */
export async function timeItAsync(fn, { minRuns = 3, minTime = 1, warmup = 1, maxRuns = 50 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < minTime * 1000 && times.length < maxRuns)) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Resident-set high-water mark of this process so far, in MiB (Node's resourceUsage). */
export function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Run a python script in a child process: it reads JSON `inp` from stdin and must print one JSON
 * object. Returns null (and prints why) when python or a module is missing.
 * `python` may be '/usr/bin/python3' for Debian's POT / scikit-learn. `blasThreads` (e.g. 1) pins
 * the BLAS / OpenMP thread pools (OPENBLAS, OMP, MKL), so that on a small shared machine the
 * reference's CPU time is not swollen by idle-spinning BLAS threads. `env` adds variables to the
 * child's environment.
 */
export function runPython(script, input = null, { python = 'python3', modules = ['numpy', 'scipy'], blasThreads, env: extra = {} } = {}) {
  const env = blasThreads === undefined ? { ...process.env, ...extra } : {
    ...process.env, ...extra, OPENBLAS_NUM_THREADS: String(blasThreads), OMP_NUM_THREADS: String(blasThreads), MKL_NUM_THREADS: String(blasThreads),
  };
  const probe = spawnSync(python, ['-c', modules.map((m) => `import ${m}`).join(';')], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) {
    console.warn(`[skip python] ${python} with ${modules.join(', ')} is not available`);
    return null;
  }
  const prelude = [
    'import sys, json, time, resource',
    'inp = json.loads(sys.stdin.read())',
    'def timeit(fn, min_runs=3, min_time=1.0, warmup=1, max_runs=50):',
    '    for _ in range(warmup): fn()',
    '    ts = []; t_start = time.perf_counter()',
    '    while len(ts) < min_runs or (time.perf_counter() - t_start < min_time and len(ts) < max_runs):',
    '        t0 = time.perf_counter(); fn(); ts.append(time.perf_counter() - t0)',
    '    ts.sort(); return ts[len(ts) // 2]',
    'def peak_mib(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024',
    '',
  ].join('\n');
  const r = spawnSync(python, ['-c', prelude + script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30, env });
  if (r.status !== 0) throw new Error(`python failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3)) : String(v ?? '-'));

/** Print an aligned table from an array of row objects (column order from `columns`). */
export function printTable(title, rows, columns = Object.keys(rows[0] ?? {})) {
  console.log(`\n## ${title}\n`);
  const cells = [columns, ...rows.map((r) => columns.map((c) => fmt(r[c])))];
  const widths = columns.map((_, k) => Math.max(...cells.map((r) => String(r[k]).length)));
  const line = (r) => `| ${r.map((c, k) => String(c).padEnd(widths[k])).join(' | ')} |`;
  console.log(line(cells[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

/** Geometric mean (for suite medians of ratios use `median`). */
export function geomean(xs) {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** Median of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
