/**
 * SVG text helpers shared by the plots: escaping and compact coordinates.
 *
 * @module
 * @internal
 */

/** Escape text for SVG content and attribute values. @internal */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with at most 2 decimals, without trailing zeros (compact SVG). @internal */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}
