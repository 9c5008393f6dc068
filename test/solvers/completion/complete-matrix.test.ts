import { describe, expect, it } from 'vitest';
import { ArgumentError, FormatError, ResourceError, coo, completeMatrix, csc, csr } from '../../../src/index.js';
import { hiddenRmse, lowRankProblem, relativeError } from './problems.js';

describe('completeMatrix: noiseless incoherent low-rank matrices', () => {
  // 600 x 500, rank 6, |Ω| ≈ 4·(m + n)·k·ln n (≈ 0.55 of the entries... here about 16%).
  const p = lowRankProblem(600, 500, 6, 1, 11);
  const exact = completeMatrix(p.M, 6, { solver: 'exact', seed: 3, tol: 1e-10, maxIter: 200 });
  const sketched = completeMatrix(p.M, 6, { solver: 'sketched', seed: 3, tol: 1e-10, maxIter: 200 });

  it('recovers every entry to 1e-6 (relative Frobenius) with both solvers', () => {
    expect(relativeError(p, exact.predict)).toBeLessThan(1e-6);
    expect(relativeError(p, sketched.predict)).toBeLessThan(1e-6);
    expect(exact.converged && sketched.converged).toBe(true);
  });

  it("'sketched' matches 'exact' and runs CGLS iterations", () => {
    let num = 0;
    let den = 0;
    for (let i = 0; i < p.m; i += 7) {
      for (let j = 0; j < p.n; j += 5) {
        const e = exact.predict(i, j);
        num += (sketched.predict(i, j) - e) ** 2;
        den += e * e;
      }
    }
    expect(Math.sqrt(num / den)).toBeLessThan(1e-6);
    expect(sketched.history.innerIterations[0]).toBeGreaterThan(0);
    expect(exact.history.innerIterations[0]).toBe(0);
  });

  it('history, shapes and the dense completion agree with predict', () => {
    expect(exact.history.train.length).toBe(exact.iterations);
    expect(exact.U.shape).toEqual([600, 6]);
    expect(exact.V.shape).toEqual([500, 6]);
    const D = exact.complete();
    expect(D.shape).toEqual([600, 500]);
    expect(D.get(17, 23)).toBeCloseTo(exact.predict(17, 23), 12);
    expect(exact.rmse).toBeLessThan(1e-6);
    expect(exact.history.train[exact.iterations - 1]).toBeLessThan(exact.history.train[0]!);
  });

  it('accepts CSR and CSC input with the same result', () => {
    const small = lowRankProblem(60, 50, 2, 2, 5);
    const a = completeMatrix(small.M, 2, { solver: 'exact', seed: 1, maxIter: 5 });
    const b = completeMatrix(small.M.toCSR(), 2, { solver: 'exact', seed: 1, maxIter: 5 });
    const c = completeMatrix(small.M.toCSC(), 2, { solver: 'exact', seed: 1, maxIter: 5 });
    expect(b.predict(3, 4)).toBeCloseTo(a.predict(3, 4), 10);
    expect(c.predict(3, 4)).toBeCloseTo(a.predict(3, 4), 10);
  });
});

describe("completeMatrix: the 'sketched' solver's preconditioners", () => {
  const p = lowRankProblem(150, 120, 4, 2, 17, 0.05);
  const opts = { seed: 2, tol: 1e-8, maxIter: 400, lambda: 3 } as const;
  const exact = completeMatrix(p.M, 4, { ...opts, solver: 'exact' });
  const gap = (fit: { predict(i: number, j: number): number }) => {
    let num = 0;
    let den = 0;
    for (let i = 0; i < p.m; i++) {
      for (let j = 0; j < p.n; j++) {
        const e = exact.predict(i, j);
        num += (fit.predict(i, j) - e) ** 2;
        den += e * e;
      }
    }
    return Math.sqrt(num / den);
  };

  it("'shared' (default) and 'sketch' reach the exact solver's fixed point with a ridge (size classes of the shared R)", () => {
    const shared = completeMatrix(p.M, 4, { ...opts, exactBelow: 0 });
    const sketch = completeMatrix(p.M, 4, { ...opts, exactBelow: 0, preconditioner: 'sketch', sketchSize: 12 });
    for (const fit of [shared, sketch]) {
      expect(fit.converged).toBe(true);
      expect(fit.history.innerIterations.every((v) => v > 0)).toBe(true);
      expect(gap(fit)).toBeLessThan(1e-6);
    }
    // the shared preconditioner needs few CGLS iterations per problem and sweep (n_j ≈ 86 ≫ k = 4)
    const perProblem = shared.history.innerIterations[1]! / (p.m + p.n);
    expect(perProblem).toBeGreaterThan(0.5);
    expect(perProblem).toBeLessThan(6);
  });

  it('innerFloor skips the solves that could barely improve the fit: fewer CGLS iterations, nearly the same fit', () => {
    // k = 12 on rank-4 data with noise: the surplus directions only fit noise
    const q = lowRankProblem(300, 250, 4, 4, 5, 0.1);
    const base = { seed: 1, maxIter: 12, tol: 0, exactBelow: 0 } as const;
    const off = completeMatrix(q.M, 12, { ...base, innerFloor: 0 });
    const on = completeMatrix(q.M, 12, { ...base, innerFloor: 1e-2 });
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(sum(on.history.innerIterations)).toBeLessThan(0.75 * sum(off.history.innerIterations));
    expect(on.history.innerIterations.at(-1)).toBeLessThan(0.6 * off.history.innerIterations.at(-1)!);
    expect(on.rmse).toBeGreaterThanOrEqual(off.rmse);
    expect((on.rmse - off.rmse) / off.rmse).toBeLessThan(3e-3);
    // off by default
    expect(completeMatrix(q.M, 12, { ...base, maxIter: 3 }).history).toEqual(completeMatrix(q.M, 12, { ...base, maxIter: 3, innerFloor: 0 }).history);
  });

  it('exactBelow: problems up to that size are solved exactly (all of them: the exact solver bit for bit)', () => {
    const allExact = completeMatrix(p.M, 4, { ...opts, maxIter: 5, exactBelow: 1e9 });
    const ref = completeMatrix(p.M, 4, { ...opts, maxIter: 5, solver: 'exact' });
    expect(allExact.history.innerIterations).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(allExact.V.data as Float64Array)).toEqual(Array.from(ref.V.data as Float64Array));
  });

  it('bad preconditioner or exactBelow values name the option', () => {
    expect(() => completeMatrix(p.M, 4, { preconditioner: 'qr' as never })).toThrow(/preconditioner/);
    expect(() => completeMatrix(p.M, 4, { exactBelow: -1 })).toThrow(/exactBelow/);
  });
});

describe('completeMatrix: noisy observations', () => {
  it('σ = 0.01: the error on unobserved entries is within a small factor of σ', () => {
    const sigma = 0.01;
    const p = lowRankProblem(500, 400, 5, 1.5, 21, sigma);
    for (const solver of ['exact', 'sketched'] as const) {
      const fit = completeMatrix(p.M, 5, { solver, seed: 4, tol: 1e-8, maxIter: 100 });
      const err = hiddenRmse(p, fit.predict);
      expect(err).toBeLessThan(2 * sigma);
      expect(err).toBeGreaterThan(0.1 * sigma);
      // The training RMSE is a little below σ (k·(m + n) fitted parameters).
      expect(fit.rmse).toBeLessThan(sigma);
      expect(fit.rmse).toBeGreaterThan(0.7 * sigma);
    }
  });

  it('validationFraction holds entries out, records the validation RMSE and stops early', () => {
    const p = lowRankProblem(300, 250, 4, 3, 8, 0.1);
    const fit = completeMatrix(p.M, 4, { seed: 2, validationFraction: 0.1, maxIter: 60 });
    expect(fit.validationRmse).not.toBeNull();
    expect(fit.history.validation.every((v) => Number.isFinite(v))).toBe(true);
    expect(fit.validationRmse!).toBeLessThan(0.15);
    expect(fit.validationRmse!).toBeGreaterThan(0.08);
    expect(fit.converged).toBe(true);
    expect(Math.min(...fit.history.validation)).toBeCloseTo(fit.validationRmse!, 12);
  });

  it('lambda shrinks the factors; clip bounds every prediction', () => {
    const p = lowRankProblem(120, 100, 3, 2, 9, 0.1);
    const plain = completeMatrix(p.M, 3, { solver: 'exact', seed: 1, maxIter: 20 });
    const ridge = completeMatrix(p.M, 3, { solver: 'exact', seed: 1, maxIter: 20, lambda: 50 });
    const fro = (a: { data: ArrayLike<number> }) => Math.hypot(...Array.from(a.data));
    expect(fro(ridge.U) * fro(ridge.V)).toBeLessThan(fro(plain.U) * fro(plain.V));
    const clipped = completeMatrix(p.M, 3, { seed: 1, maxIter: 10, clip: [-0.5, 0.5] });
    const D = clipped.complete();
    expect(Math.max(...Array.from(D.data as Float64Array))).toBeLessThanOrEqual(0.5);
    expect(Math.min(...Array.from(D.data as Float64Array))).toBeGreaterThanOrEqual(-0.5);
  });

  it('onIteration sees every sweep and can stop the run', () => {
    const p = lowRankProblem(100, 80, 2, 2, 3, 0.1);
    const seen: number[] = [];
    const fit = completeMatrix(p.M, 2, { seed: 1, onIteration: (info) => (seen.push(info.trainRmse), info.iteration < 3) });
    expect(fit.stopped).toBe(true);
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(3);
    expect(seen).toEqual(fit.history.train);
  });

  it('sampleSplitting uses disjoint parts (noiseless, plenty of samples, still converges to the truth)', () => {
    const p = lowRankProblem(200, 150, 2, 12, 31);
    // innerTol 1e-2: with this many samples the outer iteration contracts faster than the default
    // inexact solves (0.1 per half-step) would follow in 6 sweeps.
    const fit = completeMatrix(p.M, 2, { seed: 5, sampleSplitting: true, maxIter: 6, tol: 0, innerTol: 1e-2 });
    expect(relativeError(p, fit.predict)).toBeLessThan(1e-3);
  });

  it('is deterministic for a seed and does not modify its input', () => {
    const p = lowRankProblem(80, 70, 2, 2, 4, 0.05);
    const before = Float64Array.from(p.M.data);
    const a = completeMatrix(p.M, 2, { seed: 9, maxIter: 5 });
    const b = completeMatrix(p.M, 2, { seed: 9, maxIter: 5 });
    expect(Array.from(a.U.data as Float64Array)).toEqual(Array.from(b.U.data as Float64Array));
    expect(Array.from(p.M.data)).toEqual(Array.from(before));
  });
});

describe('completeMatrix: bad input', () => {
  const M = coo([0, 1, 2, 0], [0, 1, 2, 2], [1, 2, 3, 4], [3, 4]);
  it('entries outside the shape: FormatError naming the array and position', () => {
    expect(() => completeMatrix(coo([0, 5], [0, 1], [1, 2], [3, 4]), 1)).toThrow(FormatError);
    expect(() => completeMatrix(coo([0, 1], [0, 4], [1, 2], [3, 4]), 1)).toThrow(/observed.col\[1\]/);
  });
  it('duplicate entries are refused (not summed)', () => {
    expect(() => completeMatrix(coo([0, 1, 0], [2, 1, 2], [1, 2, 3], [3, 4]), 1)).toThrow(ArgumentError);
    expect(() => completeMatrix(coo([0, 1, 0], [2, 1, 2], [1, 2, 3], [3, 4]), 1)).toThrow(/\(0, 2\).*duplicates are refused/);
  });
  it('k out of range: k < 1, k ≥ min(m, n), not an integer', () => {
    for (const k of [0, -1, 3, 4, 1.5, NaN]) expect(() => completeMatrix(M, k)).toThrow(ArgumentError);
  });
  it('NaN and Infinity values', () => {
    expect(() => completeMatrix(coo([0, 1], [0, 1], [1, NaN], [3, 4]), 1)).toThrow(/observed.data\[1\]/);
    expect(() => completeMatrix(coo([0, 1], [0, 1], [1, Infinity], [3, 4]), 1)).toThrow(ArgumentError);
  });
  it('unknown option keys and bad option values name the option', () => {
    expect(() => completeMatrix(M, 1, { maxIters: 3 } as never)).toThrow(/options.maxIters/);
    expect(() => completeMatrix(M, 1, { solver: 'fast' as never })).toThrow(/solver/);
    expect(() => completeMatrix(M, 1, { validationFraction: 0.9 })).toThrow(/validationFraction/);
    expect(() => completeMatrix(M, 1, { clip: [2, 1] })).toThrow(/clip/);
    expect(() => completeMatrix(M, 1, { lambda: -1 })).toThrow(/lambda/);
    expect(() => completeMatrix(M, 1, { tol: NaN })).toThrow(/tol/);
    expect(() => completeMatrix(M, 1, { onIteration: 3 as never })).toThrow(/onIteration/);
    expect(() => completeMatrix([[1]] as never, 1)).toThrow(ArgumentError);
    expect(() => completeMatrix(coo([], [], [], [3, 4]), 1)).toThrow(/at least one observed entry/);
  });
  it('empty rows and columns are reported and predicted from the offsets, never NaN', () => {
    // rank-1 data on rows 0..3 and columns 0..3 of a 6 x 5 matrix: row 4, 5 and column 4 empty
    const r: number[] = [];
    const c: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if ((i + j) % 3 !== 0) { r.push(i); c.push(j); d.push((i + 1) * (j + 2)); }
    const E = coo(r, c, d, [6, 5]);
    for (const solver of ['exact', 'sketched'] as const) {
      for (const biases of [false, true]) {
        const fit = completeMatrix(E, 1, { solver, seed: 1, biases, tol: 1e-12, maxIter: 100 });
        expect(Array.from(fit.emptyRows)).toEqual([4, 5]);
        expect(Array.from(fit.emptyCols)).toEqual([4]);
        const D = fit.complete();
        expect(Array.from(D.data as Float64Array).every(Number.isFinite)).toBe(true);
        // empty row and column: the prediction is the global offset alone (0 without biases)
        expect(fit.predict(5, 4)).toBeCloseTo(fit.biases.mean, 12);
        expect(Array.from(fit.U.data as Float64Array).slice(4, 6)).toEqual([0, 0]);
        // rank-1 data without centring is recovered exactly, hidden entry (2, 1) included
        if (!biases) expect(fit.predict(2, 1)).toBeCloseTo(9, 6);
      }
    }
    const plain = completeMatrix(csr(E.toDense() as never), 1, { seed: 1 });
    expect(Number.isFinite(plain.predict(4, 4))).toBe(true);
    expect(() => completeMatrix(csc(E.toDense() as never), 1, { seed: 1 }).predict(6, 0)).toThrow(ArgumentError);
  });
  it('complete() is refused above the size limit with a ResourceError', () => {
    const big = coo([0, 1, 2], [0, 1, 2], [1, 1, 1], [10000, 10000]);
    const fit = completeMatrix(big, 1, { seed: 1, maxIter: 1 });
    expect(() => fit.complete()).toThrow(ResourceError);
  });
});
