/**
 * withResidentRows: the rows copied into WASM memory give the centred Xᵀr of the original rows,
 * for all rows and for a fold's row view (the SIMD row kernel reads every stored row, the view's
 * with their weights and the others with 0), and sparseRegression on a screened design returns the
 * same fit under the JS and WASM backends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getBackend, setBackend } from '../../../src/index.js';
import { prepareRegression, prepareRows, withResidentRows } from '../../../src/solvers/sparse-regression/design.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { sparseRegression } from '../../../src/solvers/sparse-regression/sparse-regression.js';

const initial = getBackend();
afterEach(() => setBackend(initial));

describe('rows in WASM memory', () => {
  const prob = makeSparseRegression({ n: 60, d: 400, k: 4, design: 'ar1', rho: 0.3, noise: 0.5, seed: 3 });
  const y = Float64Array.from(prob.y);

  it('give the centred Xᵀr of all rows and of a row view, computed by hand', () => {
    setBackend('wasm');
    const p = prepareRegression(prob.X, y, true);
    const res = withResidentRows(p);
    expect(res.prepared).not.toBe(p);
    const rows = Int32Array.from({ length: 45 }, (_, i) => (i * 7) % 60).sort();
    for (const [q, idx] of [[res.prepared, null], [prepareRows(res.prepared, prob.X, y, rows), rows]] as const) {
      const m = idx ? idx.length : 60;
      const r = Float64Array.from({ length: m }, (_, i) => Math.sin(i + 1));
      const g = q.op.rmatvec(r);
      const rs = r.reduce((a, b) => a + b, 0);
      for (const j of [0, 7, 123, 399]) {
        let s = 0;
        let mu = 0;
        for (let t = 0; t < m; t++) mu += prob.X.data[(idx ? idx[t]! : t) * 400 + j]! / m;
        for (let t = 0; t < m; t++) s += r[t]! * prob.X.data[(idx ? idx[t]! : t) * 400 + j]!;
        expect(g[j]).toBeCloseTo(s - mu * rs, 10);
      }
    }
    res.release();
  });

  it('leave the fit of a screened design (d > 4n) as under the JS backend', () => {
    const wide = makeSparseRegression({ n: 80, d: 600, k: 4, design: 'ar1', rho: 0.3, noise: 0.5, seed: 4 });
    setBackend('js');
    const a = sparseRegression(wide.X, wide.y, { seed: 1 });
    setBackend('wasm');
    const b = sparseRegression(wide.X, wide.y, { seed: 1 });
    expect(Array.from(b.support)).toEqual(Array.from(a.support));
    for (let j = 0; j < 600; j++) expect(b.coef[j]).toBeCloseTo(a.coef[j]!, 8);
  });
});
