/**
 * Column approximate minimum degree ordering (COLAMD; Davis, Gilbert, Larimore, Ng, ACM TOMS
 * 30(3), 2004): a column order for LU with any row pivoting, found without forming AᵀA.
 *
 * The elimination of the columns is simulated on the rows of A: each row is a clique of AᵀA
 * (an element). Eliminating pivot column c merges every row that holds c into one new pivot row
 * R = (∪ of those rows) \ {c}, the pattern that row c of U and the rows of the Schur complement
 * can have whatever the row pivoting; the merged rows are absorbed into R. The score of a column
 * j of R is COLAMD's approximate external degree |R \ j| + Σ_r |r \ R| over j's other rows, with
 * |r \ R| from one scan of the rows (and a row r ⊆ R absorbed on the spot: aggressive
 * absorption). The column of least score is eliminated next. Dense rows (more than
 * max(16, 10·√n) entries) are ignored, and dense columns (more than max(16, 10·√m)) are ordered
 * last, as COLAMD's default knobs do. Supercolumns and mass elimination are not implemented: the
 * order is the same kind, the time is O(Σ over the pivots of the merged row and column sizes).
 *
 * @module
 * @internal
 */
import type { CSCMatrix } from '../../formats/index.js';

/**
 * COLAMD column order of the m x n matrix A (canonical CSC): returns q with the column
 * eliminated k-th at q[k].
 * @internal
 */
export function colamdOrder(A: CSCMatrix, denseRowKnob = 10, denseColKnob = 10): Int32Array {
  const [m, n] = A.shape;
  const ap = A.indptr;
  const ai = A.indices;
  const order = new Int32Array(n);
  let k = 0;
  const denseRow = Math.max(16, Math.floor(denseRowKnob * Math.sqrt(n)));
  const denseCol = Math.max(16, Math.floor(denseColKnob * Math.sqrt(m)));
  // Dense columns go last (in their natural order); dense rows are dropped.
  const colDense = new Uint8Array(n);
  const lateCols: number[] = [];
  for (let j = 0; j < n; j++) {
    if (ap[j + 1]! - ap[j]! > denseCol) {
      colDense[j] = 1;
      lateCols.push(j);
    }
  }
  const rowCount = new Int32Array(m);
  for (let j = 0; j < n; j++) if (!colDense[j]) for (let p = ap[j]!; p < ap[j + 1]!; p++) rowCount[ai[p]!]!++;
  // Rows: A's rows (ids 0..m-1) then the pivot rows (ids m..m+n-1), each a list of live columns.
  // A live row only ever holds live columns: eliminating a column absorbs every row holding it.
  const rowCols: Int32Array[] = new Array(m + n);
  const rowAlive = new Uint8Array(m + n);
  const fillPos = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const c = rowCount[i]!;
    if (c > 0 && c <= denseRow) {
      rowCols[i] = new Int32Array(c);
      rowAlive[i] = 1;
    }
  }
  for (let j = 0; j < n; j++) {
    if (colDense[j]) continue;
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (rowAlive[i]) rowCols[i]![fillPos[i]!++] = j;
    }
  }
  // Columns: their live rows (dead ones are dropped lazily).
  const colRows: number[][] = new Array(n);
  for (let j = 0; j < n; j++) {
    const list: number[] = [];
    if (!colDense[j]) for (let p = ap[j]!; p < ap[j + 1]!; p++) if (rowAlive[ai[p]!]) list.push(ai[p]!);
    colRows[j] = list;
  }

  // Score buckets (doubly linked lists), scores in 0..n-1.
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const score = new Int32Array(n);
  const colAlive = new Uint8Array(n);
  let minScore = 0;
  const insert = (j: number, s: number): void => {
    score[j] = s;
    const h = head[s]!;
    next[j] = h;
    prev[j] = -1;
    if (h !== -1) prev[h] = j;
    head[s] = j;
    if (s < minScore) minScore = s;
  };
  const remove = (j: number): void => {
    const nx = next[j]!;
    const pv = prev[j]!;
    if (nx !== -1) prev[nx] = pv;
    if (pv !== -1) next[pv] = nx;
    else head[score[j]!] = nx;
  };
  let live = 0;
  for (let j = 0; j < n; j++) {
    if (colDense[j]) continue;
    colAlive[j] = 1;
    live++;
    let s = 0;
    for (const r of colRows[j]!) s += rowCols[r]!.length - 1;
    insert(j, Math.min(s, n - 1));
  }

  const mark = new Int32Array(n).fill(-1);
  const rstamp = new Int32Array(m + n).fill(-1);
  const wr = new Int32Array(m + n);
  const pivotRow: number[] = [];
  let nextRow = m;
  while (live > 0) {
    while (head[minScore] === -1) minScore++;
    const c = head[minScore]!;
    remove(c);
    colAlive[c] = 0;
    live--;
    order[k++] = c;
    // New pivot row R: the union of c's live rows, without c; those rows are absorbed.
    pivotRow.length = 0;
    mark[c] = k;
    for (const r of colRows[c]!) {
      if (!rowAlive[r]) continue;
      rowAlive[r] = 0;
      for (const j of rowCols[r]!) {
        if (mark[j] === k) continue;
        mark[j] = k;
        pivotRow.push(j);
      }
    }
    colRows[c] = [];
    if (pivotRow.length === 0) continue;
    const R = nextRow++;
    rowCols[R] = Int32Array.from(pivotRow);
    rowAlive[R] = 1;
    const rlen = pivotRow.length;
    // |r \ R| for every other live row r of R's columns, by subtracting the overlap once.
    for (const j of pivotRow) {
      const list = colRows[j]!;
      let q = 0;
      for (let t = 0; t < list.length; t++) {
        const r = list[t]!;
        if (!rowAlive[r]) continue;
        list[q++] = r;
        if (rstamp[r] !== k) {
          rstamp[r] = k;
          wr[r] = rowCols[r]!.length;
        }
        wr[r]!--;
      }
      list.length = q;
      list.push(R);
    }
    // Scores; rows inside R are absorbed.
    for (const j of pivotRow) {
      const list = colRows[j]!;
      let s = rlen - 1;
      let q = 0;
      for (let t = 0; t < list.length; t++) {
        const r = list[t]!;
        if (r !== R) {
          if (wr[r] === 0) {
            rowAlive[r] = 0;
            continue;
          }
          if (!rowAlive[r]) continue;
          s += wr[r]!;
        }
        list[q++] = r;
      }
      list.length = q;
      remove(j);
      insert(j, Math.min(s, live - 1));
    }
  }
  for (const j of lateCols) order[k++] = j;
  return order;
}
