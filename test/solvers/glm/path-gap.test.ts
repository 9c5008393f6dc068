/**
 * The working-set driver reads the gradient through bounds where it cannot matter
 * (gradient-check.ts): every gap it reports must still be the exact duality gap. Oracle: the gap
 * recomputed here from the returned coefficients with plain loops (full residual, full Xᵀr,
 * scikit-learn's dual point), on wide dense and sparse paths with and without intercept.
 */
import { describe, expect, it } from 'vitest';
import { fromDense, getBackend, lassoPath, setBackend } from '../../../src/index.js';
import { workingSetPadding } from '../../../src/solvers/glm/working-set.js';
import { ar1Problem as problem } from './data.js';

/** The n-scaled lasso gap at (w, b) for α, recomputed from scratch (centred data when `intercept`). */
function exactGap(rows: number[][], y: number[], w: Float64Array, alpha: number, intercept: boolean): number {
  const n = rows.length;
  const p = w.length;
  const xm = new Array<number>(p).fill(0);
  let ym = 0;
  if (intercept) {
    for (const row of rows) row.forEach((v, j) => (xm[j] = xm[j]! + v / n));
    ym = y.reduce((s, v) => s + v, 0) / n;
  }
  const yc = y.map((v) => v - ym);
  const r = rows.map((row, i) => yc[i]! - row.reduce((s, v, j) => s + (v - xm[j]!) * w[j]!, 0));
  let dn = 0;
  for (let j = 0; j < p; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += (rows[i]![j]! - xm[j]!) * r[i]!;
    dn = Math.max(dn, Math.abs(g));
  }
  const lam = n * alpha;
  const s = dn > lam ? lam / dn : 1;
  const rr = r.reduce((a, v) => a + v * v, 0);
  const ry = r.reduce((a, v, i) => a + v * yc[i]!, 0);
  const l1 = w.reduce((a, v) => a + Math.abs(v), 0);
  return Math.max(0.5 * rr * (1 + s * s) + lam * l1 - s * ry, 0) / n;
}

describe('lassoPath gaps are exact with the bounded gradient checks', () => {
  const cases = [
    { name: 'dense 60 x 400', ...problem(60, 400, 1, 1), sparse: false },
    { name: 'sparse 80 x 300, 30% nonzeros', ...problem(80, 300, 0.3, 2), sparse: true },
  ];
  for (const c of cases) {
    for (const fitIntercept of [false, true]) {
      it(`${c.name}, fitIntercept ${fitIntercept}`, () => {
        const X = c.sparse ? fromDense(c.rows, 'csc') : c.rows;
        const path = lassoPath(X, c.y, { nAlphas: 40, eps: 1e-3, tol: 1e-9, fitIntercept, maxIter: 100000 });
        const yc = c.y.map((v) => v - (fitIntercept ? c.y.reduce((s, t) => s + t, 0) / c.y.length : 0));
        const tolAbs = (1e-9 * yc.reduce((s, v) => s + v * v, 0)) / c.y.length;
        expect(path.converged.every(Boolean)).toBe(true);
        for (let k = 0; k < path.alphas.length; k++) {
          const g = exactGap(c.rows, c.y, path.coefs[k]!, path.alphas[k]!, fitIntercept);
          expect(g).toBeLessThanOrEqual(tolAbs * 1.0001 + 1e-12);
          expect(Math.abs(g - path.dualityGaps[k]!)).toBeLessThanOrEqual(1e-6 * tolAbs + 1e-12);
        }
        expect(path.coefs[39]!.filter((v) => v !== 0).length).toBeGreaterThan(4);
      });
    }
  }
});

describe('the dense design in WASM memory', () => {
  it('gives the JS backend\'s path (same gaps certified, coefficients within the tolerance)', () => {
    const { rows, y } = problem(60, 400, 1, 3);
    const before = getBackend();
    let js;
    let wasm;
    try {
      setBackend('js');
      js = lassoPath(rows, y, { nAlphas: 20, tol: 1e-12, maxIter: 100000 });
      setBackend('wasm');
      wasm = lassoPath(rows, y, { nAlphas: 20, tol: 1e-12, maxIter: 100000 });
    } finally {
      setBackend(before);
    }
    for (let k = 0; k < 20; k++) {
      expect(wasm.converged[k] && js.converged[k]).toBe(true);
      for (let j = 0; j < 400; j++) expect(Math.abs(wasm.coefs[k]![j]! - js.coefs[k]![j]!)).toBeLessThan(1e-4);
    }
  });
});

describe('the sparse design\'s WASM epoch kernel', () => {
  // assembly/cd.ts repeats the JS epoch's operations in the same order: the paths are bit-identical.
  const { rows, y } = problem(80, 300, 0.3, 4);
  const X = fromDense(rows, 'csc');
  const pf = Array.from({ length: 300 }, (_, j) => (j % 7 === 0 ? 0.5 : 1));
  const cases = [
    { name: 'lasso, no intercept', opts: { fitIntercept: false } },
    { name: 'lasso, intercept (implicit centring)', opts: { fitIntercept: true } },
    { name: 'elastic net, positive, penalty factors, intercept', opts: { fitIntercept: true, l1Ratio: 0.7, positive: true, penaltyFactor: pf } },
  ];
  for (const c of cases) {
    it(`${c.name}: the JS backend's path, bit for bit`, () => {
      const before = getBackend();
      let js;
      let wasm;
      try {
        setBackend('js');
        js = lassoPath(X, y, { nAlphas: 25, tol: 1e-10, maxIter: 100000, ...c.opts });
        setBackend('wasm');
        wasm = lassoPath(X, y, { nAlphas: 25, tol: 1e-10, maxIter: 100000, ...c.opts });
      } finally {
        setBackend(before);
      }
      expect(wasm.converged.every(Boolean)).toBe(true);
      expect(Array.from(wasm.iterations)).toEqual(Array.from(js.iterations));
      for (let k = 0; k < 25; k++) {
        expect(Array.from(wasm.coefs[k]!)).toEqual(Array.from(js.coefs[k]!));
        expect(wasm.dualityGaps[k]).toBe(js.dualityGaps[k]);
      }
      expect(wasm.coefs[24]!.filter((v) => v !== 0).length).toBeGreaterThan(4);
    });
  }
});

describe('covariance mode (dense, p ≤ 256 and p ≤ n): the support solve', () => {
  // 400 x 200 AR(1) columns: covariance mode. The same X as CSC goes through the working-set
  // solver, an independent route to the same optimum.
  const { rows, y } = problem(400, 200, 1, 6);
  for (const fitIntercept of [false, true]) {
    it(`exact gaps, fitIntercept ${fitIntercept}, and the support solve cuts the epochs`, () => {
      const path = lassoPath(rows, y, { nAlphas: 30, eps: 1e-3, tol: 1e-10, fitIntercept, maxIter: 100000 });
      const yc = y.map((v) => v - (fitIntercept ? y.reduce((s, t) => s + t, 0) / y.length : 0));
      const tolAbs = (1e-10 * yc.reduce((s, v) => s + v * v, 0)) / y.length;
      expect(path.converged.every(Boolean)).toBe(true);
      for (let k = 0; k < path.alphas.length; k++) {
        const g = exactGap(rows, y, path.coefs[k]!, path.alphas[k]!, fitIntercept);
        expect(g).toBeLessThanOrEqual(tolAbs * 1.0001 + 1e-12);
        expect(Math.abs(g - path.dualityGaps[k]!)).toBeLessThanOrEqual(1e-6 * tolAbs + 1e-12);
      }
      expect(path.coefs[29]!.filter((v) => v !== 0).length).toBeGreaterThan(20);
      // Coordinate descent with Anderson alone takes 1485 (no intercept) and 465 epochs here; with the
      // support solve 680 and 171.
      const epochs = path.iterations.reduce((s, v) => s + v, 0);
      expect(epochs).toBeLessThan(800);
    });
  }
  it('positive with many unpenalized features: the working-set path converges and equals the dense path', () => {
    // 29 features with fⱼ = 0, most held at zero by positivity: they once filled the working set
    // and the CSC path stalled at a gap of ~0.3 with every α after the first unconverged.
    const pf = Array.from({ length: 200 }, (_, j) => (j % 7 === 0 ? 0 : 1));
    // At l1Ratio 1 too, now that the gap sees the unpenalized features' dual constraints
    // (unpenalized.test.ts): before, the routes differed by 2e-3 with both certifying 1e-9.
    for (const l1Ratio of [1, 0.7]) {
      const opts = { nAlphas: 8, tol: 1e-9, maxIter: 20000, l1Ratio, positive: true, penaltyFactor: pf };
      const dense = lassoPath(rows, y, opts);
      const sparse = lassoPath(fromDense(rows, 'csc'), y, opts);
      expect(sparse.converged.every(Boolean)).toBe(true);
      expect(dense.converged.every(Boolean)).toBe(true);
      for (let k = 0; k < 8; k++) {
        for (let j = 0; j < 200; j++) expect(Math.abs(dense.coefs[k]![j]! - sparse.coefs[k]![j]!)).toBeLessThan(1e-6);
      }
    }
  });
  it('elastic net, positive, penalty factors: the working-set solver\'s path (CSC X)', () => {
    const pf = Array.from({ length: 200 }, (_, j) => (j % 7 === 0 ? 0.5 : j % 11 === 0 ? 0.2 : 1));
    const opts = { nAlphas: 20, tol: 1e-10, maxIter: 100000, l1Ratio: 0.7, positive: true, penaltyFactor: pf };
    const dense = lassoPath(rows, y, opts);
    const sparse = lassoPath(fromDense(rows, 'csc'), y, opts);
    expect(dense.converged.every(Boolean) && sparse.converged.every(Boolean)).toBe(true);
    for (let k = 0; k < 20; k++) {
      expect(Math.abs(dense.intercepts[k]! - sparse.intercepts[k]!)).toBeLessThan(1e-7);
      for (let j = 0; j < 200; j++) expect(Math.abs(dense.coefs[k]![j]! - sparse.coefs[k]![j]!)).toBeLessThan(1e-7);
    }
    expect(Math.min(...dense.coefs[19]!)).toBeGreaterThanOrEqual(0);
    expect(dense.coefs[19]!.filter((v) => v !== 0).length).toBeGreaterThan(10);
  });
  it('at tol 1e-13 no inner solve chases a violation below rounding (CSC X)', () => {
    // One α's inner solve once asked for violations of 3.7e-13, under the rounding error of xⱼᵀr
    // (~4e-12 here), and ran all 100000 epochs of maxIter; the gap was then met.
    const pf = Array.from({ length: 200 }, (_, j) => (j % 7 === 0 ? 0.5 : j % 11 === 0 ? 0.2 : 1));
    const opts = { nAlphas: 20, tol: 1e-13, maxIter: 100000, l1Ratio: 0.7, positive: true, penaltyFactor: pf };
    const sparse = lassoPath(fromDense(rows, 'csc'), y, opts);
    const dense = lassoPath(rows, y, opts);
    expect(sparse.converged.every(Boolean) && dense.converged.every(Boolean)).toBe(true);
    expect(Math.max(...sparse.iterations)).toBeLessThan(200);
    for (let k = 0; k < 20; k++) {
      for (let j = 0; j < 200; j++) expect(Math.abs(dense.coefs[k]![j]! - sparse.coefs[k]![j]!)).toBeLessThan(1e-8);
    }
  });
});

describe('the working set\'s padding follows the support\'s growth', () => {
  it('workingSetPadding by hand', () => {
    expect(workingSetPadding(16000, 400)).toBe(2000); // 5x the growth
    expect(workingSetPadding(16000, 0)).toBe(800); // at least 5% of the support
    expect(workingSetPadding(16000, 3000)).toBe(8000); // at most 50%
    expect(workingSetPadding(1000, 0)).toBe(100); // at least 100 features
    expect(workingSetPadding(150, 10)).toBe(75); // at most 50% even then: small supports keep 1.5x
  });

  it('a CSC path whose support passes 200: smaller working sets, every gap exact', () => {
    const { rows, y } = problem(400, 1000, 0.2, 7);
    const X = fromDense(rows, 'csc');
    // The size of the first working set solved at each α (from onIteration), the α told by stopWhen.
    const first = new Map<number, number>();
    let k = 0;
    const path = lassoPath(X, y, {
      nAlphas: 40, eps: 1e-4, tol: 1e-9, fitIntercept: false, maxIter: 100000,
      onIteration: (info) => {
        if (!first.has(k)) first.set(k, info.workingSetSize);
      },
      stopWhen: (i) => {
        k = i + 1;
        return false;
      },
    });
    expect(path.converged.every(Boolean)).toBe(true);
    const tolAbs = (1e-9 * y.reduce((s, v) => s + v * v, 0)) / y.length;
    for (let a = 0; a < path.alphas.length; a++) {
      const g = exactGap(rows, y, path.coefs[a]!, path.alphas[a]!, false);
      expect(g).toBeLessThanOrEqual(tolAbs * 1.0001 + 1e-12);
      expect(Math.abs(g - path.dualityGaps[a]!)).toBeLessThanOrEqual(1e-6 * tolAbs + 1e-12);
    }
    // Where the support at an α's start is over 200 features and grew by less than 20 over the α
    // before, the first working set holds at most support + 5% or 100 (it was 1.5x the support).
    let checked = 0;
    for (let a = 2; a < path.alphas.length; a++) {
      const nnz = (w: Float64Array): number => w.filter((v) => v !== 0).length;
      const start = nnz(path.coefs[a - 1]!);
      const growth = start - nnz(path.coefs[a - 2]!);
      if (start <= 200 || growth >= 20 || !first.has(a)) continue;
      expect(first.get(a)!).toBeLessThanOrEqual(start + Math.max(100, Math.ceil(0.05 * start)));
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });
});
