/**
 * The working-set coordinate-descent driver of the elastic net (the strategy of celer and skglm):
 * outer iterations compute Xᵀr and the duality gap on the full problem, screen features by the
 * gap-safe rule, and pick a small working set (the support plus the features that violate
 * optimality most); inner iterations run cyclic coordinate descent on that set only, with
 * Anderson extrapolation every K epochs, until its optimality violation falls below a fraction of
 * the full problem's.
 *
 * @module
 * @internal
 */
import { dotAt } from '../../kernels/blas1.js';
import { Anderson } from './anderson.js';
import { allocResidual, columnAxpy, columnDot, type CscKernel, cscKernel, type Design, freeResident, fullGradient } from './design.js';
import { allocF64, isResidentF64 } from '../../kernels/runtime/memory.js';
import { type EnetTerms, enetGap } from './duality-gap.js';
import { type ScoreScratch, scoreFeatures, scoreScratch, selectWorkingSet } from './screening.js';
import { type GramScratch, gramPays, solveEnetGram } from './gram-solver.js';
import { checkGradient, type GradientCheck, gradientCheck } from './gradient-check.js';
import { coordinateValue, penaltyAt, violation } from './coordinate-update.js';
import { designBlock, minimizeBlock, type UnpenalizedBlock } from './unpenalized-block.js';

/** What the driver reports after each outer iteration. @internal */
export interface EnetProgress {
  /** Outer iterations so far. */
  iteration: number;
  /** Coordinate-descent epochs (passes over the working set) so far. */
  epochs: number;
  /** Duality gap of the n-scaled objective. */
  gap: number;
  /** Size of the working set just solved (0 before the first). */
  workingSetSize: number;
  /** Features screened out by the gap-safe rule. */
  screened: number;
}

/**
 * Solver state: coefficients, the residual r = rs + c·v with T = vᵀrs, the full gradient X̃ᵀr
 * (valid for the current point when `gradFresh`: a path hands the last check's gradient to the
 * next α instead of recomputing it) and scratch reused across fits. @internal
 */
export interface EnetState {
  w: Float64Array;
  rs: Float64Array;
  T: number;
  c: number;
  grad: Float64Array;
  gradFresh: boolean;
  /** Where the checks' gradient is exact, and the reference that bounds it elsewhere. */
  check: GradientCheck;
  screened: Uint8Array;
  scratch: ScoreScratch;
  /**
   * The support's size at the first check of the previous solve and of the current one (along a
   * path: at the start of the previous α and of this one), for the working set's padding.
   */
  prevStart: number;
  start: number;
  /** WASM-resident buffers of the epoch kernel (w above lives in `block` too), else null. */
  kern: EpochBuffers | null;
  /** Covariance mode's scratch (Anderson buffer, support-solve buffers), kept across a path's α values. */
  gram?: GramScratch;
  /**
   * The unpenalized features' block, for the penalty factors `pf` (null: none unpenalized), and
   * whether its last minimization failed (a singular block whose sweeps stalled).
   */
  unpen?: { pf: Float64Array; blk: UnpenalizedBlock | null; failed?: boolean };
  /** The inner solves' Anderson buffer, iterate copies (length p) and trial residual, reused. */
  inner?: { acc: Anderson; wsw: Float64Array; old: Float64Array; z: Float64Array | null };
}

/** The epoch kernels' per-state buffers, in one WASM block. */
interface EpochBuffers {
  /** The sparse design's kernel arrays; null for a dense design (its kernel is `Design.simd.epoch`). */
  kernel: CscKernel | null;
  block: Float64Array;
  /** The working set staged for the kernel, and the array it was copied from. */
  ws: Int32Array;
  staged: Int32Array | null;
  /** Penalty factors (copied from the problem at each solve). */
  pf: Float64Array;
  /** T and c, in and out. */
  st: Float64Array;
  /** Columns and multipliers of an Anderson trial's residual update (sparse). */
  idx: Int32Array;
  coef: Float64Array;
  /** ‖x̃ⱼ‖² (dense: the design's own array may live outside WASM memory). */
  colSq: Float64Array;
  /** The sparse epoch kernel's output w[ws[k]] at k after each epoch (the iterate Anderson records). */
  vals: Float64Array;
}

/**
 * An empty {@link EpochBuffers}, its fields filled by the caller. Created with nulls first so that
 * V8 types the fields as "any object" from the start: objects made with the arrays directly had
 * their field types generalized on the second call in a process, which threw away the hot loops'
 * optimized code (the second 72 x 7129 path took 0.53 CPU s against 0.40 for the third).
 */
function epochBuffers(): EpochBuffers {
  const z = null as unknown as Float64Array;
  return { kernel: null, block: z, ws: z as unknown as Int32Array, staged: null, pf: z, st: z, idx: z as unknown as Int32Array, coef: z, colSq: z, vals: z };
}

/** Driver settings. @internal */
export interface EnetSettings {
  /** Stop when the gap ≤ tolAbs. */
  tolAbs: number;
  /** Limit on coordinate-descent epochs. */
  maxEpochs: number;
  /** Use working sets and screening (false: plain cyclic CD on all features, scikit-learn's way). */
  workingSets: boolean;
  /** Without working sets: a fresh visiting order per epoch (scikit-learn's `selection='random'`). */
  order?: ((p: number) => Int32Array) | undefined;
  /** Called after each outer iteration; false stops. */
  onProgress?: ((info: EnetProgress) => boolean | void) | undefined;
}

/** Driver result. @internal */
export interface EnetOutcome {
  gap: number;
  primal: number;
  converged: boolean;
  stopped: boolean;
  epochs: number;
  history: number[];
}

/** The state for coefficients w0: rs = y − Σ wⱼsⱼ, c = Σ μⱼwⱼ, T = vᵀrs. O(nnz). @internal */
export function initialState(d: Design, y: Float64Array, w0: Float64Array): EnetState {
  const p = d.p;
  const kernel = cscKernel(d);
  let kern: EpochBuffers | null = null;
  let w: Float64Array;
  // w, pf, the staged working set (int32, p/2 doubles rounded up), (T, c), the trial's columns
  // and multipliers, colSq and the epoch's working-set values, each 16-byte aligned.
  const q = (p + 3) & ~3;
  const o = 2 * q + q / 2 + 2;
  const e = o + q / 2 + q;
  const block = kernel || d.simd ? allocF64(e + 2 * q, false, 0) : null;
  if (block && isResidentF64(block)) {
    w = block.subarray(0, p);
    w.set(w0);
    const buf = block.buffer;
    kern = epochBuffers();
    kern.kernel = kernel;
    kern.block = block;
    kern.ws = new Int32Array(buf, block.byteOffset + 16 * q, p);
    kern.pf = block.subarray(q, q + p);
    kern.st = block.subarray(o - 2, o);
    kern.idx = new Int32Array(buf, block.byteOffset + 8 * o, p);
    kern.coef = block.subarray(o + q / 2, e);
    kern.colSq = block.subarray(e, e + p);
    kern.colSq.set(d.colSq);
    kern.vals = block.subarray(e + q, e + q + p);
  } else w = w0.slice();
  const rs = allocResidual(d);
  if (kern && !isResidentF64(rs)) {
    w = w.slice();
    freeResident(kern.block);
    kern = null;
  }
  rs.set(y);
  let c = 0;
  for (let j = 0; j < d.p; j++) {
    const wj = w0[j]!;
    if (wj !== 0) {
      columnAxpy(d, j, -wj, rs);
      c += wj * d.mu[j]!;
    }
  }
  const s: EnetState = {
    w: w0, rs, kern: undefined as unknown as null, T: 0.5, c: 0.5, grad: new Float64Array(p), gradFresh: false,
    check: gradientCheck(d), screened: new Uint8Array(p), scratch: scoreScratch(p), prevStart: 0, start: 0,
  };
  // w and kern are stored twice (first a placeholder): V8 then treats them as mutable fields from
  // the first state on. Written once, they were taken as constants until releaseState replaced
  // them, which threw away the driver's optimized code at the end of each first path.
  s.w = w;
  s.kern = kern;
  // T and c likewise, from a non-integer placeholder: V8 then stores them as doubles from the
  // first state on. Started as the integer 0 (uncentred designs), they were changed to doubles
  // when the sparse epoch kernel first wrote them back, which deoptimized the driver functions.
  s.T = d.centred ? dotAt(d.n, d.v, 0, rs, 0) : 0;
  s.c = c;
  return s;
}

/** Free the state's WASM memory (its residual, the kernel buffers; w is copied out first); the state is unusable after. @internal */
export function releaseState(s: EnetState): void {
  freeResident(s.rs);
  if (s.inner?.z) freeResident(s.inner.z);
  if (s.kern) {
    s.w = s.w.slice();
    freeResident(s.kern.block);
    s.kern = null;
  }
}

/** ‖r‖² and rᵀy of r = rs + c·v (vᵀy = 0 for a centred y, and c = 0 without centring). */
function residualTerms(d: Design, s: EnetState, y: Float64Array): { rr: number; ry: number } {
  const rs = s.rs;
  const n = d.n;
  const rr = dotAt(n, rs, 0, rs, 0) + 2 * s.c * s.T + s.c * s.c * d.vv;
  const ry = dotAt(n, rs, 0, y, 0) + (s.c !== 0 ? s.c * dotAt(n, d.v, 0, y, 0) : 0);
  return { rr, ry };
}

/** Move coordinate j by δ, keeping rs, T and c in step. */
function moveCoordinate(d: Design, s: EnetState, j: number, delta: number): void {
  columnAxpy(d, j, -delta, s.rs);
  const m = d.mu[j]!;
  if (m !== 0) {
    s.T -= delta * m * d.vv;
    s.c += delta * m;
  }
}

/**
 * One cyclic epoch over `ws`. Returns the largest optimality violation seen just before each
 * coordinate's update (free: the update computes xⱼᵀr anyway), a cheap sign that the working set
 * may be solved, confirmed by an exact check.
 */
function epoch(t: EnetTerms, d: Design, s: EnetState, ws: Int32Array): number {
  if (s.kern) return s.kern.kernel ? epochKernel(t, d, s, s.kern, s.kern.kernel, ws) : epochDenseKernel(t, d, s, s.kern, ws);
  if (d.indptr && !d.centred) return epochSparse(t, d, s, ws);
  if (d.simd && isResidentF64(s.rs)) return epochDenseSimd(t, d, d.simd, s, ws);
  const w = s.w;
  let worst = 0;
  for (let k = 0; k < ws.length; k++) {
    const j = ws[k]!;
    if (d.colSq[j] === 0) continue;
    const wj = w[j]!;
    const g = columnDot(d, j, s.rs, s.T);
    const v = violation(t, w, j, g);
    if (v > worst) worst = v;
    const nw = coordinateValue(t, d.colSq[j]!, j, g, wj);
    if (nw !== wj) {
      moveCoordinate(d, s, j, nw - wj);
      w[j] = nw;
    }
  }
  return worst;
}

/**
 * The epoch on a dense design and residual in WASM memory: columnDot / columnAxpy's SIMD calls
 * with their residency test hoisted out of the loop (it was 5% of the 72 x 7129 path's profile).
 */
function epochDenseSimd(t: EnetTerms, d: Design, simd: NonNullable<Design['simd']>, s: EnetState, ws: Int32Array): number {
  const w = s.w;
  const n = d.n;
  const base = d.dense!.byteOffset;
  const rp = s.rs.byteOffset;
  const colSq = d.colSq;
  let worst = 0;
  for (let k = 0; k < ws.length; k++) {
    const j = ws[k]!;
    if (colSq[j] === 0) continue;
    const wj = w[j]!;
    const g = simd.dot(base + j * n * 8, rp, n);
    const v = violation(t, w, j, g);
    if (v > worst) worst = v;
    const nw = coordinateValue(t, colSq[j]!, j, g, wj);
    if (nw !== wj) {
      const a = -(nw - wj);
      if (a !== 0) simd.axpy(a, base + j * n * 8, rp, n);
      w[j] = nw;
    }
  }
  return worst;
}

/** Copy the working set into the kernel's buffer unless it is already there. */
function stage(b: EpochBuffers, ws: Int32Array): void {
  if (b.staged !== ws) {
    b.ws.set(ws);
    b.staged = ws;
  }
}

/**
 * The dense epoch by the WASM kernel (assembly/cd.ts `enet_epoch_dense`: epochDenseSimd's
 * operations in its order, without a JS-to-WASM call per dot and axpy).
 */
function epochDenseKernel(t: EnetTerms, d: Design, s: EnetState, b: EpochBuffers, ws: Int32Array): number {
  stage(b, ws);
  return d.simd!.epoch(
    d.dense!.byteOffset, d.n, b.colSq.byteOffset, b.pf.byteOffset, b.ws.byteOffset, ws.length, s.rs.byteOffset, s.w.byteOffset,
    t.l1, t.l2, t.positive ? 1 : 0,
  );
}

/** The sparse epoch by the WASM kernel (assembly/cd.ts, the same operations in the same order as the JS epochs). */
function epochKernel(t: EnetTerms, d: Design, s: EnetState, b: EpochBuffers, k: CscKernel, ws: Int32Array): number {
  stage(b, ws);
  b.st[0] = s.T;
  b.st[1] = s.c;
  const worst = k.epoch(
    k.indptr, k.indices, k.data, k.colSq, k.mu, b.pf.byteOffset, b.ws.byteOffset, ws.length,
    s.rs.byteOffset, s.w.byteOffset, b.vals.byteOffset, b.st.byteOffset, t.l1, t.l2, t.positive ? 1 : 0, d.vv,
  );
  s.T = b.st[0]!;
  s.c = b.st[1]!;
  return worst;
}

/**
 * The epoch on a sparse, uncentred design with the CSC arrays hoisted (the gather xⱼᵀr and the
 * scatter r −= δxⱼ are the whole cost).
 */
function epochSparse(t: EnetTerms, d: Design, s: EnetState, ws: Int32Array): number {
  const w = s.w;
  const rs = s.rs;
  const ip = d.indptr!;
  const ix = d.indices!;
  const dv = d.data!;
  const colSq = d.colSq;
  let worst = 0;
  for (let k = 0; k < ws.length; k++) {
    const j = ws[k]!;
    if (colSq[j] === 0) continue;
    const wj = w[j]!;
    const a = ip[j]!;
    const e = ip[j + 1]!;
    let g = 0;
    for (let q = a; q < e; q++) g += dv[q]! * rs[ix[q]!]!;
    const v = violation(t, w, j, g);
    if (v > worst) worst = v;
    const nw = coordinateValue(t, colSq[j]!, j, g, wj);
    if (nw !== wj) {
      const delta = nw - wj;
      for (let q = a; q < e; q++) rs[ix[q]!] = rs[ix[q]!]! - delta * dv[q]!;
      w[j] = nw;
    }
  }
  return worst;
}

/**
 * Solve on the working set until an epoch sees no violation above innerTol (each coordinate's,
 * just before its update), trying an Anderson extrapolation every K epochs, or the epoch budget
 * ends. Returns the epochs used.
 */
function solveInner(t: EnetTerms, d: Design, s: EnetState, ws: Int32Array, innerTol: number, budget: number): number {
  const K = 5;
  const m = ws.length;
  const inner = (s.inner ??= { acc: new Anderson(K, m), wsw: new Float64Array(d.p), old: new Float64Array(d.p), z: null });
  const acc = inner.acc;
  acc.resize(m);
  const wsw = inner.wsw;
  const gather = (): Float64Array => {
    for (let k = 0; k < m; k++) wsw[k] = s.w[ws[k]!]!;
    return wsw;
  };
  // The sparse epoch kernel writes the working set's values itself (no gather pass over w).
  const vals = s.kern?.kernel ? s.kern.vals : null;
  let used = 0;
  acc.push(gather());
  while (used < budget) {
    const seen = epoch(t, d, s, ws);
    used++;
    // Done once an epoch saw only small violations (each coordinate's, just before its update):
    // no separate pass over the set to check (the outer iteration certifies the gap anyway).
    if (seen <= innerTol) break;
    if (acc.push(vals ?? gather())) {
      const ext = acc.extrapolate();
      if (ext) tryExtrapolated(t, d, s, ws, ext, inner.old, (inner.z ??= allocResidual(d)));
      acc.push(gather());
    }
  }
  return used;
}

/**
 * Replace the ws coordinates by `ext` (a coordinate that would leave zero or change sign set to
 * zero) if that lowers the objective. The trial residual is built in the scratch `z` (one pass
 * over the moved columns, by the WASM scatter when the epochs run in WASM), so a rejected
 * extrapolation costs no undo pass.
 */
function tryExtrapolated(t: EnetTerms, d: Design, s: EnetState, ws: Int32Array, ext: Float64Array, old: Float64Array, z: Float64Array): void {
  const m = ws.length;
  const rrOld = dotAt(d.n, s.rs, 0, s.rs, 0) + 2 * s.c * s.T + s.c * s.c * d.vv;
  // The objective restricted to what changes with the ws coordinates (the residual term whole),
  // before and after: the penalties are summed in the pass below.
  let penOld = 0;
  let penNew = 0;
  z.set(s.rs);
  let T = s.T;
  let c = s.c;
  const b = s.kern?.kernel && isResidentF64(z) ? s.kern : null;
  let moved = 0;
  for (let k = 0; k < m; k++) {
    const j = ws[k]!;
    old[k] = s.w[j]!;
    // The extrapolation is of the linear map CD is on a fixed support and signs: a coordinate it
    // would move off zero or across zero is set to zero instead (the kink of |wⱼ| makes such moves
    // cost penalty). On the sparse 20000 x 50000 path's last α: 14 of 14 trials accepted, the gap
    // reached in 75 epochs, against 4 of 34 and 205 epochs with the raw extrapolation.
    let e = ext[k]!;
    if (e * old[k]! <= 0) e = 0;
    if (e !== old[k]) {
      const delta = e - old[k]!;
      if (b) {
        b.idx[moved] = j;
        b.coef[moved++] = -delta;
      } else columnAxpy(d, j, -delta, z);
      const mu = d.mu[j]!;
      if (mu !== 0) {
        T -= delta * mu * d.vv;
        c += delta * mu;
      }
    }
    s.w[j] = e;
    penOld += penaltyAt(t, j, old[k]!);
    penNew += penaltyAt(t, j, e);
  }
  if (b && moved > 0) {
    const K = b.kernel!;
    K.scatter(K.indptr, K.indices, K.data, b.idx.byteOffset, b.coef.byteOffset, moved, z.byteOffset);
  }
  const rrNew = dotAt(d.n, z, 0, z, 0) + 2 * c * T + c * c * d.vv;
  if (0.5 * rrNew + penNew < 0.5 * rrOld + penOld) {
    s.rs.set(z);
    s.T = T;
    s.c = c;
    return;
  }
  for (let k = 0; k < m; k++) s.w[ws[k]!] = old[k]!;
}

/**
 * The size of the rounding error of a violation computed in an epoch, about ε·√n·‖x̃ⱼ‖·‖r‖ (the
 * dot product x̃ⱼᵀr), times 4: an inner tolerance below it can never be met. At tol 1e-13 on a
 * 400 x 200 path one α's inner solve asked for 3.7e-13 against a floor near 4e-12 and ran all
 * 100000 epochs of the budget; the gap was met a few epochs in.
 */
function roundingFloor(d: Design, s: EnetState, ws: Int32Array, rr: number): number {
  const norms = s.check.colNorm;
  let m = 0;
  for (let k = 0; k < ws.length; k++) m = Math.max(m, norms[ws[k]!]!);
  return 4 * Number.EPSILON * Math.sqrt(d.n) * m * Math.sqrt(Math.max(rr, 0));
}

/**
 * Minimize the objective exactly over the unpenalized features, the others fixed (see
 * unpenalized-block.ts: without it the dual point can violate their constraints and the gap
 * certifies nothing). O(|U|·nnz(X_U)) plus a Cholesky of |U|. Returns whether w moved.
 */
function minimizeUnpenalized(t: EnetTerms, d: Design, s: EnetState): boolean {
  if (s.unpen?.pf !== t.pf) s.unpen = { pf: t.pf, blk: designBlock(d, t.pf) };
  const blk = s.unpen.blk;
  if (!blk) return false;
  const { idx, x, b } = blk;
  for (let a = 0; a < idx.length; a++) {
    const j = idx[a]!;
    x[a] = s.w[j]!;
    b[a] = columnDot(d, j, s.rs, s.T);
  }
  s.unpen.failed = !minimizeBlock(blk, t.positive);
  if (s.unpen.failed) return false;
  let moved = false;
  for (let a = 0; a < idx.length; a++) {
    const j = idx[a]!;
    const delta = x[a]! - s.w[j]!;
    if (delta !== 0) {
      moveCoordinate(d, s, j, delta);
      s.w[j] = x[a]!;
      moved = true;
    }
  }
  return moved;
}

/**
 * How many features a working set holds beyond the support (nnz features), which grew by `growth`
 * features over the previous α of a path (or so far in this solve): 5x the growth, at least 5% of
 * the support and 100 features, at most 50% of the support (celer pads 100%). The padding is
 * visited every epoch though few of its features enter. Along the sparse 20000 x 50000 path the
 * support grows by a few hundred per α while 50% of it is about 8000: 21% fewer feature visits
 * than a fixed 50% (13.5 M against 17.1 M) for 4 more gap checks. Below a support of 200 the
 * floor keeps the fixed 50%, where the visits are few and a missed feature costs a check. @internal
 */
export function workingSetPadding(nnz: number, growth: number): number {
  return Math.min(0.5 * nnz, Math.max(5 * growth, 0.05 * nnz, 100));
}

/**
 * Minimize ½‖y − X̃w‖² + Σfⱼ(λ₁|wⱼ| + ½λ₂wⱼ²) from the state `s` (updated in place) until the
 * duality gap ≤ settings.tolAbs. @internal
 */
export function solveEnet(t: EnetTerms, d: Design, y: Float64Array, s: EnetState, settings: EnetSettings): EnetOutcome {
  // Few dense features: every feature is in the working set anyway, and Gram updates cost O(p).
  if (settings.workingSets && gramPays(d)) return solveEnetGram(t, d, y, s, settings);
  const p = d.p;
  const grad = s.grad;
  const screened = s.screened.fill(0);
  if (s.kern) s.kern.pf.set(t.pf);
  const all = settings.workingSets ? new Int32Array(0) : Int32Array.from({ length: p }, (_, j) => j);
  const scratch = s.scratch;
  const history: number[] = [];
  let epochs = 0;
  let wsSize = 0;
  let prevWs = 0;
  let iteration = 0;
  let stopped = false;
  for (;;) {
    if (minimizeUnpenalized(t, d, s)) s.gradFresh = false;
    // Working sets read the gradient through the bounded check (exact where it can matter);
    // plain epochs (scikit-learn's modes) take the full product.
    if (settings.workingSets) checkGradient(t, d, s.w, s.rs, s.T, s.c, grad, s.check, !s.gradFresh);
    else if (!s.gradFresh) fullGradient(d, s.rs, s.T, grad);
    s.gradFresh = true;
    const { rr, ry } = residualTerms(d, s, y);
    const g = enetGap(t, s.w, grad, rr, ry);
    history.push(g.gap);
    // One pass over the features: gap-safe screening (while the gap is above the tolerance, and
    // only when the unpenalized features' dual constraints hold), the support count, the largest
    // violation and the working-set scores.
    const screenGap = g.gap > settings.tolAbs && !s.unpen?.failed ? g.gap : 0;
    const pass = settings.workingSets ? scoreFeatures(t, s.w, grad, d.colSq, s.check.colNorm, g.scale, screenGap, screened, scratch) : null;
    const nScreened = pass ? pass.screened : 0;
    if (iteration === 0 && pass) {
      s.prevStart = s.start;
      s.start = pass.nnz;
    }
    if (settings.onProgress && iteration > 0) {
      const r = settings.onProgress({ iteration, epochs, gap: g.gap, workingSetSize: prevWs, screened: nScreened });
      if (r === false) {
        stopped = true;
        return { gap: g.gap, primal: g.primal, converged: g.gap <= settings.tolAbs, stopped, epochs, history };
      }
    }
    // A warm start that already meets the (absolute) tolerance still gets one epoch, as in
    // scikit-learn: along a path the previous solution often does, and would otherwise never move.
    const warmPass = g.gap <= settings.tolAbs && iteration === 0 && g.gap > 0;
    if ((g.gap <= settings.tolAbs && !warmPass) || epochs >= settings.maxEpochs) {
      return { gap: g.gap, primal: g.primal, converged: g.gap <= settings.tolAbs, stopped, epochs, history };
    }
    iteration++;
    s.gradFresh = false;
    if (!settings.workingSets) {
      epoch(t, d, s, settings.order ? settings.order(p) : all);
      epochs++;
      prevWs = p;
      continue;
    }
    const { nnz, worst } = pass!;
    // The support plus a padding (see workingSetPadding) from its growth over the previous α or
    // so far in this solve.
    const padding = workingSetPadding(nnz, Math.max(s.start - s.prevStart, nnz - s.start, 0));
    wsSize = Math.max(10, Math.ceil(nnz + padding), wsSize);
    const ws = selectWorkingSet(p, wsSize, scratch);
    prevWs = ws.length;
    // A full-problem check costs O(nnz(X)), as many epochs on a small working set as the ratio of
    // their sizes: solve the working set well (violation ≤ 1% of the full problem's) before the
    // next check. On the 72 x 7129 path: 185 checks instead of 415 at celer's 0.3, 25% less time.
    if (warmPass) {
      epoch(t, d, s, ws);
      epochs++;
    } else {
      epochs += solveInner(t, d, s, ws, Math.max(0.01 * worst, roundingFloor(d, s, ws, rr)), settings.maxEpochs - epochs);
    }
  }
}
