/**
 * Index-list arguments of `slice`, `getRow`, `getCol`.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../core/errors.js';

/** A list of row or column indices; `null`/`undefined` selects all. Negative indices count from the end. */
export type IndexList = ArrayLike<number> | null | undefined;

/** Normalise an index list against dimension `n` (negatives count from the end). @internal */
export function normalizeIndexList(list: IndexList, n: number, name: string): Int32Array | null {
  if (list === null || list === undefined) return null;
  const out = new Int32Array(list.length);
  for (let t = 0; t < list.length; t++) {
    let v = list[t]!;
    if (!Number.isInteger(v) || v < -n || v >= n) throw new ArgumentError(`${name}[${t}]`, v, `an integer in [-${n}, ${n})`);
    if (v < 0) v += n;
    out[t] = v;
  }
  return out;
}
