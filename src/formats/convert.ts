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
  const outIdx = new Int32Array(nnz);
  const outData = new Float64Array(nnz);
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
 * summing their values. Returns new arrays (or the input when there is nothing to merge). @internal
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
  const outPtr = new Int32Array(nMajor + 1);
  const outIdx = new Int32Array(indptr[nMajor]!);
  const outData = new Float64Array(indptr[nMajor]!);
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
  return { indptr: outPtr, indices: outIdx.slice(0, q), data: outData.slice(0, q) };
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
 * Triplets -> compressed along `major`, sorted within lines, duplicates summed when `sum` is true
 * (kept adjacent otherwise). Two stable counting passes (LSD radix sort: by minor, then by major);
 * when the triplets are already in strictly increasing (major, minor) order a single pass suffices.
 * O(nnz + nMajor + nMinor). @internal
 */
export function tripletsToCompressed(
  major: Int32Array,
  minor: Int32Array,
  data: Float64Array,
  nMajor: number,
  nMinor: number,
  sum = true,
): Compressed {
  const nnz = data.length;
  let ordered = true;
  for (let p = 1; p < nnz; p++) {
    const a = major[p - 1]!;
    const b = major[p]!;
    if (b < a || (b === a && minor[p]! <= minor[p - 1]!)) {
      ordered = false;
      break;
    }
  }
  const indptr = new Int32Array(nMajor + 1);
  for (let p = 0; p < nnz; p++) indptr[major[p]! + 1]!++;
  for (let i = 0; i < nMajor; i++) indptr[i + 1]! += indptr[i]!;
  if (ordered) return { indptr, indices: minor.slice(), data: data.slice() };

  // Pass 1: stable counting sort by minor index -> (major, data) in minor order.
  const minorPtr = new Int32Array(nMinor + 1);
  for (let p = 0; p < nnz; p++) minorPtr[minor[p]! + 1]!++;
  for (let j = 0; j < nMinor; j++) minorPtr[j + 1]! += minorPtr[j]!;
  const tmpMajor = new Int32Array(nnz);
  const tmpData = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const q = minorPtr[minor[p]!]!++;
    tmpMajor[q] = major[p]!;
    tmpData[q] = data[p]!;
  }
  // minorPtr[j] now holds the end of minor bucket j = start of j + 1; walk buckets in minor order.
  // Pass 2: stable counting sort by major index.
  const next = indptr.slice(0, nMajor);
  const indices = new Int32Array(nnz);
  const out = new Float64Array(nnz);
  let q0 = 0;
  for (let j = 0; j < nMinor; j++) {
    const end = minorPtr[j]!;
    for (let q = q0; q < end; q++) {
      const r = next[tmpMajor[q]!]!++;
      indices[r] = j;
      out[r] = tmpData[q]!;
    }
    q0 = end;
  }
  const result = { indptr, indices, data: out };
  return sum ? mergeSortedDuplicates(result, nMajor) : result;
}

/** Expand a compressed indptr into one major index per stored entry. @internal */
export function expandIndptr(indptr: Int32Array, nMajor: number): Int32Array {
  const out = new Int32Array(indptr[nMajor]!);
  for (let i = 0; i < nMajor; i++) out.fill(i, indptr[i]!, indptr[i + 1]!);
  return out;
}
