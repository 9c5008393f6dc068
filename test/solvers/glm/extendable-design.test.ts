/**
 * ExtendableDesign: a design grown column by column (past its first capacity, so the storage
 * moves) gives exactly the Lasso path of the same matrix prepared at once, under the JS and WASM
 * backends; its column products equal hand-computed ones; it cannot be used after release.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRng, getBackend, lassoPath, prepareDesign, setBackend } from '../../../src/index.js';
import { ExtendableDesign } from '../../../src/solvers/glm/extendable-design.js';

const initial = getBackend();
afterEach(() => setBackend(initial));

/** A 60 x 40 Gaussian design (row-major rows) and a target with 4 true features. */
const rng = createRng(5);
const n = 60;
const p = 40;
const rows = Array.from({ length: n }, () => Array.from({ length: p }, () => rng.normal()));
const y = rows.map((r) => 2 * r[3]! - r[17]! + 0.5 * r[30]! + r[38]! + 0.1 * rng.normal());
/** Columns from..to-1, column-major, into out. */
const fill = (from: number, to: number) => (out: Float64Array) => {
  for (let j = from; j < to; j++) for (let i = 0; i < n; i++) out[(j - from) * n + i] = rows[i]![j]!;
};

describe('ExtendableDesign', () => {
  for (const backend of ['js', 'wasm'] as const) {
    it(`grown in three appends, past its capacity, gives the path of the whole matrix bit for bit (${backend})`, () => {
      setBackend(backend);
      const D = new ExtendableDesign(n, 10);
      D.append(10, fill(0, 10));
      D.append(25, fill(10, 35));
      D.append(5, fill(35, 40));
      expect(D.p).toBe(p);
      const a = lassoPath(D.handle(), y, { nAlphas: 20, tol: 1e-10, fitIntercept: false });
      const b = lassoPath(prepareDesign(rows, { fitIntercept: false }), y, { nAlphas: 20, tol: 1e-10 });
      expect(Array.from(a.alphas)).toEqual(Array.from(b.alphas));
      expect(a.coefs.map((c) => Array.from(c))).toEqual(b.coefs.map((c) => Array.from(c)));
      expect(Array.from(D.column(17))).toEqual(rows.map((r) => r[17]!));
      D.release();
    });

    it(`columnDots equals the column dot products computed by hand (${backend})`, () => {
      setBackend(backend);
      const D = new ExtendableDesign(n, p);
      D.append(p, fill(0, p));
      const r = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
      const g = D.columnDots(r, 12, 20);
      expect(g.length).toBe(20);
      for (let t = 0; t < 20; t++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += rows[i]![12 + t]! * r[i]!;
        expect(g[t]).toBeCloseTo(s, 12);
      }
      D.release();
      D.release();
      expect(() => D.handle()).toThrow(/released/);
      expect(() => D.append(1, fill(0, 1))).toThrow(/released/);
    });
  }
});
