/**
 * Epsilon scaling: solve a sequence of problems with decreasing regularisation
 * reg_k = max(reg, regStart·factor^k), each warm-started from the potentials of the previous one,
 * with log-domain Sinkhorn. Early stages are cheap (large reg converges fast) and bring the
 * potentials close to those of the target problem.
 *
 * @module
 */
import { checkNumber, checkPositiveInt } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import { type CostShift, scaledCost } from './scaled-cost.js';
import { type LoopOptions, type LoopResult, logSinkhornLoop } from './sinkhorn-log.js';
import type { OTProblem } from './validation.js';
import { optionKeys, readOptions } from '../core/options.js';

/** Options of the epsilon-scaling schedule used by {@link sinkhorn} (`epsilonScaling: true | {...}`). */
export interface EpsilonScalingOptions {
  /** First regularisation of the schedule (default: the range max(C) − min(C), at least reg). */
  regStart?: number;
  /** Ratio between successive regs, in (0, 1) (default 0.25). */
  factor?: number;
  /** Marginal-error tolerance of the intermediate stages (default max(tol, 1e-3)). */
  stageTol?: number;
  /** Iteration limit of each intermediate stage (default 1000). */
  stageMaxIter?: number;
}

/** A validated schedule. @internal */
export interface EpsilonSchedule {
  /** η of every stage, increasing; the last one is the target η. */
  etas: number[];
  stageTol: number;
  stageMaxIter: number;
}

/**
 * Build the η schedule for target `eta` from the options (`true` = defaults).
 * @throws {@link ArgumentError} on a bad option.
 * @internal
 */
export function epsilonSchedule(
  eta: number, C: Float64Array, tol: number, opt: boolean | EpsilonScalingOptions,
): EpsilonSchedule {
  const o: EpsilonScalingOptions = opt === true ? {} : (opt as EpsilonScalingOptions);
  if (o === null || typeof o !== 'object') throw new ArgumentError('epsilonScaling', opt, 'true or { regStart, factor, stageTol, stageMaxIter }');
  readOptions('sinkhorn epsilonScaling', o, optionKeys<EpsilonScalingOptions>({ regStart: true, factor: true, stageTol: true, stageMaxIter: true }));
  const reg = 1 / eta;
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < C.length; k++) {
    const c = C[k]!;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const range = hi > lo ? hi - lo : 1;
  const regStart = o.regStart === undefined ? Math.max(reg, range) : checkNumber('epsilonScaling.regStart', o.regStart, 0, Infinity, true);
  const factor = o.factor === undefined ? 0.25 : checkNumber('epsilonScaling.factor', o.factor, 0, 1, true);
  if (factor >= 1) throw new ArgumentError('epsilonScaling.factor', factor, 'a number in (0, 1)');
  const stageTol = o.stageTol === undefined ? Math.max(tol, 1e-3) : checkNumber('epsilonScaling.stageTol', o.stageTol, 0);
  const stageMaxIter = o.stageMaxIter === undefined ? 1000 : checkPositiveInt('epsilonScaling.stageMaxIter', o.stageMaxIter);
  const etas: number[] = [];
  for (let r = regStart; r > reg * (1 + 1e-12) && etas.length < 200; r *= factor) etas.push(1 / r);
  etas.push(eta);
  return { etas, stageTol, stageMaxIter };
}

/**
 * Run the schedule with log-domain Sinkhorn, converting U, V between stages (x and y are kept),
 * and leave G = η·C̃ for the final η. `onCheck` receives (total iterations, error, stage η).
 * @internal
 */
export function epsilonScalingLoop(
  p: OTProblem, shift: CostShift, G: Float64Array, U: Float64Array, V: Float64Array, sched: EpsilonSchedule, o: LoopOptions,
  onCheck?: (iteration: number, error: number, eta: number) => boolean | void,
): LoopResult {
  let total = 0;
  let prevEta = p.eta;
  let last: LoopResult = { iterations: 0, converged: false, stopped: false, error: NaN };
  let reachedFinal = false;
  for (let s = 0; s < sched.etas.length; s++) {
    const eta = sched.etas[s]!;
    const final = s === sched.etas.length - 1;
    const ratio = eta / prevEta;
    for (let i = 0; i < U.length; i++) U[i] = ratio * (U[i]! + 1) - 1;
    for (let j = 0; j < V.length; j++) V[j] = ratio * V[j]!;
    prevEta = eta;
    scaledCost(p.C, shift, eta, G);
    const offset = total;
    const budget = o.maxIter - total;
    if (budget <= 0) break;
    last = logSinkhornLoop({ ...p, eta }, G, U, V, {
      tol: final ? o.tol : sched.stageTol,
      maxIter: final ? budget : Math.min(budget, sched.stageMaxIter),
      checkEvery: o.checkEvery,
      onCheck: onCheck ? (it, e) => onCheck(offset + it, e, eta) : undefined,
    });
    total += last.iterations;
    if (final) reachedFinal = true;
    if (last.stopped || final) break;
  }
  // Make sure the potentials and G end at the target η even if the budget ran out early.
  if (prevEta !== p.eta) {
    const ratio = p.eta / prevEta;
    for (let i = 0; i < U.length; i++) U[i] = ratio * (U[i]! + 1) - 1;
    for (let j = 0; j < V.length; j++) V[j] = ratio * V[j]!;
    scaledCost(p.C, shift, p.eta, G);
  }
  return { iterations: total, converged: reachedFinal && last.converged, stopped: last.stopped, error: last.error };
}
