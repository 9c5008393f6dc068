// kroSbl's M-steps on exact Kronecker targets, recovery (real, complex, pattern-coupled), kroOmp,
// and bad input.
import { describe, expect, it } from 'vitest';
import { maxRel } from './helpers.js';
import * as lib from '../../../src/index.js';
import { ArgumentError, ShapeError, createRng, kroOmp, kroSbl, kronMatvec } from '../../../src/index.js';
import { amMStep } from '../../../src/solvers/sbl/kro-mstep-am.js';
import { svdMStep } from '../../../src/solvers/sbl/kro-mstep-svd.js';
import { contractExcept, kronRelativeChange, kronVectors } from '../../../src/solvers/sbl/kron-vectors.js';
// @ts-expect-error plain JS helper shared with the benchmarks
import { kroneckerProblem, nmse } from '../../../bench/lib/sbl-problems.mjs';


describe('Kronecker vector helpers', () => {
  it('contractExcept and kronRelativeChange equal their definitions on explicit products', () => {
    const rng = createRng('kron-helpers');
    const dims = [3, 4, 2];
    const T = rng.fillNormal(new Float64Array(24));
    const w = dims.map((d) => rng.fillNormal(new Float64Array(d)));
    for (let keep = -1; keep < 3; keep++) {
      const got = contractExcept(T, dims, w, keep);
      const want = new Float64Array(keep < 0 ? 1 : dims[keep]!);
      for (let a = 0; a < 3; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 2; c++) {
        const idx = [a, b, c];
        let p = T[(a * 4 + b) * 2 + c]!;
        for (let k = 0; k < 3; k++) if (k !== keep) p *= w[k]![idx[k]!]!;
        const at = keep < 0 ? 0 : idx[keep]!;
        want[at] = want[at]! + p;
      }
      expect(maxRel(got, want)).toBeLessThan(1e-12);
    }
    const v = dims.map((d) => rng.fillNormal(new Float64Array(d)));
    const A = kronVectors(w);
    const B = kronVectors(v);
    let d2 = 0;
    let b2 = 0;
    for (let n = 0; n < A.length; n++) { d2 += (A[n]! - B[n]!) ** 2; b2 += B[n]! ** 2; }
    expect(kronRelativeChange(w, v)).toBeCloseTo(Math.sqrt(d2 / b2), 12);
  });
});

describe('Kronecker M-steps', () => {
  const rng = createRng('msteps');
  const truth = [rng.fillUniform(new Float64Array(4), 0.5, 2), rng.fillUniform(new Float64Array(3), 0.1, 1), rng.fillUniform(new Float64Array(5), 1, 3)];
  const Lambda = kronVectors(truth);
  it('AM returns an exact Kronecker Λ (as a Kronecker product) from a flat start', () => {
    const g = amMStep(Lambda, [4, 3, 5], [new Float64Array(4).fill(1), new Float64Array(3).fill(1), new Float64Array(5).fill(1)], [null, null, null], 50, 1e-14);
    expect(maxRel(kronVectors(g), Lambda)).toBeLessThan(1e-10);
    // Normalization: the first factors have unit norm, the last carries the scale.
    expect(Math.hypot(...g[0]!)).toBeCloseTo(1, 12);
  });
  it('AM is the EM maximizer: each factor update solves its stationarity equation', () => {
    // For a non-Kronecker Λ the fixed point satisfies γ₁[j] = mean_{k,l} Λ[j,k,l]/(γ₂[k]γ₃[l]).
    const L = rng.fillUniform(new Float64Array(4 * 3 * 5), 0.1, 2);
    const g = amMStep(L, [4, 3, 5], [new Float64Array(4).fill(1), new Float64Array(3).fill(1), new Float64Array(5).fill(1)], [null, null, null], 500, 1e-15);
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) for (let l = 0; l < 5; l++) s += L[(j * 3 + k) * 5 + l]! / (g[1]![k]! * g[2]![l]!);
      expect(s / 15).toBeCloseTo(g[0]![j]!, 8);
    }
  });
  it('SVD (two factors) and power iterations (three) return an exact Kronecker Λ', () => {
    const L2 = kronVectors(truth.slice(0, 2));
    expect(maxRel(kronVectors(svdMStep(L2, [4, 3], truth.slice(0, 2))), L2)).toBeLessThan(1e-12);
    const flat = [new Float64Array(4).fill(1), new Float64Array(3).fill(1), new Float64Array(5).fill(1)];
    expect(maxRel(kronVectors(svdMStep(Lambda, [4, 3, 5], flat)), Lambda)).toBeLessThan(1e-10);
  });
  it('SVD for two factors gives the best rank-one approximation (leading singular triplet, via NumPy-free check)', () => {
    // ‖Λ − γ₁γ₂ᵀ‖_F² = ‖Λ‖_F² − σ₁² at the optimum.
    const L = rng.fillUniform(new Float64Array(4 * 3), 0, 1);
    const [a, b] = svdMStep(L, [4, 3], []) as [Float64Array, Float64Array];
    const s1 = lib.svd({ rows: 4, cols: 3, data: L }).s[0]!;
    let err = 0;
    let tot = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) {
      err += (L[i * 3 + j]! - a[i]! * b[j]!) ** 2;
      tot += L[i * 3 + j]! ** 2;
    }
    expect(err).toBeCloseTo(tot - s1 * s1, 12);
  });
});

describe('kroSbl recovery', () => {
  // Both M-steps (AM from its default rank-one start) reach the same error bound; the exact AM
  // M-step may still prune a true coefficient too small to matter (it does in this trial).
  for (const method of ['am', 'svd'] as const) {
    it(`${method}: the authors' 8/12/15 x 15 factors at 25 dB`, () => {
      const P = kroneckerProblem(lib, `kro-${method}`, { rows: [8, 12, 15], n: 15, k: 3, snrDb: 25 });
      const r = kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, method });
      expect(nmse(r.x, P.x)).toBeLessThan(10 ** -2.5);
      expect(r.gammas.map((g) => g.length)).toEqual([15, 15, 15]);
      expect(r.x.length).toBe(3375);
      if (method === 'svd') for (const j of P.support) expect(r.support).toContain(j);
    });
  }

  it("AM from the flat start (the paper's) prunes small true coefficients that the rank-one start keeps", () => {
    // The bench's 1440 x 3375 problem at 20 dB: from the flat start the exact AM M-step needs ~90
    // iterations and its 1e-2 threshold to prune, and drops 21 of the 27 true coefficients.
    const P = kroneckerProblem(lib, 'bench-main', { snrDb: 20 });
    const flat = kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, start: 'flat' });
    const warm = kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance });
    expect(flat.support.length).toBeLessThan(P.support.length);
    expect(nmse(flat.x, P.x)).toBeGreaterThan(10 ** -2.5);
    expect(Array.from(warm.support)).toEqual(Array.from(P.support));
    expect(nmse(warm.x, P.x)).toBeLessThan(10 ** -3.5);
    expect(warm.iterations).toBeLessThan(flat.iterations / 2);
  });

  it('estimates the noise variance', () => {
    const P = kroneckerProblem(lib, 'kro-noise', { rows: [8, 12, 15], n: 15, k: 3, snrDb: 10 });
    const r = kroSbl(P.factors, P.y, { method: 'svd', estimateNoise: true });
    expect(r.noiseVariance).toBeGreaterThan(P.noiseVariance / 1.5);
    expect(r.noiseVariance).toBeLessThan(P.noiseVariance * 1.5);
  });

  it('complex factors and measurements (interleaved re/im)', () => {
    const rng = createRng('kro-complex');
    const rows = [6, 7];
    const n = 8;
    const F = rows.map((m) => Array.from({ length: m }, () => Array.from({ length: 2 * n }, () => rng.normal())));
    const x = new Float64Array(2 * n * n);
    for (const [a, b] of [[1, 2], [1, 6], [5, 2], [5, 6]]) {
      x[2 * (a! * n + b!)] = 1 + rng.uniform();
      x[2 * (a! * n + b!) + 1] = rng.normal();
    }
    const y = kronMatvec(F, x, { complex: true });
    const r = kroSbl(F, y, { complex: true, noiseVariance: 1e-6, method: 'svd' });
    expect(Array.from(r.support)).toEqual([1 * n + 2, 1 * n + 6, 5 * n + 2, 5 * n + 6]);
    expect(nmse(r.x, x)).toBeLessThan(1e-6);
    const am = kroSbl(F, y, { complex: true, noiseVariance: 1e-6 });
    expect(nmse(am.x, x)).toBeLessThan(1e-6);
  });

  it('pattern coupling: α = 0 is plain AM; a coupled factor recovers a block support', () => {
    const rng = createRng('pc-3');
    const n = 24;
    const F = [12, 8].map((m) => ({ rows: m, cols: n, data: rng.fillNormal(new Float64Array(m * n)) }));
    const x1 = new Float64Array(n);
    const x2 = new Float64Array(n);
    for (let j = 9; j < 13; j++) x1[j] = 1 + rng.uniform();
    x2[5] = 1;
    const x = kronVectors([x1, x2]);
    const clean = kronMatvec(F, x);
    const s2 = (1e-2 * clean.reduce((p, v) => p + v * v, 0)) / clean.length;
    const y = clean.map((v) => v + Math.sqrt(s2) * rng.normal());
    const plain = kroSbl(F, y, { noiseVariance: s2 });
    const zero = kroSbl(F, y, { noiseVariance: s2, coupling: 0 });
    expect(Array.from(zero.x)).toEqual(Array.from(plain.x));
    const pc = kroSbl(F, y, { noiseVariance: s2, coupling: [0.5, 0] });
    expect(nmse(pc.x, x)).toBeLessThan(1e-2);
    for (let j = 9; j < 13; j++) expect(pc.gammas[0]![j]).toBeGreaterThan(0);
    expect(() => kroSbl(F, y, { method: 'svd', coupling: 0.5 })).toThrow(/coupling/);
  });

  it('follows the calling convention', () => {
    const P = kroneckerProblem(lib, 'kro-conv', { rows: [4, 5], n: 6, k: 2, snrDb: 20 });
    const y0 = P.y.slice();
    const r = kroSbl(P.factors, P.y, { noiseVariance: P.noiseVariance, onIteration: (i) => i.iteration < 2 });
    expect(r.stopped).toBe(true);
    expect(r.iterations).toBe(2);
    expect(P.y).toEqual(y0);
  });

  it('rejects bad input with typed errors', () => {
    const F = [[[1, 0], [0, 1]], [[1, 2, 3]]];
    expect(() => kroSbl(F, [1, 2, 3])).toThrow(ShapeError);
    expect(() => kroSbl(F, [1, 2], { noiseVariance: 0 })).toThrow(/noiseVariance/);
    expect(() => kroSbl(F, [1, NaN])).toThrow(ArgumentError);
    expect(() => kroSbl([], [1])).toThrow(ArgumentError);
    expect(() => kroSbl([[[1, 0]], []], [1])).toThrow(/factors\[1\]/);
    expect(() => kroSbl(F, [1, 2], { method: 'em' as never })).toThrow(/method/);
    expect(() => kroSbl(F, [1, 2], { pruneThreshold: [0.1] })).toThrow(/pruneThreshold/);
    expect(() => kroSbl(F, [1, 2], { coupling: 2 })).toThrow(/coupling/);
    expect(() => kroSbl(F, [1, 2], { start: 'ones' as never })).toThrow(/start/);
    expect(() => kroSbl(F, [1, 2], { coupling: 0.5, start: 'svd' })).toThrow(/start/);
    expect(() => kroSbl(F, [1, 2], { tolerance: 1 } as never)).toThrow(/tolerance/);
  });
});

describe('kroOmp', () => {
  it('recovers a Kronecker-sparse vector exactly with well-conditioned factors', () => {
    const rng = createRng('kroomp');
    const F = [30, 30].map((m) => ({ rows: m, cols: 10, data: rng.fillNormal(new Float64Array(m * 10)) }));
    const x = kronVectors([Float64Array.from({ length: 10 }, (_, j) => (j === 3 ? 2 : j === 8 ? -1 : 0)), Float64Array.from({ length: 10 }, (_, j) => (j === 5 ? 1 : 0))]);
    const r = kroOmp(F, kronMatvec(F, x), { sparsity: [2, 1] });
    expect(Array.from(r.support)).toEqual([35, 85]);
    expect(nmse(r.x, x)).toBeLessThan(1e-20);
    expect(r.converged).toBe(true);
    expect(r.history[r.history.length - 1]).toBeLessThan(1e-12);
  });
  it('complex data', () => {
    const rng = createRng('kroomp-c');
    const F = [9, 8].map((m) => Array.from({ length: m }, () => Array.from({ length: 12 }, () => rng.normal())));
    const x = new Float64Array(72);
    x[2 * (2 * 6 + 4)] = 1;
    x[2 * (2 * 6 + 4) + 1] = -2;
    const r = kroOmp(F, kronMatvec(F, x, { complex: true }), { sparsity: 1, complex: true });
    expect(Array.from(r.support)).toEqual([16]);
    expect(nmse(r.x, x)).toBeLessThan(1e-20);
  });
  it('rejects bad input', () => {
    expect(() => kroOmp([[[1, 2]]], [1], {} as never)).toThrow(/sparsity/);
    expect(() => kroOmp([[[1, 2]]], [1], { sparsity: 3 })).toThrow(/sparsity/);
    expect(() => kroOmp([[[1, 2]]], [1, 2], { sparsity: 1 })).toThrow(ShapeError);
  });
});
