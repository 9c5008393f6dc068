/**
 * CSR·x with x and y already in WASM memory (work vectors from `allocF64`): the SIMD SpMV kernel
 * runs on them in place, with no copy of x in or y out (the solvers' inner loops).
 *
 * @module
 * @internal
 */
import { wantWasm } from '../../kernels/backend.js';
import { residentOffset } from '../../kernels/gemm.js';
import { AUTO_THREAD_SPMV_NNZ, AUTO_WASM_SPMV_NNZ, scatterBlocks } from '../../kernels/spmv-dispatch.js';
import { getWasm } from '../../kernels/wasm/loader.js';
import { type Pins, resident, unpin } from '../../kernels/wasm/resident.js';
import type { CSRMatrix } from '../../formats/csr.js';

/**
 * y ← A·x for CSR A when x and y are resident; returns false (caller takes the general path) when
 * they are not, when WASM is off or below its threshold, or when the matrix is large enough for the
 * threaded kernel.
 * @internal
 */
export function csrMatvecResident(A: CSRMatrix, x: Float64Array, y: Float64Array): boolean {
  const px = residentOffset(x);
  const py = residentOffset(y);
  if (px < 0 || py < 0) return false;
  const nnz = A.nnz;
  if (nnz >= AUTO_THREAD_SPMV_NNZ || !wantWasm(nnz >= AUTO_WASM_SPMV_NNZ)) return false;
  const k = getWasm();
  if (!k) return false;
  const pins: Pins = [];
  try {
    const ip = resident(k, A.indptr, pins);
    const ix = resident(k, A.indices, pins);
    const dv = resident(k, A.data, pins);
    if (ip < 0 || ix < 0 || dv < 0) return false;
    k.fn('spmv_csr')(ip, ix, dv, px, py, 0, A.shape[0], 1, 0);
    return true;
  } finally {
    unpin(pins);
  }
}

/**
 * y ← Aᵀ·x for CSR A (row scatter) when x and y are resident; false when the general path must
 * run (see {@link csrMatvecResident}), which includes the blocked threaded scatter.
 * @internal
 */
export function csrRmatvecResident(A: CSRMatrix, x: Float64Array, y: Float64Array): boolean {
  const px = residentOffset(x);
  const py = residentOffset(y);
  if (px < 0 || py < 0) return false;
  const nnz = A.nnz;
  // Large matrices with short columns take the blocked (threaded) scatter of the general path.
  if (!wantWasm(nnz >= AUTO_WASM_SPMV_NNZ) || scatterBlocks({ indptr: A.indptr, indices: A.indices, data: A.data, nMajor: A.shape[0], nMinor: A.shape[1] }) > 0) return false;
  const k = getWasm();
  if (!k) return false;
  const pins: Pins = [];
  try {
    const ip = resident(k, A.indptr, pins);
    const ix = resident(k, A.indices, pins);
    const dv = resident(k, A.data, pins);
    if (ip < 0 || ix < 0 || dv < 0) return false;
    y.fill(0);
    k.fn('spmv_csr_t')(ip, ix, dv, px, py, 0, A.shape[0], 1);
    return true;
  } finally {
    unpin(pins);
  }
}
