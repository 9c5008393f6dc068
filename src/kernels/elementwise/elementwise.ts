/**
 * Elementwise operations on raw compressed arrays: merging two matrices with the same line
 * structure (A + B, A − B, A ∘ B), maps over stored values, and reductions. Inputs to the merges
 * are canonical (sorted lines, no duplicates: the callers canonicalise first); outputs are
 * canonical and hold no explicit zeros (as SciPy's `csr_binop_csr`). Result arrays come from the
 * result pool (memory of disposed results when there is some); the merges' over-sized staging
 * arrays go back to the pool as soon as their entries are copied out.
 *
 * @module
 * @internal
 */
import { recycleScratch, resultCopyFloat64, resultCopyInt32, resultFloat64, resultInt32 } from '../runtime/result-pool.js';
import type { CsrArrays } from '../spgemm/spgemm.js';

/** Exact-size result arrays from staging arrays with `w` written entries; the staging goes back to the pool. */
function trimmed(Cp: Int32Array, Cj: Int32Array, Cx: Float64Array, w: number): CsrArrays {
  if (w === Cj.length) return { indptr: Cp, indices: Cj, data: Cx };
  const c = { indptr: Cp, indices: resultCopyInt32(Cj.subarray(0, w)), data: resultCopyFloat64(Cx.subarray(0, w)) };
  recycleScratch(Cj, Cx);
  return c;
}

/** Merge operation: 0 = a + b, 1 = a − b, 2 = a·b (intersection only). @internal */
export type MergeOp = 0 | 1 | 2;

/**
 * Line-by-line merge of two canonical compressed matrices with nMajor lines. One pass into
 * arrays sized by the upper bound (nnzA + nnzB, or min for the product), then trimmed.
 * O(nnzA + nnzB + nMajor). @internal
 */
export function mergeLines(A: CsrArrays, B: CsrArrays, nMajor: number, op: MergeOp): CsrArrays {
  const { indptr: Ap, indices: Aj, data: Ax } = A;
  const { indptr: Bp, indices: Bj, data: Bx } = B;
  const cap = op === 2 ? Math.min(Ax.length, Bx.length) : Ax.length + Bx.length;
  const Cp = resultInt32(nMajor + 1);
  Cp[0] = 0;
  const Cj = resultInt32(cap);
  const Cx = resultFloat64(cap);
  const sign = op === 1 ? -1 : 1;
  let w = 0;
  for (let i = 0; i < nMajor; i++) {
    let p = Ap[i]!;
    let q = Bp[i]!;
    const pe = Ap[i + 1]!;
    const qe = Bp[i + 1]!;
    if (op === 2) {
      while (p < pe && q < qe) {
        const a = Aj[p]!;
        const b = Bj[q]!;
        if (a === b) {
          const v = Ax[p++]! * Bx[q++]!;
          if (v !== 0) {
            Cj[w] = a;
            Cx[w++] = v;
          }
        } else if (a < b) p++;
        else q++;
      }
    } else {
      while (p < pe || q < qe) {
        const a = p < pe ? Aj[p]! : 2147483647;
        const b = q < qe ? Bj[q]! : 2147483647;
        let j: number;
        let v: number;
        if (a === b) {
          j = a;
          v = Ax[p++]! + sign * Bx[q++]!;
        } else if (a < b) {
          j = a;
          v = Ax[p++]!;
        } else {
          j = b;
          v = sign * Bx[q++]!;
        }
        if (v !== 0) {
          Cj[w] = j;
          Cx[w++] = v;
        }
      }
    }
    Cp[i + 1] = w;
  }
  return trimmed(Cp, Cj, Cx, w);
}

/**
 * A ∘ D for a compressed matrix and a dense row-major matrix D of the same shape (entry (i, j)
 * of D at `D[i·cols + j]`); `byRow` says whether lines are rows (CSR) or columns (CSC). Keeps
 * A's pattern minus the products that are exactly zero. @internal
 */
export function multiplyDense(A: CsrArrays, nMajor: number, D: Float64Array, cols: number, byRow: boolean): CsrArrays {
  const { indptr: Ap, indices: Aj, data: Ax } = A;
  const Cp = resultInt32(nMajor + 1);
  Cp[0] = 0;
  const Cj = resultInt32(Ax.length);
  const Cx = resultFloat64(Ax.length);
  let w = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let p = Ap[i]!; p < Ap[i + 1]!; p++) {
      const j = Aj[p]!;
      const v = Ax[p]! * D[byRow ? i * cols + j : j * cols + i]!;
      if (v !== 0) {
        Cj[w] = j;
        Cx[w++] = v;
      }
    }
    Cp[i + 1] = w;
  }
  return trimmed(Cp, Cj, Cx, w);
}

/** A new array f(data[p]) for every stored value. @internal */
export function mapValues(data: Float64Array, f: (v: number) => number): Float64Array {
  const out = resultFloat64(data.length);
  for (let p = 0; p < data.length; p++) out[p] = f(data[p]!);
  return out;
}

/**
 * y ← beta·y in place before a product accumulates into y: zeros when beta = 0 (so NaN in y does
 * not propagate, as in BLAS), nothing when beta = 1. @internal
 */
export function prescaleOutput(y: Float64Array, beta: number): void {
  if (beta === 0) y.fill(0);
  else if (beta !== 1) for (let i = 0; i < y.length; i++) y[i]! *= beta;
}

/** data·s as a new array. @internal */
export function scaleValues(data: Float64Array, s: number): Float64Array {
  const out = resultFloat64(data.length);
  for (let p = 0; p < data.length; p++) out[p] = data[p]! * s;
  return out;
}

/**
 * Sums of the stored values per line (`perLine` = true, length nMajor) or per minor index
 * (length nMinor). @internal
 */
export function lineSums(A: CsrArrays, nMajor: number, nMinor: number, perLine: boolean, abs = false): Float64Array {
  const { indptr, indices, data } = A;
  const out = new Float64Array(perLine ? nMajor : nMinor);
  for (let i = 0; i < nMajor; i++) {
    let s = 0;
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
      const v = abs ? Math.abs(data[p]!) : data[p]!;
      if (perLine) s += v;
      else out[indices[p]!]! += v;
    }
    if (perLine) out[i] = s;
  }
  return out;
}
