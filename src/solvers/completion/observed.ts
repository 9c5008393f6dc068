/**
 * The observed entries of a partially known matrix, read once from a COO/CSR/CSC matrix into two
 * groupings on typed arrays: by row (the problems of the U-step) and by column (the V-step).
 *
 * @module
 * @internal
 */
import { ArgumentError, FormatError } from '../../core/index.js';
import { COOMatrix, CSCMatrix, CSRMatrix } from '../../formats/index.js';

/** Triplets (row, col, value) with the full shape. @internal */
export interface Triplets {
  readonly m: number;
  readonly n: number;
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

/**
 * Entries grouped by one index: group g holds entries `ptr[g]..ptr[g+1]`, whose other index is
 * `idx[p]` and value `val[p]`. This is the layout of the batch of least-squares problems of one
 * half-step (one problem per group). @internal
 */
export interface Grouped {
  readonly count: number;
  readonly ptr: Int32Array;
  readonly idx: Int32Array;
  val: Float64Array;
  /** Position of each grouped entry in the triplet order. */
  readonly perm: Int32Array;
}

/**
 * Read and validate the observed entries: indices inside the shape (FormatError), finite values
 * (ArgumentError), no repeated (i, j) pair (ArgumentError: a repeated rating is ambiguous, so it is
 * refused rather than summed). The caller's arrays are copied, never modified. The grouping by
 * row made for the check comes with the triplets.
 * @internal
 */
export function readObserved(observed: unknown, name = 'observed'): Triplets & { readonly byRow: Grouped } {
  let row: Int32Array;
  let col: Int32Array;
  let val: Float64Array;
  let m: number;
  let n: number;
  if (observed instanceof COOMatrix) {
    [m, n] = observed.shape;
    row = Int32Array.from(observed.row);
    col = Int32Array.from(observed.col);
    val = Float64Array.from(observed.data);
  } else if (observed instanceof CSRMatrix || observed instanceof CSCMatrix) {
    const c = observed.toCOO();
    [m, n] = c.shape;
    row = Int32Array.from(c.row);
    col = Int32Array.from(c.col);
    val = Float64Array.from(c.data);
  } else {
    throw new ArgumentError(name, observed, 'a COOMatrix, CSRMatrix or CSCMatrix of the observed entries');
  }
  for (let p = 0; p < val.length; p++) {
    const i = row[p]!;
    const j = col[p]!;
    if (i < 0 || i >= m) throw new FormatError(`${name}.row`, p, `a row index in [0, ${m})`, i);
    if (j < 0 || j >= n) throw new FormatError(`${name}.col`, p, `a column index in [0, ${n})`, j);
    const v = val[p]!;
    if (v - v !== 0) throw new ArgumentError(`${name}.data[${p}]`, v, 'a finite number');
  }
  const t = { m, n, row, col, val };
  const byRow = groupBy(t, true);
  // Repeated pairs: within a row, a column seen twice.
  const last = new Int32Array(n).fill(-1);
  for (let i = 0; i < m; i++) {
    for (let p = byRow.ptr[i]!; p < byRow.ptr[i + 1]!; p++) {
      const j = byRow.idx[p]!;
      if (last[j] === i) {
        throw new ArgumentError(`${name} entry (${i}, ${j})`, 'a repeated entry', 'each (row, column) pair at most once (duplicates are refused, not summed)');
      }
      last[j] = i;
    }
  }
  return { ...t, byRow };
}

/** Group the triplets by row (`byRow`) or by column, by a counting sort. O(nnz + m + n). @internal */
export function groupBy(t: Triplets, byRow: boolean): Grouped {
  const key = byRow ? t.row : t.col;
  const other = byRow ? t.col : t.row;
  const count = byRow ? t.m : t.n;
  const nnz = t.val.length;
  const ptr = new Int32Array(count + 1);
  for (let p = 0; p < nnz; p++) ptr[key[p]! + 1]!++;
  for (let g = 0; g < count; g++) ptr[g + 1]! += ptr[g]!;
  const next = ptr.slice(0, count);
  const idx = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  const perm = new Int32Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const q = next[key[p]!]!++;
    idx[q] = other[p]!;
    val[q] = t.val[p]!;
    perm[q] = p;
  }
  return { count, ptr, idx, val, perm };
}

/** The triplets at the given positions (a subset of the entries, e.g. a training split). @internal */
export function subset(t: Triplets, keep: Int32Array): Triplets {
  const row = new Int32Array(keep.length);
  const col = new Int32Array(keep.length);
  const val = new Float64Array(keep.length);
  for (let q = 0; q < keep.length; q++) {
    const p = keep[q]!;
    row[q] = t.row[p]!;
    col[q] = t.col[p]!;
    val[q] = t.val[p]!;
  }
  return { m: t.m, n: t.n, row, col, val };
}

/** Rows (or columns) without any entry. @internal */
export function emptyGroups(g: Grouped): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < g.count; i++) if (g.ptr[i] === g.ptr[i + 1]) out.push(i);
  return Int32Array.from(out);
}
