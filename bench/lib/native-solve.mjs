// The native ceiling of one sparse solve x = A \ b: SuiteSparse called from C (CHOLMOD, UMFPACK,
// KLU, CSparse: native-solve.c, compiled here where `cc` and the headers are present), Octave
// (CHOLMOD / UMFPACK behind `\`, CHOLMOD behind `chol`) and SciPy (SuperLU behind `spsolve` and
// `splu`), each method in its own fresh process. A process times its first call (cold: the library
// is loaded, nothing has run yet; process start and the import are not counted) and then the median
// of many calls (warm), CPU (user + system of the process) and wall, with one BLAS thread. It writes
// its x to `x.bin` so that the caller checks every method's residual with the same code. A and b are
// read from the raw CSC files that bench/compare/06-direct.mjs writes (A.indptr, A.indices as int32,
// A.data and b.bin as float64).
//
// Native processes run with glibc's malloc keeping freed memory (mmap and trim thresholds 1 GiB), as
// a long-running process's heap does: with the defaults each call maps fresh pages for its large
// blocks and page-faults on them (jagmesh7: CHOLMOD from C 2.4 ms instead of 0.62 ms, SciPy spsolve
// 4.2-4.7 ms instead of 1.9-2.0 ms). NATIVE_MALLOC=default keeps glibc's defaults.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPython } from './harness.mjs';

/** SuiteSparse from C (native-solve.c); the Cholesky ones (and cs_cholsol) only on SPD systems. */
export const C_METHODS = {
  cholmod: 'CHOLMOD from C (default analysis)',
  cholmod_amd: 'CHOLMOD from C (AMD only)',
  cholmod_simplicial: 'CHOLMOD from C (simplicial)',
  cs_cholsol: 'CSparse cs_cholsol from C (order 1)',
  umfpack: 'UMFPACK from C (defaults)',
  klu: 'KLU from C (defaults)',
  cs_lusol: 'CSparse cs_lusol from C (order 1, tol 0.001: what math.js slu ports)',
};
const C_SPD_ONLY = ['cholmod', 'cholmod_amd', 'cholmod_simplicial', 'cs_cholsol'];

/** Octave methods: `\` (CHOLMOD if SPD, else UMFPACK); chol + two triangular solves, with CHOLMOD's ordering or with AMD. */
export const OCTAVE_METHODS = {
  backslash: 'Octave A\\b (CHOLMOD on SPD, UMFPACK otherwise)',
  chol: "Octave chol(A,'vector') + 2 triangular solves",
  amdchol: 'Octave p = amd(A), chol(A(p,p)) + 2 triangular solves',
};
/** SciPy methods: spsolve and splu(A).solve(b), SuperLU's default ordering (COLAMD) and MMD on Aᵀ+A. */
export const SCIPY_METHODS = {
  spsolve: 'SciPy spsolve (COLAMD)',
  spsolve_mmd: 'SciPy spsolve (MMD_AT_PLUS_A)',
  splu: 'SciPy splu(A).solve(b) (COLAMD)',
  splu_mmd: 'SciPy splu(A).solve(b) (MMD_AT_PLUS_A)',
};

// Octave's chol with three outputs orders by CHOLMOD's default (AMD; METIS only when AMD's fill is
// poor); with one output it keeps the given order, so 'amdchol' factors A(p,p) as permuted by amd.
const OCTAVE = `
1;
function x = solve_once(A, b, m)
  if strcmp(m, 'backslash')
    x = A \\ b;
  elseif strcmp(m, 'chol')
    [R, bad, q] = chol(A, 'vector'); if bad, error('not SPD'); end
    x = zeros(size(b)); x(q) = R \\ (R' \\ b(q));
  else
    p = amd(A); [R, bad] = chol(A(p, p)); if bad, error('not SPD'); end
    x = zeros(size(b)); x(p) = R \\ (R' \\ b(p));
  end
end
d = getenv('NATIVE_DIR'); n = str2double(getenv('NATIVE_N')); m = getenv('NATIVE_METHOD');
minCalls = str2double(getenv('NATIVE_MIN_CALLS')); minTime = str2double(getenv('NATIVE_MIN_TIME'));
f = fopen([d '/A.indptr']); ptr = fread(f, Inf, 'int32'); fclose(f);
f = fopen([d '/A.indices']); idx = fread(f, Inf, 'int32'); fclose(f);
f = fopen([d '/A.data']); val = fread(f, Inf, 'double'); fclose(f);
f = fopen([d '/b.bin']); b = fread(f, Inf, 'double'); fclose(f);
A = sparse(idx + 1, repelem((1:n)', diff(ptr)), val, n, n);
t = tic; c0 = cputime; x = solve_once(A, b, m); coldCpu = cputime - c0; coldWall = toc(t);
f = fopen([d '/x.bin'], 'w'); fwrite(f, x, 'double'); fclose(f);
tw = []; tc = []; t0 = tic;
while numel(tw) < minCalls || (toc(t0) < minTime && numel(tw) < 2000)
  t = tic; c0 = cputime; x = solve_once(A, b, m); tc(end + 1) = cputime - c0; tw(end + 1) = toc(t);
end
printf('{"cold_wall": %.6g, "cold_cpu": %.6g, "warm_wall": %.6g, "warm_cpu": %.6g, "calls": %d}\\n', coldWall, coldCpu, median(tw), median(tc), numel(tw));
`;

const SCIPY = `
import os, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
d = inp['dir']; p = os.path.join(d, 'A'); m = inp['method']
A = sp.csc_array((np.fromfile(p + '.data', dtype=np.float64), np.fromfile(p + '.indices', dtype=np.int32), np.fromfile(p + '.indptr', dtype=np.int32)), shape=tuple(inp['shape']))
b = np.fromfile(os.path.join(d, 'b.bin'), dtype=np.float64)
permc = 'MMD_AT_PLUS_A' if m.endswith('_mmd') else 'COLAMD'
solve = (lambda: sla.spsolve(A, b, permc_spec=permc)) if m.startswith('spsolve') else (lambda: sla.splu(A, permc_spec=permc).solve(b))
def once():
    w0 = time.perf_counter(); c0 = time.process_time(); x = solve()
    return x, time.process_time() - c0, time.perf_counter() - w0
x, cold_cpu, cold_wall = once()
x.astype(np.float64).tofile(os.path.join(d, 'x.bin'))
tw, tc = [], []; t0 = time.perf_counter()
while len(tw) < inp['min_calls'] or (time.perf_counter() - t0 < inp['min_time'] and len(tw) < 2000):
    _, c, w = once(); tc.append(c); tw.append(w)
print(json.dumps({'cold_wall': cold_wall, 'cold_cpu': cold_cpu, 'warm_wall': float(np.median(tw)), 'warm_cpu': float(np.median(tc)), 'calls': len(tw)}))
`;

/** Whether `octave` runs here (Octave is optional: its methods are skipped where it is absent). */
export function hasOctave() {
  const r = spawnSync('octave', ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

const oneThread = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
/** Environment of native processes that keeps freed heap memory (see the top of this file); also used by 06-direct.mjs's other Octave and SciPy runs. */
export const mallocKeeps = process.env.NATIVE_MALLOC === 'default' ? {} : { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824' };

let cDriver;
/** Path of the compiled native-solve.c, or null where `cc` or SuiteSparse's headers are absent. */
export function nativeDriver() {
  if (cDriver !== undefined) return cDriver;
  const src = fileURLToPath(new URL('./native-solve.c', import.meta.url));
  const exe = join(mkdtempSync(join(tmpdir(), 'sparsity-native-')), 'native-solve');
  const r = spawnSync('cc', ['-O2', '-I/usr/include/suitesparse', src, '-o', exe, '-lcholmod', '-lumfpack', '-lklu', '-lcxsparse', '-lm'], { encoding: 'utf8' });
  cDriver = !r.error && r.status === 0 ? exe : null;
  if (cDriver === null) console.warn('[skip C] native-solve.c did not compile (cc, SuiteSparse headers: Debian libsuitesparse-dev)');
  return cDriver;
}

/** One fresh process of `method` on the system in `dir`: {cold_wall, cold_cpu, warm_wall, warm_cpu, calls, x}. */
function nativeRun(dir, n, method, minCalls, minTime) {
  rmSync(join(dir, 'x.bin'), { force: true });
  let out;
  if (method in C_METHODS) {
    const r = spawnSync(nativeDriver(), [dir, String(n), method, String(minCalls), String(minTime)], { env: { ...process.env, ...oneThread, ...mallocKeeps }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${method} failed:\n${r.stderr}`);
    out = JSON.parse(r.stdout);
  } else if (method in OCTAVE_METHODS) {
    const env = { ...process.env, ...oneThread, ...mallocKeeps, NATIVE_DIR: dir, NATIVE_N: String(n), NATIVE_METHOD: method, NATIVE_MIN_CALLS: String(minCalls), NATIVE_MIN_TIME: String(minTime) };
    const r = spawnSync('octave', ['--no-gui', '--no-window-system', '-q', '--eval', OCTAVE], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = r.stdout?.split('\n').find((l) => l.startsWith('{'));
    if (!line) throw new Error(`octave ${method} failed:\n${r.stderr}`);
    out = JSON.parse(line);
  } else {
    out = runPython(SCIPY, { dir, shape: [n, n], method, min_calls: minCalls, min_time: minTime }, { blasThreads: 1, env: mallocKeeps });
    if (out === null) return null;
  }
  if (!existsSync(join(dir, 'x.bin'))) throw new Error(`${method} wrote no x`);
  const buf = readFileSync(join(dir, 'x.bin'));
  out.x = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  return out;
}

const med = (xs) => [...xs].sort((u, v) => u - v)[xs.length >> 1];

/**
 * Every native method that runs here (C's and Octave's only where they build or are installed;
 * Cholesky methods only when `spd`) on the system in `dir`, each in `processes` fresh processes: medians over the
 * processes of the cold call and of the warm medians, and the last run's x.
 * Returns [{ method, label, cold_wall, cold_cpu, warm_wall, warm_cpu, calls, x }].
 */
export function nativeSolves(dir, n, { spd, processes = 3, minCalls = 20, minTime = 0.25, octave = hasOctave() } = {}) {
  const methods = [
    ...(nativeDriver() ? Object.keys(C_METHODS).filter((m) => spd || !C_SPD_ONLY.includes(m)) : []),
    ...(octave ? Object.keys(OCTAVE_METHODS).filter((m) => spd || m === 'backslash') : []),
    ...Object.keys(SCIPY_METHODS),
  ];
  const out = [];
  for (const method of methods) {
    const runs = [];
    for (let r = 0; r < processes; r++) {
      const run = nativeRun(dir, n, method, minCalls, minTime);
      if (run === null) break;
      runs.push(run);
    }
    if (runs.length === 0) continue;
    const pick = (k) => med(runs.map((run) => run[k]));
    out.push({
      method, label: C_METHODS[method] ?? OCTAVE_METHODS[method] ?? SCIPY_METHODS[method],
      cold_wall: pick('cold_wall'), cold_cpu: pick('cold_cpu'), warm_wall: pick('warm_wall'), warm_cpu: pick('warm_cpu'),
      calls: runs.reduce((s, run) => s + run.calls, 0), x: runs[runs.length - 1].x,
    });
  }
  return out;
}
