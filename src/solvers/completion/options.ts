/**
 * Option reading shared by `completeMatrix` and `softImpute`.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/index.js';

/**
 * Throw ArgumentError on a non-object or on a key outside `allowed` (a misspelt option must not be
 * silently ignored). Kept minimal here until core/ has a shared strict-options helper.
 * @internal
 */
export function checkOptionKeys(options: unknown, allowed: readonly string[], fn: string): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ArgumentError('options', options, `an options object for ${fn}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new ArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], `one of the options of ${fn}: ${allowed.join(', ')}`);
  }
  return options as Record<string, unknown>;
}

/** Optional boolean option. @internal */
export function optBoolean(name: string, v: unknown, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new ArgumentError(name, v, 'true or false');
  return v;
}

/** Optional [low, high] range with low ≤ high (finite), or undefined. @internal */
export function optRange(name: string, v: unknown): readonly [number, number] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number' ||
    !Number.isFinite(v[0]) || !Number.isFinite(v[1]) || v[0] > v[1]) {
    throw new ArgumentError(name, v, 'a pair [low, high] of finite numbers with low ≤ high');
  }
  return [v[0], v[1]];
}
