/** Loads test/fixtures/golden/linalg-dense.json (NumPy oracles; see make-golden.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DenseMatrix } from '../../../src/core/dense.js';
import { fixtureDir, fromRows, naiveMatmul, readMtx, tr } from '../iterative/helpers.js';

export interface GoldenCase {
  A?: number[][];
  shape: [number, number];
  sv: number[];
  absdiagR: number[];
  rank: number;
  cond: number;
  b: number[];
  lstsq: number[];
  pinv?: number[][];
  eigvalsh?: number[];
}

const raw = JSON.parse(readFileSync(join(fixtureDir, 'golden', 'linalg-dense.json'), 'utf8')) as { cases: Record<string, GoldenCase> };

/** The ash219 fixture as a dense 219 x 85 matrix. */
export function ash219(): DenseMatrix {
  const S = readMtx('ash219');
  const [m, n] = S.shape;
  const d = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = S.indptr[i]!; p < S.indptr[i + 1]!; p++) d[i * n + S.indices[p]!]! += S.data[p]!;
  return { rows: m, cols: n, data: d };
}

/** Golden cases with their matrix as a DenseMatrix. */
export function goldenCases(): { name: string; A: DenseMatrix; g: GoldenCase }[] {
  return Object.entries(raw.cases).map(([name, g]) => {
    let A: DenseMatrix;
    if (g.A) A = fromRows(g.A);
    else if (name === 'ash219') A = ash219();
    else {
      const a = ash219();
      A = naiveMatmul(tr(a), a);
      for (let i = 0; i < A.rows; i++) A.data[i * A.cols + i]! += 1;
    }
    return { name, A, g };
  });
}
