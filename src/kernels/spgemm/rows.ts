/**
 * The row kernels of SpGEMM C = A·B (Gustavson's row-by-row product, CSR), plain TypeScript.
 *
 * For each row i of A, flops(i) = Σ_{k ∈ A(i,:)} nnz(B(k,:)) partial products are merged as they
 * are produced (the idea of SMASH: never materialise them) in one of two accumulators, chosen per
 * row from flops(i) and the column count n:
 *
 * - hash: an open-addressing table of `table = max(8, nextPow2(2·min(flops(i), n)))` slots (load
 *   factor at most 1/2), multiplicative (Fibonacci) hash `(j·hashMul) >>> (32 - log2 table)`,
 *   linear probing. Only the touched slots are reset after the row (their positions are recorded
 *   in `slots`, which also gives the insertion order of the output).
 * - dense: an n-long marker array stamped with the row number (symbolic pass), and n slots holding
 *   a stamp and a running sum side by side (numeric pass: one cache line per touch), reused across
 *   rows without clearing (Gustavson's scheme, as SciPy's).
 *
 * Rule (mode 0 = auto): dense when `table·denseRatio >= n` (the table would be a large fraction
 * of a row of C), hash otherwise; mode 1 forces hash, mode 2 dense (a table that would exceed
 * 2^30 slots always goes dense). The orchestrator passes mode 2 for 'auto' products with at most
 * DENSE_ALWAYS_N (2^17) columns, where the dense accumulator measured faster. The symbolic pass counts nnz(C(i,:)); the numeric pass fills the
 * row at its offset `Cp[i]`, sorts it when asked, and drops entries that sum to exactly zero
 * (`rowCount[i]` receives the number kept).
 *
 * The passes take their arrays and settings as one named argument object ({@link SpgemmSymbolicArgs},
 * {@link SpgemmNumericArgs}) and a row range. Every function is self-contained except for calls to
 * `spgemmSortRangeJs` by name (the worker pool ships their source to its threads as function
 * declarations, so the name resolves there too).
 * Scratch contract: `keys` filled with -1 (length ≥ the largest table), `marker` filled with
 * -2^31 (length n) and the stamps of `dvals` (length 2n: stamp, value, ...) with NaN (JS) or
 * -2^31 (WASM, 16-byte slots) before the symbolic pass; stamps ~i of the numeric pass never meet
 * the symbolic stamps i.
 *
 * @module
 * @internal
 */

/** The accumulator rule shared by both passes (see the module header). @internal */
export interface SpgemmRule {
  /** Columns of C. */
  n: number;
  /** 0 auto, 1 hash, 2 dense. */
  mode: number;
  /** Dense when table·denseRatio >= n (mode 0). */
  denseRatio: number;
  /** Multiplier of the hash (int32). */
  hashMul: number;
}

/** Arguments of {@link spgemmSymbolicJs}. @internal */
export interface SpgemmSymbolicArgs extends SpgemmRule {
  Ap: Int32Array;
  Aj: Int32Array;
  Bp: Int32Array;
  Bj: Int32Array;
  /** Out: nnz(C(i,:)) before cancellation, per row. */
  rowNnz: Int32Array;
  /** Hash scratch: keys (filled with -1) and touched slots, at least the largest table long. */
  keys: Int32Array;
  slots: Int32Array;
  /** Dense scratch: n stamps (filled with -2^31). */
  marker: Int32Array;
}

/** Arguments of {@link spgemmNumericJs}. @internal */
export interface SpgemmNumericArgs extends SpgemmRule {
  Ap: Int32Array;
  Aj: Int32Array;
  Ax: Float64Array;
  Bp: Int32Array;
  Bj: Int32Array;
  Bx: Float64Array;
  /** 1 to sort each row by column, 0 for first-appearance order. */
  sorted: number;
  /** Row pointers of C (from the symbolic pass); row i goes to Cj/Cx[Cp[i] - cBase ..]. */
  Cp: Int32Array;
  cBase: number;
  Cj: Int32Array;
  Cx: Float64Array;
  /** Out: entries kept per row (exact zeros dropped). */
  rowCount: Int32Array;
  /** Hash scratch: keys (-1), values and touched slots. */
  keys: Int32Array;
  hvals: Float64Array;
  slots: Int32Array;
  /** Dense scratch: n stamps, and 2n (stamp, sum) pairs. */
  marker: Int32Array;
  dvals: Float64Array;
}

/**
 * Symbolic pass over rows [r0, r1): rowNnz[i] = nnz(C(i,:)) (before cancellation). Returns the
 * number of non-empty rows that used the hash accumulator. @internal
 */
export function spgemmSymbolicJs(args: SpgemmSymbolicArgs, r0: number, r1: number): number {
  const { Ap, Aj, Bp, Bj, n, mode, denseRatio, hashMul, rowNnz, keys, slots, marker } = args;
  let hashRows = 0;
  for (let i = r0; i < r1; i++) {
    const a0 = Ap[i]!;
    const a1 = Ap[i + 1]!;
    // Mode 2 needs no flops count (every row dense; an empty row just yields nothing).
    let lg = 0;
    if (mode !== 2) {
      let flops = 0;
      for (let p = a0; p < a1; p++) {
        const k = Aj[p]!;
        flops += Bp[k + 1]! - Bp[k]!;
      }
      if (flops === 0) {
        rowNnz[i] = 0;
        continue;
      }
      const bound = flops < n ? flops : n;
      lg = bound < 4 ? 3 : 33 - Math.clz32(bound - 1);
    }
    let cnt = 0;
    if (mode === 2 || lg > 30 || (mode === 0 && (1 << lg) * denseRatio >= n)) {
      for (let p = a0; p < a1; p++) {
        const k = Aj[p]!;
        const q1 = Bp[k + 1]!;
        for (let q = Bp[k]!; q < q1; q++) {
          const j = Bj[q]!;
          if (marker[j] !== i) {
            marker[j] = i;
            cnt++;
          }
        }
      }
    } else {
      hashRows++;
      const mask = (1 << lg) - 1;
      const shift = Math.clz32(mask);
      for (let p = a0; p < a1; p++) {
        const k = Aj[p]!;
        const q1 = Bp[k + 1]!;
        for (let q = Bp[k]!; q < q1; q++) {
          const j = Bj[q]!;
          let h = Math.imul(j, hashMul) >>> shift;
          for (;;) {
            const key = keys[h]!;
            if (key === j) break;
            if (key === -1) {
              keys[h] = j;
              slots[cnt++] = h;
              break;
            }
            h = (h + 1) & mask;
          }
        }
      }
      for (let t = 0; t < cnt; t++) keys[slots[t]!] = -1;
    }
    rowNnz[i] = cnt;
  }
  return hashRows;
}

/**
 * Numeric pass over rows [r0, r1): writes row i of C at Cj/Cx[Cp[i] - cBase ..] (cBase lets a
 * block of rows be written into a buffer holding only that block), sorted by column when
 * `sorted` (else in order of first appearance), without exact zeros; rowCount[i] = entries kept.
 * Returns the number of non-empty rows that used the hash accumulator. @internal
 */
export function spgemmNumericJs(args: SpgemmNumericArgs, r0: number, r1: number): number {
  const { Ap, Aj, Ax, Bp, Bj, Bx, n, mode, denseRatio, hashMul, sorted, Cp, cBase, Cj, Cx, rowCount, keys, hvals, slots, marker, dvals } = args;
  let hashRows = 0;
  for (let i = r0; i < r1; i++) {
    const a0 = Ap[i]!;
    const a1 = Ap[i + 1]!;
    let lg = 0;
    if (mode !== 2) {
      let flops = 0;
      for (let p = a0; p < a1; p++) {
        const k = Aj[p]!;
        flops += Bp[k + 1]! - Bp[k]!;
      }
      if (flops === 0) {
        rowCount[i] = 0;
        continue;
      }
      const bound = flops < n ? flops : n;
      lg = bound < 4 ? 3 : 33 - Math.clz32(bound - 1);
    }
    const c0 = Cp[i]! - cBase;
    let cnt = 0;
    let w = c0;
    if (mode === 2 || lg > 30 || (mode === 0 && (1 << lg) * denseRatio >= n)) {
      // Stamp and running sum interleaved (dvals[2j], dvals[2j + 1]): one cache line per touch.
      const stamp = ~i;
      let lo = 2147483647;
      let hi = -1;
      for (let p = a0; p < a1; p++) {
        const k = Aj[p]!;
        const a = Ax[p]!;
        const q1 = Bp[k + 1]!;
        for (let q = Bp[k]!; q < q1; q++) {
          const j2 = 2 * Bj[q]!;
          const v = a * Bx[q]!;
          if (dvals[j2] !== stamp) {
            dvals[j2] = stamp;
            dvals[j2 + 1] = v;
            const j = j2 >> 1;
            Cj[c0 + cnt++] = j;
            if (j < lo) lo = j;
            if (j > hi) hi = j;
          } else {
            dvals[j2 + 1]! += v;
          }
        }
      }
      const c1 = c0 + cnt;
      if (sorted && hi - lo < cnt * (cnt < 16 ? 4 : 32 - Math.clz32(cnt))) {
        // A dense row: reading the stamps across [lo, hi] in order beats sorting it.
        for (let j = lo; j <= hi; j++) {
          if (dvals[2 * j] === stamp) {
            const v = dvals[2 * j + 1]!;
            if (v !== 0) {
              Cj[w] = j;
              Cx[w++] = v;
            }
          }
        }
      } else {
        if (sorted) spgemmSortRangeJs(Cj, c0, c1);
        for (let t = c0; t < c1; t++) {
          const j = Cj[t]!;
          const v = dvals[2 * j + 1]!;
          if (v !== 0) {
            Cj[w] = j;
            Cx[w++] = v;
          }
        }
      }
    } else {
      hashRows++;
      const mask = (1 << lg) - 1;
      const shift = Math.clz32(mask);
      for (let p = a0; p < a1; p++) {
        const k = Aj[p]!;
        const a = Ax[p]!;
        const q1 = Bp[k + 1]!;
        for (let q = Bp[k]!; q < q1; q++) {
          const j = Bj[q]!;
          const v = a * Bx[q]!;
          let h = Math.imul(j, hashMul) >>> shift;
          for (;;) {
            const key = keys[h]!;
            if (key === j) {
              hvals[h]! += v;
              break;
            }
            if (key === -1) {
              keys[h] = j;
              hvals[h] = v;
              slots[cnt++] = h;
              break;
            }
            h = (h + 1) & mask;
          }
        }
      }
      if (!sorted) {
        for (let t = 0; t < cnt; t++) {
          const h = slots[t]!;
          const v = hvals[h]!;
          if (v !== 0) {
            Cj[w] = keys[h]!;
            Cx[w++] = v;
          }
          keys[h] = -1;
        }
      } else {
        const c1 = c0 + cnt;
        for (let t = 0; t < cnt; t++) Cj[c0 + t] = keys[slots[t]!]!;
        spgemmSortRangeJs(Cj, c0, c1);
        for (let t = c0; t < c1; t++) {
          const j = Cj[t]!;
          let h = Math.imul(j, hashMul) >>> shift;
          while (keys[h] !== j) h = (h + 1) & mask;
          const v = hvals[h]!;
          if (v !== 0) {
            Cj[w] = j;
            Cx[w++] = v;
          }
        }
        for (let t = 0; t < cnt; t++) keys[slots[t]!] = -1;
      }
    }
    rowCount[i] = w - c0;
  }
  return hashRows;
}

/**
 * Sort a[lo, hi) ascending in place: insertion sort for short runs, quicksort (median of three,
 * Hoare partition around the lower middle) above 32 values; no allocation. @internal
 */
export function spgemmSortRangeJs(a: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 32) {
    const mid = lo + ((hi - 1 - lo) >> 1);
    let t = 0;
    if (a[mid]! < a[lo]!) { t = a[mid]!; a[mid] = a[lo]!; a[lo] = t; }
    if (a[hi - 1]! < a[lo]!) { t = a[hi - 1]!; a[hi - 1] = a[lo]!; a[lo] = t; }
    if (a[hi - 1]! < a[mid]!) { t = a[hi - 1]!; a[hi - 1] = a[mid]!; a[mid] = t; }
    const pivot = a[mid]!;
    let i = lo - 1;
    let j = hi;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (i >= j) break;
      t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    if (j + 1 - lo < hi - j - 1) {
      spgemmSortRangeJs(a, lo, j + 1);
      lo = j + 1;
    } else {
      spgemmSortRangeJs(a, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let t = lo + 1; t < hi; t++) {
    const v = a[t]!;
    let u = t - 1;
    while (u >= lo && a[u]! > v) {
      a[u + 1] = a[u]!;
      u--;
    }
    a[u + 1] = v;
  }
}
