/** Shared pieces of the direct-solver tests: fixtures, residuals, a batch SciPy oracle. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COOMatrix, type CSCMatrix, mmread } from '../../../src/index.js';
import { runPython } from '../../helpers/python.js';

/** A fixture matrix from test/fixtures/matrices as canonical CSC (pattern entries are 1). */
export function fixture(name: string): CSCMatrix {
  const text = readFileSync(join(import.meta.dirname, '../../fixtures/matrices', `${name}.mtx`), 'utf8');
  return (mmread(text) as COOMatrix).toCSC().sumDuplicates();
}

/** Square, real, nonsingular fixtures (checked against SciPy's splu) and their condition numbers. */
export const NONSINGULAR = ['G51', 'LFAT5', 'Pd', 'arrow', 'bfwa62', 'can___24', 'impcol_a', 'jagmesh7', 'plskz362', 'pts5ldd03', 'west0067'];
/** Square fixtures that SciPy's splu reports exactly singular. */
export const SINGULAR = ['Erdos971', 'GD97_b', 'Ragusa16', 'bcspwr06', 'bcspwr10', 'cover', 'dwt_992', 'two', 'rza'];

/** Graph Laplacian of a symmetric pattern plus the identity: an SPD matrix with that pattern. */
export function laplacianPlusIdentity(P: CSCMatrix): CSCMatrix {
  const n = P.shape[0];
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  const deg = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let p = P.indptr[j]!; p < P.indptr[j + 1]!; p++) {
      const i = P.indices[p]!;
      if (i === j) continue;
      row.push(i);
      col.push(j);
      val.push(-1);
      deg[j]!++;
    }
  }
  for (let j = 0; j < n; j++) {
    row.push(j);
    col.push(j);
    val.push(deg[j]! + 1);
  }
  return new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
}

/** ‖A·x − b‖ / ‖b‖. */
export function relResidual(A: CSCMatrix, x: Float64Array, b: Float64Array): number {
  const r = A.matvec(x);
  let e = 0;
  let nb = 0;
  for (let i = 0; i < b.length; i++) {
    e += (r[i]! - b[i]!) ** 2;
    nb += b[i]! ** 2;
  }
  return Math.sqrt(e / nb);
}

/** Deterministic right-hand side. */
export function rhs(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1) + 0.5);
}

export interface SciPyLU {
  fill: number;
  x: number[];
  residual: number;
}

/** SciPy's splu (default options: COLAMD) and spsolve on each matrix: fill and solution. */
export function scipyLU(mats: CSCMatrix[]): SciPyLU[] {
  const input = mats.map((A) => ({ n: A.shape[0], indptr: Array.from(A.indptr), indices: Array.from(A.indices), data: Array.from(A.data), b: Array.from(rhs(A.shape[0])) }));
  return runPython<SciPyLU[]>(`
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
out = []
for m in inp:
    A = sp.csc_matrix((m['data'], m['indices'], m['indptr']), shape=(m['n'], m['n']))
    b = np.array(m['b'])
    lu = sla.splu(A)
    x = sla.spsolve(A, b)
    out.append({'fill': int(lu.L.nnz + lu.U.nnz), 'x': x.tolist(), 'residual': float(np.linalg.norm(A @ x - b) / np.linalg.norm(b))})
print(json.dumps(out))
`, input);
}
