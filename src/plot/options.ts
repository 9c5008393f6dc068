/**
 * Option checks shared by the plots: the options object itself (unknown keys rejected) and SVG
 * text escaping.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../core/errors.js';

/** Validate an options object against its allowed keys (undefined becomes `{}`). @internal */
export function checkPlotOptions<T extends object>(options: T | undefined, allowed: readonly string[]): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new ArgumentError('options', options, 'an options object');
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new ArgumentError(key, (options as Record<string, unknown>)[key], `a known option (${allowed.join(', ')})`);
  }
  return options;
}

/** Escape text for SVG content and attribute values. @internal */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with at most 2 decimals, without trailing zeros (compact SVG). @internal */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}
