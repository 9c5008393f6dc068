/**
 * Structural conversions on raw arrays, shared by the matrix classes: counting-sort transposes,
 * COO -> compressed, duplicate merging. Everything here is O(nnz + dimensions), no comparison sort.
 *
 * "Major" is the compressed axis (rows for CSR, columns for CSC), "minor" the other one.
 *
 * @module
 * @internal
 */
import { INT32_MAX } from '../core/array.js';
import { ResourceError } from '../core/errors.js';
import { recycleScratch, resultCopyFloat64, resultCopyInt32, resultFloat64, resultInt32 } from '../kernels/runtime/result-pool.js';

/** Raw compressed arrays. @internal */
export interface Compressed {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

/** Throw ResourceError if an nnz does not fit int32 indices. @internal */
export function checkNnz(op: string, nnz: number): void {
  if (nnz > INT32_MAX) throw new ResourceError(op, 'the number of stored entries', nnz, INT32_MAX);
}

/**
 * Transpose compressed arrays by counting sort: from (nMajor x nMinor) compressed along the major axis
 * to the same matrix compressed along the minor axis. Stable: within each output line, entries appear
 * in increasing (old) major index, so the result is sorted whatever the input order; duplicates stay
 * (adjacent). O(nnz + nMajor + nMinor). @internal
 */
export function transposeCompressed(a: Compressed, nMajor: number, nMinor: number): Compressed {
  const { indptr, indices, data } = a;
  const nnz = indptr[nMajor]!;
  const outPtr = new Int32Array(nMinor + 1);
  for (let p = 0; p < nnz; p++) outPtr[indices[p]! + 1]!++;
  for (let j = 0; j < nMinor; j++) outPtr[j + 1]! += outPtr[j]!;
  const next = outPtr.slice(0, nMinor);
  const outIdx = resultInt32(nnz); // every entry is written below
  const outData = resultFloat64(nnz);
  for (let i = 0; i < nMajor; i++) {
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) {
      const j = indices[p]!;
      const q = next[j]!++;
      outIdx[q] = i;
      outData[q] = data[p]!;
    }
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * Merge adjacent duplicates of a compressed structure whose lines are sorted (duplicates adjacent),
 * summing their values. Returns new arrays (or the input when there is nothing to merge). The
 * merged arrays come from the result pool; the staging and the input's arrays, where they are
 * library scratch (from the pool and in no matrix), go back to it, so callers must not use `a`
 * after a merge. @internal
 */
export function mergeSortedDuplicates(a: Compressed, nMajor: number): Compressed {
  const { indptr, indices, data } = a;
  let dup = false;
  for (let i = 0; i < nMajor && !dup; i++) {
    const end = indptr[i + 1]!;
    for (let p = indptr[i]! + 1; p < end; p++) {
      if (indices[p] === indices[p - 1]) {
        dup = true;
        break;
      }
    }
  }
  if (!dup) return a;
  const outPtr = resultInt32(nMajor + 1);
  outPtr[0] = 0;
  const outIdx = resultInt32(indptr[nMajor]!);
  const outData = resultFloat64(indptr[nMajor]!);
  let q = 0;
  for (let i = 0; i < nMajor; i++) {
    const end = indptr[i + 1]!;
    let p = indptr[i]!;
    while (p < end) {
      const j = indices[p]!;
      let v = data[p]!;
      p++;
      while (p < end && indices[p] === j) v += data[p++]!;
      outIdx[q] = j;
      outData[q] = v;
      q++;
    }
    outPtr[i + 1] = q;
  }
  const merged = { indptr: outPtr, indices: resultCopyInt32(outIdx.subarray(0, q)), data: resultCopyFloat64(outData.subarray(0, q)) };
  recycleScratch(outIdx, outData, indices, data);
  return merged;
}

/** True when every line is strictly increasing (sorted, no duplicates). O(nnz). @internal */
export function isCanonical(a: Compressed, nMajor: number): boolean {
  const { indptr, indices } = a;
  for (let i = 0; i < nMajor; i++) {
    const end = indptr[i + 1]!;
    for (let p = indptr[i]! + 1; p < end; p++) if (indices[p]! <= indices[p - 1]!) return false;
  }
  return true;
}

/** True when every line is non-decreasing (sorted, duplicates allowed). O(nnz). @internal */
export function isSorted(a: Compressed, nMajor: number): boolean {
  const { indptr, indices } = a;
  for (let i = 0; i < nMajor; i++) {
    const end = indptr[i + 1]!;
    for (let p = indptr[i]! + 1; p < end; p++) if (indices[p]! < indices[p - 1]!) return false;
  }
  return true;
}

/**
 * Sort the minor indices (with their values) of every line in place. Stable. Short lines use an
 * insertion sort (at most 32 elements, so O(32) per entry), longer ones an LSD radix sort on bytes
 * of the index (at most 4 passes of O(length + 256)), so the whole is O(nnz + nMajor) with no
 * comparison sort, and touches memory line by line. Sorts lines `from .. to-1` (default all). @internal
 */
export function sortLines(
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
  nMajor: number,
  nMinor: number,
  from = 0,
  to = nMajor,
): void {
  let tmpIdx: Int32Array | null = null;
  let tmpData: Float64Array | null = null;
  let count: Int32Array | null = null;
  const bits = nMinor <= 1 ? 1 : 32 - Math.clz32(nMinor - 1);
  const passes = Math.ceil(bits / 8);
  for (let i = from; i < to; i++) {
    const lo = indptr[i]!;
    const hi = indptr[i + 1]!;
    const len = hi - lo;
    if (len < 2) continue;
    if (len <= 32) {
      for (let p = lo + 1; p < hi; p++) {
        const key = indices[p]!;
        const v = data[p]!;
        let q = p - 1;
        while (q >= lo && indices[q]! > key) {
          indices[q + 1] = indices[q]!;
          data[q + 1] = data[q]!;
          q--;
        }
        indices[q + 1] = key;
        data[q + 1] = v;
      }
      continue;
    }
    let sorted = true;
    for (let p = lo + 1; p < hi; p++) {
      if (indices[p]! < indices[p - 1]!) {
        sorted = false;
        break;
      }
    }
    if (sorted) continue;
    if (tmpIdx === null || tmpIdx.length < len) {
      let size = 64;
      while (size < len) size *= 2;
      tmpIdx = new Int32Array(size);
      tmpData = new Float64Array(size);
      count = new Int32Array(257);
    }
    const ti = tmpIdx;
    const td = tmpData!;
    const cnt = count!;
    if (radixSortPairs(indices, data, lo, len, ti, td, cnt, passes, 8)) {
      indices.set(ti.subarray(0, len), lo);
      data.set(td.subarray(0, len), lo);
    }
  }
}

/**
 * Stable LSD radix sort of the unsigned 32-bit keys[off, off + len), carrying vals along, in
 * `passes` digits of `digitBits` bits, ping-ponging with the scratch arrays (used from index 0);
 * a pass in which every key has the same digit is skipped. Returns true when the sorted run ended
 * in the scratch arrays, false when it is back in place. `count` holds at least 2^digitBits + 1
 * entries.
 */
function radixSortPairs(
  keys: Int32Array,
  vals: Float64Array,
  off: number,
  len: number,
  scI: Int32Array,
  scD: Float64Array,
  count: Int32Array,
  passes: number,
  digitBits: number,
): boolean {
  const mask = (1 << digitBits) - 1;
  let srcI = keys;
  let srcD = vals;
  let so = off;
  let dstI = scI;
  let dstD = scD;
  let dof = 0;
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * digitBits;
    count.fill(0, 0, mask + 2);
    for (let p = 0; p < len; p++) count[((srcI[so + p]! >>> shift) & mask) + 1]!++;
    if (count[((srcI[so]! >>> shift) & mask) + 1] === len) continue; // one digit value: nothing moves
    for (let d = 0; d <= mask; d++) count[d + 1]! += count[d]!;
    for (let p = 0; p < len; p++) {
      const key = srcI[so + p]!;
      const r = dof + count[(key >>> shift) & mask]!++;
      dstI[r] = key;
      dstD[r] = srcD[so + p]!;
    }
    const ti = srcI;
    const td = srcD;
    const to = so;
    srcI = dstI;
    srcD = dstD;
    so = dof;
    dstI = ti;
    dstD = td;
    dof = to;
  }
  return srcI !== keys;
}

/**
 * Stable scatter of triplets to their lines when there are many lines: a random scatter over
 * millions of output positions misses the cache and the TLB on every write, so first partition the
 * entries into buckets of 2^S consecutive lines (a few hundred sequential output streams, into the
 * final arrays), then order each bucket (a cache-sized region) by (line, minor index) while it is
 * hot. When the line's low S bits and the minor index fit in 32 bits together, they are packed in one
 * key in `indices` and a large bucket is sorted by an LSD radix sort on that key; otherwise the
 * low bits go to a side array and each bucket is scattered to its lines, which are then sorted by
 * {@link sortLines}. Stable throughout; O(nnz + nMajor). With `linesOrdered` (triplets in (minor,
 * major) order) each bucket is only scattered to its lines, which then come out sorted. @internal
 */
function scatterTwoLevel(
  major: Int32Array,
  minor: Int32Array,
  data: Float64Array,
  indptr: Int32Array,
  indices: Int32Array,
  out: Float64Array,
  nMajor: number,
  nMinor: number,
  linesOrdered = false,
): void {
  const nnz = data.length;
  const bits = 32 - Math.clz32(nMajor - 1);
  // About 256 buckets: few enough output streams for the caches, each bucket a few hundred KB.
  const S = Math.min(16, Math.max(4, bits - 8));
  const mask = (1 << S) - 1;
  const nb = ((nMajor - 1) >> S) + 1;
  const bm = nMinor <= 1 ? 1 : 32 - Math.clz32(nMinor - 1);
  const minorMask = bm >= 31 ? 0x7fffffff : (1 << bm) - 1;
  const packed = bm + S <= 32; // keys are read unsigned (>>>), so all 32 bits are usable
  const next = new Int32Array(nb);
  for (let b = 0; b < nb; b++) next[b] = indptr[b << S]!;
  const low = packed ? null : new Uint16Array(nnz);
  if (low === null) {
    for (let p = 0; p < nnz; p++) {
      const i = major[p]!;
      const q = next[i >> S]!++;
      indices[q] = ((i & mask) << bm) | minor[p]!;
      out[q] = data[p]!;
    }
  } else {
    for (let p = 0; p < nnz; p++) {
      const i = major[p]!;
      const q = next[i >> S]!++;
      indices[q] = minor[p]!;
      out[q] = data[p]!;
      low[q] = i & mask;
    }
  }
  // Radix digits for packed keys of T = S + bm bits: the fewest passes of at most 11 bits.
  const T = S + bm;
  const passes = Math.ceil(T / 11);
  const digit = Math.ceil(T / passes);
  const radixMin = 1 << digit; // below this a bucket is cheaper to scatter to lines and insertion-sort
  const count = new Int32Array((1 << digit) + 1);
  let scI = new Int32Array(0);
  let scD = new Float64Array(0);
  let scL = new Uint16Array(0);
  const lineNext = new Int32Array(1 << S);
  for (let b = 0; b < nb; b++) {
    const i0 = b << S;
    const i1 = Math.min(nMajor, i0 + (1 << S));
    const s = indptr[i0]!;
    const e = indptr[i1]!;
    const len = e - s;
    if (len === 0) continue;
    if (scI.length < len) {
      let size = 1024;
      while (size < len) size *= 2;
      scI = new Int32Array(size);
      scD = new Float64Array(size);
      if (!packed) scL = new Uint16Array(size);
    }
    if (packed && len >= radixMin && !linesOrdered) {
      // LSD radix sort of the bucket by its packed (line, minor) keys.
      if (radixSortPairs(indices, out, s, len, scI, scD, count, passes, digit)) {
        for (let p = 0; p < len; p++) indices[s + p] = scI[p]! & minorMask;
        out.set(scD.subarray(0, len), s);
      } else {
        for (let p = s; p < e; p++) indices[p] = indices[p]! & minorMask;
      }
      continue;
    }
    scI.set(indices.subarray(s, e));
    scD.set(out.subarray(s, e));
    for (let i = i0; i < i1; i++) lineNext[i - i0] = indptr[i]!;
    if (low === null) {
      for (let p = 0; p < len; p++) {
        const key = scI[p]!;
        const q = lineNext[key >>> bm]!++;
        indices[q] = key & minorMask;
        out[q] = scD[p]!;
      }
    } else {
      scL.set(low.subarray(s, e));
      for (let p = 0; p < len; p++) {
        const q = lineNext[scL[p]!]!++;
        indices[q] = scI[p]!;
        out[q] = scD[p]!;
      }
    }
    if (!linesOrdered) sortLines(indptr, indices, out, nMajor, nMinor, i0, i1);
  }
}

/**
 * Which order the triplets are already in, from one pass: `'major'` when (major, minor) never
 * decreases (lines in order, each line sorted; duplicates adjacent), `'minor'` when (minor, major)
 * never decreases (the transposed order: every SuiteSparse file is column-major, i.e. `'minor'` for
 * CSR), `'none'` otherwise. @internal
 */
export type TripletOrder = 'major' | 'minor' | 'none';

/** What {@link countAndDetect} found: the order of the triplets and whether two neighbours are equal. */
interface TripletScan {
  order: TripletOrder;
  /**
   * True when some triplet has the same (major, minor) as the one before it. In either detected
   * order every duplicate has an equal neighbour, so false there means there is nothing to merge.
   */
  adjacentDuplicate: boolean;
}

/**
 * One pass over the triplets: count the entries of each line into `indptr[i + 1]`, detect their order
 * ({@link TripletOrder}) and equal neighbours, and, with `validate`, range-check the indices. Returns
 * null when an index is out of range (only with `validate`).
 */
function countAndDetect(
  major: Int32Array,
  minor: Int32Array,
  indptr: Int32Array,
  nMajor: number,
  nMinor: number,
  validate: boolean,
): TripletScan | null {
  const nnz = major.length;
  if (nnz === 0) return { order: 'major', adjacentDuplicate: false };
  // Flags accumulate branch-free: bit set = that order was broken / two neighbours were equal.
  let brokeMajor = 0;
  let brokeMinor = 0;
  let dupl = 0;
  let bad = 0;
  let pi = major[0]!;
  let pj = minor[0]!;
  // The first triplet has no neighbour before it: counted here, so the loop never compares it with itself.
  if (validate) bad |= ((pi >>> 0) >= nMajor ? 1 : 0) | ((pj >>> 0) >= nMinor ? 1 : 0);
  if (bad !== 0) return null;
  indptr[pi + 1]!++;
  for (let p = 1; p < nnz; p++) {
    const i = major[p]!;
    const j = minor[p]!;
    // Unsigned comparisons: negative indices are out of range too.
    if (validate) bad |= ((i >>> 0) >= nMajor ? 1 : 0) | ((j >>> 0) >= nMinor ? 1 : 0);
    brokeMajor |= i < pi || (i === pi && j < pj) ? 1 : 0;
    brokeMinor |= j < pj || (j === pj && i < pi) ? 1 : 0;
    dupl |= i === pi && j === pj ? 1 : 0;
    pi = i;
    pj = j;
    indptr[i + 1]!++;
  }
  if (bad !== 0) return null;
  const order = brokeMajor === 0 ? 'major' : brokeMinor === 0 ? 'minor' : 'none';
  return { order, adjacentDuplicate: dupl !== 0 };
}

/**
 * Triplets -> compressed along `major`, sorted within lines, duplicates summed when `sum` is true
 * (kept adjacent otherwise, in input order). With `validate`, indices are range-checked in the
 * counting pass and null is returned when one is out of range (the caller reports it).
 *
 * One pass counts the lines and detects the order of the triplets; then
 * - already in (major, minor) order: the arrays are copied;
 * - in (minor, major) order (a column-major file read to CSR): one stable counting scatter leaves
 *   every line sorted, since its entries arrive by increasing minor index;
 * - otherwise a stable counting scatter (in two cache-friendly levels when there are many lines),
 *   then {@link sortLines} sorts each line.
 *
 * Every path is stable, so duplicates are adjacent in input order and summed in that order: all
 * three give bit-identical arrays. Ordered triplets with no two equal neighbours have no duplicates,
 * so the merge pass is skipped for them. `detectOrder: false` forces the general path (tests compare the
 * paths). O(nnz + nMajor + nMinor), no comparison sort.
 * @internal
 */
export function tripletsToCompressed(
  major: Int32Array,
  minor: Int32Array,
  data: Float64Array,
  nMajor: number,
  nMinor: number,
  sum = true,
  validate = false,
  detectOrder = true,
): Compressed | null {
  const nnz = data.length;
  const indptr = new Int32Array(nMajor + 1);
  const found = countAndDetect(major, minor, indptr, nMajor, nMinor, validate);
  if (found === null) return null;
  const order: TripletOrder = detectOrder ? found.order : 'none';
  // Ordered triplets without equal neighbours have no duplicates: the merge pass would only read.
  const merge = sum && (order === 'none' || found.adjacentDuplicate);
  for (let i = 0; i < nMajor; i++) indptr[i + 1]! += indptr[i]!;
  if (order === 'major') {
    const copy = { indptr, indices: resultCopyInt32(minor), data: resultCopyFloat64(data) };
    return merge ? mergeSortedDuplicates(copy, nMajor) : copy;
  }

  const indices = resultInt32(nnz); // every entry is written below
  const out = resultFloat64(nnz);
  // For (minor, major) input every stable scatter leaves the lines sorted: no line sort follows.
  if (nMajor <= 4096 || nnz < 65536) {
    // Few lines: one stable scatter (few output streams, cache friendly enough).
    const next = indptr.slice(0, nMajor);
    for (let p = 0; p < nnz; p++) {
      const r = next[major[p]!]!++;
      indices[r] = minor[p]!;
      out[r] = data[p]!;
    }
    if (order !== 'minor') sortLines(indptr, indices, out, nMajor, nMinor);
  } else {
    // Many lines: a single scatter would miss the cache on every write (measured 1.4x slower than
    // the two levels on the 524k-line graph of bench/compare/02-cold-loop.mjs, in file order).
    scatterTwoLevel(major, minor, data, indptr, indices, out, nMajor, nMinor, order === 'minor');
  }
  const result = { indptr, indices, data: out };
  return merge ? mergeSortedDuplicates(result, nMajor) : result;
}

/** Expand a compressed indptr into one major index per stored entry. @internal */
export function expandIndptr(indptr: Int32Array, nMajor: number): Int32Array {
  const out = new Int32Array(indptr[nMajor]!);
  // A plain loop: one TypedArray#fill call per line costs more than the writes on short lines.
  for (let i = 0; i < nMajor; i++) {
    const end = indptr[i + 1]!;
    for (let p = indptr[i]!; p < end; p++) out[p] = i;
  }
  return out;
}
