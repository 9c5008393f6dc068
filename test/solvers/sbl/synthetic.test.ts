// He & Joseph's synthetic setting at small sizes (three Gaussian factors, 2 Gaussian nonzeros per
// factor), 50 seeded trials per SNR: KroSBL (AM and SVD M-steps) against classic SBL on the explicit
// Kronecker matrix and against KroOMP. Medians and the share of trials won are asserted; means and
// support recovery are printed (a single bad trial can dominate a mean; see the guide).
import { describe, expect, it } from 'vitest';
import * as lib from '../../../src/index.js';
// @ts-expect-error plain JS helper shared with the benchmarks
import { denseKron, kroneckerProblem, nmse, supportRecovery } from '../../../bench/lib/sbl-problems.mjs';

const TRIALS = 50;
const SNRS = [5, 15, 30];
const cfg = { rows: [3, 4, 5], n: 5, k: 2 };
type Method = 'sbl' | 'am' | 'svd' | 'kroOmp';
const METHODS: Method[] = ['sbl', 'am', 'svd', 'kroOmp'];

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};
const mean = (a: number[]): number => a.reduce((p, v) => p + v, 0) / a.length;

describe('synthetic Kronecker setting, 50 seeded trials per SNR', () => {
  const results = new Map<number, Record<Method, { nmse: number[]; srr: number[] }>>();
  // One test per SNR, so that each stays well inside the per-test timeout on a loaded machine.
  for (const snr of SNRS) {
    it(`runs every method on every trial at ${snr} dB`, () => {
      const r = Object.fromEntries(METHODS.map((m) => [m, { nmse: [] as number[], srr: [] as number[] }])) as Record<Method, { nmse: number[]; srr: number[] }>;
      for (let t = 0; t < TRIALS; t++) {
        const P = kroneckerProblem(lib, `synthetic-${snr}-${t}`, { ...cfg, snrDb: snr });
        const opts = { noiseVariance: P.noiseVariance };
        const out: Record<Method, { x: Float64Array; support: Int32Array }> = {
          sbl: lib.sbl(denseKron(P.factors), P.y, opts),
          am: lib.kroSbl(P.factors, P.y, { ...opts, method: 'am' }),
          svd: lib.kroSbl(P.factors, P.y, { ...opts, method: 'svd' }),
          kroOmp: lib.kroOmp(P.factors, P.y, { sparsity: cfg.k }),
        };
        for (const m of METHODS) {
          r[m].nmse.push(nmse(out[m].x, P.x));
          r[m].srr.push(supportRecovery(out[m].support, P.support));
        }
      }
      results.set(snr, r);
      console.log(`${snr} dB (median / mean NMSE, support) | ` + METHODS.map((m) => `${m}: ${median(r[m].nmse).toExponential(2)} / ${mean(r[m].nmse).toExponential(2)}, ${mean(r[m].srr).toFixed(2)}`).join(' | ') +
        ` | AM beats SBL in ${r.am.nmse.filter((v, i) => v < r.sbl.nmse[i]!).length}/${TRIALS}, SVD in ${r.svd.nmse.filter((v, i) => v < r.sbl.nmse[i]!).length}/${TRIALS}`);
      expect(r.sbl.nmse.length).toBe(TRIALS);
    });
  }

  it('KroSBL (both M-steps) has a lower median NMSE than classic SBL and KroOMP at every SNR, and wins most trials', () => {
    for (const [, r] of results) {
      for (const m of ['am', 'svd'] as const) {
        expect(median(r[m].nmse)).toBeLessThan(median(r.sbl.nmse));
        expect(median(r[m].nmse)).toBeLessThan(median(r.kroOmp.nmse));
        expect(r[m].nmse.filter((v, i) => v < r.sbl.nmse[i]!).length).toBeGreaterThan(TRIALS * 0.6);
      }
    }
  });

  it('median NMSE decreases with SNR for every method but KroOMP (which is limited by its greedy support)', () => {
    for (const m of ['sbl', 'am', 'svd'] as const) {
      const meds = SNRS.map((s) => median(results.get(s)![m].nmse));
      for (let i = 1; i < meds.length; i++) expect(meds[i]!).toBeLessThan(meds[i - 1]!);
    }
  });

  it('support recovery improves with SNR for KroSBL', () => {
    for (const m of ['am', 'svd'] as const) {
      expect(mean(results.get(30)![m].srr)).toBeGreaterThan(mean(results.get(5)![m].srr));
    }
  });
});
