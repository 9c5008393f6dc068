// Shared checks of the SBL tests.

/** max |a − b| / max |b|. */
export function maxRel(a: Float64Array, b: Float64Array): number {
  let e = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    e = Math.max(e, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return e / s;
}
