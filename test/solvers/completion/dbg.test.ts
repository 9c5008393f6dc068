import { it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { coo, completeMatrix, softImpute, createRng } from '../../../src/index.js';
it('dbg', () => {
  const text = gunzipSync(readFileSync('test/fixtures/datasets/digits.csv.gz')).toString();
  const rows = text.trim().split('\n').map((l) => l.split(',').map(Number).slice(0, 64));
  const m = rows.length, n = 64;
  const rng = createRng(13);
  const hide = new Uint8Array(m * n);
  const perm = rng.permutation(m * n);
  for (let q = 0; q < Math.round(0.3 * m * n); q++) hide[perm[q]!] = 1;
  const r: number[] = [], c: number[] = [], d: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (!hide[i * n + j]) { r.push(i); c.push(j); d.push(rows[i]![j]!); }
  const M = coo(r, c, d, [m, n]);
  const colMean = new Float64Array(n), cnt = new Float64Array(n);
  for (let p = 0; p < d.length; p++) { colMean[c[p]!] += d[p]!; cnt[c[p]!]++; }
  const hiddenRmse = (f: (i: number, j: number) => number) => { let s = 0, k = 0; for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (hide[i * n + j]) { s += (f(i, j) - rows[i]![j]!) ** 2; k++; } return Math.sqrt(s / k); };
  console.log('colmean', hiddenRmse((i, j) => colMean[j]! / Math.max(1, cnt[j]!)));
  for (const k of [5, 8, 10, 15]) for (const lambda of [0, 10, 50]) for (const biases of [true]) {
    const t0 = performance.now();
    const fit = completeMatrix(M, k, { seed: 1, lambda, biases, clip: [0, 16], maxIter: 100, validationFraction: 0.1 });
    console.log('AM', k, lambda, biases, hiddenRmse(fit.predict).toFixed(4), fit.iterations, (performance.now() - t0).toFixed(0));
  }
  for (const lambda of [undefined, 50, 100, 200]) {
    const t0 = performance.now();
    const si = softImpute(M, { seed: 1, lambda, biases: true, clip: [0, 16] });
    console.log('SI', si.lambda.toFixed(2), hiddenRmse(si.predict).toFixed(4), si.iterations, si.d.length, (performance.now() - t0).toFixed(0));
  }
});
