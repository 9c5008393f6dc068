import { it } from 'vitest';
import { amdOrder } from '../../../src/linalg/direct/amd.js';
import { symmetricPattern } from '../../../src/linalg/direct/pattern.js';
import { analyzeCholesky } from '../../../src/linalg/direct/cholesky-symbolic.js';
import { factorSupernodal } from '../../../src/linalg/direct/cholesky-numeric.js';
import { poisson2d, poisson3d } from './problems.js';
it('scratch', () => {
  for (const A of [poisson2d(100), poisson2d(400), poisson2d(400), poisson3d(30)]) {
    const t0 = performance.now();
    const G = symmetricPattern(A, true);
    const t1 = performance.now();
    const p = amdOrder(G);
    const t2 = performance.now();
    const S = analyzeCholesky(A, p);
    const t3 = performance.now();
    factorSupernodal(S, A.data);
    const t4 = performance.now();
    let ws = 0; for (let s = 0; s < S.nsuper; s++) ws = Math.max(ws, S.superStart[s+1]! - S.superStart[s]!);
    console.log(A.shape[0], 'nnzL', S.nnzL, 'flops', S.flops.toExponential(2), 'nsuper', S.nsuper, 'maxw', ws, 'blk', S.blockPtr[S.nsuper], 'pattern', (t1-t0).toFixed(0), 'amd', (t2 - t1).toFixed(0), 'sym', (t3 - t2).toFixed(0), 'num', (t4 - t3).toFixed(0));
  }
});
