/**
 * Zero-mass bins: the solvers work on the support of a and b (rows and columns with positive
 * mass), and results are expanded back. A zero-mass row gets the potential −∞, so the formula
 * P_ij = exp(η(x_i + y_j − C_ij) − 1) gives it an exactly zero row of the plan.
 *
 * @module
 * @internal
 */
import type { OTProblem } from './validation.js';
import { allocFloat64 } from '../core/alloc.js';

/** A problem restricted to its support, with the maps back to the full index sets. @internal */
export interface ReducedProblem {
  /** The problem on the support (the input problem itself when nothing was removed). */
  readonly problem: OTProblem;
  /** Full row index of each kept row, or null when every row is kept. */
  readonly rows: Int32Array | null;
  /** Full column index of each kept column, or null when every column is kept. */
  readonly cols: Int32Array | null;
}

function positives(x: Float64Array): Int32Array | null {
  let count = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) count++;
  if (count === x.length) return null;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; i < x.length; i++) if (x[i]! > 0) out[k++] = i;
  return out;
}

/** Restrict to the rows/columns with positive mass; O(n·m) only when something is removed. @internal */
export function reduceSupport(p: OTProblem): ReducedProblem {
  const rows = positives(p.a);
  const cols = positives(p.b);
  if (!rows && !cols) return { problem: p, rows: null, cols: null };
  const n = rows ? rows.length : p.n;
  const m = cols ? cols.length : p.m;
  const a = rows ? Float64Array.from(rows, (i) => p.a[i]!) : p.a;
  const b = cols ? Float64Array.from(cols, (j) => p.b[j]!) : p.b;
  const C = allocFloat64('sinkhornNewtonSparse', 'cost entries', n * m);
  for (let i = 0; i < n; i++) {
    const src = (rows ? rows[i]! : i) * p.m;
    const dst = i * m;
    if (cols) for (let j = 0; j < m; j++) C[dst + j] = p.C[src + cols[j]!]!;
    else C.set(p.C.subarray(src, src + m), dst);
  }
  return { problem: { n, m, a, b, C, eta: p.eta }, rows, cols };
}

/** Expand a reduced vector to `full` entries, filling removed positions with `fill`. @internal */
export function expandVector(v: Float64Array, map: Int32Array | null, full: number, fill: number): Float64Array {
  if (!map) return v;
  const out = new Float64Array(full).fill(fill);
  for (let k = 0; k < map.length; k++) out[map[k]!] = v[k]!;
  return out;
}

/** Expand a reduced row-major plan (zeros elsewhere). @internal */
export function expandPlan(P: Float64Array, red: ReducedProblem, n: number, m: number): Float64Array {
  const { rows, cols } = red;
  if (!rows && !cols) return P;
  const nr = rows ? rows.length : n;
  const mr = cols ? cols.length : m;
  const out = allocFloat64('sinkhornNewtonSparse', 'plan entries', n * m);
  for (let i = 0; i < nr; i++) {
    const dst = (rows ? rows[i]! : i) * m;
    const src = i * mr;
    if (cols) for (let j = 0; j < mr; j++) out[dst + cols[j]!] = P[src + j]!;
    else out.set(P.subarray(src, src + mr), dst);
  }
  return out;
}
