// How much work the sparse Lasso path needs, by counts (issue 12): epochs, feature visits and
// stored entries gathered by the epochs, for three solvers of the bench's 20000 x 50000 CSC path
// (10^6 nonzeros, seed 3, 50 α to α_max/100, relgap 1e-6, no intercept):
//   ours     lassoPath as it is (working sets, Anderson trials, bounded gap checks);
//   oracle   at each α, coordinate descent on the exact support at that α only (the ideal working
//            set, known in advance; plus the previous α's support, whose leaving features must be
//            visited to reach zero), warm-started from the previous α, with the full duality
//            gap checked after every epoch for free: plain cyclic CD, and CD with the path's
//            Anderson trial every 5 epochs;
//   sklearn  scikit-learn's lasso_path (/usr/bin/python3; tol = relgap / 2, as in the bench), whose
//            epochs visit every feature: n_iter_ per α (return_n_iter), times nnz(X) entries.
// Counts are deterministic, so this can run on a busy machine; the CPU times printed beside them
// are only indicative (take timings from the bench, under `flock /tmp/bench.lock`).
// The oracle reuses the library's own epoch kernel, Anderson trial and gap code: a module-load hook
// appends exports of the internal functions to dist/solvers/glm/working-set.js, and wraps
// `epoch` / `tryExtrapolated` / `checkGradient` / `fullGradient` with counters.
//
//   node bench/ab/glm-counts.mjs [dist dir, default ./dist]   (after `npm run build`)
//   COUNTS_SKLEARN=0   skip scikit-learn (about 10 s)
//   COUNTS_MAX=2000    epoch limit per α of the oracle runs (plain CD needs thousands on the last α)
//   COUNTS_ORACLE=0    ours only (its totals as JSON; a few seconds)
//   COUNTS_PAD=1.5     oracle working sets padded to 1.5x the exact support (as the path sizes its
//                      own) with the features of largest |xⱼᵀr| at the α's start
//   COUNTS_PLAIN=0     skip the oracle's plain-CD run (minutes)
//   COUNTS_VERBOSE=1   print each oracle α as it finishes
import { register } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPython } from '../lib/harness.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const withSklearn = process.env.COUNTS_SKLEARN !== '0';
const maxEpochs = Number(process.env.COUNTS_MAX ?? 2000);
const pad = Number(process.env.COUNTS_PAD ?? 1);

const hooks = `
const FILE = ${JSON.stringify(pathToFileURL(dist + '/solvers/glm/working-set.js').href)};
const GC = ${JSON.stringify(pathToFileURL(dist + '/solvers/glm/gradient-check.js').href)};
const DS = ${JSON.stringify(pathToFileURL(dist + '/solvers/glm/design.js').href)};
export async function load(url, context, next) {
  const r = await next(url, context);
  let add = '';
  if (url === FILE) {
    add = 'epoch = globalThis.__count("epoch", epoch); tryExtrapolated = globalThis.__count("tryExtrapolated", tryExtrapolated);'
      + 'export { epoch as __epoch, tryExtrapolated as __tryExtrapolated, residualTerms as __residualTerms };';
  } else if (url === GC) add = 'checkGradient = globalThis.__count("checkGradient", checkGradient);';
  else if (url === DS) add = 'fullGradient = globalThis.__count("fullGradient", fullGradient);';
  if (!add) return r;
  return { ...r, source: String(r.source) + '\\n' + add + '\\n' };
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

// Counters: epochs, features visited, entries gathered; Anderson trials and the entries of the
// columns they move (the trial residual's scatter); gap checks and full Xᵀr products.
let ip = null;
// trialEntries: the columns a trial moves (what a scatter of the moved columns touches);
// clampEntries: those it clamps to zero (all a trial residual combined from stored residuals
// would scatter, the residual being affine in w).
const zero = () => ({ epochs: 0, visits: 0, entries: 0, trials: 0, trialEntries: 0, clampEntries: 0, checks: 0, full: 0 });
let cnt = zero();
globalThis.__count = (name, f) =>
  function (...args) {
    if (name === 'epoch') {
      const ws = args[3];
      cnt.epochs++;
      cnt.visits += ws.length;
      for (let k = 0; k < ws.length; k++) cnt.entries += ip[ws[k] + 1] - ip[ws[k]];
    } else if (name === 'tryExtrapolated') {
      // (t, d, s, ws, ext): the columns whose value the trial changes (after its clamp to zero).
      const [, , s, ws, ext] = args;
      cnt.trials++;
      for (let k = 0; k < ws.length; k++) {
        const j = ws[k];
        const old = s.w[j];
        const e = ext[k] * old <= 0 ? 0 : ext[k];
        if (e !== old) cnt.trialEntries += ip[j + 1] - ip[j];
        if (e !== ext[k]) cnt.clampEntries += ip[j + 1] - ip[j];
      }
    } else if (name === 'checkGradient') cnt.checks++;
    else if (name === 'fullGradient') cnt.full++;
    return f.apply(this, args);
  };

const sp = await import(pathToFileURL(`${dist}/index.js`).href);
const ws_ = await import(pathToFileURL(`${dist}/solvers/glm/working-set.js`).href);
const { prepareEnet, releaseEnet } = await import(pathToFileURL(`${dist}/solvers/glm/prepare.js`).href);
const { allocResidual, freeResident, fullGradient } = await import(pathToFileURL(`${dist}/solvers/glm/design.js`).href);
const { enetGap } = await import(pathToFileURL(`${dist}/solvers/glm/duality-gap.js`).href);
const { Anderson } = await import(pathToFileURL(`${dist}/solvers/glm/anderson.js`).href);
const { sparseProblem } = await import('../compare/06-glm.mjs');

const q = sparseProblem(20000, 50000, 1e6, 3);
const { n, p, y } = q;
ip = q.A.indptr;
const nnzX = ip[p];
const A = new sp.CSCMatrix({ indptr: q.A.indptr, indices: q.A.indices, data: q.A.data, shape: [n, p] });
const g0 = A.rmatvec(y);
let amax = 0;
for (let j = 0; j < p; j++) amax = Math.max(amax, Math.abs(g0[j]));
const K = 50;
const alphas = Float64Array.from({ length: K }, (_, k) => (amax / n) * 0.01 ** (k / (K - 1)));
const relgap = 1e-6;
const tol = relgap / 2;
const yy = y.reduce((s, v) => s + v * v, 0);
const P0 = (0.5 * yy) / n;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const fmt = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : String(v));

// ---- ours, with per-α counts (the path's α are separate fitEnet calls: the counters are read
// between them through stopWhen).
const perAlpha = [];
let c0 = cpu();
cnt = zero();
const ours = sp.lassoPath(A, y, {
  alphas, tol, fitIntercept: false, maxIter: 1000000,
  stopWhen: () => {
    perAlpha.push(cnt);
    cnt = zero();
    return false;
  },
});
perAlpha.push(cnt);
const oursCpu = cpu() - c0;
const supportOf = (w) => Int32Array.from(Array.from(w).flatMap((v, j) => (v !== 0 ? [j] : [])));
const oursSupports = ours.coefs.map(supportOf);
const sum = (rows, key) => rows.reduce((a, r) => a + r[key], 0);
const tot = (rows) => Object.fromEntries(Object.keys(zero()).map((key) => [key, sum(rows, key)]));
console.log(`ours: ${oursCpu.toFixed(2)} CPU s (counters on); worst relgap ${(Math.max(...ours.dualityGaps) / P0).toExponential(2)}; last support ${oursSupports[K - 1].length}`);
if (process.env.COUNTS_ORACLE === '0') {
  console.log(JSON.stringify(tot(perAlpha)));
  process.exit(0);
}
// The oracle's working set is the exact support at each α, from a path solved far tighter (relgap
// 1e-10): the support of ours at relgap 1e-6 misses features with tiny optimal coefficients, and
// coordinate descent restricted to it stalls above the tolerance (from the 30th α on, relgap
// 3.7e-6 to 7e-3 after 300 epochs, with 1–50 features outside violating optimality).
cnt = zero();
const tight = sp.lassoPath(A, y, { alphas, tol: Number(process.env.COUNTS_ORACLE_TOL ?? 5e-11), fitIntercept: false, maxIter: 1000000 });
const supports = tight.coefs.map(supportOf);
{
  let extra = 0;
  let missing = 0;
  for (let k = 0; k < K; k++) {
    const a = new Set(oursSupports[k]);
    const b = new Set(supports[k]);
    for (const j of a) if (!b.has(j)) extra++;
    for (const j of b) if (!a.has(j)) missing++;
  }
  console.log(`tight path (worst relgap ${(Math.max(...tight.dualityGaps) / P0).toExponential(2)}): supports of ours against it, summed over α: ${missing} features missing, ${extra} extra`);
}

// ---- the oracle working set: the library's epoch (and Anderson trial) on S_k only.
function oracle(anderson) {
  const data = prepareEnet('lassoPath', A, y, { fitIntercept: false });
  const d = data.d;
  const tolAbs = tol * data.yy;
  const w = new Float64Array(p);
  const s = ws_.initialState(d, data.y, w);
  if (s.kern) s.kern.pf.set(data.pf);
  const grad = new Float64Array(p);
  const rows = [];
  const gaps = new Float64Array(K);
  let notReached = 0;
  const gap = (t) => {
    fullGradient(d, s.rs, s.T, grad);
    const { rr, ry } = ws_.__residualTerms(d, s, data.y);
    return enetGap(t, s.w, grad, rr, ry).gap;
  };
  try {
    for (let k = 0; k < K; k++) {
      const t = { l1: n * alphas[k], l2: 0, pf: data.pf, positive: false };
      // S_k, plus the features of the previous α's support that leave it (they must be visited to reach zero).
      let ws = k === 0 ? supports[0] : Int32Array.from(new Set([...supports[k - 1], ...supports[k]])).sort();
      cnt = zero();
      let g = gap(t);
      const want = Math.ceil(pad * supports[k].length);
      if (want > ws.length) {
        const inWs = new Uint8Array(p);
        for (const j of ws) inWs[j] = 1;
        const out = Array.from({ length: p }, (_, j) => j).filter((j) => !inWs[j]).sort((a, b) => Math.abs(grad[b]) - Math.abs(grad[a]));
        ws = Int32Array.from([...ws, ...out.slice(0, want - ws.length)]).sort();
      }
      const m = ws.length;
      if (m > 0) {
        const acc = new Anderson(5, m);
        const wsw = new Float64Array(m);
        const old = new Float64Array(p);
        const z = allocResidual(d);
        const gather = () => {
          for (let a = 0; a < m; a++) wsw[a] = s.w[ws[a]];
          return wsw;
        };
        if (anderson) acc.push(gather());
        while (g > tolAbs && cnt.epochs < maxEpochs) {
          ws_.__epoch(t, d, s, ws);
          if (anderson && acc.push(gather())) {
            const ext = acc.extrapolate();
            if (ext) ws_.__tryExtrapolated(t, d, s, ws, ext, old, z);
            acc.push(gather());
          }
          g = gap(t);
        }
        freeResident(z);
      }
      if (g > tolAbs) notReached++;
      gaps[k] = g / n;
      rows.push(cnt);
      if (process.env.COUNTS_VERBOSE) {
        // Features outside S that violate optimality at the end (|xⱼᵀr| > λ₁), and the largest ratio.
        const inS = new Uint8Array(p);
        for (const j of ws) inS[j] = 1;
        let out = 0;
        let worst = 0;
        for (let j = 0; j < p; j++) if (!inS[j]) { const a = Math.abs(grad[j]) / t.l1; if (a > 1) out++; worst = Math.max(worst, a); }
        console.error(`oracle ${anderson ? 'CD+Anderson' : 'CD'} α ${k + 1}: |S| ${m}, epochs ${cnt.epochs}, relgap ${(g / n / P0).toExponential(2)}, outside S: ${out} violating, max |xᵀr|/λ ${worst.toFixed(6)}`);
      }
    }
  } finally {
    ws_.releaseState(s);
    releaseEnet(data);
  }
  return { rows, worst: Math.max(...gaps) / P0, notReached };
}
const andr = oracle(true);
const plain = process.env.COUNTS_PLAIN === '0' ? { rows: perAlpha.map(zero), worst: NaN, notReached: NaN } : oracle(false);

// ---- scikit-learn's epochs per α.
let sk = null;
if (withSklearn) {
  const dir = mkdtempSync(join(tmpdir(), 'glm-counts-'));
  try {
    const bin = (f, a) => writeFileSync(join(dir, f), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    bin('y.bin', y);
    bin('alphas.bin', alphas);
    bin('indptr.bin', q.A.indptr);
    bin('indices.bin', q.A.indices);
    bin('data.bin', q.A.data);
    sk = runPython(`
import numpy as np, scipy.sparse as sps, warnings
from sklearn.linear_model import lasso_path
warnings.simplefilter('ignore')
d = inp['dir']; n = inp['n']; p = inp['p']
X = sps.csc_matrix((np.fromfile(d + '/data.bin'), np.fromfile(d + '/indices.bin', dtype=np.int32), np.fromfile(d + '/indptr.bin', dtype=np.int32)), shape=(n, p))
y = np.fromfile(d + '/y.bin'); al = np.fromfile(d + '/alphas.bin')
c0 = time.process_time()
_, coefs, gaps, n_iter = lasso_path(X, y, alphas=al, tol=inp['tol'], max_iter=1000000, return_n_iter=True)
c = time.process_time() - c0
# lasso_path's dual gaps are of the 1/n-scaled objective
P0 = 0.5 * float(y @ y) / n
print(json.dumps({'cpu': c, 'n_iter': [int(v) for v in n_iter], 'nnz': [int((coefs[:, k] != 0).sum()) for k in range(len(al))], 'worst': float(np.max(gaps)) / P0}))`,
      { dir, n, p, tol }, { python: '/usr/bin/python3', modules: ['sklearn'], blasThreads: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- tables: per block of α, then totals.
const blocks = [[0, 10], [10, 20], [20, 30], [30, 40], [40, 50]];
console.log('\n| α | support ours / exact | ours epochs / visits / entries | oracle CD epochs / entries | oracle CD+Anderson epochs / entries | sklearn epochs / entries |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [a, b] of blocks) {
  const sl = (rows) => rows.slice(a, b);
  const skE = sk ? sk.n_iter.slice(a, b).reduce((x, v) => x + v, 0) : null;
  console.log(`| ${a + 1}–${b} | ${oursSupports[a].length}–${oursSupports[b - 1].length} / ${supports[a].length}–${supports[b - 1].length} | ${sum(sl(perAlpha), 'epochs')} / ${fmt(sum(sl(perAlpha), 'visits'))} / ${fmt(sum(sl(perAlpha), 'entries'))} | ${sum(sl(plain.rows), 'epochs')} / ${fmt(sum(sl(plain.rows), 'entries'))} | ${sum(sl(andr.rows), 'epochs')} / ${fmt(sum(sl(andr.rows), 'entries'))} | ${skE ?? '-'} / ${skE == null ? '-' : fmt(skE * nnzX)} |`);
}
const T = { ours: tot(perAlpha), oracleCd: tot(plain.rows), oracleAnderson: tot(andr.rows) };
console.log('\n| solver | epochs | feature visits | entries gathered | trials (entries scattered) | gap checks (full Xᵀr) | worst relgap | CPU s (indicative) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(`ours: entries of the columns the trials clamp to zero ${fmt(T.ours.clampEntries)}`);
console.log(`| ours | ${T.ours.epochs} | ${fmt(T.ours.visits)} | ${fmt(T.ours.entries)} | ${T.ours.trials} (${fmt(T.ours.trialEntries)}) | ${T.ours.checks} (${T.ours.full}) | ${(Math.max(...ours.dualityGaps) / P0).toExponential(2)} | ${oursCpu.toFixed(2)} |`);
console.log(`| oracle ws, CD | ${T.oracleCd.epochs} | ${fmt(T.oracleCd.visits)} | ${fmt(T.oracleCd.entries)} | - | every epoch, not counted | ${plain.worst.toExponential(2)} (${plain.notReached} α not reached) | - |`);
console.log(`| oracle ws, CD + Anderson | ${T.oracleAnderson.epochs} | ${fmt(T.oracleAnderson.visits)} | ${fmt(T.oracleAnderson.entries)} | ${T.oracleAnderson.trials} (${fmt(T.oracleAnderson.trialEntries)}) | every epoch, not counted | ${andr.worst.toExponential(2)} (${andr.notReached} α not reached) | - |`);
if (sk) {
  const e = sk.n_iter.reduce((x, v) => x + v, 0);
  console.log(`| scikit-learn | ${e} | ${fmt(e * p)} | ${fmt(e * nnzX)} | - | not counted | ${sk.worst.toExponential(2)} | ${sk.cpu.toFixed(2)} (${((sk.cpu / (e * nnzX)) * 1e9).toFixed(1)} ns per entry) |`);
  for (const [name, r] of Object.entries(T)) console.log(`sklearn entries / ${name} entries: ${((e * nnzX) / r.entries).toFixed(2)}; incl. trial scatter: ${((e * nnzX) / (r.entries + r.trialEntries)).toFixed(2)}`);
  console.log(`sklearn supports (end of blocks): ${blocks.map(([, b]) => sk.nnz[b - 1]).join(', ')}`);
}
console.log(`load ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')}`);
