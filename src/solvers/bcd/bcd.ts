/**
 * The block coordinate descent driver: one block per iteration, chosen by a rule from a partition
 * (or a variable block), moved by an update, with the smooth part's state kept up to date.
 *
 * @module
 */
import { checkNumber, checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { createRng, type Seed } from '../../core/rng.js';
import { choSolve, eigh } from '../../linalg/index.js';
import { buildForest, type Forest, forestSolve } from './message-passing.js';
import { type BcdPartition, makePartition } from './partitions.js';
import { type BcdProblem, modelOf } from './problems.js';
import { type BcdSelection, type BlockInfo, pickFixed, pickVariable } from './selection.js';
import { type BcdUpdate, factor, gradientStep, newtonStep, prox, treeStep } from './updates.js';
import { readOptions, optBool, optChoice } from '../../core/options.js';
import { HeapSelector } from './heap-selection.js';

/** What `onIteration` receives before each block update (and once at the end). */
export interface BcdIterationInfo {
  /** Iterations (block updates) done so far. */
  iteration: number;
  /** F(x) = f(x) + λ‖x‖₁. */
  objective: number;
  /** Optimality measure: ‖G(x)‖∞ of the gradient mapping Gᵢ = Lᵢ(xᵢ − prox(xᵢ − ∇ᵢf/Lᵢ)) (= ‖∇f‖∞ when smooth). */
  optimality: number;
}

/** Options of {@link bcd}. */
export interface BcdOptions {
  /** Variables per block (default 5; graph partitions choose their own sizes). */
  blockSize?: number;
  /** `'contiguous'` (default), `'sorted'`, `'balanced'`, `'variable'`, `'red-black'` or `'tree'` (the last two for quadratics). */
  partition?: BcdPartition;
  /** `'cyclic'`, `'random'`, `'lipschitz'`, `'gs'`, `'gsl'` (default) or `'gsq'`. */
  selection?: BcdSelection;
  /** `'gradient'` (1/L_b, default), `'newton'`, `'linesearch'` or `'tree'` (message passing; default for graph partitions). */
  update?: BcdUpdate;
  /** Iteration (block update) limit (default 1000). */
  maxIter?: number;
  /** Stop when the optimality measure ≤ tol (default 1e-6). */
  tol?: number;
  /**
   * Greedy rules (`'gs'`, `'gsl'`, `'gsq'`) pick through a max-heap of the scores, rekeying only
   * the blocks whose gradient entries an update changed (default true; dropped for the scan when
   * most updates change more than a quarter of the blocks); false scans every block. Both give
   * the same picks.
   */
  heap?: boolean;
  /** Seed of the random rules. */
  seed?: Seed;
  /** Starting point (default zeros); not modified. */
  x0?: VectorLike;
  /** Called before each iteration; return `false` to stop. */
  onIteration?: (info: BcdIterationInfo) => boolean | void;
}

/** Result of {@link bcd}. */
export interface BcdResult {
  /** The final iterate. */
  x: Float64Array;
  /** F at x. */
  objective: number;
  /** The optimality measure reached tol. */
  converged: boolean;
  /** Block updates done. */
  iterations: number;
  /** F and the optimality measure before each iteration and at the end (length iterations + 1). */
  history: { objective: number[]; optimality: number[] };
  /** `onIteration` returned false. */
  stopped: boolean;
}

const KEYS = ['blockSize', 'partition', 'selection', 'update', 'maxIter', 'tol', 'heap', 'seed', 'x0', 'onIteration'];
const PARTITIONS = ['contiguous', 'sorted', 'balanced', 'variable', 'red-black', 'tree'] as const;
const RULES = ['cyclic', 'random', 'lipschitz', 'gs', 'gsl', 'gsq'] as const;
const UPDATES = ['gradient', 'newton', 'linesearch', 'tree'] as const;

/** Largest eigenvalue of a small symmetric block (Gershgorin's bound beyond 64 variables). */
function lambdaMax(H: DenseMatrix): number {
  const k = H.rows;
  if (k <= 64) {
    const v = eigh(H, { vectors: false }).values;
    return Math.max(v[k - 1]!, Number.MIN_VALUE);
  }
  let m = 0;
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.abs(H.data[a * k + c]!);
    m = Math.max(m, s);
  }
  return m;
}

/**
 * Block coordinate descent with greedy block rules (Nutini, Laradji, Schmidt, JMLR 2022).
 *
 * Minimizes F(x) = f(x) + λ‖x‖₁ (or f over x ≥ 0) for a {@link BcdProblem}. Each iteration picks a
 * block b by the selection rule and sets x_b ← x_b + δ with δ from the update: gradient
 * δ = prox_{λ/L_b}(x_b − ∇_b f/L_b) − x_b (L_b the largest eigenvalue of the block Hessian or its
 * bound), Newton δ = −H_b⁻¹∇_b f (with the penalty: the block's penalized quadratic model,
 * minimized), line search (the gradient step with L_b doubled until f(x + δ) ≤ f(x) + ∇_b fᵀδ +
 * ½L_b‖δ‖²), or tree: the exact minimization over a block that is a forest of a quadratic's
 * graph, by message passing in O(|b|). The greedy rules GS / GSL / GSQ maximize ‖∇_b f‖²,
 * ‖∇_b f‖²/L_b and ∇_b fᵀH_b⁻¹∇_b f.
 *
 * Complexity per iteration: O(n) to score the blocks (O(n·k) for GSQ with fixed blocks of k),
 * plus the update: O(nnz of the block's columns and of the rows they touch) for least squares and
 * logistic problems, O(nnz(Q_{:,b})) for quadratics, plus k³ for Newton steps on new blocks.
 *
 * @param problem - made by {@link leastSquaresProblem}, {@link logisticProblem}, {@link quadraticProblem} or {@link labelPropagationProblem}
 * @param options - {@link BcdOptions}
 * @returns {@link BcdResult}; non-convergence gives `converged: false`
 * @throws {@link ArgumentError} on an unknown partition, rule, update or option, a bad number,
 *   `'tree'` updates on a block that is not a forest or with a penalty; {@link ShapeError} when x0
 *   does not match.
 *
 * @example
 * ```ts
 * import { bcd, leastSquaresProblem } from 'sparsity';
 * const A = [[2, 0, 1], [0, 1, 0], [1, 0, 3], [0, 1, 1]];
 * const P = leastSquaresProblem(A, [3, 1, 4, 2]);
 * const r = bcd(P, { blockSize: 1, selection: 'gsl', maxIter: 500, tol: 1e-10 });
 * r.converged; // => true
 * Array.from(r.x, (v) => Number(v.toFixed(6))); // => [1, 1, 1]
 * ```
 */
export function bcd(problem: BcdProblem, options: BcdOptions = {}): BcdResult {
  const model = modelOf(problem);
  const o = readOptions<Record<string, unknown>>('bcd', options as Record<string, unknown> | undefined, KEYS);
  const partition = optChoice('partition', o.partition, PARTITIONS, 'contiguous');
  const graphPartition = partition === 'tree' || partition === 'red-black';
  const selection = optChoice('selection', o.selection, RULES, 'gsl');
  const update = optChoice('update', o.update, UPDATES, graphPartition ? 'tree' : 'gradient');
  const blockSize = o.blockSize === undefined ? 5 : checkPositiveInt('blockSize', o.blockSize);
  const maxIter = o.maxIter === undefined ? 1000 : checkPositiveInt('maxIter', o.maxIter);
  const tol = o.tol === undefined ? 1e-6 : checkNumber('tol', o.tol, 0);
  const cb = o.onIteration;
  if (cb !== undefined && typeof cb !== 'function') throw new ArgumentError('onIteration', cb, 'a function (info) => boolean | void');
  const n = model.n;
  const { l1, nonNegative } = problem;
  if (update === 'tree' && (!model.graph || l1 > 0 || nonNegative)) {
    throw new ArgumentError('update', 'tree', 'a quadratic problem without L1 penalty or x ≥ 0 (message passing solves a linear system)');
  }
  if (update === 'tree' && partition === 'variable') throw new ArgumentError('partition', 'variable', "a fixed partition with update 'tree'");
  const x0 = o.x0 === undefined ? new Float64Array(n) : toFloat64(o.x0 as VectorLike, 'x0');
  if (x0.length !== n) throw new ShapeError('bcd', n, x0.length, 'do not match (problem size vs x0 length)');
  const rng = createRng(o.seed as Seed | undefined);
  model.reset(x0);
  const L = model.L;
  const x = model.x;
  const g = model.grad;

  // Fixed partitions: blocks, L_b, and what GSQ / Newton / tree updates need.
  let blocks: Int32Array[] | null = null;
  let forests: Forest[] | null = null;
  const hess = new Map<number, { H: DenseMatrix; chol: ReturnType<typeof factor> }>();
  const blockHess = (b: number, blk: Int32Array): { H: DenseMatrix; chol: ReturnType<typeof factor> } => {
    let e = model.constantHessian ? hess.get(b) : undefined;
    if (!e) {
      const H = model.blockHessian(blk);
      e = { H, chol: factor(H) };
      if (model.constantHessian) hess.set(b, e);
    }
    return e;
  };
  const info: BlockInfo = { lb: new Float64Array(0), quad: null };
  let cumL: Float64Array;
  if (partition !== 'variable') {
    blocks = makePartition(partition, L, blockSize, model.graph);
    if (update === 'tree') {
      const scratch = new Int32Array(n).fill(-1);
      forests = blocks.map((blk) => buildForest(model.graph!, blk, scratch));
      blocks = forests.map((f) => f.nodes);
    }
    const B = blocks.length;
    info.lb = new Float64Array(B);
    const needExact = selection === 'gsq' || selection === 'gsl' || selection === 'lipschitz' || update === 'gradient';
    for (let b = 0; b < B; b++) {
      const blk = blocks[b]!;
      if (needExact && !forests) info.lb[b] = lambdaMax(blockHess(b, blk).H);
      else if (needExact) info.lb[b] = lambdaMax(model.blockHessian(blk));
      else info.lb[b] = blk.reduce((m, j) => Math.max(m, L[j]!), 0);
    }
    if (selection === 'gsq') {
      info.quad = blocks.map((blk, b) => {
        if (forests) {
          const f = forests[b]!;
          const z = new Float64Array(blk.length);
          return (gb: Float64Array) => {
            forestSolve(f, gb, z);
            let s = 0;
            for (let a = 0; a < gb.length; a++) s += gb[a]! * z[a]!;
            return s;
          };
        }
        // gᵀH_b⁻¹g with the explicit inverse (k x k, formed once): O(k²) per score.
        const { chol } = blockHess(b, blk);
        const k = blk.length;
        const inv = new Float64Array(k * k);
        if (chol) {
          const e = new Float64Array(k);
          for (let c = 0; c < k; c++) {
            e.fill(0);
            e[c] = 1;
            inv.set(choSolve(chol, e), c * k);
          }
        }
        return (gb: Float64Array) => {
          let s = 0;
          for (let a = 0; a < k; a++) {
            let t = 0;
            for (let c = 0; c < k; c++) t += inv[a * k + c]! * gb[c]!;
            s += gb[a]! * t;
          }
          return s;
        };
      });
    }
    cumL = new Float64Array(B);
    for (let b = 0, s = 0; b < B; b++) cumL[b] = s += info.lb[b]!;
  } else {
    cumL = new Float64Array(n);
    for (let i = 0, s = 0; i < n; i++) cumL[i] = s += L[i]!;
  }
  const greedy = selection === 'gs' || selection === 'gsl' || selection === 'gsq';
  let selector = optBool('heap', o.heap, true) && greedy ? new HeapSelector(selection, blocks, info, L) : null;
  let changes = selector ? selector.changes : null;
  const lhat = blocks ? Float64Array.from(blocks, (blk) => blk.reduce((m, j) => Math.max(m, L[j]!), 0)) : null;

  const smooth = l1 === 0 && !nonNegative;
  const G = smooth ? g : new Float64Array(n);
  const objective = (): number => {
    let f = model.value();
    if (l1 > 0) for (let i = 0; i < n; i++) f += l1 * Math.abs(x[i]!);
    return f;
  };
  const measure = (): number => {
    let m = 0;
    for (let i = 0; i < n; i++) {
      let v = g[i]!;
      if (!smooth) {
        v = L[i]! > 0 ? L[i]! * (x[i]! - prox(x[i]! - g[i]! / L[i]!, l1 / L[i]!, nonNegative)) : 0;
        G[i] = v;
      }
      m = Math.max(m, Math.abs(v));
    }
    return m;
  };
  const hist = { objective: [] as number[], optimality: [] as number[] };
  let delta = new Float64Array(Math.max(blockSize, 1));
  let iterations = 0;
  let stopped = false;
  let converged = false;
  for (;;) {
    const F = objective();
    const opt = measure();
    hist.objective.push(F);
    hist.optimality.push(opt);
    if (opt <= tol) {
      converged = true;
      break;
    }
    if (cb && cb({ iteration: iterations, objective: F, optimality: opt }) === false) {
      stopped = true;
      break;
    }
    if (iterations >= maxIter) break;
    let b = -1;
    let blk: Int32Array;
    if (blocks) {
      b = selector ? selector.pickBlock(G) : pickFixed(selection, iterations, blocks, info, G, rng, cumL);
      blk = blocks[b]!;
    } else {
      blk = selector ? selector.pickCoordinates(G, blockSize) : pickVariable(selection, iterations, blockSize, L, G, rng, cumL);
    }
    if (delta.length < blk.length) delta = new Float64Array(blk.length);
    const d = delta.subarray(0, blk.length);
    if (update === 'tree') {
      treeStep(g, forests![b]!, d);
      model.move(blk, d, changes);
    } else if (update === 'newton') {
      const e = b >= 0 ? blockHess(b, blk) : { H: model.blockHessian(blk), chol: null as ReturnType<typeof factor> };
      if (b < 0 && smooth) e.chol = factor(e.H);
      newtonStep(x, g, blk, e.H, e.chol, l1, nonNegative, d);
      model.move(blk, d, changes);
    } else if (update === 'gradient') {
      const lb = b >= 0 ? info.lb[b]! : lambdaMax(model.blockHessian(blk));
      gradientStep(x, g, blk, lb, l1, nonNegative, d);
      model.move(blk, d, changes);
    } else {
      // Backtracking: double L̂_b until f(x + δ) ≤ f(x) + ∇_bᵀδ + ½L̂_b‖δ‖².
      let lh = b >= 0 ? lhat![b]! : blk.reduce((m, j) => Math.max(m, L[j]!), 0);
      const f0 = model.value();
      for (let t = 0; t < 60; t++) {
        gradientStep(x, g, blk, lh, l1, nonNegative, d);
        let lin = 0;
        let sq = 0;
        for (let a = 0; a < blk.length; a++) {
          lin += g[blk[a]!]! * d[a]!;
          sq += d[a]! * d[a]!;
        }
        model.move(blk, d, changes);
        if (model.value() <= f0 + lin + 0.5 * lh * sq + 1e-12 * Math.abs(f0)) break;
        for (let a = 0; a < blk.length; a++) d[a] = -d[a]!;
        model.move(blk, d, changes);
        lh *= 2;
      }
      if (b >= 0) lhat![b] = lh;
    }
    // x_b moved, so the gradient mapping of the block changed even where ∇f did not.
    if (changes) for (let a = 0; a < blk.length; a++) changes.add(blk[a]!);
    if (selector && !selector.pays()) {
      selector = null;
      changes = null;
    }
    iterations++;
  }
  return { x: x.slice(), objective: hist.objective.at(-1)!, converged, iterations, history: hist, stopped };
}
