/**
 * Graphs that the fill-reducing orderings work on: the pattern of A + Aᵀ (for Cholesky and for LU
 * with a symmetric pattern) and the pattern of AᵀA (column orderings for LU), both without the
 * diagonal, as adjacency lists in compressed-column form.
 *
 * @module
 * @internal
 */
import type { CSCMatrix } from '../../formats/index.js';

/** Adjacency lists of an undirected graph on n nodes: neighbours of j are idx[ptr[j]..ptr[j+1]). @internal */
export interface Graph {
  n: number;
  ptr: Int32Array;
  idx: Int32Array;
}

/**
 * Pattern of A + Aᵀ without the diagonal (each edge once per endpoint). O(nnz(A) + n).
 * With `lowerOnly`, only the entries on or below the diagonal are read (the symmetric matrix is
 * given by its lower triangle, as the Cholesky factorization reads it).
 * @internal
 */
export function symmetricPattern(A: CSCMatrix, lowerOnly = false): Graph {
  const n = A.shape[1];
  const ap = A.indptr;
  const ai = A.indices;
  const cnt = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (i === j || (lowerOnly && i < j)) continue;
      cnt[i]!++;
      cnt[j]!++;
    }
  }
  const ptr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) ptr[j + 1] = ptr[j]! + cnt[j]!;
  const pos = ptr.slice(0, n);
  const tmp = new Int32Array(ptr[n]!);
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (i === j || (lowerOnly && i < j)) continue;
      tmp[pos[i]!++] = j;
      tmp[pos[j]!++] = i;
    }
  }
  // Remove the duplicates that symmetric entries (i, j) and (j, i) produced.
  const mark = new Int32Array(n).fill(-1);
  const out = new Int32Array(tmp.length);
  const optr = new Int32Array(n + 1);
  let q = 0;
  for (let j = 0; j < n; j++) {
    for (let p = ptr[j]!; p < ptr[j + 1]!; p++) {
      const i = tmp[p]!;
      if (mark[i] === j) continue;
      mark[i] = j;
      out[q++] = i;
    }
    optr[j + 1] = q;
  }
  return { n, ptr: optr, idx: out.slice(0, q) };
}

/** What one pass over a canonical square CSC A finds about its symmetry. @internal */
export interface Symmetry {
  /** The pattern is symmetric with every diagonal entry stored. */
  pattern: boolean;
  /** A = Aᵀ (values included) with a positive diagonal; implies `pattern`. */
  values: boolean;
  /** Every diagonal value is nonzero; only meaningful when `pattern` (false otherwise). */
  zeroFreeDiagonal: boolean;
}

/**
 * {@link Symmetry} of canonical square CSC A, in one pass without forming Aᵀ: the entries above
 * the diagonal of column i, in increasing row order, must be matched by the entries below the
 * diagonal in row i met column by column; cur[i] is the next one to match. Stops at the first
 * unmatched entry. O(nnz(A) + n).
 * @internal
 */
export function symmetryOf(A: CSCMatrix): Symmetry {
  const n = A.shape[0];
  const { indptr, indices, data } = A;
  const cur = indptr.slice(0, n);
  const none: Symmetry = { pattern: false, values: false, zeroFreeDiagonal: false };
  let values = true;
  let zeroFreeDiagonal = true;
  for (let j = 0; j < n; j++) {
    let diag = false;
    for (let p = indptr[j]!; p < indptr[j + 1]!; p++) {
      const i = indices[p]!;
      if (i < j) continue;
      if (i === j) {
        const d = data[p]!;
        if (!(d > 0)) {
          values = false;
          if (d === 0) zeroFreeDiagonal = false;
        }
        diag = true;
        continue;
      }
      const q = cur[i]!;
      if (q >= indptr[i + 1]! || indices[q] !== j) return none;
      if (values && data[q] !== data[p]) values = false;
      cur[i] = q + 1;
    }
    if (!diag) return none;
  }
  // Every entry above a diagonal was matched.
  for (let i = 0; i < n; i++) {
    const q = cur[i]!;
    if (q < indptr[i + 1]! && indices[q]! < i) return none;
  }
  return { pattern: true, values, zeroFreeDiagonal };
}

/**
 * Whether canonical square CSC A has a symmetric pattern with every diagonal entry stored; with
 * `values`, whether A = Aᵀ (values included) with a positive diagonal (see {@link symmetryOf}).
 * @internal
 */
export function isSymmetric(A: CSCMatrix, values: boolean): boolean {
  const s = symmetryOf(A);
  return values ? s.values : s.pattern;
}

/**
 * Pattern of A without the diagonal, for a canonical CSC A whose pattern is symmetric: the same
 * graph as {@link symmetricPattern} (same lists, same order) in one copy. O(nnz(A) + n).
 * @internal
 */
export function offDiagonalPattern(A: CSCMatrix): Graph {
  const n = A.shape[1];
  const ap = A.indptr;
  const ai = A.indices;
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(ap[n]!);
  let q = 0;
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (i !== j) idx[q++] = i;
    }
    ptr[j + 1] = q;
  }
  return { n, ptr, idx: idx.subarray(0, q) };
}

/**
 * Pattern of AᵀA without the diagonal, ignoring rows with more than `denseRow` entries (a dense row
 * would make AᵀA dense and says nothing useful about the column order). O(Σ over rows of count²).
 * @internal
 */
export function ataPattern(A: CSCMatrix, denseRow: number): Graph {
  const [m, n] = A.shape;
  const ap = A.indptr;
  const ai = A.indices;
  // Row-wise pattern (the transpose), skipping dense rows.
  const rc = new Int32Array(m + 1);
  for (let p = 0; p < ap[n]!; p++) rc[ai[p]!]!++;
  const rowDense = new Uint8Array(m);
  for (let i = 0; i < m; i++) if (rc[i]! > denseRow) rowDense[i] = 1;
  const rp = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) rp[i + 1] = rp[i]! + (rowDense[i] ? 0 : rc[i]!);
  const rpos = rp.slice(0, m);
  const rj = new Int32Array(rp[m]!);
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (!rowDense[i]) rj[rpos[i]!++] = j;
    }
  }
  const mark = new Int32Array(n).fill(-1);
  const ptr = new Int32Array(n + 1);
  let idx = new Int32Array(Math.max(16, 2 * ap[n]!));
  let q = 0;
  for (let j = 0; j < n; j++) {
    mark[j] = j;
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (rowDense[i]) continue;
      for (let t = rp[i]!; t < rp[i + 1]!; t++) {
        const k = rj[t]!;
        if (mark[k] === j) continue;
        mark[k] = j;
        if (q === idx.length) {
          const grown = new Int32Array(idx.length * 2);
          grown.set(idx);
          idx = grown;
        }
        idx[q++] = k;
      }
    }
    ptr[j + 1] = q;
  }
  return { n, ptr, idx: idx.slice(0, q) };
}
