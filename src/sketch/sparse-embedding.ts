/**
 * Sparse embeddings: S (m x n) with exactly s nonzeros ±1/√s in each column, in s distinct rows
 * chosen uniformly. s = 1 is CountSketch (Clarkson–Woodruff); s > 1 is OSNAP (Nelson–Nguyễn).
 *
 * @module
 * @internal
 */
import { allocFloat64 } from '../core/alloc.js';
import type { DenseMatrix } from '../core/dense.js';
import { createRng } from '../core/rng.js';
import type { CSCMatrix } from '../formats/csc.js';
import type { CSRMatrix } from '../formats/csr.js';
import { SketchBase } from './sketch.js';
import { resultZerosFloat64 } from '../kernels/runtime/result-pool.js';

/**
 * The column structure of S: rows `rowOf[k·s + t]` and values `valOf[k·s + t]` for t < s.
 * O(n·s) storage; every product is O(s·nnz(A)) (O(s·n·d) for dense A).
 * @internal
 */
export class SparseEmbedding extends SketchBase {
  readonly kind: 'countsketch' | 'osnap';
  /** Nonzeros per column. */
  readonly s: number;
  private readonly rowOf: Int32Array;
  private readonly valOf: Float64Array;

  constructor(kind: 'countsketch' | 'osnap', m: number, n: number, s: number, seed: number | string) {
    super(m, n, seed);
    this.kind = kind;
    this.s = s;
    const rng = createRng(seed);
    const rowOf = new Int32Array(n * s);
    const valOf = new Float64Array(n * s);
    const v = 1 / Math.sqrt(s);
    for (let k = 0; k < n; k++) {
      const base = k * s;
      for (let t = 0; t < s; t++) {
        // s distinct rows by rejection (s ≤ m; s is small in practice, and s ≤ m/2 keeps it fast).
        let r = 0;
        let again = true;
        while (again) {
          r = rng.integer(0, m);
          again = false;
          for (let u = 0; u < t; u++) if (rowOf[base + u] === r) again = true;
        }
        rowOf[base + t] = r;
        valOf[base + t] = rng.rademacher() * v;
      }
    }
    this.rowOf = rowOf;
    this.valOf = valOf;
  }

  protected applyDense(A: DenseMatrix): DenseMatrix {
    const { m, n, s, rowOf, valOf } = this;
    const d = A.cols;
    const a = A.data;
    const out = resultZerosFloat64(m * d);
    for (let k = 0; k < n; k++) {
      const src = k * d;
      for (let t = 0; t < s; t++) {
        const dst = rowOf[k * s + t]! * d;
        const v = valOf[k * s + t]!;
        for (let j = 0; j < d; j++) out[dst + j]! += v * a[src + j]!;
      }
    }
    return { rows: m, cols: d, data: out };
  }

  protected applyCSR(A: CSRMatrix): DenseMatrix {
    const { m, n, s, rowOf, valOf } = this;
    const d = A.shape[1];
    const { indptr, indices, data } = A;
    const out = resultZerosFloat64(m * d);
    for (let k = 0; k < n; k++) {
      const p0 = indptr[k]!;
      const p1 = indptr[k + 1]!;
      for (let t = 0; t < s; t++) {
        const dst = rowOf[k * s + t]! * d;
        const v = valOf[k * s + t]!;
        for (let p = p0; p < p1; p++) out[dst + indices[p]!]! += v * data[p]!;
      }
    }
    return { rows: m, cols: d, data: out };
  }

  protected applyCSC(A: CSCMatrix): DenseMatrix {
    const { m, s, rowOf, valOf } = this;
    const d = A.shape[1];
    const { indptr, indices, data } = A;
    const out = resultZerosFloat64(m * d);
    for (let j = 0; j < d; j++) {
      for (let p = indptr[j]!; p < indptr[j + 1]!; p++) {
        const base = indices[p]! * s;
        const x = data[p]!;
        for (let t = 0; t < s; t++) out[rowOf[base + t]! * d + j]! += valOf[base + t]! * x;
      }
    }
    return { rows: m, cols: d, data: out };
  }

  /**
   * S restricted to the input rows `rows[p0..p0+len)` applied to those rows of a row-major A
   * (d columns): out (m x d, row-major, overwritten) = Σᵢ S[:, rows[p0+i]]·A[rows[p0+i]]. The
   * columns of S are independent, so this is a sparse embedding of the len selected rows (what a
   * batch of least-squares problems over row subsets of one matrix needs). O(s·len·d).
   * @internal
   */
  applyRowsInto(a: Float64Array, d: number, rows: Int32Array, p0: number, len: number, out: Float64Array): void {
    const { m, s, rowOf, valOf } = this;
    out.fill(0, 0, m * d);
    for (let i = 0; i < len; i++) {
      const k = rows[p0 + i]!;
      const src = k * d;
      for (let t = 0; t < s; t++) {
        const dst = rowOf[k * s + t]! * d;
        const v = valOf[k * s + t]!;
        for (let j = 0; j < d; j++) out[dst + j]! += v * a[src + j]!;
      }
    }
  }

  applyVec(b: Float64Array): Float64Array {
    const { m, n, s, rowOf, valOf } = this;
    const out = resultZerosFloat64(m);
    for (let k = 0; k < n; k++) {
      const bk = b[k]!;
      for (let t = 0; t < s; t++) out[rowOf[k * s + t]!]! += valOf[k * s + t]! * bk;
    }
    return out;
  }

  protected materialise(): DenseMatrix {
    const { m, n, s, rowOf, valOf } = this;
    const out = allocFloat64('sketch.toDense', 'm·n', m * n);
    for (let k = 0; k < n; k++) {
      for (let t = 0; t < s; t++) out[rowOf[k * s + t]! * n + k]! += valOf[k * s + t]!;
    }
    return { rows: m, cols: n, data: out };
  }
}
