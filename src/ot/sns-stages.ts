/**
 * The stages of Sinkhorn-Newton-Sparse as functions over one explicit state object: warm-up,
 * Newton iteration (attempts at rising density, then damped systems), Sinkhorn fallback, the
 * final Sinkhorn finish when the Newton budget runs out, and the best-point restore.
 * {@link sinkhornNewtonSparse} reads the options into {@link SNSSettings} and runs them in order.
 *
 * @module
 * @internal
 */
import { cg } from '../linalg/iterative/cg.js';
import { jacobiPreconditioner } from '../linalg/iterative/jacobi.js';
import { askStop, type OnIteration } from '../core/options.js';
import { newtonOperator, sparsifyPlan } from './hessian.js';
import { armijo } from './line-search.js';
import { truncation } from './log-domain.js';
import { gradient, objectiveIncrease, planPass, scaledObjective } from './potential.js';
import { logSinkhornLoop, minPositive } from './sinkhorn-log.js';
import type { SNSIterationInfo } from './sns.js';
import type { OTProblem } from './validation.js';
import { allocFloat64 } from '../core/alloc.js';

/** Largest change of a scaled potential (η·x_i or η·y_j) tried by the first line-search step. */
export const MAX_MOVE = 20;

/** Levenberg–Marquardt damping factors tried, in order, after the density retries failed. */
const DAMPING = [1e-4, 1e-2];

/** Below this, the carried-over damping is dropped (plain Newton steps again). */
const MIN_DAMPING = 1e-7;

/** A direction needing a first step below this (‖Δ‖∞ > MAX_MOVE/MIN_ALPHA0) counts as a failed line search. */
const MIN_ALPHA0 = 1e-5;

/** A full Newton step must reduce ‖∇f‖₁ by at least this factor, else the density is doubled. */
const SLOW_PROGRESS = 0.5;

/** The validated controls of one SNS run. @internal */
export interface SNSSettings {
  tol: number;
  warmupIters: number;
  maxNewtonIters: number;
  densityRetries: number;
  fallbackIters: number;
  /** Sinkhorn iterations to finish with when the Newton budget ran out unconverged (0: none). */
  finalSinkhornIters: number;
  density0: number;
  c1: number;
  maxTrials: number;
  cgTol: number;
  cgMaxIter: number;
  onIteration: OnIteration<SNSIterationInfo> | undefined;
}

/**
 * Everything an SNS run carries between stages. P, r, c and g always describe the current (U, V);
 * `cur` holds ‖∇f‖₁ and f there.
 * @internal
 */
export interface SNSState {
  readonly p: OTProblem;
  /** η·(C − shift), row-major n x m. */
  readonly G: Float64Array;
  /** Scaled potentials η·x and η·y (updated in place). */
  readonly U: Float64Array;
  readonly V: Float64Array;
  /** f's constant from the cost shift. */
  readonly fOffset: number;
  /** Plan-entry truncation threshold of the plan passes. */
  readonly tau: number;
  readonly P: Float64Array;
  readonly scratch: Float64Array;
  readonly r: Float64Array;
  readonly c: Float64Array;
  readonly g: Float64Array;
  readonly ea: Float64Array;
  readonly eb: Float64Array;
  cur: { gn: number; f: number };
  readonly best: { U: Float64Array; V: Float64Array; gn: number; iteration: number };
  readonly history: SNSIterationInfo[];
  readonly densities: number[];
  readonly cgIterations: number[];
  /** Density of the next Newton attempt. */
  density: number;
  /** Length of the next Sinkhorn fallback (doubles after each, reset by a full Newton step). */
  fallbackLen: number;
  /** Levenberg–Marquardt λ carried into the next iteration (0: plain Newton). */
  damping: number;
  sinkhornIterations: number;
  newtonIterations: number;
  /** Newton iterations tried, failed ones included (what maxNewtonIters bounds). */
  attempts: number;
  stopped: boolean;
  readonly warnings: string[];
}

/** A fresh state at U = V = 0 for the reduced problem p. @internal */
export function initialState(p: OTProblem, G: Float64Array, fOffset: number, settings: SNSSettings): SNSState {
  const { n, m } = p;
  const s: SNSState = {
    p, G, fOffset,
    U: new Float64Array(n),
    V: new Float64Array(m),
    tau: truncation(Math.min(minPositive(p.a), minPositive(p.b)), Math.max(n, m)).tau,
    P: allocFloat64('sinkhornNewtonSparse', 'plan entries', n * m),
    scratch: allocFloat64('sinkhornNewtonSparse', 'scratch entries', n * m),
    r: new Float64Array(n),
    c: new Float64Array(m),
    g: new Float64Array(n + m),
    ea: new Float64Array(n),
    eb: new Float64Array(m),
    cur: { gn: Infinity, f: -Infinity },
    best: { U: new Float64Array(n), V: new Float64Array(m), gn: Infinity, iteration: 0 },
    history: [],
    densities: [],
    cgIterations: [],
    density: settings.density0,
    fallbackLen: settings.fallbackIters,
    damping: 0,
    sinkhornIterations: 0,
    newtonIterations: 0,
    attempts: 0,
    stopped: false,
    warnings: [],
  };
  return s;
}

/** Total iterations so far (Sinkhorn plus accepted Newton). @internal */
export function totalIterations(s: SNSState): number {
  return s.sinkhornIterations + s.newtonIterations;
}

/** Append a record and pass it to onIteration (a `false` sets `stopped`). @internal */
export function record(s: SNSState, settings: SNSSettings, info: SNSIterationInfo): void {
  s.history.push(info);
  if (askStop(settings.onIteration, info)) s.stopped = true;
}

/** Recompute P, r, c, g and (‖∇f‖₁, f) at the current (U, V). @internal */
export function evaluate(s: SNSState): void {
  const { p, G, U, V, P, r, c, g } = s;
  const total = planPass(G, U, V, p.n, p.m, s.tau, P, r, c);
  s.cur = { gn: gradient(p, r, c, g), f: scaledObjective(p, U, V, total) / p.eta + s.fOffset };
}

/** Remember the current point when it has the smallest ‖∇f‖₁ so far. @internal */
export function keepBest(s: SNSState): void {
  if (s.cur.gn < s.best.gn) {
    s.best.U.set(s.U);
    s.best.V.set(s.V);
    s.best.gn = s.cur.gn;
    s.best.iteration = totalIterations(s);
  }
}

/**
 * `iters` log-domain Sinkhorn iterations from the current point (stage 1, the warm-up, and the
 * fallbacks); the first record carries `event`. Re-evaluates the state afterwards.
 * @internal
 */
export function sinkhornStage(s: SNSState, settings: SNSSettings, iters: number, phase: 'warmup' | 'sinkhorn', event?: string): void {
  const offset = totalIterations(s);
  let first = true;
  const l = logSinkhornLoop(s.p, s.G, s.U, s.V, {
    tol: settings.tol, maxIter: Math.max(1, iters), checkEvery: 1,
    onCheck: (it, e) => {
      const info: SNSIterationInfo = { iteration: offset + it, phase, gradNorm: e };
      if (first && event) info.event = event;
      first = false;
      record(s, settings, info);
      return s.stopped ? false : undefined;
    },
  });
  s.sinkhornIterations += l.iterations;
  evaluate(s);
}

/** A Newton direction that passed the line search. */
interface AcceptedStep {
  alpha: number;
  density: number;
  D: Float64Array;
}

/**
 * One Newton attempt at density d (shift > 0: Levenberg–Marquardt damping of the diagonal): build
 * the sparsified Hessian, solve by Jacobi-preconditioned CG, and line-search the direction.
 * `last` accepts a CG solve that missed its tolerance. Appends what happened to `events`.
 */
function newtonAttempt(
  s: SNSState, settings: SNSSettings, d: number, shift: number, last: boolean, events: string[], cgCount: { its: number },
): AcceptedStep | 'cg' | 'failed' {
  const { n, m } = s.p;
  const N = n + m - 1;
  const Ps = sparsifyPlan(s.P, n, m, Math.ceil(d * n * m), s.scratch);
  const diag = new Float64Array(N);
  diag.set(s.r);
  diag.set(s.c.subarray(0, m - 1), n);
  if (shift) for (let k = 0; k < N; k++) diag[k] = diag[k]! * (1 + shift);
  const sol = cg(newtonOperator(Ps, s.r, s.c, shift), s.g.subarray(0, N), { tol: settings.cgTol, maxIter: settings.cgMaxIter, M: jacobiPreconditioner(diag) });
  cgCount.its += sol.iterations;
  const what = shift ? `damped (λ = ${shift}) system` : `density ${d}`;
  if (!sol.converged && !last) {
    events.push(`CG stopped (${sol.reason}) after ${sol.iterations} iterations at ${what}`);
    return 'cg';
  }
  const D = new Float64Array(n + m);
  D.set(sol.x);
  let slope = 0;
  for (let k = 0; k < N; k++) slope += s.g[k]! * D[k]!;
  // First trial: the Newton step, shortened so that no potential moves by more than MAX_MOVE/η
  // (P changes by at most e^MAX_MOVE per entry): far from the solution, Newton directions are
  // huge where P·1 ≪ a, and halving from 1 would waste the trials.
  let dmax = 0;
  for (let k = 0; k < N; k++) dmax = Math.max(dmax, Math.abs(D[k]!));
  const alpha0 = dmax > MAX_MOVE ? MAX_MOVE / dmax : 1;
  if (alpha0 < MIN_ALPHA0) {
    events.push(`Newton direction unusable (‖Δ‖∞ = ${dmax.toExponential(2)}: the Hessian is numerically singular here) at ${what}`);
    return 'failed';
  }
  const ls = armijo((alpha) => objectiveIncrease(s.P, n, m, s.r, s.c, slope, D, alpha, s.ea, s.eb), slope, { c1: settings.c1, maxTrials: settings.maxTrials, alpha0 });
  if (ls.accepted) {
    if (!sol.converged) events.push(`CG stopped (${sol.reason}) after ${sol.iterations} iterations; its direction was accepted`);
    if (shift) events.push(`step of the damped (λ = ${shift}) system accepted`);
    return { alpha: ls.alpha, density: d, D };
  }
  events.push(`line search failed after ${ls.trials} trials at ${what}`);
  return 'failed';
}

/**
 * Search for an acceptable Newton step: the carried-over damped system first (if any), then plain
 * systems at density, 2·density, ... (`densityRetries` doublings), then the damped systems of
 * {@link DAMPING}. Returns the step and the damping that produced it (0: none).
 */
function findStep(s: SNSState, settings: SNSSettings, events: string[], cgCount: { its: number }): { step: AcceptedStep; damping: number } | null {
  if (s.damping > 0) {
    const res = newtonAttempt(s, settings, s.density, s.damping, true, events, cgCount);
    if (typeof res === 'object') return { step: res, damping: s.damping };
  }
  let dLast = s.density;
  for (let t = 0; t <= settings.densityRetries; t++) {
    const d = Math.min(1, s.density * 2 ** t);
    dLast = d;
    const last = t === settings.densityRetries || d >= 1;
    const res = newtonAttempt(s, settings, d, 0, last, events, cgCount);
    if (typeof res === 'object') return { step: res, damping: 0 };
    if (last) break;
    events.push('density doubled');
  }
  // Still nothing: the Hessian is (numerically) singular, typically because the plan splits into
  // blocks coupled only by negligible entries. Levenberg–Marquardt damping M + λ·diag(M) bounds the
  // direction along those blocks' relative shifts, which the capped first step then moves by up to
  // MAX_MOVE per iteration (Sinkhorn moves them by log-ratios, far less).
  for (const lambda of DAMPING) {
    const res = newtonAttempt(s, settings, dLast, lambda, true, events, cgCount);
    if (typeof res === 'object') return { step: res, damping: lambda };
  }
  return null;
}

/** Move to U + α·Δx, V + α·Δy and update density, damping and fallback length for the next iteration. */
function takeStep(s: SNSState, settings: SNSSettings, found: { step: AcceptedStep; damping: number }, events: string[], cgIts: number): void {
  const { alpha, density: d, D } = found.step;
  const { n, m } = s.p;
  const prevGn = s.cur.gn;
  for (let i = 0; i < n; i++) s.U[i] = s.U[i]! + alpha * D[i]!;
  for (let j = 0; j < m; j++) s.V[j] = s.V[j]! + alpha * D[n + j]!;
  if (d !== s.density) events.push(`density raised from ${s.density} to ${d}`);
  s.density = d;
  if (alpha === 1) s.fallbackLen = settings.fallbackIters;
  // After a damped step, the next iteration starts damped (λ divided by 10 after each full step).
  s.damping = found.damping > 0 && alpha === 1 ? found.damping / 10 : found.damping;
  if (s.damping < MIN_DAMPING) s.damping = 0;
  s.newtonIterations++;
  s.densities.push(d);
  evaluate(s);
  // A full step that barely reduces the gradient means the sparsified Hessian misses the slow
  // modes (weak couplings between clusters of the plan): use more entries from now on.
  if (alpha === 1 && s.cur.gn > SLOW_PROGRESS * prevGn && s.density < 1) {
    events.push(`slow progress (‖∇f‖₁ ratio ${(s.cur.gn / prevGn).toPrecision(3)}) at density ${d}; density doubled for the next steps`);
    s.density = Math.min(1, 2 * s.density);
  }
  const info: SNSIterationInfo = {
    iteration: totalIterations(s), phase: 'newton', gradNorm: s.cur.gn, objective: s.cur.f,
    stepSize: alpha, density: d, cgIterations: cgIts,
  };
  if (events.length) info.event = events.join('; ');
  record(s, settings, info);
}

/**
 * One Newton iteration (stage 2): a step if one is found, else `fallbackLen` Sinkhorn iterations
 * (doubling the next fallback). Updates the best point.
 * @internal
 */
export function newtonIteration(s: SNSState, settings: SNSSettings): void {
  s.attempts++;
  const events: string[] = [];
  const cgCount = { its: 0 };
  const found = findStep(s, settings, events, cgCount);
  s.cgIterations.push(cgCount.its);
  if (found) {
    takeStep(s, settings, found, events, cgCount.its);
  } else {
    events.push(`taking ${s.fallbackLen} Sinkhorn iterations`);
    sinkhornStage(s, settings, s.fallbackLen, 'sinkhorn', events.join('; '));
    s.fallbackLen *= 2;
  }
  keepBest(s);
}

/**
 * Stage 3 when the Newton budget ran out unconverged: continue from the best point with plain
 * log-domain Sinkhorn, which converges (slowly) wherever Sinkhorn does. Sinkhorn from the best
 * point is never worse than Sinkhorn from the cold start the user would otherwise run.
 * @internal
 */
export function finishWithSinkhorn(s: SNSState, settings: SNSSettings): void {
  if (settings.finalSinkhornIters <= 0 || s.stopped || s.cur.gn <= settings.tol) return;
  restoreBest(s, false);
  const before = s.sinkhornIterations;
  sinkhornStage(s, settings, settings.finalSinkhornIters, 'sinkhorn',
    `Newton budget (${settings.maxNewtonIters} iterations) spent at ‖∇f‖₁ = ${s.best.gn.toExponential(3)}; finishing with up to ${settings.finalSinkhornIters} Sinkhorn iterations`);
  s.warnings.push(
    `the Newton stage did not converge within maxNewtonIters = ${settings.maxNewtonIters}; ` +
      `${s.sinkhornIterations - before} Sinkhorn iterations finished the solve from the best Newton point`,
  );
  keepBest(s);
}

/**
 * Return to the best point seen when the current one is worse (recording it when `note`).
 * @internal
 */
export function restoreBest(s: SNSState, note = true): void {
  if (!(s.best.gn < s.cur.gn)) return;
  s.U.set(s.best.U);
  s.V.set(s.best.V);
  evaluate(s);
  if (note) {
    s.history.push({
      iteration: totalIterations(s), phase: 'newton', gradNorm: s.cur.gn,
      event: `returned the best point seen (iteration ${s.best.iteration}), not the last iterate`,
    });
  }
}

/**
 * The default Newton budget: 100 iterations plus the capped steps needed to carry a scaled
 * potential across the range of the scaled cost G = η·(C − shift) (each capped step moves it by at
 * most MAX_MOVE). At small regularisation (large η) the potentials travel far before the Newton
 * steps become full steps: 8x8 grid, η = 1e4, needs 218 Newton iterations (range(G)/MAX_MOVE = 500).
 * @internal
 */
export function defaultNewtonBudget(G: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < G.length; k++) {
    const v = G[k]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi - lo;
  return 100 + (Number.isFinite(range) ? Math.min(100000, Math.ceil(range / MAX_MOVE)) : 0);
}
