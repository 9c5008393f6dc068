/**
 * Number formatting for the Matrix Market writer.
 *
 * @module
 * @internal
 */

/**
 * A value as Matrix Market text: with `precision` undefined, the shortest decimal that parses back
 * to exactly `v` (`String(v)`, which is shortest round-trip; `-0` keeps its sign); otherwise
 * `toPrecision(precision)`. Non-finite values are written `inf`, `-inf`, `nan` (as C's printf and
 * SciPy do). @internal
 */
export function formatValue(v: number, precision?: number): string {
  if (v !== v) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (precision !== undefined) return v.toPrecision(precision);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  return String(v);
}

/** An integer value written out in full (no exponent, even from 10^21 up), for the `integer` field. @internal */
export function formatInteger(v: number): string {
  return Math.abs(v) >= 1e21 ? BigInt(v).toString() : String(v);
}
