/**
 * Subsampled randomized Hadamard transform: S = √(N/m)·P·H·D with D random signs, H the
 * orthonormal Walsh–Hadamard transform of size N (n zero-padded to a power of two) and P the
 * selection of m of the N rows, uniformly without replacement.
 *
 * @module
 */
import { allocFloat64 } from '../core/alloc.js';
import { ArgumentError } from '../core/errors.js';
import type { DenseMatrix } from '../core/dense.js';
import { createRng } from '../core/rng.js';
import type { CSCMatrix } from '../formats/csc.js';
import type { CSRMatrix } from '../formats/csr.js';
import { fwhtWorkspace, type FwhtWorkspace } from '../kernels/fwht/fwht.js';
import { nextPowerOfTwo } from './hadamard.js';
import { checkSketchShape, type Sketch, SketchBase, type SketchOptions } from './sketch.js';
import { optionKeys, readOptions } from '../core/options.js';
import { resultZerosFloat64 } from '../kernels/runtime/result-pool.js';

/** Columns transformed together: 8 doubles = one 64-byte cache line of each row of A. */
const CHUNK = 8;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The SRHT: stores the n signs and the m sampled rows (O(n + m) memory); products run the fast
 * Walsh–Hadamard transform on blocks of CHUNK columns (O(N·CHUNK) working memory).
 * @internal
 */
class SRHT extends SketchBase {
  readonly kind = 'srht' as const;
  /** Padded size N = 2^⌈log₂ n⌉. */
  readonly N: number;
  private readonly signs: Float64Array;
  private readonly picked: Int32Array;
  private readonly scale: number;

  constructor(m: number, n: number, seed: number | string) {
    super(m, n, seed);
    this.N = nextPowerOfTwo(n);
    const rng = createRng(seed);
    this.signs = rng.fillRademacher(new Float64Array(n));
    this.picked = Int32Array.from(rng.sample(this.N, m));
    // √(N/m) · (1/√N) from the orthonormal H.
    this.scale = 1 / Math.sqrt(m);
  }

  /** Transform the N x w block in `ws` and write its sampled rows into columns c0.. of `out` (m x d). */
  private finishChunk(ws: FwhtWorkspace, w: number, out: Float64Array, d: number, c0: number): void {
    const { m, N, picked, scale } = this;
    ws.transform(N, w, 1);
    const buf = ws.data;
    for (let r = 0; r < m; r++) {
      const src = picked[r]! * w;
      const dst = r * d + c0;
      for (let k = 0; k < w; k++) out[dst + k] = buf[src + k]! * scale;
    }
  }

  protected applyDense(A: DenseMatrix): DenseMatrix {
    const { m, n, N, signs } = this;
    const d = A.cols;
    const a = A.data;
    const out = resultZerosFloat64(m * d);
    if (d === 0) return { rows: m, cols: 0, data: out };
    const W = Math.min(CHUNK, d);
    const ws = fwhtWorkspace(N * W);
    try {
      const buf = ws.data;
      for (let c0 = 0; c0 < d; c0 += W) {
        const w = Math.min(W, d - c0);
        for (let i = 0; i < n; i++) {
          const s = signs[i]!;
          const src = i * d + c0;
          const dst = i * w;
          for (let k = 0; k < w; k++) buf[dst + k] = s * a[src + k]!;
        }
        buf.fill(0, n * w, N * w);
        this.finishChunk(ws, w, out, d, c0);
      }
    } finally {
      ws.release();
    }
    return { rows: m, cols: d, data: out };
  }

  protected applyCSC(A: CSCMatrix): DenseMatrix {
    const { m, N, signs } = this;
    const d = A.shape[1];
    const { indptr, indices, data } = A;
    const out = resultZerosFloat64(m * d);
    if (d === 0) return { rows: m, cols: 0, data: out };
    const W = Math.min(CHUNK, d);
    const ws = fwhtWorkspace(N * W);
    try {
      const buf = ws.data;
      for (let c0 = 0; c0 < d; c0 += W) {
        const w = Math.min(W, d - c0);
        buf.fill(0, 0, N * w);
        for (let k = 0; k < w; k++) {
          const j = c0 + k;
          for (let p = indptr[j]!; p < indptr[j + 1]!; p++) {
            const i = indices[p]!;
            buf[i * w + k]! += signs[i]! * data[p]!;
          }
        }
        this.finishChunk(ws, w, out, d, c0);
      }
    } finally {
      ws.release();
    }
    return { rows: m, cols: d, data: out };
  }

  protected applyCSR(A: CSRMatrix): DenseMatrix {
    // Column blocks are needed: one O(nnz) conversion, then the CSC path.
    const B = A.toCSC();
    try {
      return this.applyCSC(B);
    } finally {
      B.dispose(); // the conversion is ours alone: its memory goes back to the result pool
    }
  }

  applyVec(b: Float64Array): Float64Array {
    const { m, n, N, signs, picked, scale } = this;
    const ws = fwhtWorkspace(N);
    const out = resultZerosFloat64(m);
    try {
      const buf = ws.data;
      for (let i = 0; i < n; i++) buf[i] = signs[i]! * b[i]!;
      buf.fill(0, n, N);
      ws.transform(N, 1, 1);
      for (let r = 0; r < m; r++) out[r] = buf[picked[r]!]! * scale;
    } finally {
      ws.release();
    }
    return out;
  }

  protected materialise(): DenseMatrix {
    const { m, n, signs, picked, scale } = this;
    const out = allocFloat64('srht.toDense', 'm·n', m * n);
    for (let r = 0; r < m; r++) {
      const p = picked[r]!;
      for (let k = 0; k < n; k++) out[r * n + k] = (popcount(p & k) & 1 ? -scale : scale) * signs[k]!;
    }
    return { rows: m, cols: n, data: out };
  }
}

/**
 * A subsampled randomized Hadamard transform (SRHT): S = √(N/m)·P·H·D, m x n, where n is
 * zero-padded to N = 2^⌈log₂ n⌉, D = diag of n random signs, H the orthonormal Walsh–Hadamard
 * matrix (entries ±1/√N) and P picks m of the N rows uniformly without replacement. E[SᵀS] = I.
 * D and H spread every vector's mass evenly over the N coordinates ("flattening"), after which
 * uniform row sampling is an ε-subspace embedding for m = O((d + log n)·log d/ε²) (Tropp 2011).
 *
 * Complexity: `apply` O(N·d·log N) for an n x d matrix (dense or sparse: the transform fills in),
 * with the fast Walsh–Hadamard kernel in place on blocks of 8 columns (working memory 8·N
 * doubles plus the m x d result); `applyVector` O(N log N); storage O(n + m).
 *
 * @param m - sketch rows, 1 ≤ m ≤ n (rows are sampled, so m > n is an error)
 * @param n - rows of the matrices it will be applied to
 * @param options - `{ seed }`
 * @returns a {@link Sketch} with `kind: 'srht'`
 * @throws {@link ArgumentError} when m or n is not a positive integer or m > n.
 *
 * @example
 * ```ts
 * import { srht } from 'sparsity';
 * const S = srht(4, 6, { seed: 3 });      // n = 6 is padded to N = 8
 * const Sd = S.toDense();                 // 4 x 6, entries ±1/√4
 * Math.abs(Sd.get(2, 5)); // => 0.5
 * const x = [1, -2, 0, 4, 1, 1];
 * const Sx = S.applyVector(x);
 * let ref = 0;
 * for (let k = 0; k < 6; k++) ref += Sd.get(1, k) * x[k];
 * Math.abs(Sx[1] - ref) < 1e-12; // => true
 * ```
 */
export function srht(m: number, n: number, options: SketchOptions = {}): Sketch {
  options = readOptions('srht', options, optionKeys<SketchOptions>({ seed: true }));
  const [mm, nn] = checkSketchShape(m, n);
  if (mm > nn) throw new ArgumentError('m', m, `an integer in [1, n = ${nn}] (SRHT samples m of the n rows)`);
  if (nn > 2 ** 30) throw new ArgumentError('n', n, 'at most 2^30 (padded Hadamard size)');
  return new SRHT(mm, nn, createRng(options.seed).seed);
}
