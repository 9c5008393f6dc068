/**
 * Generated test problems for the direct solvers: 5-point 2-D and 7-point 3-D Poisson matrices
 * (SPD) and a 2-D convection–diffusion matrix (upwind first differences: non-symmetric, M-matrix).
 */
import { COOMatrix, CSCMatrix } from '../../../src/index.js';

function grid(dims: number[], coef: (axis: number, dir: -1 | 1) => number, diag: number): CSCMatrix {
  const n = dims.reduce((a, b) => a * b, 1);
  const row: number[] = [];
  const col: number[] = [];
  const val: number[] = [];
  const strides = dims.map((_, a) => dims.slice(0, a).reduce((x, y) => x * y, 1));
  for (let i = 0; i < n; i++) {
    row.push(i);
    col.push(i);
    val.push(diag);
    for (let a = 0; a < dims.length; a++) {
      const c = Math.floor(i / strides[a]!) % dims[a]!;
      if (c > 0) {
        row.push(i);
        col.push(i - strides[a]!);
        val.push(coef(a, -1));
      }
      if (c < dims[a]! - 1) {
        row.push(i);
        col.push(i + strides[a]!);
        val.push(coef(a, 1));
      }
    }
  }
  return new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
}

/** 2-D Poisson on an nx x ny grid (Dirichlet): 4 on the diagonal, −1 for neighbours. */
export function poisson2d(nx: number, ny = nx): CSCMatrix {
  return grid([nx, ny], () => -1, 4);
}

/** 3-D Poisson on an n³ grid: 6 on the diagonal, −1 for neighbours. */
export function poisson3d(nx: number): CSCMatrix {
  return grid([nx, nx, nx], () => -1, 6);
}

/**
 * −Δu + β·∇u on an nx x nx grid, upwind differences for the convection (β = (peclet, peclet/2)·h):
 * non-symmetric values on a symmetric pattern, diagonally dominant.
 */
export function convectionDiffusion2d(nx: number, peclet = 10): CSCMatrix {
  const h = 1 / (nx + 1);
  const b = [peclet * h, (peclet / 2) * h];
  return grid([nx, nx], (a, dir) => (dir < 0 ? -1 - b[a]! : -1), 4 + b[0]! + b[1]!);
}
