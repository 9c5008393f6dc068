/**
 * Symbolic analysis for the Cholesky factorization of P·A·Pᵀ: the fill-reducing ordering, the
 * elimination tree and the column counts, and then either a simplicial layout (one column at a
 * time, for factors with few flops per nonzero) or, composed with a postorder of the elimination
 * tree, the (relaxed) supernodes and the row structure of each supernode. It depends on A's
 * pattern only, so a factorization can be recomputed for new values with the same analysis.
 *
 * @module
 * @internal
 */
import type { CSCMatrix } from '../../formats/index.js';
import { amdOrder, amdScratchBytes, amdSizes } from './amd.js';
import { colCounts } from './colcounts.js';
import { etree } from './etree.js';
import { invertPermutation } from './input.js';
import { nestedDissection } from './nested-dissection.js';
import { type Graph, offDiagonalPattern, symmetricPattern } from './pattern.js';
import { postorder } from './postorder.js';
import { wantWasm } from '../../kernels/runtime/backend.js';
import { getWasm } from '../../kernels/runtime/wasm/loader.js';
import { callOnCopies, type Room } from './wasm-call.js';

/** Result of the symbolic analysis (all arrays indexed in the permuted order). @internal */
export interface CholeskySymbolic {
  n: number;
  /** perm[k] = original index of the k-th row/column of P·A·Pᵀ. */
  perm: Int32Array;
  /**
   * Lower triangle of P·A·Pᵀ by columns (supernodal), or its upper triangle by columns
   * (simplicial: the up-looking factorization reads row k of L's source from column k): rows
   * cp[j]..cp[j+1] in ci; values at A.data[amap[p]].
   */
  cp: Int32Array;
  ci: Int32Array;
  amap: Int32Array;
  /** Elimination tree (postordered: parent[j] > j). */
  parent: Int32Array;
  /** |L(:, j)| including the diagonal. */
  colcount: Int32Array;
  /**
   * Simplicial: every supernode is one column (w = 1, no postorder, no relaxation), the row
   * structure `rows` is written by the numeric phase (cholesky-simplicial.ts) and the blocks are
   * the columns of L in compressed-column form (blockPtr = rowPtr).
   */
  simplicial: boolean;
  /** Supernode s holds columns superStart[s]..superStart[s+1]-1. */
  nsuper: number;
  superStart: Int32Array;
  /** Rows of supernode s (sorted, its own columns first): rows[rowPtr[s]..rowPtr[s+1]). */
  rowPtr: Int32Array;
  rows: Int32Array;
  /** Offset of supernode s's dense h x w row-major block in the value array. */
  blockPtr: Float64Array;
  /** Nonzeros of L (exact, from the column counts) and flops of the numeric factorization. */
  nnzL: number;
  flops: number;
  /** The fill-reducing ordering used (before the postorder). */
  ordering: CholeskyOrdering;
}

/** Orderings of the symbolic analysis: by name, or 'given' for a caller's permutation. @internal */
export type CholeskyOrdering = 'amd' | 'nesdis' | 'natural' | 'given';

/**
 * 'auto' tries nested dissection when AMD's factor costs at least this many flops per nonzero
 * (its separators are long: large 2-D and 3-D meshes), and keeps the ordering with fewer flops;
 * CHOLMOD's default makes the same trial (with METIS) from a ratio of 500.
 */
const ND_TRIAL_FLOPS_PER_NNZ = 120;
/** ... and when A has at least this many columns (below, AMD alone is cheap and good). */
const ND_TRIAL_MIN_N = 2000;

/**
 * Numeric phases for factors of fewer flops than this per nonzero of L are simplicial: small
 * supernodes cost more in bookkeeping than their dense blocks save. With the WASM kernels the
 * simplicial loop runs in WASM, and the crossover measured on 2-D and 3-D Poisson problems lies
 * between 110 (2-D 300², even) and 230 (3-D 20³, supernodal 12% faster); in JS it is near 40
 * (CHOLMOD's switch too).
 */
const SIMPLICIAL_MAX_FLOPS_PER_NNZ_WASM = 150;
const SIMPLICIAL_MAX_FLOPS_PER_NNZ_JS = 40;

/**
 * Lower (or with `upper`, upper) triangle of P·A·Pᵀ by columns from the lower triangle of A
 * (entries above A's diagonal are ignored).
 */
function permutedLower(A: CSCMatrix, pinv: Int32Array, upper = false): { cp: Int32Array; ci: Int32Array; amap: Int32Array } {
  const n = A.shape[1];
  const ap = A.indptr;
  const ai = A.indices;
  const cnt = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (i < j) continue;
      const r = pinv[i]!;
      const c = pinv[j]!;
      cnt[upper ? (r > c ? r : c) : r < c ? r : c]!++;
    }
  }
  const cp = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) cp[j + 1] = cp[j]! + cnt[j]!;
  const pos = cp.slice(0, n);
  const ci = new Int32Array(cp[n]!);
  const amap = new Int32Array(cp[n]!);
  for (let j = 0; j < n; j++) {
    for (let p = ap[j]!; p < ap[j + 1]!; p++) {
      const i = ai[p]!;
      if (i < j) continue;
      const r = pinv[i]!;
      const c = pinv[j]!;
      const lo = r < c ? r : c;
      const hi = r < c ? c : r;
      const q = pos[upper ? hi : lo]!++;
      ci[q] = upper ? lo : hi;
      amap[q] = p;
    }
  }
  return { cp, ci, amap };
}

/** Upper triangle by columns (the transpose of the lower one): what the etree reads. */
function transposePattern(n: number, cp: Int32Array, ci: Int32Array): { ptr: Int32Array; idx: Int32Array } {
  const ptr = new Int32Array(n + 1);
  for (let p = 0; p < cp[n]!; p++) ptr[ci[p]! + 1]!++;
  for (let j = 0; j < n; j++) ptr[j + 1]! += ptr[j]!;
  const pos = ptr.slice(0, n);
  const idx = new Int32Array(cp[n]!);
  for (let j = 0; j < n; j++) for (let p = cp[j]!; p < cp[j + 1]!; p++) idx[pos[ci[p]!]!++] = j;
  return { ptr, idx };
}

/**
 * Group consecutive columns into supernodes: column j joins the group ending at j − 1 when
 * parent[j − 1] = j (so every column of a group descends from its last column and the group's
 * structure below it is that of the last column) and the explicit zeros of the merged dense
 * trapezoid stay small (CHOLMOD's relaxed amalgamation rule: any merge up to 4 columns, then
 * zero fractions 0.8 / 0.1 / 0.05 up to 16 / 48 / more columns).
 */
function supernodes(n: number, parent: Int32Array, colcount: Int32Array, relax: boolean): Int32Array {
  const starts: number[] = [];
  let f = 0;
  let trueNnz = 0;
  for (let j = 0; j < n; j++) {
    if (j > 0 && parent[j - 1] === j) {
      const w = j - f + 1;
      const h = w + colcount[j]! - 1;
      const trap = w * h - (w * (w - 1)) / 2;
      const nnz = trueNnz + colcount[j]!;
      const z = (trap - nnz) / trap;
      const fundamental = colcount[j - 1] === colcount[j]! + 1 && z === 0;
      if (fundamental || (relax && (w <= 4 || (w <= 16 && z < 0.8) || (w <= 48 && z < 0.1) || z < 0.05))) {
        trueNnz = nnz;
        continue;
      }
    }
    starts.push(j);
    f = j;
    trueNnz = colcount[j]!;
  }
  starts.push(n);
  return Int32Array.from(starts);
}

/** The ordering composed with the elimination tree's postorder, with its column counts. */
interface FillCount {
  perm: Int32Array;
  low: { cp: Int32Array; ci: Int32Array; amap: Int32Array };
  parent: Int32Array;
  colcount: Int32Array;
  nnzL: number;
  flops: number;
}

/** nnz(L) and the flop count Σ |L(:, j)|² from the column counts. @internal */
export function fillTotals(colcount: Int32Array): { nnzL: number; flops: number } {
  let nnzL = 0;
  let flops = 0;
  for (let j = 0; j < colcount.length; j++) {
    const c = colcount[j]!;
    nnzL += c;
    flops += c * c;
  }
  return { nnzL, flops };
}

/** Postorder the elimination tree of A[first][:, first] and count the columns of its factor. */
function countFill(A: CSCMatrix, first: Int32Array): FillCount {
  const n = A.shape[0];
  // Postorder the elimination tree: same fill, contiguous subtrees, chains become supernodes.
  let low = permutedLower(A, invertPermutation(first));
  let up = transposePattern(n, low.cp, low.ci);
  const post = postorder(etree(n, up.ptr, up.idx));
  const perm = new Int32Array(n);
  for (let k = 0; k < n; k++) perm[k] = first[post[k]!]!;
  low = permutedLower(A, invertPermutation(perm));
  up = transposePattern(n, low.cp, low.ci);
  const parent = etree(n, up.ptr, up.idx);
  const identity = new Int32Array(n);
  for (let k = 0; k < n; k++) identity[k] = k;
  const colcount = colCounts(n, low.cp, low.ci, parent, identity);
  return { perm, low, parent, colcount, ...fillTotals(colcount) };
}

/** The upper triangle of P·A·Pᵀ, its elimination tree and column counts (no postorder: the simplicial layout). */
interface SimplicialCounts {
  up: { cp: Int32Array; ci: Int32Array; amap: Int32Array };
  parent: Int32Array;
  colcount: Int32Array;
  nnzL: number;
  flops: number;
}

/**
 * AMD's order of the pattern of A without its diagonal (A canonical CSC with a symmetric pattern
 * and every diagonal entry stored) and {@link simplicialCounts} for it, in one WASM call on A's
 * pattern copied once (chol_order_counts in assembly/sparse-chol-once.ts): the same arrays as
 * amdOrder(offDiagonalPattern(A)) and simplicialCounts. Null when the WASM kernels are not in
 * use, memory is short or AMD wants a larger work array (the caller runs the two steps).
 */
function orderAndCount(A: CSCMatrix): { perm: Int32Array; counts: SimplicialCounts } | null {
  const n = A.shape[0];
  if (n === 0) return null;
  const nnzA = A.indptr[n]!;
  const { iwlen, denseLimit } = amdSizes(n, nnzA - n);
  const perm = new Int32Array(n);
  const cp = new Int32Array(n + 1);
  const ci = new Int32Array(nnzA);
  const amap = new Int32Array(nnzA);
  const parent = new Int32Array(n);
  const colcount = new Int32Array(n);
  const room = (length: number): Room => ({ bytes: 4, length });
  const arrays = [A.indptr, A.indices.subarray(0, nnzA), room(n + 1), room(nnzA - n), perm, room(n), cp, ci, amap, parent, colcount];
  const scratch = Math.max(amdScratchBytes(n, iwlen), (8 * n + 2 + nnzA) * 4);
  const ret = callOnCopies('chol_order_counts', arrays, [n, iwlen, denseLimit], [4, 6, 7, 8, 9, 10], scratch, [2, 3, 4, 5, 6, 7, 8, 9, 10], (r) => (r === 0 ? undefined : []));
  if (ret !== 0) return null;
  const m = cp[n]!;
  return { perm, counts: { up: { cp, ci: ci.subarray(0, m), amap: amap.subarray(0, m) }, parent, colcount, ...fillTotals(colcount) } };
}

/** Elimination tree and column counts of P·A·Pᵀ for the order `first`, without a postorder (the simplicial layout). */
function simplicialCounts(A: CSCMatrix, first: Int32Array): SimplicialCounts {
  const n = A.shape[0];
  const pinv = invertPermutation(first);
  // The same loops in WASM (simplicial_counts in assembly/sparse-symbolic.ts) when in use.
  const nnzA = A.indptr[n]!;
  const cp = new Int32Array(n + 1);
  const ci = new Int32Array(nnzA);
  const amap = new Int32Array(nnzA);
  const par = new Int32Array(n);
  const cc = new Int32Array(n);
  if (callOnCopies('simplicial_counts', [A.indptr, A.indices.subarray(0, nnzA), pinv, cp, ci, amap, par, cc], [n], [3, 4, 5, 6, 7], (8 * n + 2 + nnzA) * 4, [3, 4, 5, 6, 7]) !== null) {
    return { up: { cp, ci: ci.subarray(0, cp[n]!), amap: amap.subarray(0, cp[n]!) }, parent: par, colcount: cc, ...fillTotals(cc) };
  }
  const up = permutedLower(A, pinv, true);
  const parent = etree(n, up.cp, up.ci);
  const low = transposePattern(n, up.cp, up.ci);
  const colcount = colCounts(n, low.ptr, low.idx, parent, postorder(parent));
  return { up, parent, colcount, ...fillTotals(colcount) };
}

/** Whether ordering 'auto' tries nested dissection after AMD's counts (n columns, nnzL, flops). @internal */
export function wantsDissectionTrial(n: number, nnzL: number, flops: number): boolean {
  return n >= ND_TRIAL_MIN_N && flops >= ND_TRIAL_FLOPS_PER_NNZ * nnzL;
}

/** Whether layout 'auto' takes the simplicial numeric phase for a factor of nnzL nonzeros and `flops`. @internal */
export function wantsSimplicial(nnzL: number, flops: number): boolean {
  return flops < (getWasm() && wantWasm(true) ? SIMPLICIAL_MAX_FLOPS_PER_NNZ_WASM : SIMPLICIAL_MAX_FLOPS_PER_NNZ_JS) * nnzL;
}

/** Numeric layout of {@link analyzeCholesky}: chosen by flops per nonzero of L (`'auto'`), or forced. @internal */
export type CholeskyLayout = 'auto' | 'simplicial' | 'supernodal';

/**
 * Symbolic analysis of A (square CSC, lower triangle read) with a fill-reducing permutation `p0`
 * (new -> old, reported as ordering `given`, or `natural`), or an ordering of the pattern of
 * A + Aᵀ by name: `'amd'`, `'nesdis'` (nested dissection), or `'auto'` (AMD, and nested dissection
 * as well when AMD's factor is expensive for its size; the one with fewer flops is kept). The
 * layout is simplicial when the factor costs few flops per nonzero (under `layout: 'auto'`; see
 * {@link SIMPLICIAL_MAX_FLOPS_PER_NNZ_WASM}), else supernodal. `graph`: the adjacency of A's
 * pattern without the diagonal, when the caller has it already, or `'symmetric'` when A's pattern
 * is symmetric with its diagonal stored (the graph is then A's own pattern less the diagonal, and
 * AMD and the counts run in one WASM call where they can); `amd`: AMD's order of that graph, when
 * the caller has it already.
 * @internal
 */
export function analyzeCholesky(A: CSCMatrix, p0: Int32Array | 'amd' | 'nesdis' | 'auto' | 'natural', relax = true, layout: CholeskyLayout = 'auto', graph?: Graph | 'symmetric', amd?: Int32Array): CholeskySymbolic {
  const n = A.shape[0];
  let ordering: CholeskyOrdering;
  let first: Int32Array;
  let G: Graph | null = null;
  const graphOf = (): Graph => (G ??= graph === 'symmetric' ? offDiagonalPattern(A) : (graph ?? symmetricPattern(A, true)));
  let simple: SimplicialCounts | null = null;
  if (typeof p0 === 'string' && p0 !== 'natural') {
    ordering = p0 === 'nesdis' ? 'nesdis' : 'amd';
    // A symmetric pattern's AMD order and counts in one WASM call, when the order is not given.
    const both = ordering === 'amd' && !amd && graph === 'symmetric' ? orderAndCount(A) : null;
    if (both) {
      first = both.perm;
      simple = both.counts;
    } else first = ordering === 'nesdis' ? nestedDissection(graphOf()) : (amd ?? amdOrder(graphOf()));
  } else if (p0 === 'natural') {
    ordering = 'natural';
    first = new Int32Array(n);
    for (let k = 0; k < n; k++) first[k] = k;
  } else {
    ordering = 'given';
    first = p0;
  }
  simple ??= simplicialCounts(A, first);
  if (p0 === 'auto' && wantsDissectionTrial(n, simple.nnzL, simple.flops)) {
    const nd = nestedDissection(graphOf());
    const ndCounts = simplicialCounts(A, nd);
    if (ndCounts.flops < simple.flops) {
      first = nd;
      simple = ndCounts;
      ordering = 'nesdis';
    }
  }
  if (layout === 'simplicial' || (layout === 'auto' && wantsSimplicial(simple.nnzL, simple.flops))) {
    const { up, parent, colcount, nnzL, flops } = simple;
    const superStart = new Int32Array(n + 1);
    const rowPtr = new Int32Array(n + 1);
    const blockPtr = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) {
      superStart[j + 1] = j + 1;
      rowPtr[j + 1] = rowPtr[j]! + colcount[j]!;
      blockPtr[j + 1] = rowPtr[j + 1]!;
    }
    return {
      n, perm: first, cp: up.cp, ci: up.ci, amap: up.amap, parent, colcount, simplicial: true,
      nsuper: n, superStart, rowPtr, rows: new Int32Array(nnzL), blockPtr, nnzL, flops, ordering,
    };
  }
  const c = countFill(A, first);
  const { perm, low, parent, colcount, nnzL, flops } = c;

  const superStart = supernodes(n, parent, colcount, relax);
  const nsuper = superStart.length - 1;
  // Row structure of supernode s: its columns, then the rows below its last column l, which are
  // those of column l of L (a superset of every column of the group below l): the entries of A
  // below l in the group's columns and the structures of the child supernodes below l.
  const colToSuper = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) colToSuper.fill(s, superStart[s]!, superStart[s + 1]!);
  const rowPtr = new Int32Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) {
    const w = superStart[s + 1]! - superStart[s]!;
    rowPtr[s + 1] = rowPtr[s]! + w + colcount[superStart[s + 1]! - 1]! - 1;
  }
  const rows = new Int32Array(rowPtr[nsuper]!);
  const childHead = new Int32Array(nsuper).fill(-1);
  const childNext = new Int32Array(nsuper).fill(-1);
  const mark = new Int32Array(n).fill(-1);
  const blockPtr = new Float64Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) {
    const f = superStart[s]!;
    const l = superStart[s + 1]! - 1;
    let q = rowPtr[s]!;
    for (let j = f; j <= l; j++) {
      rows[q++] = j;
      mark[j] = s;
    }
    const below = q;
    for (let j = f; j <= l; j++) {
      for (let p = low.cp[j]!; p < low.cp[j + 1]!; p++) {
        const i = low.ci[p]!;
        if (i > l && mark[i] !== s) {
          mark[i] = s;
          rows[q++] = i;
        }
      }
    }
    for (let c = childHead[s]!; c !== -1; c = childNext[c]!) {
      for (let p = rowPtr[c]!; p < rowPtr[c + 1]!; p++) {
        const i = rows[p]!;
        if (i > l && mark[i] !== s) {
          mark[i] = s;
          rows[q++] = i;
        }
      }
    }
    if (q !== rowPtr[s + 1]) throw new Error(`cholesky symbolic: supernode ${s} has ${q - rowPtr[s]!} rows, column counts say ${rowPtr[s + 1]! - rowPtr[s]!}`);
    rows.subarray(below, q).sort();
    const w = l - f + 1;
    blockPtr[s + 1] = blockPtr[s]! + (q - rowPtr[s]!) * w;
    if (parent[l] !== -1) {
      const ps = colToSuper[parent[l]!]!;
      childNext[s] = childHead[ps]!;
      childHead[ps] = s;
    }
  }
  return { n, perm, cp: low.cp, ci: low.ci, amap: low.amap, parent, colcount, simplicial: false, nsuper, superStart, rowPtr, rows, blockPtr, nnzL, flops, ordering };
}
