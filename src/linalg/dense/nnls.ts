/**
 * Non-negative least squares min ‖A·x − b‖₂ subject to x ≥ 0 (Lawson and Hanson's active-set
 * algorithm, as SciPy's `optimize.nnls`).
 *
 * @module
 */
import { checkPositiveInt, toFloat64, type VectorLike } from '../../core/array.js';
import { ArgumentError, ShapeError } from '../../core/errors.js';
import { asDenseMatrix, type DenseInput } from '../../formats/dense.js';
import { selectColumns } from './complex.js';
import { lstsq } from './lstsq.js';
import { matvec } from './matvec.js';

/** Result of {@link nnls}. */
export interface NNLSResult {
  /** The solution (x ≥ 0). */
  x: Float64Array;
  /** ‖A·x − b‖₂. */
  residualNorm: number;
  /** True when the optimality conditions held (w = Aᵀ(b − Ax) ≤ tol on the zero set). */
  converged: boolean;
  /** Number of outer (column-adding) iterations. */
  iterations: number;
}

/**
 * Non-negative least squares: x = argmin ‖A·x − b‖₂ subject to x ≥ 0 (SciPy's `optimize.nnls`).
 *
 * Lawson–Hanson active set: move the column with the largest gradient wᵢ = [Aᵀ(b − Ax)]ᵢ into the
 * passive set, solve the unconstrained least squares on it (`lstsq`), and step back along the
 * segment until every passive entry is positive. Each iteration is one QR of an m x |P| matrix;
 * at most `maxIter` (default 3n) iterations.
 *
 * @param A - m x n dense matrix
 * @param b - right-hand side of length m
 * @param options - `maxIter` (default 3n), `tol` on the gradient (default 10·ε·‖A‖₁·max(m, n))
 * @returns `{ x, residualNorm, converged, iterations }`
 * @throws {@link ShapeError} when b's length is not m; {@link ArgumentError} on NaN/Infinity or an
 *   unknown option.
 *
 * @example
 * ```ts
 * import { nnls } from 'sparsity';
 * const { x } = nnls([[1, 0], [0, 1]], [2, -1]);
 * Array.from(x); // => [2, 0]
 * ```
 */
export function nnls(A: DenseInput, b: VectorLike, options: { maxIter?: number; tol?: number } = {}): NNLSResult {
  if (options === null || typeof options !== 'object') throw new ArgumentError('options', options, 'an options object');
  for (const key of Object.keys(options)) if (key !== 'maxIter' && key !== 'tol') throw new ArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'no such option (known: maxIter, tol)');
  const a = asDenseMatrix(A, 'A');
  const bv = toFloat64(b, 'b');
  const { rows: m, cols: n } = a;
  if (bv.length !== m) throw new ShapeError('nnls', [m, n], bv.length);
  const maxIter = options.maxIter === undefined ? 3 * n : checkPositiveInt('maxIter', options.maxIter);
  let norm1 = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += Math.abs(a.data[i * n + j]!);
    norm1 = Math.max(norm1, s);
  }
  const tol = options.tol ?? 10 * 2.220446049250313e-16 * norm1 * Math.max(m, n);
  const cm = { rows: m, cols: n, re: a.data, im: null };
  const x = new Float64Array(n);
  const passive = new Uint8Array(n);
  const solveOn = (): Float64Array => {
    const P: number[] = [];
    for (let j = 0; j < n; j++) if (passive[j]) P.push(j);
    const s = new Float64Array(n);
    if (P.length === 0) return s;
    const sub = selectColumns(cm, P);
    const z = lstsq({ rows: m, cols: P.length, data: sub.re }, bv).x;
    P.forEach((j, t) => { s[j] = z[t]!; });
    return s;
  };
  const gradient = (): Float64Array => {
    const r = matvec(a, x);
    for (let i = 0; i < m; i++) r[i] = bv[i]! - r[i]!;
    return matvec(a, r, true);
  };
  let iterations = 0;
  let converged = false;
  let w = gradient();
  while (iterations < maxIter) {
    let j = -1;
    let best = tol;
    for (let t = 0; t < n; t++) if (!passive[t] && w[t]! > best) { best = w[t]!; j = t; }
    if (j < 0) { converged = true; break; }
    iterations++;
    passive[j] = 1;
    let s = solveOn();
    for (let inner = 0; inner < 3 * n; inner++) {
      let alpha = Infinity;
      for (let t = 0; t < n; t++) if (passive[t] && s[t]! <= 0) alpha = Math.min(alpha, x[t]! / (x[t]! - s[t]!));
      if (alpha === Infinity) break;
      for (let t = 0; t < n; t++) {
        x[t] = x[t]! + alpha * (s[t]! - x[t]!);
        if (passive[t] && x[t]! <= tol) { passive[t] = 0; x[t] = 0; }
      }
      s = solveOn();
    }
    x.set(s);
    w = gradient();
  }
  const r = matvec(a, x);
  let rn = 0;
  for (let i = 0; i < m; i++) rn += (bv[i]! - r[i]!) ** 2;
  return { x, residualNorm: Math.sqrt(rn), converged, iterations };
}
