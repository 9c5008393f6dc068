import { describe, expect, it } from 'vitest';
import { createRng, lstsq, qr } from '../../../src/index.js';
import { gatheredCgls, gatheredCglsWork } from '../../../src/linalg/iterative/gathered-cgls.js';
import { gatheredGramInto } from '../../../src/linalg/dense/gathered-gram.js';

// Shared 50 x 4 matrix; problem 0 uses rows [3, 7, 8, 20, 21, 33, 40, 41, 49], problem 1 rows [0..11].
const rng = createRng(5);
const k = 4;
const A = { rows: 50, cols: k, data: rng.fillNormal(new Float64Array(50 * k)) };
const rows0 = [3, 7, 8, 20, 21, 33, 40, 41, 49];
const rows1 = Array.from({ length: 12 }, (_, i) => i);
const ptr = Int32Array.from([0, rows0.length, rows0.length + rows1.length]);
const rows = Int32Array.from([...rows0, ...rows1]);
const b = rng.fillNormal(new Float64Array(rows.length));
const P = { A, ptr, rows, b };
const sub = (rs: number[]) => rs.map((r) => Array.from(A.data.subarray(r * k, r * k + k)));

describe('gatheredCgls', () => {
  it('solves each row-subset least-squares problem (oracle: lstsq) with and without a QR preconditioner', () => {
    for (const [j, rs] of [[0, rows0], [1, rows1]] as const) {
      const ref = lstsq(sub(rs), Array.from(b.subarray(ptr[j]!, ptr[j + 1]!))).x;
      const work = gatheredCglsWork(k);
      // R = I: plain CGLS; R from the QR of the problem's matrix: converges in a step or two.
      const eye = new Float64Array(k * k);
      for (let t = 0; t < k; t++) eye[t * k + t] = 1;
      const R = Float64Array.from(qr(sub(rs), { mode: 'r' }).R.data as Float64Array);
      for (const [Rm, maxIts] of [[eye, 50], [R, 3]] as const) {
        const x = new Float64Array(2 * k);
        const its = gatheredCgls(P, j, 0, Rm, 0, x, j * k, 1e-14, maxIts, work);
        expect(its).toBeLessThanOrEqual(maxIts);
        for (let t = 0; t < k; t++) expect(x[j * k + t]).toBeCloseTo(ref[t]!, 9);
        // the other problem's slot is untouched
        for (let t = 0; t < k; t++) expect(x[(1 - j) * k + t]).toBe(0);
      }
    }
  });

  it('ridge λ: the solution of (AᵀA + λI)x = Aᵀb; a converged warm start takes no iteration', () => {
    const lambda = 2.5;
    const N = new Float64Array(k * k);
    const c = new Float64Array(k);
    gatheredGramInto(A, rows, 0, rows0.length, b, N, c);
    for (let t = 0; t < k; t++) N[t * k + t]! += lambda;
    const Nrows = Array.from({ length: k }, (_, t) => Array.from(N.subarray(t * k, t * k + k)));
    const ref = lstsq(Nrows, Array.from(c)).x;
    const eye = new Float64Array(k * k);
    for (let t = 0; t < k; t++) eye[t * k + t] = 1;
    const x = new Float64Array(k);
    gatheredCgls(P, 0, lambda, eye, 0, x, 0, 1e-14, 100, gatheredCglsWork(k));
    for (let t = 0; t < k; t++) expect(x[t]).toBeCloseTo(ref[t]!, 9);
    expect(gatheredCgls(P, 0, lambda, eye, 0, x, 0, 1e-3, 100, gatheredCglsWork(k))).toBe(0);
  });
});

describe('gatheredGramInto', () => {
  it('equals AᵀA and Aᵀb of the gathered rows and returns the trace', () => {
    const N = new Float64Array(k * k).fill(7);
    const c = new Float64Array(k).fill(7);
    const tr = gatheredGramInto(A, rows, ptr[1]!, rows1.length, b, N, c);
    const S = sub(rows1);
    const bb = b.subarray(ptr[1]!);
    let trace = 0;
    for (let s = 0; s < k; s++) {
      let cs = 0;
      for (let i = 0; i < S.length; i++) cs += S[i]![s]! * bb[i]!;
      expect(c[s]).toBeCloseTo(cs, 12);
      for (let t = 0; t < k; t++) {
        let v = 0;
        for (let i = 0; i < S.length; i++) v += S[i]![s]! * S[i]![t]!;
        expect(N[s * k + t]).toBeCloseTo(v, 12);
        if (s === t) trace += v;
      }
    }
    expect(tr).toBeCloseTo(trace, 12);
  });
});
