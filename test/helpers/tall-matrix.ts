/**
 * Tall sparse test matrices for SpGEMM tests (AᵀA of a tall matrix).
 */
import { type CSRMatrix, coo, createRng } from '../../src/index.js';

/** m x n, `perRow` entries per row at random columns, small integers of both signs (exact sums, some cancel). */
export function tall(m: number, n: number, perRow: number, seed: number): CSRMatrix {
  const rng = createRng(seed);
  const row = new Int32Array(m * perRow);
  const col = new Int32Array(m * perRow);
  const val = new Float64Array(m * perRow);
  for (let i = 0, p = 0; i < m; i++) {
    for (let r = 0; r < perRow; r++, p++) {
      row[p] = i;
      col[p] = rng.integer(0, n);
      val[p] = rng.integer(1, 4) * (rng.random() < 0.5 ? -1 : 1);
    }
  }
  return coo(row, col, val, [m, n]).toCSR();
}
