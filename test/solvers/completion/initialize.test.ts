import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setBackend, shutdown } from '../../../src/index.js';
import { initialU } from '../../../src/solvers/completion/initialize.js';
import { groupBy, readObserved } from '../../../src/solvers/completion/observed.js';
import { ResidentFit } from '../../../src/solvers/completion/tasks.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import { lowRankProblem } from './problems.js';

const bits = (a: ArrayLike<number>) => Buffer.from(Float64Array.from(a).buffer).toString('base64');

describe('completion spectral start: block products on the resident groupings', () => {
  afterEach(() => setBackend('auto'));
  afterAll(async () => {
    await shutdown();
  });

  const p = lowRankProblem(500, 300, 6, 3, 17, 0.01);
  const all = readObserved(p.M);
  const byRow = all.byRow;
  const byCol = groupBy(all, false);

  for (const [backend, wasm] of [['auto', true], ['js', false]] as const) {
    it.skipIf(getWasm() === null)(`gives the bits of the plain products on 1 and 2 threads (backend '${backend}'), orthonormal U`, () => {
      setBackend(backend);
      const plain = initialU(byRow, byCol, p.m, p.n, 8, 2, 11, 3);
      for (const threads of [1, 2]) {
        const r = new ResidentFit(wasm);
        try {
          const [rRow, rCol] = [r.groups(byRow), r.groups(byCol)];
          const pooled = initialU(rRow, rCol, p.m, p.n, 8, 2, 11, 3, (g, B, cols, alpha) => r.product(g, B, cols, alpha, threads));
          expect(bits(pooled.data)).toBe(bits(plain.data));
        } finally {
          r.free();
        }
      }
      // UᵀU = I (invariant of the QR at the end)
      const U = plain.data;
      for (let a = 0; a < 8; a++) {
        for (let b = 0; b < 8; b++) {
          let s = 0;
          for (let i = 0; i < p.m; i++) s += U[i * 8 + a]! * U[i * 8 + b]!;
          expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    });
  }

  it.skipIf(getWasm() === null)('the WASM product kernel (four entries per pass) gives the bits of the JS row loop, odd and even widths', () => {
    // Rows of 0 to 13 entries and odd widths exercise the kernel's entry and column remainders.
    const q = lowRankProblem(90, 40, 3, 0.4, 5, 0.01);
    const a = readObserved(q.M);
    const g = a.byRow;
    for (const cols of [1, 19, 74]) {
      const B = Float64Array.from({ length: q.n * cols }, (_, t) => Math.cos(3 * t) * (1 + (t % 7)));
      const prod = (wasm: boolean) => {
        const r = new ResidentFit(wasm);
        try {
          return r.product(r.groups(g), B, cols, 1.7, 1);
        } finally {
          r.free();
        }
      };
      expect(bits(prod(true))).toBe(bits(prod(false)));
    }
    let lo = Infinity, hi = 0;
    for (let i = 0; i < g.count; i++) {
      lo = Math.min(lo, g.ptr[i + 1]! - g.ptr[i]!);
      hi = Math.max(hi, g.ptr[i + 1]! - g.ptr[i]!);
    }
    expect(lo).toBeLessThan(4);
    expect(hi).toBeGreaterThan(8);
  });

  it.skipIf(getWasm() === null)('alpha·X·B row by row against a hand loop over the triplets', () => {
    const r = new ResidentFit(true);
    try {
      const g = r.groups(byCol);
      const B = Float64Array.from({ length: p.m * 3 }, (_, q) => Math.sin(q));
      const C = r.product(g, B, 3, 0.5, 2);
      const ref = new Float64Array(p.n * 3);
      for (let q = 0; q < all.val.length; q++) {
        for (let t = 0; t < 3; t++) ref[all.col[q]! * 3 + t]! += 0.5 * all.val[q]! * B[all.row[q]! * 3 + t]!;
      }
      for (let q = 0; q < ref.length; q++) expect(Math.abs(C[q]! - ref[q]!)).toBeLessThan(1e-12 * (1 + Math.abs(ref[q]!)));
    } finally {
      r.free();
    }
  });
});
