/**
 * The one options check every public function uses: an options argument is `undefined`, `null` or a
 * plain object whose keys the function knows. An unknown key is an {@link ArgumentError} that names
 * it and suggests the closest valid key, so a SciPy or POT spelling (`maxiter`, `iter_lim`,
 * `numItermax`, `full_matrices`) never silently does nothing.
 *
 * Also the iteration kit shared by every iterative routine: the {@link IterativeResult} fields, the
 * `onIteration` callback check and the stop verdict.
 *
 * @module
 */
import { ArgumentError } from './errors.js';

/**
 * The complete key set of an options type, written as an object literal so that the compiler checks
 * it is exhaustive: `optionKeys<CGOptions>({ tol: true, atol: true, ... })` fails to compile when a
 * field of `CGOptions` is missing from the list or a listed key is not a field.
 * @internal
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/** A checked list of the keys of an options type (see {@link OptionKeys}). @internal */
export function optionKeys<T>(keys: OptionKeys<T>): readonly string[] {
  return Object.freeze(Object.keys(keys));
}

/**
 * Spellings from SciPy, NumPy, scikit-learn and POT mapped to the concept they name here. When such
 * a key is rejected, the error suggests the first of the listed names the function accepts.
 */
const FOREIGN: Readonly<Record<string, readonly string[]>> = {
  maxiter: ['maxIter'],
  max_iter: ['maxIter'],
  iter_lim: ['maxIter'],
  itermax: ['maxIter'],
  numitermax: ['maxIter'],
  numinneritermax: ['maxIter'],
  n_iter: ['powerIters', 'maxIter'],
  maxit: ['maxIter'],
  rtol: ['tol'],
  stopthr: ['tol'],
  eps: ['tol'],
  btol: ['tol'],
  full_matrices: ['full'],
  compute_uv: ['vectors'],
  eigvals_only: ['vectors'],
  random_state: ['seed'],
  callback: ['onIteration'],
  verbose: ['onIteration'],
  log: ['onIteration'],
  n_oversamples: ['oversamples'],
  n_components: ['k'],
  lower: ['upper', 'lower'],
  trans: ['transA', 'trans'],
  unit_diagonal: ['unitDiagonal'],
  x0: ['x0'],
};

function normalize(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Levenshtein distance (small strings only). @internal */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The valid key closest to `key`: a known foreign spelling first, then the same name up to case and
 * underscores, then the nearest by edit distance (within a third of the length, at least 2).
 * @internal
 */
export function suggestKey(key: string, valid: readonly string[]): string | undefined {
  const foreign = FOREIGN[key.toLowerCase()];
  if (foreign) for (const f of foreign) if (valid.includes(f)) return f;
  const nk = normalize(key);
  for (const v of valid) if (normalize(v) === nk) return v;
  let best: string | undefined;
  let bestD = Infinity;
  for (const v of valid) {
    const d = editDistance(nk, normalize(v));
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * Check an options argument and return it as an object (a fresh `{}` for `undefined`/`null`).
 *
 * `aliases` maps an accepted alternative spelling to its canonical key (e.g. SciPy's current
 * `rtol` for `tol` in `cg`); the returned object then carries the canonical key only (a copy: the
 * caller's object is never modified). Giving both spellings with different values is an error.
 *
 * @param fn - the public function's name, used in messages (`'cg'`)
 * @param options - what the caller passed
 * @param keys - every key the function accepts (see {@link optionKeys})
 * @param aliases - alternative spelling → canonical key
 * @throws {@link ArgumentError} when `options` is not an object, or has a key not in `keys`
 * @internal
 */
export function readOptions<T extends object>(
  fn: string,
  options: T | null | undefined,
  keys: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options) || ArrayBuffer.isView(options)) {
    throw new ArgumentError(`${fn} options`, options, 'an options object (or undefined)');
  }
  let out = options as Record<string, unknown>;
  // for-in with an own-property test: no key array allocated on the common (all valid) path.
  for (const key in options) {
    if (!Object.prototype.hasOwnProperty.call(options, key) || keys.includes(key)) continue;
    const canonical = aliases?.[key];
    if (canonical !== undefined) {
      const value = out[key];
      if (out === options) out = { ...out };
      delete out[key];
      if (value === undefined) continue;
      if (out[canonical] !== undefined && out[canonical] !== value) {
        throw new ArgumentError(`${fn} options.${key}`, value, `the same value as ${canonical} (${String(out[canonical])}): ${key} is another name for ${canonical}`);
      }
      out[canonical] = value;
      continue;
    }
    const hint = suggestKey(key, [...keys, ...Object.keys(aliases ?? {})]);
    const allowed = `one of the known options${hint ? ` (did you mean "${hint}"?)` : ''}: ${keys.join(', ')}`;
    throw new ArgumentError(`${fn} options.${key}`, out[key], allowed);
  }
  return out as T;
}

/** A per-iteration callback: returning `false` stops the routine (`stopped: true`). */
export type OnIteration<I> = (info: I) => boolean | void;

/**
 * The fields every iterative routine returns, so that progress bars, plots and convergence checks
 * work the same way across `cg`, `lsqr`, `eigsh`, `sinkhorn`, `sinkhornNewtonSparse` and the solvers.
 */
export interface IterativeResult<Reason extends string = string, Record = unknown> {
  /** The stopping criterion was met. */
  converged: boolean;
  /** Outer iterations done. */
  iterations: number;
  /**
   * The convergence curve, one entry per check: the residual or objective the stopping test reads
   * (a number, or a record holding it with the iteration's other figures).
   */
  history: Record[];
  /** Why the routine stopped (`'converged'`, `'maxIter'`, `'stopped'`, or a routine-specific cause). */
  reason: Reason;
  /** `onIteration` returned `false`. */
  stopped: boolean;
}

/**
 * Validate an optional `onIteration`-style callback.
 * @throws {@link ArgumentError} when it is neither undefined nor a function
 * @internal
 */
export function checkCallback<I>(v: unknown, name = 'onIteration'): OnIteration<I> | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'function') throw new ArgumentError(name, v, 'a function (info) => boolean | void');
  return v as OnIteration<I>;
}

/** Call `cb(info)` if there is one; true when it asked to stop (returned `false`). @internal */
export function askStop<I>(cb: OnIteration<I> | undefined, info: I): boolean {
  return cb !== undefined && cb(info) === false;
}

/**
 * The shared result fields from a stopping reason: `converged` is `reason === 'converged'`,
 * `stopped` is `reason === 'stopped'`.
 * @internal
 */
export function iterativeResult<R extends string, H>(reason: R, iterations: number, history: H[]): IterativeResult<R, H> {
  return { converged: reason === 'converged', iterations, history, reason, stopped: reason === 'stopped' };
}

/** A boolean option (default `def`). @internal */
export function optBool(name: string, v: unknown, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new ArgumentError(name, v, 'true or false');
  return v;
}

/** A string option that must be one of `choices` (default `def`). @internal */
export function optChoice<T extends string>(name: string, v: unknown, choices: readonly T[], def: T): T {
  if (v === undefined) return def;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw new ArgumentError(name, v, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
  }
  return v as T;
}

/** An optional [low, high] range with low ≤ high (finite), or undefined. @internal */
export function optRange(name: string, v: unknown): readonly [number, number] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number' ||
    !Number.isFinite(v[0]) || !Number.isFinite(v[1]) || v[0] > v[1]) {
    throw new ArgumentError(name, v, 'a pair [low, high] of finite numbers with low ≤ high');
  }
  return [v[0], v[1]];
}
