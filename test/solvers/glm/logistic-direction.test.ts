/**
 * The Anderson trial of the L1-logistic Newton direction (tryDirection in logistic-working-set.ts):
 * an extrapolated direction is taken only when it lowers the penalized quadratic model, u stays
 * X·dw, and no coordinate crosses zero. The model is evaluated here independently.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/index.js';
import { makeDesign } from '../../../src/solvers/glm/design.js';
import { buffers, tryDirection } from '../../../src/solvers/glm/logistic-working-set.js';
import type { Penalty } from '../../../src/solvers/glm/prox-newton.js';

const n = 40;
const m = 6;
const r = createRng(3);
const X = Array.from({ length: n }, () => Array.from({ length: m }, () => r.normal()));
const d = makeDesign(X, null, false);
const pen: Penalty = { l1: 0.7, l2: 0.1, pf: Float64Array.of(1, 0.5, 1, 2, 1, 1), positive: false };
const wl0 = [0.5, -0.3, 0, 0.2, 1.2, 1e-4];

/** Buffers at dw (u = X·dw computed here), G and h fixed. */
function state(dw: number[]) {
  const B = buffers(n, m, false);
  for (let k = 0; k < m; k++) {
    B.ws[k] = k;
    B.wl[k] = wl0[k]!;
    B.dw[k] = dw[k]!;
    B.G[k] = r.normal();
  }
  for (let i = 0; i < n; i++) {
    B.h[i] = 0.1 + r.random();
    B.u[i] = X[i]!.reduce((s, x, k) => s + x * dw[k]!, 0);
  }
  return B;
}

/** Σ Gₖdwₖ + ½Σ hᵢ(X·dw)ᵢ² + pen(wl + dw), from X itself. */
function model(B: ReturnType<typeof state>): number {
  let v = 0;
  for (let k = 0; k < m; k++) {
    const c = B.wl[k]! + B.dw[k]!;
    v += B.G[k]! * B.dw[k]! + pen.pf[k]! * (pen.l1 * Math.abs(c) + 0.5 * pen.l2 * c * c);
  }
  for (let i = 0; i < n; i++) {
    const u = X[i]!.reduce((s, x, k) => s + x * B.dw[k]!, 0);
    v += 0.5 * B.h[i]! * u * u;
  }
  return v;
}

/** The model's gradient in dw at the nonzero coordinates of wl + dw (0 elsewhere). */
function gradient(B: ReturnType<typeof state>): Float64Array {
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const c = B.wl[k]! + B.dw[k]!;
    if (c === 0) continue;
    let s = B.G[k]! + pen.pf[k]! * (pen.l1 * Math.sign(c) + pen.l2 * c);
    for (let i = 0; i < n; i++) s += X[i]![k]! * B.h[i]! * B.u[i]!;
    out[k] = s;
  }
  return out;
}

describe('tryDirection (Anderson trial of the logistic Newton direction)', () => {
  it('takes a direction that lowers the model, keeps u = X·dw, and stops coordinates at zero', () => {
    const B = state([0.1, 0.2, 0, -0.1, 0.3, 0.01]);
    const before = model(B);
    const gr = gradient(B);
    // A small descent step, plus coordinate 5 (wl + dw = 0.0101) pushed across zero.
    const ext = Float64Array.from({ length: m }, (_, k) => B.dw[k]! - 1e-3 * gr[k]!);
    ext[5] = -0.05;
    const old = Array.from(B.dw.subarray(0, m));
    tryDirection(d, null, B, m, ext, pen, new Float64Array(m));
    const after = model(B);
    expect(after).toBeLessThan(before);
    for (let k = 0; k < 5; k++) expect(B.dw[k]).toBeCloseTo(ext[k]!, 14);
    expect(Math.abs(B.wl[5]! + B.dw[5]!)).toBeLessThanOrEqual(1e-15);
    expect(B.dw[2]).toBe(old[2]); // wl + dw = 0 stays there
    for (let i = 0; i < n; i++) expect(B.u[i]).toBeCloseTo(X[i]!.reduce((s, x, k) => s + x * B.dw[k]!, 0), 13);
  });
  it('leaves dw and u bit for bit when the extrapolation raises the model', () => {
    const B = state([0.1, 0.2, 0, -0.1, 0.3, 0.01]);
    const gr = gradient(B);
    const ext = Float64Array.from({ length: m }, (_, k) => B.dw[k]! + 0.05 * gr[k]!);
    const dw = Array.from(B.dw.subarray(0, m));
    const u = Array.from(B.u.subarray(0, n));
    const before = model(B);
    B.dw.set(ext.subarray(0, m));
    expect(model(B)).toBeGreaterThan(before); // the trial point is worse
    B.dw.set(dw);
    tryDirection(d, null, B, m, ext, pen, new Float64Array(m));
    expect(Array.from(B.dw.subarray(0, m))).toEqual(dw);
    expect(Array.from(B.u.subarray(0, n))).toEqual(u);
  });
});
