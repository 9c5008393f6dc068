/**
 * Option checks shared by the coordinate-descent solvers and the models built on them: unknown
 * keys are rejected (a misspelt `maxiter` must not be silently ignored), and named choices are
 * checked against their list.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/errors.js';

/**
 * Throw ArgumentError naming the first key of `options` that is not in `allowed`.
 * `undefined` or `{}` pass. @internal
 */
export function checkOptionKeys(fn: string, options: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ArgumentError(`${fn} options`, options, 'an options object');
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new ArgumentError(key, (options as Record<string, unknown>)[key], `no such option of ${fn} (known: ${allowed.join(', ')})`);
  }
  return options as Record<string, unknown>;
}

/** A string option that must be one of `choices` (default `def`). @internal */
export function optChoice<T extends string>(name: string, v: unknown, choices: readonly T[], def: T): T {
  if (v === undefined) return def;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw new ArgumentError(name, v, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
  }
  return v as T;
}

/** A boolean option (default `def`). @internal */
export function optBool(name: string, v: unknown, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new ArgumentError(name, v, 'true or false');
  return v;
}
