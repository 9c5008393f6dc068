import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng.js';
import { tql2 } from '../../../src/linalg/dense/tql2.js';
import { tridiagonalEig } from '../../../src/linalg/dense/tridiagonal-dc.js';

/** ‖T·Q − Q·Λ‖_max and ‖QᵀQ − I‖_max for a tridiagonal (d, e). */
function check(d: Float64Array, e: Float64Array): { res: number; orth: number; w: Float64Array } {
  const n = d.length;
  const { w, Q } = tridiagonalEig(d, e);
  let res = 0;
  let orth = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let tq = d[i]! * Q[i * n + j]!;
      if (i > 0) tq += e[i - 1]! * Q[(i - 1) * n + j]!;
      if (i < n - 1) tq += e[i]! * Q[(i + 1) * n + j]!;
      res = Math.max(res, Math.abs(tq - w[j]! * Q[i * n + j]!));
    }
  }
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Q[i * n + a]! * Q[i * n + b]!;
      orth = Math.max(orth, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  for (let i = 1; i < n; i++) expect(w[i]!).toBeGreaterThanOrEqual(w[i - 1]!);
  return { res, orth, w };
}

function norm(d: Float64Array, e: Float64Array): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s = Math.max(s, Math.abs(d[i]!) + Math.abs(e[i] ?? 0) + Math.abs(e[i - 1] ?? 0));
  return s;
}

describe('tridiagonal divide and conquer', () => {
  const cases: Record<string, () => [Float64Array, Float64Array]> = {
    random: () => { const r = createRng(1); return [r.fillNormal(new Float64Array(300)), r.fillNormal(new Float64Array(299))]; },
    // 1-2-1: eigenvalues 2 − 2cos(kπ/(n+1)), well separated
    laplacian: () => [new Float64Array(200).fill(2), new Float64Array(199).fill(-1)],
    // Wilkinson W+ (pairs of nearly equal eigenvalues): heavy deflation by rotation
    wilkinson: () => { const n = 201; const m = (n - 1) / 2; return [Float64Array.from({ length: n }, (_, i) => Math.abs(m - i)), new Float64Array(n - 1).fill(1)]; },
    // Glued identity blocks: massive deflation with exact ties
    glued: () => { const n = 150; const e = new Float64Array(n - 1); for (let i = 24; i < n - 1; i += 25) e[i] = 1e-8; return [new Float64Array(n).fill(1), e]; },
    // Graded, with tiny and zero couplings and a 1e12 spread
    graded: () => { const n = 120; return [Float64Array.from({ length: n }, (_, i) => 10 ** (-12 + (12 * i) / n)), Float64Array.from({ length: n - 1 }, (_, i) => (i % 7 === 0 ? 0 : 10 ** (-13 + (12 * i) / n)))]; },
    negative: () => { const r = createRng(3); return [r.fillNormal(new Float64Array(97)).map((v) => v - 5), r.fillNormal(new Float64Array(96)).map((v) => -Math.abs(v))]; },
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`${name}: residual and orthogonality at the rounding level, eigenvalues as QL`, () => {
      const [d, e] = make();
      const n = d.length;
      const { res, orth, w } = check(d, e);
      expect(res).toBeLessThanOrEqual(1e-13 * norm(d, e) * Math.sqrt(n));
      expect(orth).toBeLessThanOrEqual(1e-13 * Math.sqrt(n));
      const ql = d.slice();
      tql2(ql, e, null);
      ql.sort();
      ql.forEach((v, i) => expect(Math.abs(w[i]! - v)).toBeLessThanOrEqual(1e-13 * norm(d, e)));
    });
  }
});
