import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/index.js';
import { largestAbs, topK } from '../../../src/solvers/sparse-regression/support.js';
import { prepareRegression, prepareRows } from '../../../src/solvers/sparse-regression/design.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { explicitColumns, implicitUnitColumns, kktViolators, screenColumns, screenSize } from '../../../src/solvers/sparse-regression/screening.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';
import { unitColumns } from '../../../src/solvers/sparse-regression/support-path.js';

describe('feature screening for wide designs', () => {
  const prob = makeSparseRegression({ n: 60, d: 400, k: 4, design: 'ar1', rho: 0.3, noise: 0.5, seed: 3 });

  it('implicit unit columns of a row view equal the centred, normalized copy of those rows', () => {
    const p = prepareRegression(prob.X, prob.y, true);
    const rows = Int32Array.from({ length: 45 }, (_, i) => (i * 7) % 60).sort();
    const q = prepareRows(p, prob.X, Float64Array.from(prob.y), rows);
    const imp = implicitUnitColumns(q);
    const exp = unitColumns(q);
    const M = [3, 17, 250, 399];
    const a = imp.gather(M);
    const b = explicitColumns(exp.X, exp.norms).gather(M);
    for (let t = 0; t < a.data.length; t++) expect(a.data[t]).toBeCloseTo(b.data[t]!, 12);
    const r = Float64Array.from({ length: 45 }, (_, i) => Math.sin(i));
    const ga = imp.corr(r);
    const gb = explicitColumns(exp.X, exp.norms).corr(r);
    for (let j = 0; j < 400; j++) expect(ga[j]).toBeCloseTo(gb[j]!, 10);
    // Appending columns to a gathered matrix gives the gather of all of them, for both kinds.
    for (const c of [imp, explicitColumns(exp.X, exp.norms)]) {
      const ab = c.gather([9, 1], c.gather(M));
      expect(ab.cols).toBe(6);
      expect(Array.from(ab.data)).toEqual(Array.from(c.gather([...M, 9, 1]).data));
    }
  });

  it('kktViolators counts columns outside M above α·n, and lists those above the margin', () => {
    const Z = { rows: 2, cols: 3, data: Float64Array.from([1, 0, 0.6, 0, 1, 0.8]) };
    const cols = explicitColumns(Z, Float64Array.from([1, 1, 1]));
    // Zᵀr = [1, 2, 2.2] for r = [1, 2]; bound α·n = 2.
    const v = kktViolators(cols, [0], Float64Array.from([1, 2]), 1, 0.5, 5);
    expect(v.violators).toBe(1);
    expect(Array.from(v.near)).toEqual([2, 1]);
    expect(Array.from(kktViolators(cols, [0], Float64Array.from([1, 2]), 1, 0.5, 1).near)).toEqual([2]);
    expect(screenSize(100, 400)).toBe(400);
    expect(screenSize(100, 401)).toBe(200);
    expect(Array.from(screenColumns(Float64Array.from([0.1, -3, 2, 0]), 2))).toEqual([1, 2]);
  });

  it('sparseRegression with screening finds the support and coefficients it finds without', () => {
    const on = sparseRegression(prob.X, prob.y, { seed: 1 });
    const off = sparseRegression(prob.X, prob.y, { seed: 1, screen: false });
    expect(Array.from(on.support)).toEqual(Array.from(prob.support));
    expect(Array.from(on.support)).toEqual(Array.from(off.support));
    for (let j = 0; j < 400; j++) expect(on.coef[j]).toBeCloseTo(off.coef[j]!, 8);
    expect(() => sparseRegression(prob.X, prob.y, { screen: 'yes' as unknown as boolean })).toThrow(/screen/);
  });

  it('largestAbs and topK equal a full sort by |v| (ties to the lower index) on tie-heavy vectors', () => {
    const rng = createRng(12);
    for (let trial = 0; trial < 200; trial++) {
      const d = 1 + Math.floor(rng.random() * 200);
      const v = Float64Array.from({ length: d }, () => Math.round((rng.random() - 0.5) * 8) * (rng.random() < 0.5 ? 1 : -1));
      const among = Int32Array.from({ length: d }, (_, j) => j).filter(() => rng.random() < 0.6);
      const k = Math.floor(rng.random() * (d + 2));
      const full = (ids: ArrayLike<number>) => Array.from(ids).sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!) || a - b).slice(0, k);
      expect(Array.from(largestAbs(v, k, among))).toEqual(full(among));
      expect(Array.from(largestAbs(v, k))).toEqual(full(Array.from({ length: d }, (_, j) => j)));
      expect(Array.from(topK(v, k))).toEqual(full(Array.from({ length: d }, (_, j) => j)).sort((a, b) => a - b));
    }
  });
});
