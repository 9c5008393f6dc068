/**
 * Live cross-check against POT (Python Optimal Transport): `ot.sinkhorn(a, b, C, reg,
 * method='sinkhorn_log')` must give the same plan and cost at the same reg. Runs only where
 * `/usr/bin/python3 -c "import ot"` works (Debian's python3-pot), and is skipped otherwise.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/rng.js';
import { gridCost } from '../../src/ot/costs.js';
import { sinkhorn } from '../../src/ot/sinkhorn.js';
import { sinkhornNewtonSparse } from '../../src/ot/sns.js';
import { pythonMissing, runPython } from '../helpers/python.js';
import { digitDensity, randomCost } from './helpers.js';

const PY = '/usr/bin/python3';

const POT_SCRIPT = `
import numpy as np, ot, warnings
warnings.simplefilter('ignore')
a = np.array(inp['a']); b = np.array(inp['b'])
C = np.array(inp['C']).reshape(len(a), len(b))
P = ot.sinkhorn(a, b, C, inp['reg'], method='sinkhorn_log', stopThr=1e-13, numItermax=200000)
print(json.dumps({'plan': P.ravel().tolist(), 'cost': float(np.sum(P * C)), 'version': ot.__version__}))
`;

interface PotResult { plan: number[]; cost: number; version: string }

function weights(n: number, seed: number): Float64Array {
  const w = createRng(seed).fillUniform(new Float64Array(n), 0.1, 1);
  const s = w.reduce((p, q) => p + q, 0);
  return w.map((v) => v / s);
}

describe('cross-check against POT ot.sinkhorn(method="sinkhorn_log") (live)', () => {
  const cases = [
    { name: 'random 20 x 30, non-uniform weights, reg = 0.05', a: weights(20, 1), b: weights(30, 2), C: randomCost(20, 30, 3).data, reg: 0.05 },
    { name: 'digits 3 -> 8 on the 8x8 grid, squared Euclidean, reg = 0.02', a: digitDensity(3), b: digitDensity(8), C: gridCost(8, 8).data, reg: 0.02 },
    { name: 'digits 5 -> 6, L1, reg = 0.05', a: digitDensity(5), b: digitDensity(6), C: gridCost(8, 8, { metric: 'cityblock' }).data, reg: 0.05 },
  ];
  for (const c of cases) {
    it(c.name, (ctx) => {
      const reason = pythonMissing(['numpy', 'ot'], PY);
      if (reason) return ctx.skip(reason);
      const pot = runPython<PotResult>(POT_SCRIPT, { a: Array.from(c.a), b: Array.from(c.b), C: Array.from(c.C), reg: c.reg }, PY);
      const n = c.a.length;
      const m = c.b.length;
      const Cm = { rows: n, cols: m, data: Float64Array.from(c.C) };
      const ours = sinkhorn(c.a, c.b, Cm, { reg: c.reg, tol: 1e-13, maxIter: 200000 });
      const sns = sinkhornNewtonSparse(c.a, c.b, Cm, { reg: c.reg });
      expect(ours.converged && sns.converged).toBe(true);
      for (const r of [ours, sns]) {
        let maxDiff = 0;
        for (let k = 0; k < n * m; k++) maxDiff = Math.max(maxDiff, Math.abs(r.plan!.data[k]! - pot.plan[k]!));
        expect(maxDiff).toBeLessThanOrEqual(1e-8);
        expect(Math.abs(r.cost - pot.cost)).toBeLessThanOrEqual(1e-8 * Math.abs(pot.cost));
      }
    });
  }
});
