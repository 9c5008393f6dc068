/**
 * Gaussian sketch: S = G/√m with G an m x n matrix of independent standard normals.
 *
 * @module
 */
import { allocFloat64 } from '../core/alloc.js';
import type { DenseMatrix } from '../core/dense.js';
import { denseTranspose } from '../core/dense.js';
import { createRng, type Rng } from '../core/rng.js';
import type { CSCMatrix } from '../formats/csc.js';
import type { CSRMatrix } from '../formats/csr.js';
import { checkSketchShape, type Sketch, SketchBase, type SketchOptions } from './sketch.js';
import { optionKeys, readOptions } from '../core/options.js';
import { recycleScratch, resultFloat64, resultZerosFloat64 } from '../kernels/runtime/result-pool.js';

/**
 * The Gaussian sketch. S is never stored: column k of S is the k-th block of m normals of the
 * seeded stream, regenerated on every product, so memory stays O(m·d) and every product uses the
 * same S.
 * @internal
 */
class GaussianSketch extends SketchBase {
  readonly kind = 'gaussian' as const;
  private readonly scale: number;

  constructor(m: number, n: number, seed: number | string) {
    super(m, n, seed);
    this.scale = 1 / Math.sqrt(m);
  }

  /** A generator positioned at column 0 of S. */
  private stream(): Rng {
    return createRng(this.seed);
  }

  protected applyDense(A: DenseMatrix): DenseMatrix {
    const { m, n } = this;
    const d = A.cols;
    const a = A.data;
    const out = resultZerosFloat64(m * d);
    const rng = this.stream();
    // Four columns of S (and four rows of A) per sweep over the m x d output.
    const s = new Float64Array(4 * m);
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      rng.fillNormal(s);
      const r0 = k * d;
      const r1 = r0 + d;
      const r2 = r1 + d;
      const r3 = r2 + d;
      for (let i = 0; i < m; i++) {
        const s0 = s[i]!;
        const s1 = s[m + i]!;
        const s2 = s[2 * m + i]!;
        const s3 = s[3 * m + i]!;
        const o = i * d;
        for (let j = 0; j < d; j++) {
          out[o + j]! += s0 * a[r0 + j]! + s1 * a[r1 + j]! + s2 * a[r2 + j]! + s3 * a[r3 + j]!;
        }
      }
    }
    const s1v = s.subarray(0, m);
    for (; k < n; k++) {
      rng.fillNormal(s1v);
      const r0 = k * d;
      for (let i = 0; i < m; i++) {
        const si = s1v[i]!;
        const o = i * d;
        for (let j = 0; j < d; j++) out[o + j]! += si * a[r0 + j]!;
      }
    }
    for (let p = 0; p < out.length; p++) out[p]! *= this.scale;
    return { rows: m, cols: d, data: out };
  }

  protected applyCSR(A: CSRMatrix): DenseMatrix {
    const { m, n } = this;
    const d = A.shape[1];
    const { indptr, indices, data } = A;
    // Accumulate the transpose (d x m) so the inner loop over the m sketch rows is contiguous.
    // Scratch from the result pool (zeroed), given back once transposed into the result.
    const outT = resultFloat64(d * m).fill(0);
    const rng = this.stream();
    const s = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      rng.fillNormal(s);
      for (let p = indptr[k]!; p < indptr[k + 1]!; p++) {
        const v = data[p]! * this.scale;
        const o = indices[p]! * m;
        for (let i = 0; i < m; i++) outT[o + i]! += s[i]! * v;
      }
    }
    const out = denseTranspose({ rows: d, cols: m, data: outT });
    recycleScratch(outT);
    return out;
  }

  protected applyCSC(A: CSCMatrix): DenseMatrix {
    // Column k of S is needed row by row of A: go through CSR (O(nnz) conversion).
    const B = A.toCSR();
    try {
      return this.applyCSR(B);
    } finally {
      B.dispose(); // the conversion is ours alone: its memory goes back to the result pool
    }
  }

  applyVec(b: Float64Array): Float64Array {
    const { m, n } = this;
    const out = resultZerosFloat64(m);
    const rng = this.stream();
    const s = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      rng.fillNormal(s);
      const bk = b[k]!;
      for (let i = 0; i < m; i++) out[i]! += s[i]! * bk;
    }
    for (let i = 0; i < m; i++) out[i]! *= this.scale;
    return out;
  }

  protected materialise(): DenseMatrix {
    const { m, n } = this;
    const out = allocFloat64('gaussianSketch.toDense', 'm·n', m * n);
    const rng = this.stream();
    const s = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      rng.fillNormal(s);
      for (let i = 0; i < m; i++) out[i * n + k] = s[i]! * this.scale;
    }
    return { rows: m, cols: n, data: out };
  }
}

/**
 * A Gaussian sketch: the m x n matrix S = G/√m with independent standard normal entries G_ik,
 * so E[SᵀS] = I. It is the most accurate and most expensive sketch: with m = O(d/ε²) rows it is an
 * ε-subspace embedding of any fixed d-dimensional subspace with high probability.
 *
 * S is regenerated from its seed on every product (memory O(m·d), never O(m·n)).
 * Complexity: `apply` O(m·n·d) for dense A and O(m·(n + nnz)) for sparse A; `applyVector` O(m·n).
 *
 * @param m - sketch rows (m ≥ 1; m > n is allowed but pointless)
 * @param n - rows of the matrices it will be applied to
 * @param options - `{ seed }`
 * @returns a {@link Sketch} with `kind: 'gaussian'`
 * @throws {@link ArgumentError} when m or n is not a positive integer, or the seed is invalid.
 *
 * @example
 * ```ts
 * import { gaussianSketch } from 'sparsity';
 * const S = gaussianSketch(20, 1000, { seed: 1 });
 * S.shape; // => [20, 1000]
 * const b = new Float64Array(1000).fill(1);
 * const Sb = S.applyVector(b);
 * Sb.length; // => 20
 * // The same S is used by apply and applyVector:
 * const SA = S.apply([...Array(1000)].map(() => [1]));
 * Math.abs(SA.get(7, 0) - Sb[7]) < 1e-12; // => true
 * ```
 */
export function gaussianSketch(m: number, n: number, options: SketchOptions = {}): Sketch {
  options = readOptions('gaussianSketch', options, optionKeys<SketchOptions>({ seed: true }));
  const [mm, nn] = checkSketchShape(m, n);
  return new GaussianSketch(mm, nn, createRng(options.seed).seed);
}
