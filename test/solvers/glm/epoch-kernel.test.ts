/**
 * The dense epoch kernel (assembly/cd.ts `enet_epoch_dense`) against the JS epoch it replaces
 * (epochDenseSimd: a JS loop calling the WASM dot and axpy per coordinate): the same operations in
 * the same order, so a whole working-set solve gives bit-identical coefficients and epoch counts,
 * Lasso and elastic net, with penalty factors, ± positive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getBackend, setBackend } from '../../../src/index.js';
import { makeDesign, releaseDesign } from '../../../src/solvers/glm/design.js';
import { initialState, releaseState, solveEnet } from '../../../src/solvers/glm/working-set.js';
import { ar1Problem } from './data.js';

const initial = getBackend();
afterEach(() => setBackend(initial));

describe('enet_epoch_dense', () => {
  it('gives the JS epoch loop’s iterates bit for bit', () => {
    setBackend('wasm');
    const n = 60;
    const p = 300;
    const { rows, y } = ar1Problem(n, p, 1, 5);
    const d = makeDesign(rows, null, true, false, true);
    expect(d.simd).not.toBeNull();
    const ym = y.reduce((a, b) => a + b, 0) / n;
    const yt = Float64Array.from(y, (v) => v - ym);
    const pf = Float64Array.from({ length: p }, (_, j) => (j % 7 === 0 ? 0.5 : j % 11 === 0 ? 2 : 1));
    let lmax = 0;
    for (let j = 0; j < p; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) g += (rows[i]![j]! - d.xMean[j]!) * yt[i]!;
      lmax = Math.max(lmax, Math.abs(g) / pf[j]!);
    }
    try {
      for (const [l1Ratio, positive] of [[1, false], [0.6, true], [0.8, false]] as const) {
        const l = 0.05 * lmax;
        const t = { l1: l * l1Ratio, l2: l * (1 - l1Ratio), pf, positive };
        const settings = { tolAbs: 1e-10 * 0.5 * yt.reduce((s, v) => s + v * v, 0), maxEpochs: 100000, workingSets: true };
        const kernel = initialState(d, yt, new Float64Array(p));
        const loop = initialState(d, yt, new Float64Array(p));
        expect(kernel.kern).not.toBeNull();
        // Without the state's WASM buffers the driver takes the JS loop (w moved out of WASM memory).
        releaseState(loop);
        loop.kern = null;
        loop.rs = initialState(d, yt, new Float64Array(p)).rs;
        const a = solveEnet(t, d, yt, kernel, settings);
        const b = solveEnet(t, d, yt, loop, settings);
        expect(a.converged).toBe(true);
        expect(a.epochs).toBeGreaterThan(10);
        expect(a.epochs).toBe(b.epochs);
        expect(Array.from(kernel.w)).toEqual(Array.from(loop.w));
        expect(kernel.w.some((v) => v !== 0)).toBe(true);
        releaseState(kernel);
      }
    } finally {
      releaseDesign(d);
    }
  });
});
