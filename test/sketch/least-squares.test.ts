/**
 * Sketched least squares. Oracles: the exact solution x* from the Householder QR of A (linalg's
 * qr), ‖A†‖ = 1/σ_min(R) by inverse power iteration on R, NumPy's lstsq for a live cross-check.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, ShapeError, createRng, fromDense, linfRegression, linfSketchSize, lsqr, sketchAndPrecondition, sketchAndSolve,
  srht, toNdarray, type DenseMatrix,
} from '../../src/index.js';
import { qrApplyVecInPlace, qrDense, qrQDense, qrRDense } from '../../src/linalg/dense/qr.js';
import { solveTriangularVecInPlace } from '../../src/linalg/dense/triangular.js';
import { pythonMissing, runPython } from '../helpers/python.js';

interface Problem {
  A: DenseMatrix;
  b: Float64Array;
}

/** Exact least squares by QR, ‖Ax* − b‖ and ‖A†‖₂ = ‖R⁻¹‖₂ (inverse power iteration, 200 steps). */
function exactSolution({ A, b }: Problem): { x: Float64Array; res: number; pinvNorm: number } {
  const d = A.cols;
  const F = qrDense(A);
  const R = qrRDense(F);
  const x = solveTriangularVecInPlace(R, qrApplyVecInPlace(F, b.slice(), true).slice(0, d), false, false);
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  let lam = 0;
  for (let it = 0; it < 200; it++) {
    const z = solveTriangularVecInPlace(R, solveTriangularVecInPlace(R, v.slice(), false, false), false, true);
    lam = Math.hypot(...z);
    v = z.map((t) => t / lam);
  }
  return { x, res: residual(A, x, b), pinvNorm: Math.sqrt(lam) };
}

function residual(A: DenseMatrix, x: Float64Array, b: Float64Array): number {
  let r = 0;
  for (let i = 0; i < A.rows; i++) {
    let s = -b[i]!;
    for (let j = 0; j < A.cols; j++) s += A.data[i * A.cols + j]! * x[j]!;
    r += s * s;
  }
  return Math.sqrt(r);
}

/**
 * n x d design: 'gaussian' rows, or 'heavy' rows g·w with w = 1/√E, E ~ Exp(1) (a multivariate t
 * with 2 degrees of freedom: row norms with a 1/t² tail, very non-uniform leverage scores);
 * b = A·x_true + N(0, 1) noise.
 */
function design(kind: 'gaussian' | 'heavy', n: number, d: number, seed: number): Problem {
  const rng = createRng(seed);
  const a = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const w = kind === 'heavy' ? 1 / Math.sqrt(-Math.log(1 - rng.random())) : 1;
    for (let j = 0; j < d; j++) a[i * d + j] = w * rng.normal();
  }
  const xt = rng.fillNormal(new Float64Array(d));
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += a[i * d + j]! * xt[j]!;
    b[i] = s + rng.normal();
  }
  return { A: { rows: n, cols: d, data: a }, b };
}

const maxAbs = (x: Float64Array, y: Float64Array) => x.reduce((e, v, j) => Math.max(e, Math.abs(v - y[j]!)), 0);
const relErr = (x: Float64Array, y: Float64Array) =>
  Math.sqrt(x.reduce((e, v, j) => e + (v - y[j]!) ** 2, 0) / y.reduce((e, v) => e + v * v, 0));

describe('l-infinity guarantee (Song, Ye, Yin, Zhang): n = 2^14, d = 64, 10 seeds', () => {
  const n = 2 ** 14;
  const d = 64;
  const seeds = [...Array(10).keys()];
  for (const kind of ['gaussian', 'heavy'] as const) {
    it(`${kind} rows: ‖x′ − x*‖∞·√d / (‖Ax* − b‖·‖A†‖) < 6·√(d/m) for m ∈ {4d, 16d, 64d}; linfRegression(ε = 0.5) meets ε`, () => {
      let worstK = 0;
      let worstLinf = 0;
      for (const seed of seeds) {
        const prob = design(kind, n, d, 500 + seed);
        const ex = exactSolution(prob);
        const scale = ex.res * ex.pinvNorm;
        const Ad = toNdarray(prob.A);
        for (const m of [4 * d, 16 * d, 64 * d]) {
          const { x } = sketchAndSolve(Ad, prob.b, { sketch: 'srht', m, seed });
          const ratio = (maxAbs(x, ex.x) * Math.sqrt(d)) / scale;
          expect(ratio, `seed ${seed}, m = ${m}`).toBeLessThan(6 * Math.sqrt(d / m));
          worstK = Math.max(worstK, ratio / Math.sqrt(d / m));
        }
        const r = linfRegression(Ad, prob.b, { epsilon: 0.5, seed });
        expect(r.m).toBe(linfSketchSize(n, d, 0.5, 0.01));
        expect(Math.abs(r.residualNorm - residual(prob.A, r.x, prob.b))).toBeLessThan(1e-9 * r.residualNorm);
        worstLinf = Math.max(worstLinf, (maxAbs(r.x, ex.x) * Math.sqrt(d)) / scale);
      }
      expect(worstLinf).toBeLessThan(0.5);
      // The error is a genuine sketching error (not an exact solve): k is of order 1.
      expect(worstK).toBeGreaterThan(1);
    });
  }
});

describe('sketchAndPrecondition', () => {
  const n = 8192;
  const d = 50;
  const sigma = Array.from({ length: d }, (_, j) => 10 ** ((-8 * j) / (d - 1))); // cond = 1e8 exactly

  /** A = Q·diag(σ) (orthogonal columns of norms σ_j: cond(A) = 1e8), b = A·x_t + 10% noise. */
  function scaledDesign(seed: number): Problem {
    const rng = createRng(seed);
    const Q = qrQDense(qrDense({ rows: n, cols: d, data: rng.fillNormal(new Float64Array(n * d)) }));
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Q.data[i * d + j]! *= sigma[j]!;
    return { A: Q, b: rhs(Q, rng, 0.1) };
  }

  /** A = U·diag(σ)·Vᵀ with random orthonormal U (n x d) and V (d x d): cond(A) = 1e8, generic directions. */
  function rotatedDesign(seed: number): Problem {
    const rng = createRng(seed);
    const U = qrQDense(qrDense({ rows: n, cols: d, data: rng.fillNormal(new Float64Array(n * d)) }));
    const V = qrQDense(qrDense({ rows: d, cols: d, data: rng.fillNormal(new Float64Array(d * d)) }));
    const a = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) {
      const u = U.data[i * d + k]! * sigma[k]!;
      for (let j = 0; j < d; j++) a[i * d + j]! += u * V.data[j * d + k]!;
    }
    const A = { rows: n, cols: d, data: a };
    return { A, b: rhs(A, rng, 0.1) };
  }

  function rhs(A: DenseMatrix, rng: ReturnType<typeof createRng>, noise: number): Float64Array {
    const xt = rng.fillNormal(new Float64Array(d));
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) b[i]! += A.data[i * d + j]! * xt[j]!;
    const e = rng.fillNormal(new Float64Array(n));
    const f = (noise * Math.hypot(...b)) / Math.hypot(...e);
    for (let i = 0; i < n; i++) b[i]! += f * e[i]!;
    return b;
  }

  it('cond(A) = 1e8 (column-scaled orthogonal design): x* to 1e-10 relative in at most 60 LSQR iterations, default options', () => {
    for (const seed of [1, 2, 3]) {
      const prob = scaledDesign(seed);
      const ex = exactSolution(prob);
      const r = sketchAndPrecondition(toNdarray(prob.A), prob.b, { seed });
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeLessThanOrEqual(60);
      expect(relErr(r.x, ex.x)).toBeLessThan(1e-10);
      expect(r.m).toBe(2 * d);
      expect(r.history.length).toBe(r.iterations + 1);
      expect(Math.abs(r.residualNorm - ex.res)).toBeLessThan(1e-10 * ex.res);
      // the preconditioned operator is well conditioned although A is not
      expect(r.preconditionedCond).toBeLessThan(1e3);
      // other sketches work as preconditioners too
      for (const sketch of ['gaussian', 'countsketch', 'osnap'] as const) {
        const q = sketchAndPrecondition(prob.A, prob.b, { sketch, oversampling: sketch === 'gaussian' ? 2 : 4, seed });
        expect(q.iterations, sketch).toBeLessThanOrEqual(60);
        expect(relErr(q.x, ex.x), sketch).toBeLessThan(1e-10);
      }
      // Without the preconditioner, 60 LSQR iterations are nowhere near.
      const plain = lsqr(toNdarray(prob.A), prob.b, { atol: 1e-14, btol: 1e-14, maxIter: 60 });
      expect(relErr(plain.x, ex.x)).toBeGreaterThan(1e-3);
    }
  });

  it('cond(A) = 1e8 with generic singular vectors: within the backward-stable floor (x to cond·ε·√d, Ax to 1e-8)', () => {
    const prob = rotatedDesign(4);
    const ex = exactSolution(prob);
    const r = sketchAndPrecondition(prob.A, prob.b, { seed: 4 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(60);
    // Any backward-stable solver (QR included) has forward error ~ cond(A)·ε·(1 + cond(A)·‖r‖/(‖A‖‖x‖)).
    expect(relErr(r.x, ex.x)).toBeLessThan(1e-5);
    const dx = r.x.map((v, j) => v - ex.x[j]!);
    const Adx = residual(prob.A, dx, new Float64Array(n));
    expect(Adx).toBeLessThan(1e-8 * Math.hypot(...prob.b));
    expect(r.residualNorm).toBeLessThan(ex.res * (1 + 1e-10)); // optimal to rounding (sketch-and-solve is ~1e-2 above)
  });

  const reason = pythonMissing(['numpy']);
  it.skipIf(reason !== null)('agrees with numpy.linalg.lstsq on a sparse (CSR and CSC) tall system', () => {
    const rng = createRng(77);
    const rows = 3000;
    const cols = 40;
    const dense: number[][] = [];
    for (let i = 0; i < rows; i++) {
      const row = new Array<number>(cols).fill(0);
      row[i % cols] = 1 + rng.random();
      for (let t = 0; t < 3; t++) row[rng.integer(0, cols)] = rng.normal();
      dense.push(row);
    }
    const b = Array.from({ length: rows }, () => rng.normal());
    const ref = runPython<number[]>('import numpy as np\nx = np.linalg.lstsq(np.array(inp["A"]), np.array(inp["b"]), rcond=None)[0]\nprint(json.dumps(x.tolist()))', { A: dense, b });
    const xr = Float64Array.from(ref);
    for (const A of [fromDense(dense), fromDense(dense, 'csc'), fromDense(dense, 'coo')]) {
      for (const sketch of ['srht', 'countsketch'] as const) {
        const r = sketchAndPrecondition(A, b, { sketch, oversampling: 4, seed: 3 });
        expect(relErr(r.x, xr), `${A.format} ${sketch}`).toBeLessThan(1e-11);
      }
      // sketch-and-solve: near-optimal residual, not exact
      const s = sketchAndSolve(A, b, { m: 400, seed: 2 });
      const optimal = residual({ rows, cols, data: Float64Array.from(dense.flat()) }, xr, Float64Array.from(b));
      expect(s.residualNorm).toBeGreaterThan(optimal);
      expect(s.residualNorm).toBeLessThan(optimal * 1.1);
    }
  });

  it('onIteration sees every iteration and can stop', () => {
    const prob = scaledDesign(9);
    const seen: number[] = [];
    const r = sketchAndPrecondition(prob.A, prob.b, {
      seed: 1,
      onIteration: (info) => {
        seen.push(info.iteration);
        return info.iteration < 5;
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(r.stopped).toBe(true);
    expect(r.converged).toBe(false);
  });
});

describe('sketched least squares: bad input', () => {
  const A = [...Array(20)].map((_, i) => [1, i, (i * i) % 7]);
  const b = A.map((r) => r[1]! + 1);
  it('typed errors', () => {
    expect(() => sketchAndSolve(A, b.slice(1))).toThrow(ShapeError); // mismatched lengths
    expect(() => sketchAndSolve([[1, 2, 3], [4, 5, 6]], [1, 2])).toThrow(ShapeError); // n < d
    expect(() => sketchAndPrecondition(A, b, { m: 2 })).toThrow(ArgumentError); // m < d
    expect(() => sketchAndSolve(A, b, { m: 21, sketch: 'srht' })).toThrow(ArgumentError); // m > n, sampling sketch
    expect(() => sketchAndSolve(A, b, { sketch: 'fourier' as never })).toThrow(ArgumentError);
    expect(() => sketchAndSolve(A, b, { sketch: srht(10, 19) })).toThrow(ShapeError);
    const bNaN = b.slice();
    bNaN[4] = Number.NaN;
    expect(() => sketchAndPrecondition(A, bNaN)).toThrow(ArgumentError);
    const ANaN = A.map((r) => r.slice());
    ANaN[3]![1] = Number.NaN;
    expect(() => linfRegression(ANaN, b)).toThrow(ArgumentError);
    expect(() => linfRegression(A, b, { sketch: 'countsketch' as never })).toThrow(ArgumentError);
    expect(() => linfRegression(A, b, { epsilon: 0 })).toThrow(ArgumentError);
    expect(() => linfRegression(A, b, { delta: 1 })).toThrow(ArgumentError);
    expect(() => sketchAndPrecondition(A, b, { oversampling: 0.5 })).toThrow(ArgumentError);
    // rank deficient: two equal columns
    const R = A.map((r) => [r[0]!, r[1]!, r[1]!]);
    expect(() => sketchAndSolve(R, b, { sketch: 'gaussian', seed: 1 })).toThrow(ArgumentError);
  });
});
