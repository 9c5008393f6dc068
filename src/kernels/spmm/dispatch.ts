/**
 * Sparse x dense and dense x sparse products on raw arrays (dense row-major): JS loops, or the
 * WASM SIMD kernels (matrix resident in WASM memory, dense operands copied in and out).
 *
 * 'auto' uses WASM when the product has at least {@link AUTO_WASM_SPMM_WORK} multiply-adds and
 * the sparse matrix averages at least one entry per line of the dense operands (below that, the
 * copies of the dense matrices cost more than the SIMD loop saves).
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { prescaleOutput } from '../elementwise/elementwise.js';
import { tierUpChunks } from '../runtime/chunks.js';
import type { Lines } from '../spmv/dispatch.js';
import { denseCscJs, denseCsrJs, spmmGatherJs, spmmScatterJs } from './rows.js';
import { getWasm } from '../runtime/wasm/loader.js';
import { type Pins, residentCompressed, unpin } from '../runtime/wasm/resident.js';

/** 'auto': WASM sparse/dense products from this many multiply-adds. @internal */
export const AUTO_WASM_SPMM_WORK = 65536;

function autoWasm(nnz: number, k: number, denseLines: number): boolean {
  return nnz * k >= AUTO_WASM_SPMM_WORK && nnz >= denseLines;
}

/**
 * C = alpha·A·B + beta·C with A's lines as rows (CSR·dense): B is nMinor x k, C is nMajor x k
 * (row-major). @internal
 */
export function spmmGather(A: Lines, B: Float64Array, k: number, C: Float64Array, alpha: number, beta: number): void {
  const m = A.nMajor;
  if (k > 0 && wantWasm(autoWasm(A.data.length, k, m + A.nMinor))) {
    const w = getWasm();
    if (w) {
      const pins: Pins = [];
      try {
        const a = residentCompressed(w, A, pins);
        const bp = w.scratch(2, B.byteLength);
        const cp = w.scratch(3, C.byteLength);
        if (a && bp >= 0 && cp >= 0) {
          const [ip, ix, dv] = a;
          w.f64(bp, B.length).set(B);
          if (beta !== 0) w.f64(cp, C.length).set(C);
          // In tier-up chunks of ~2^16 multiply-adds (rows are independent: same bits as one call).
          const f = w.fn('spmm_csr_dense');
          const ptr = A.indptr;
          const b = tierUpChunks((r) => ptr[r]! * k + r, 0, m);
          for (let c = 0; c + 1 < b.length; c++) f(ip, ix, dv, bp, k, cp, b[c]!, b[c + 1]!, alpha, beta);
          C.set(w.f64(cp, C.length));
          return;
        }
      } finally {
        unpin(pins);
      }
    }
  }
  spmmGatherJs(A.indptr, A.indices, A.data, B, k, C, 0, m, alpha, beta);
}

/**
 * C = alpha·Aᵀ·B + beta·C with A's lines as rows, i.e. CSC·dense: B is nMajor x k, C is
 * nMinor x k. JS (the scatter has no SIMD kernel). @internal
 */
export function spmmScatter(A: Lines, B: Float64Array, k: number, C: Float64Array, alpha: number, beta: number): void {
  prescaleOutput(C, beta);
  spmmScatterJs(A.indptr, A.indices, A.data, B, k, C, 0, A.nMajor, alpha);
}

/**
 * C = alpha·D·A + beta·C for D (rows x nMajor, row-major) and A with lines as rows (dense·CSR):
 * C is rows x nMinor. @internal
 */
export function denseTimesRows(D: Float64Array, rows: number, A: Lines, C: Float64Array, alpha: number, beta: number): void {
  const n = A.nMajor;
  const p = A.nMinor;
  if (rows > 0 && p > 0 && wantWasm(autoWasm(A.data.length, rows, rows + n))) {
    const w = getWasm();
    if (w) {
      const pins: Pins = [];
      try {
        const a = residentCompressed(w, A, pins);
        const dp = w.scratch(2, D.byteLength);
        const cp = w.scratch(3, C.byteLength);
        const tp = w.scratch(4, 16 * p);
        if (a && dp >= 0 && cp >= 0 && tp >= 0) {
          const [ip, ix, dv] = a;
          w.f64(dp, D.length).set(D);
          if (beta !== 0) w.f64(cp, C.length).set(C);
          // In tier-up chunks with even bounds: the kernel pairs rows r0, r0 + 1, ..., so every row
          // keeps its partner (the pair and single-row paths differ on zeros of D).
          const f = w.fn('dense_csr');
          const perRow = A.data.length + n;
          const b = tierUpChunks((r) => r * perRow, 0, rows);
          let r0 = 0;
          for (let c = 1; c < b.length; c++) {
            const r1 = c + 1 < b.length ? b[c]! & ~1 : rows;
            if (r1 <= r0) continue;
            f(dp, n, ip, ix, dv, p, cp, r0, r1, alpha, beta, tp);
            r0 = r1;
          }
          C.set(w.f64(cp, C.length));
          return;
        }
      } finally {
        unpin(pins);
      }
    }
  }
  denseCsrJs(D, n, A.indptr, A.indices, A.data, p, C, 0, rows, alpha, beta, new Float64Array(p));
}

/**
 * C = alpha·D·Aᵀ' + beta·C where A's lines are the columns of the sparse factor (dense·CSC):
 * D is rows x nMinor, C is rows x nMajor. JS. @internal
 */
export function denseTimesColumns(D: Float64Array, rows: number, A: Lines, C: Float64Array, alpha: number, beta: number): void {
  denseCscJs(D, A.nMinor, A.indptr, A.indices, A.data, A.nMajor, C, 0, rows, alpha, beta);
}
