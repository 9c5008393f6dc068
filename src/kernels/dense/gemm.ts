/**
 * Dense matrix multiply through the WASM SIMD kernel of `assembly/gemm.ts` (packed GotoBLAS-style
 * blocks, 4 x 4 f64x2 micro-kernel, transposed operands packed directly), and the Gram–Schmidt
 * row products of the Krylov solvers. Operands that already live in WASM memory (from
 * `allocF64` in `runtime/memory.ts`) are used in place; others are copied in row by row in
 * their stored orientation, and C is copied back. The plain-TS kernels are in
 * `linalg/dense/gemm.ts`; this module only decides and runs the WASM path.
 *
 * 'auto' uses WASM from {@link AUTO_WASM_GEMM_WORK} multiply-adds with every dimension at least 4
 * and an inner dimension of at least 8 (below that the copies cost more than the SIMD loop saves).
 *
 * @module
 * @internal
 */
import { wantWasm } from '../runtime/backend.js';
import { isResidentF64 as isResident } from '../runtime/memory.js';
import { getWasm, type WasmKernels } from '../runtime/wasm/loader.js';

/** 'auto': WASM dense products from this many multiply-adds. @internal */
export const AUTO_WASM_GEMM_WORK = 32768;
/**
 * Stage a rows x cols block (leading dimension ld, at element offset off of `a`) for the kernel:
 * its byte pointer and leading dimension in WASM memory (in place when resident, else copied into
 * scratch `slot`); -1 when no memory.
 */
function stage(w: WasmKernels, a: Float64Array, off: number, rows: number, cols: number, ld: number, slot: number): [number, number] {
  if (isResident(a)) return [a.byteOffset + off * 8, ld];
  const p = w.scratch(slot, rows * cols * 8);
  if (p < 0) return [-1, 0];
  const v = w.f64(p, rows * cols);
  if (ld === cols && off === 0 && a.length === rows * cols) v.set(a);
  else for (let i = 0; i < rows; i++) v.set(a.subarray(off + i * ld, off + i * ld + cols), i * cols);
  return [p, cols];
}

/**
 * C[m x n] += α·op(A)·op(B), row-major: A stored m x k (k x m with transA) with leading dimension
 * lda at offset aOff, B stored k x n (n x k with transB), C m x n. Returns false when the WASM path
 * is not taken (backend 'js', 'auto' below the threshold, or WASM unavailable): the caller then
 * runs its JS kernel.
 * @internal
 */
export function gemmWasm(
  transA: boolean, transB: boolean,
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, lda: number,
  b: Float64Array, bOff: number, ldb: number,
  c: Float64Array, cOff: number, ldc: number,
): boolean {
  if (m === 0 || n === 0 || k === 0) return false;
  const anyResident = isResident(c);
  if (!wantWasm((m * n * k >= AUTO_WASM_GEMM_WORK || anyResident) && k >= 8 && m >= 4 && n >= 4)) return false;
  const w = getWasm();
  if (!w) return false;
  const workLen = (w.fn('dgemm_work_size')() as number) + 16;
  const pw = w.scratch(11, workLen * 8);
  if (pw < 0) return false;
  const [pa, la] = transA ? stage(w, a, aOff, k, m, lda, 8) : stage(w, a, aOff, m, k, lda, 8);
  const [pb, lb] = transB ? stage(w, b, bOff, n, k, ldb, 9) : stage(w, b, bOff, k, n, ldb, 9);
  const [pc, lc] = stage(w, c, cOff, m, n, ldc, 10);
  if (pa < 0 || pb < 0 || pc < 0) return false;
  w.fn('dgemm')(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, pa, la, pb, lb, pc, lc, pw);
  if (!isResident(c)) {
    const v = w.f64(pc, m * n);
    if (ldc === n && cOff === 0 && c.length === m * n) c.set(v);
    else for (let i = 0; i < m; i++) c.set(v.subarray(i * n, (i + 1) * n), cOff + i * ldc);
  }
  return true;
}

/**
 * Gram–Schmidt products on rows of a resident block (from `allocF64`): h[i] = V_i·w for
 * i < rows (`transposed`), or w −= Σ h[i]·V_i. V's rows have length n starting at element vOff;
 * w is the resident row at element wOff (of the same array). Returns false (caller runs JS) when V
 * is not resident or WASM is off.
 * @internal
 */
export function gemvRowsWasm(transposed: boolean, rows: number, n: number, V: Float64Array, vOff: number, wOff: number, h: Float64Array): boolean {
  if (rows === 0 || !isResident(V) || !wantWasm(true)) return false;
  const w = getWasm();
  if (!w) return false;
  const ph = w.scratch(12, Math.max(8, rows * 8));
  if (ph < 0) return false;
  const hv = w.f64(ph, rows);
  const pv = V.byteOffset + vOff * 8;
  const pw = V.byteOffset + wOff * 8;
  if (transposed) {
    w.fn('dgemv_rows_t')(rows, n, pv, pw, ph);
    h.set(hv.subarray(0, rows));
  } else {
    hv.set(h.subarray(0, rows));
    w.fn('dgemv_rows_n_sub')(rows, n, pv, ph, pw);
  }
  return true;
}
