/**
 * Complex dense matrices as two real planes (re, im), and their products through the real matmul
 * kernel. The public API passes complex values interleaved (re, im, re, im, ...); these helpers
 * split them into planes once so every product runs on the real kernel.
 *
 * @module
 * @internal
 */
import { checkLength, toFloat64, type VectorLike } from '../../core/array.js';
import type { DenseMatrix } from '../../core/dense.js';
import { ArgumentError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput } from '../../formats/dense.js';
import { matmul } from './matmul.js';
import { pinv } from './pinv.js';

/** A row-major dense matrix in two planes; `im === null` means real. @internal */
export interface CMat {
  readonly rows: number;
  readonly cols: number;
  readonly re: Float64Array;
  readonly im: Float64Array | null;
}

/** A vector in two planes; `im === null` means real. @internal */
export interface CVec {
  re: Float64Array;
  im: Float64Array | null;
}

/**
 * Read a dense input as a CMat: real as is, or (complex) a rows x 2·cols matrix whose rows hold
 * interleaved (re, im) pairs.
 * @throws {@link ArgumentError} when a complex input has an odd number of columns, or on NaN.
 * @internal
 */
export function toCMat(A: DenseInput, name: string, complex: boolean): CMat {
  const d = asDenseMatrix(A, name);
  if (!complex) return { rows: d.rows, cols: d.cols, re: d.data, im: null };
  if (d.cols % 2 !== 0) throw new ArgumentError(name, `a matrix with ${d.cols} columns`, 'an even number of columns (interleaved re, im pairs) with complex: true');
  const cols = d.cols / 2;
  const n = d.rows * cols;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = d.data[2 * i]!;
    im[i] = d.data[2 * i + 1]!;
  }
  return { rows: d.rows, cols, re, im };
}

/**
 * Read a vector: real (length n) or complex interleaved (length 2n) into planes.
 * @throws {@link ArgumentError} on NaN/Infinity or an odd complex length.
 * @internal
 */
export function toCVec(x: VectorLike, name: string, complex: boolean): CVec {
  const v = toFloat64(x, name);
  if (!complex) return { re: v, im: null };
  if (v.length % 2 !== 0) throw new ArgumentError(name, v, 'an even length (interleaved re, im pairs) with complex: true');
  const n = v.length / 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = v[2 * i]!;
    im[i] = v[2 * i + 1]!;
  }
  return { re, im };
}

/** Interleave planes (re, im, ...) or return the real plane when `complex` is false. @internal */
export function fromCVec(x: CVec, complex: boolean): Float64Array {
  if (!complex) return x.re;
  const n = x.re.length;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = x.re[i]!;
    out[2 * i + 1] = x.im ? x.im[i]! : 0;
  }
  return out;
}

/** Squared moduli |xᵢ|². @internal */
export function abs2(x: CVec): Float64Array {
  const n = x.re.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = x.re[i]!;
    const m = x.im ? x.im[i]! : 0;
    out[i] = r * r + m * m;
  }
  return out;
}

function plane(rows: number, cols: number, data: Float64Array): DenseMatrix {
  return { rows, cols, data };
}

function mm(a: DenseMatrix, b: DenseMatrix, transA: boolean, transB: boolean): Float64Array {
  return matmul(a, b, { transA, transB }).data as Float64Array;
}

/**
 * C = op(A)·op(B) for CMats, where op transposes (`t`) and/or conjugates (`c`): four real
 * products at most (one when both are real).
 * @internal
 */
export function cmatmul(A: CMat, B: CMat, tA = false, tB = false, cA = false, cB = false): CMat {
  const ar = plane(A.rows, A.cols, A.re);
  const br = plane(B.rows, B.cols, B.re);
  const rows = tA ? A.cols : A.rows;
  const cols = tB ? B.rows : B.cols;
  const re = mm(ar, br, tA, tB);
  if (!A.im && !B.im) return { rows, cols, re, im: null };
  const sA = cA ? -1 : 1;
  const sB = cB ? -1 : 1;
  const im = new Float64Array(rows * cols);
  if (A.im) {
    const ai = plane(A.rows, A.cols, A.im);
    const t = mm(ai, br, tA, tB);
    for (let i = 0; i < t.length; i++) im[i] = im[i]! + sA * t[i]!;
    if (B.im) {
      const bi = plane(B.rows, B.cols, B.im);
      const u = mm(ai, bi, tA, tB);
      const s = sA * sB;
      for (let i = 0; i < u.length; i++) re[i] = re[i]! - s * u[i]!;
    }
  }
  if (B.im) {
    const t = mm(ar, plane(B.rows, B.cols, B.im), tA, tB);
    for (let i = 0; i < t.length; i++) im[i] = im[i]! + sB * t[i]!;
  }
  return { rows, cols, re, im };
}

/** Columns `cols` of A (a new CMat). @internal */
export function selectColumns(A: CMat, cols: ArrayLike<number>): CMat {
  const k = cols.length;
  const re = new Float64Array(A.rows * k);
  const im = A.im ? new Float64Array(A.rows * k) : null;
  for (let i = 0; i < A.rows; i++) {
    for (let t = 0; t < k; t++) {
      re[i * k + t] = A.re[i * A.cols + cols[t]!]!;
      if (im) im[i * k + t] = A.im![i * A.cols + cols[t]!]!;
    }
  }
  return { rows: A.rows, cols: k, re, im };
}

/** Length check for a complex or real vector in planes. @internal */
export function checkCVecLength(op: string, expected: number, x: CVec, shape: readonly number[]): void {
  checkLength(op, expected, x.re, shape);
}

/**
 * The real embedding [[Ar, −Ai], [Ai, Ar]] (2m x 2n, row-major) of a complex m x n CMat: products,
 * solves and pseudo-inverses of the embedding are the embeddings of the complex ones.
 * @internal
 */
export function realEmbedding(A: CMat): Float64Array {
  const { rows: m, cols: n } = A;
  const n2 = 2 * n;
  const E = new Float64Array(4 * m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const r = A.re[i * n + j]!;
      const v = A.im ? A.im[i * n + j]! : 0;
      E[i * n2 + j] = r;
      E[i * n2 + j + n] = -v;
      E[(i + m) * n2 + j] = v;
      E[(i + m) * n2 + j + n] = r;
    }
  }
  return E;
}

/**
 * Moore–Penrose pseudo-inverse of a CMat. Complex matrices go through the real embedding
 * [[Ar, −Ai], [Ai, Ar]], whose pseudo-inverse is the embedding [[Pr, −Pi], [Pi, Pr]] of A⁺.
 * @internal
 */
export function cpinv(A: CMat): CMat {
  const { rows: m, cols: n } = A;
  if (!A.im) return { rows: n, cols: m, re: pinv({ rows: m, cols: n, data: A.re }).data as Float64Array, im: null };
  const m2 = 2 * m;
  const n2 = 2 * n;
  const E = realEmbedding(A);
  const P = pinv({ rows: m2, cols: n2, data: E }).data as Float64Array;
  const re = new Float64Array(n * m);
  const im = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      re[i * m + j] = P[i * m2 + j]!;
      im[i * m + j] = P[(i + n) * m2 + j]!;
    }
  }
  return { rows: n, cols: m, re, im };
}
