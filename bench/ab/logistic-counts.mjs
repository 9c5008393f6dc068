// How much work the bench's sparse L1-logistic fit needs, by counts (issue 12): the 20000 x 50000
// CSC problem of bench/compare/06-glm.mjs (10^6 nonzeros, seed 4, labels from the sign of y,
// C = 1, no intercept), for three solvers:
//   ours     logisticRegression as it is: working-set rounds (one full check Xᵀg each), prox-Newton
//            steps, model epochs (gather over the swept columns, scatter of the moved ones), the
//            gradHess passes over the working set, and the O(n) loss / derivative passes;
//   oracle   the same solver on the columns of the exact final support only (from a fit at tol
//            1e-10), as one working set (WS_MIN raised to its size), plus the one full check that
//            certifies the result on the whole problem: the work an ideal working set would need;
//   liblinear  scikit-learn's newGLMNET (verbose: Newton iterations and CD cycles per iteration).
//            Its shrinking is not printed, so its entries are a lower bound: every Newton iteration
//            reads at least the support's columns once (gradient and Hessian diagonal), every CD
//            cycle at least the support's columns, and two full passes (the first iteration and the
//            final check on all features).
// Counts are deterministic; the CPU times beside them are indicative only (take timings from the
// bench under `flock /tmp/bench.lock`).
//
//   node bench/ab/logistic-counts.mjs [dist dir, default ./dist]   (after `npm run build`)
//   LC_TOL=1e-8         tolerance of ours, the oracle and liblinear (default: 1e-6 and 1e-8)
//   LC_SKLEARN=0        skip liblinear
//   LC_WS_MIN, LC_WS_GROWTH, LC_INNER_RATIO, LC_EPOCH_RATIO, LC_MAX_EPOCHS
//                       override the working-set solver's constants (to explore their counts)
import { register } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.argv[2] ?? 'dist');
const CONSTS = ['WS_MIN', 'WS_GROWTH', 'INNER_RATIO', 'EPOCH_RATIO', 'MAX_EPOCHS', 'ANDERSON_K'];
const hooks = `
const WS = ${JSON.stringify(pathToFileURL(dist + '/solvers/glm/logistic-working-set.js').href)};
const PN = ${JSON.stringify(pathToFileURL(dist + '/solvers/glm/prox-newton.js').href)};
const CONSTS = ${JSON.stringify(CONSTS)};
export async function load(url, context, next) {
  const r = await next(url, context);
  let src = String(r.source);
  if (url === WS) {
    // Each constant is read from globalThis.__lcConst at every use (its default filled in at load).
    for (const c of CONSTS) {
      src = src.replace(new RegExp('const ' + c + ' = ([^;]+);'), 'globalThis.__lcConst.' + c + ' ??= $1;');
      src = src.replace(new RegExp('(?<![.])\\\\b' + c + '\\\\b', 'g'), 'globalThis.__lcConst.' + c);
    }
    src += '\\ngradHess = globalThis.__lc("gradHess", gradHess); modelEpoch = globalThis.__lc("modelEpoch", modelEpoch);'
      + ' if (typeof tryDirection === "function") tryDirection = globalThis.__lc("tryDirection", tryDirection);\\n';
  } else if (url === PN) src += '\\nlineSearch = globalThis.__lc("lineSearch", lineSearch);\\n';
  else return r;
  return { ...r, source: src };
}`;
globalThis.__lcConst = Object.fromEntries(CONSTS.filter((c) => process.env['LC_' + c]).map((c) => [c, Number(process.env['LC_' + c])]));
register('data:text/javascript,' + encodeURIComponent(hooks));

let ip = null;
const zero = () => ({ steps: 0, gradHess: 0, gradHessEntries: 0, epochs: 0, visits: 0, gathered: 0, scattered: 0, lossPasses: 0, trials: 0, accepted: 0, trialEntries: 0, wsSizes: [], perStep: [], lastEpochs: 0 });
let cnt = zero();
globalThis.__lc = (name, f) =>
  function (...args) {
    if (name === 'gradHess') {
      // (d, fns, ws, m, g, h, G, H)
      const [, , ws, m] = args;
      cnt.gradHess++;
      cnt.wsSizes.push(m);
      for (let k = 0; k < m; k++) cnt.gradHessEntries += ip[ws[k] + 1] - ip[ws[k]];
      return f.apply(this, args);
    }
    if (name === 'modelEpoch') {
      // (d, fns, B, sel, ms, pen)
      const [, , B, sel, ms] = args;
      const before = new Float64Array(ms);
      for (let t = 0; t < ms; t++) before[t] = B.dw[sel[t]];
      const out = f.apply(this, args);
      cnt.epochs++;
      cnt.visits += ms;
      for (let t = 0; t < ms; t++) {
        const j = B.ws[sel[t]];
        const e = ip[j + 1] - ip[j];
        cnt.gathered += e;
        if (B.dw[sel[t]] !== before[t]) cnt.scattered += e;
      }
      return out;
    }
    if (name === 'tryDirection') {
      // (d, fns, B, m, ext, pen, trial): one scatter of the m working-set columns; accepted when u changed.
      const [, , B, m] = args;
      const before = B.u[0] + 2 * B.u[1] + 3 * B.u[B.u.length - 1];
      const dwBefore = B.dw.slice(0, m);
      const out = f.apply(this, args);
      cnt.trials++;
      for (let k = 0; k < m; k++) cnt.trialEntries += ip[B.ws[k] + 1] - ip[B.ws[k]];
      if (B.dw.some((v, k) => k < m && v !== dwBefore[k]) || before !== B.u[0] + 2 * B.u[1] + 3 * B.u[B.u.length - 1]) cnt.accepted++;
      return out;
    }
    // lineSearch(F, F0, D): every F(t) is one loss pass over the n margins.
    const [F, ...rest] = args;
    cnt.steps++;
    cnt.perStep.push(cnt.epochs - cnt.lastEpochs);
    cnt.lastEpochs = cnt.epochs;
    return f.call(this, (t) => {
      cnt.lossPasses++;
      return F(t);
    }, ...rest);
  };

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const { sparseProblem, logisticL1Certificate } = await import('../compare/06-glm.mjs');
const q0 = sparseProblem(20000, 50000, 1e6, 4);
// The matrix of the build under test (the generator's is the worktree's dist).
const q = { ...q0, A: new sp.CSCMatrix({ indptr: q0.A.indptr, indices: q0.A.indices, data: q0.A.data, shape: [q0.n, q0.p] }) };
const { n, p } = q;
const nnzX = q.A.indptr[p];
const t = Float64Array.from(q.y, (v) => (v > 0 ? 1 : 0));
const tols = process.env.LC_TOL ? [Number(process.env.LC_TOL)] : [1e-6, 1e-8];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const M = (v) => `${(v / 1e6).toFixed(2)} M`;

/** One counted fit of `A` (its indptr in `ip`); rounds = full checks after the first. */
function counted(A, tol) {
  ip = A.indptr;
  cnt = zero();
  let rounds = 0;
  const c0 = cpu();
  const f = sp.logisticRegression(A, t, { penalty: 'l1', C: 1, fitIntercept: false, tol, onIteration: () => void rounds++ });
  const c = cpu() - c0;
  return { f, c, cnt, rounds };
}

/** Columns `cols` of the CSC matrix A. */
function columns(A, cols) {
  const indptr = new Int32Array(cols.length + 1);
  for (let k = 0; k < cols.length; k++) indptr[k + 1] = indptr[k] + A.indptr[cols[k] + 1] - A.indptr[cols[k]];
  const indices = new Int32Array(indptr[cols.length]);
  const data = new Float64Array(indptr[cols.length]);
  for (let k = 0; k < cols.length; k++) {
    indices.set(A.indices.subarray(A.indptr[cols[k]], A.indptr[cols[k] + 1]), indptr[k]);
    data.set(A.data.subarray(A.indptr[cols[k]], A.indptr[cols[k] + 1]), indptr[k]);
  }
  return new sp.CSCMatrix({ indptr, indices, data, shape: [n, cols.length] });
}

// Warm-up (JIT) on the problem itself, uncounted.
counted(q.A, 1e-4);
const exact = sp.logisticRegression(q.A, t, { penalty: 'l1', C: 1, fitIntercept: false, tol: 1e-10 });
const S = Int32Array.from(Array.from(exact.coef[0]).flatMap((v, j) => (v !== 0 ? [j] : [])));
const AS = columns(q.A, S);
const sEntries = AS.indptr[S.length];
console.log(`problem: ${n} x ${p}, nnz ${nnzX}; exact support (tol 1e-10): ${S.length} features, ${sEntries} entries (${((100 * sEntries) / nnzX).toFixed(1)}% of X); constants ${JSON.stringify(globalThis.__lcConst)}`);

const rows = [];
for (const tol of tols) {
  const o = counted(q.A, tol);
  const certO = logisticL1Certificate(q0.A, t, o.f.coef[0], 1, n, p);
  const saved = globalThis.__lcConst.WS_MIN;
  globalThis.__lcConst.WS_MIN = S.length;
  const r = counted(AS, tol);
  globalThis.__lcConst.WS_MIN = saved;
  // The oracle's coefficients, certified on the whole problem (its one full check).
  const wFull = new Float64Array(p);
  S.forEach((j, k) => (wFull[j] = r.f.coef[0][k]));
  const certR = logisticL1Certificate(q0.A, t, wFull, 1, n, p);
  for (const [name, x, cert, full] of [['ours', o, certO, o.rounds + 1], ['oracle (exact support)', r, certR, 1]]) {
    const entries = x.cnt.gradHessEntries + x.cnt.gathered + x.cnt.scattered + x.cnt.trialEntries + full * nnzX;
    rows.push({
      solver: name, tol, rounds: x.rounds, newton: x.f.iterations, epochs: `${x.cnt.epochs} (per step ${x.cnt.perStep.join(' ')})`, 'ws sizes': [...new Set(x.cnt.wsSizes)].join(' '),
      'epoch gathered': M(x.cnt.gathered), 'epoch scattered': M(x.cnt.scattered), 'Anderson trials (accepted; entries)': `${x.cnt.trials} (${x.cnt.accepted}; ${M(x.cnt.trialEntries)})`, 'gradHess entries': M(x.cnt.gradHessEntries),
      'full checks (entries)': `${full} (${M(full * nnzX)})`, 'entries total': M(entries), 'loss passes': x.cnt.lossPasses + 1,
      'derivative passes': x.f.iterations + 1, objective: cert.obj.toFixed(6), kkt: cert.kkt.toExponential(1), 'CPU s': x.c.toFixed(3),
      'ns / entry (all CPU)': ((x.c * 1e9) / entries).toFixed(2),
    });
  }
}

if (process.env.LC_SKLEARN !== '0') {
  const dir = mkdtempSync(join(tmpdir(), 'logistic-counts-'));
  try {
    const bin = (f, a) => writeFileSync(join(dir, f), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    bin('y.bin', t);
    bin('indptr.bin', q.A.indptr);
    bin('indices.bin', q.A.indices);
    bin('data.bin', q.A.data);
    // liblinear prints to the C stdout: the script writes its own results to a file.
    const py = `
import json, sys, time, numpy as np, scipy.sparse as sps, warnings
from sklearn.linear_model import LogisticRegression
warnings.simplefilter('ignore')
d = sys.argv[1]; n = ${n}; p = ${p}
X = sps.csc_matrix((np.fromfile(d + '/data.bin'), np.fromfile(d + '/indices.bin', dtype=np.int32), np.fromfile(d + '/indptr.bin', dtype=np.int32)), shape=(n, p)).tocsr()
y = np.fromfile(d + '/y.bin')
out = []
for k, tol in enumerate(${JSON.stringify(tols)}):
    c0 = time.process_time()
    m = LogisticRegression(penalty='l1', C=1, solver='liblinear', fit_intercept=False, tol=tol, max_iter=10000).fit(X, y)
    c = time.process_time() - c0
    m.coef_.ravel().astype(np.float64).tofile(d + '/coef_%d.bin' % k)
    sys.stdout.flush()
    print('@@', tol, c, flush=True)
    m = LogisticRegression(penalty='l1', C=1, solver='liblinear', fit_intercept=False, tol=tol, max_iter=10000, verbose=1).fit(X, y)
    sys.stdout.flush()
    print('\\n@@end', flush=True)
`;
    const res = spawnSync('/usr/bin/python3', ['-c', py, dir], { encoding: 'utf8', env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' }, maxBuffer: 1 << 26 });
    if (res.status !== 0) throw new Error(res.stderr);
    const blocks = res.stdout.split('@@end');
    for (const [k, tol] of tols.entries()) {
      const b = blocks[k];
      const [, , c] = b.match(/@@ (\S+) (\S+)/);
      const cycles = [...b.matchAll(/#CD cycles (\d+)/g)].map((m) => Number(m[1]));
      const { readFileSync } = await import('node:fs');
      const w = new Float64Array(readFileSync(join(dir, `coef_${k}.bin`)).buffer.slice(0));
      const cert = logisticL1Certificate(q0.A, t, w, 1, n, p);
      const iters = cycles.length;
      const cyc = cycles.reduce((a, v) => a + v, 0);
      const lower = (iters + cyc) * sEntries + 2 * nnzX;
      rows.push({
        solver: 'liblinear (lower bound)', tol, rounds: '-', newton: iters, epochs: cyc, 'ws sizes': `CD cycles per iteration: ${cycles.join(' ')}`,
        'epoch gathered': M(cyc * sEntries), 'epoch scattered': '-', 'Anderson trials (accepted; entries)': '-', 'gradHess entries': M(iters * sEntries), 'full checks (entries)': `2 (${M(2 * nnzX)})`,
        'entries total': M(lower), 'loss passes': '≥ ' + iters, 'derivative passes': iters, objective: cert.obj.toFixed(6), kkt: cert.kkt.toExponential(1),
        'CPU s': Number(c).toFixed(3), 'ns / entry (all CPU)': `≤ ${((Number(c) * 1e9) / lower).toFixed(2)}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const keys = Object.keys(rows[0]);
console.log('\n| ' + keys.join(' | ') + ' |\n|' + keys.map(() => ' --- |').join(''));
for (const r of rows) console.log('| ' + keys.map((k) => r[k]).join(' | ') + ' |');
console.log(`\nload ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')}`);
