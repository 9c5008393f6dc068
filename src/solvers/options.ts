/**
 * Option-object checks shared by the solver families: an options argument must be a plain object
 * whose keys are all known.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../core/errors.js';

/**
 * Throw ArgumentError unless `options` is an object whose keys all appear in `known`.
 * @internal
 */
export function checkOptionKeys(options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new ArgumentError('options', options, 'an options object');
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new ArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], `no such option (known: ${known.join(', ')})`);
  }
  return options as Record<string, unknown>;
}
