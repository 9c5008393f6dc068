// SpGEMM row kernels (symbolic and numeric passes) on raw CSR arrays in linear memory: the same
// algorithm, accumulator rule and output order as src/kernels/spgemm/rows.ts (read that file's
// header for the method); pointers are byte offsets, scratch contract identical.

@inline function ld32(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function st32(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline function ld64(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function st64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

/** log2 of the hash table size of a row with `flops` products into `n` columns. */
@inline function tableLog(flops: i64, n: i32): i32 {
  const bound = flops < <i64>n ? <i32>flops : n;
  return bound < 4 ? 3 : 33 - clz<i32>(bound - 1);
}

@inline function rowFlops(Ap: usize, Aj: usize, Bp: usize, a0: i32, a1: i32): i64 {
  let flops: i64 = 0;
  for (let p = a0; p < a1; p++) {
    const k = ld32(Aj, p);
    flops += <i64>(ld32(Bp, k + 1) - ld32(Bp, k));
  }
  return flops;
}

@inline function useDense(mode: i32, lg: i32, denseRatio: f64, n: i32): bool {
  return mode == 2 || lg > 30 || (mode == 0 && <f64>(1 << lg) * denseRatio >= <f64>n);
}

/**
 * Early touches for the dense-accumulator rows: B's rows are read in A's column order, which on a
 * tall B (AᵀA) is one cache miss (and one TLB miss: WASM memory has no huge pages) per row
 * pointer, index and value. Loading B's row pointer {@link TOUCH_PTR} entries of A ahead, and the
 * first index and value of B's row {@link TOUCH_ROW} entries ahead, starts those misses while the
 * current rows are merged. The loaded values go to a global sink so that the loads are kept; the
 * arithmetic and its order are unchanged.
 */
const TOUCH_PTR: i32 = 32;
const TOUCH_ROW: i32 = 12;
let touchSink: i32 = 0;

@inline function touchAhead(Aj: usize, Bp: usize, Bj: usize, Bx: usize, p: i32, pEnd: i32): i32 {
  let t = 0;
  if (p + TOUCH_PTR < pEnd) t = ld32(Bp, ld32(Aj, p + TOUCH_PTR));
  if (p + TOUCH_ROW < pEnd) {
    const k = ld32(Aj, p + TOUCH_ROW);
    const q = ld32(Bp, k);
    if (q < ld32(Bp, k + 1)) {
      t ^= ld32(Bj, q);
      if (Bx) t ^= <i32>load<i64>(Bx + (<usize>q << 3));
    }
  }
  return t;
}

/**
 * Symbolic pass over rows [r0, r1): rowNnz[i] = nnz(C(i,:)) before cancellation; when `flopsOut`
 * is not 0, also flopsOut[i] = flops(i) as f64 (fused here: mode 2 needs no separate flops pass).
 */
export function spgemm_symbolic(Ap: usize, Aj: usize, Bp: usize, Bj: usize, n: i32, r0: i32, r1: i32, mode: i32, denseRatio: f64, hashMul: i32, rowNnz: usize, keys: usize, slots: usize, marker: usize, flopsOut: usize): i32 {
  let hashRows = 0;
  const pEnd = ld32(Ap, r1);
  let sink = 0;
  for (let i = r0; i < r1; i++) {
    const a0 = ld32(Ap, i);
    const a1 = ld32(Ap, i + 1);
    // Mode 2 needs no flops count up front (every row dense; an empty row just yields nothing).
    let lg = 0;
    let flops: i64 = 0;
    if (mode != 2) {
      flops = rowFlops(Ap, Aj, Bp, a0, a1);
      if (flops == 0) {
        st32(rowNnz, i, 0);
        if (flopsOut) st64(flopsOut, i, 0);
        continue;
      }
      lg = tableLog(flops, n);
    }
    let cnt = 0;
    if (useDense(mode, lg, denseRatio, n)) {
      let f: i64 = 0;
      for (let p = a0; p < a1; p++) {
        sink ^= touchAhead(Aj, Bp, Bj, 0, p, pEnd);
        const k = ld32(Aj, p);
        const q1 = ld32(Bp, k + 1);
        const q0 = ld32(Bp, k);
        f += <i64>(q1 - q0);
        for (let q = q0; q < q1; q++) {
          const j = ld32(Bj, q);
          if (ld32(marker, j) != i) {
            st32(marker, j, i);
            cnt++;
          }
        }
      }
      flops = f;
    } else {
      hashRows++;
      const mask = (1 << lg) - 1;
      const shift = <u32>clz<i32>(mask);
      for (let p = a0; p < a1; p++) {
        sink ^= touchAhead(Aj, Bp, Bj, 0, p, pEnd);
        const k = ld32(Aj, p);
        const q1 = ld32(Bp, k + 1);
        for (let q = ld32(Bp, k); q < q1; q++) {
          const j = ld32(Bj, q);
          let h = <i32>(<u32>(j * hashMul) >> shift);
          while (true) {
            const key = ld32(keys, h);
            if (key == j) break;
            if (key == -1) {
              st32(keys, h, j);
              st32(slots, cnt++, h);
              break;
            }
            h = (h + 1) & mask;
          }
        }
      }
      for (let t = 0; t < cnt; t++) st32(keys, ld32(slots, t), -1);
    }
    st32(rowNnz, i, cnt);
    if (flopsOut) st64(flopsOut, i, <f64>flops);
  }
  touchSink ^= sink;
  return hashRows;
}

@inline function swap(a: usize, i: i32, j: i32): void {
  const t = ld32(a, i);
  st32(a, i, ld32(a, j));
  st32(a, j, t);
}

/** Sort the i32 values at [lo, hi) ascending (insertion sort below 32 values, quicksort above). */
function sortRange(a: usize, lo: i32, hi: i32): void {
  while (hi - lo > 32) {
    // Median of three (ordered in place) as pivot, Hoare partition around the lower middle,
    // which guarantees lo <= j < hi - 1 (both sides non-empty).
    const mid = lo + ((hi - 1 - lo) >> 1);
    if (ld32(a, mid) < ld32(a, lo)) swap(a, mid, lo);
    if (ld32(a, hi - 1) < ld32(a, lo)) swap(a, hi - 1, lo);
    if (ld32(a, hi - 1) < ld32(a, mid)) swap(a, hi - 1, mid);
    const pivot = ld32(a, mid);
    let i = lo - 1;
    let j = hi;
    while (true) {
      do i++; while (ld32(a, i) < pivot);
      do j--; while (ld32(a, j) > pivot);
      if (i >= j) break;
      swap(a, i, j);
    }
    // Recurse on the smaller side, loop on the larger.
    if (j + 1 - lo < hi - j - 1) {
      sortRange(a, lo, j + 1);
      lo = j + 1;
    } else {
      sortRange(a, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let t = lo + 1; t < hi; t++) {
    const v = ld32(a, t);
    let u = t - 1;
    while (u >= lo && ld32(a, u) > v) {
      st32(a, u + 1, ld32(a, u));
      u--;
    }
    st32(a, u + 1, v);
  }
}

export function spgemm_numeric(Ap: usize, Aj: usize, Ax: usize, Bp: usize, Bj: usize, Bx: usize, n: i32, r0: i32, r1: i32, mode: i32, denseRatio: f64, hashMul: i32, sorted: i32, Cp: usize, cBase: i32, Cj: usize, Cx: usize, rowCount: usize, keys: usize, hvals: usize, slots: usize, marker: usize, dvals: usize): i32 {
  let hashRows = 0;
  const pEnd = ld32(Ap, r1);
  let sink = 0;
  for (let i = r0; i < r1; i++) {
    const a0 = ld32(Ap, i);
    const a1 = ld32(Ap, i + 1);
    let lg = 0;
    if (mode != 2) {
      const flops = rowFlops(Ap, Aj, Bp, a0, a1);
      if (flops == 0) {
        st32(rowCount, i, 0);
        continue;
      }
      lg = tableLog(flops, n);
    }
    const c0 = ld32(Cp, i) - cBase;
    let cnt = 0;
    let w = c0;
    if (useDense(mode, lg, denseRatio, n)) {
      // The numeric accumulator interleaves stamp and value in 16-byte slots (one cache line per
      // touch): slot j holds the stamp at +0 and the running sum at +8.
      const stamp = ~i;
      let lo: i32 = 2147483647;
      let hi: i32 = -1;
      for (let p = a0; p < a1; p++) {
        sink ^= touchAhead(Aj, Bp, Bj, Bx, p, pEnd);
        const k = ld32(Aj, p);
        const a = ld64(Ax, p);
        const q1 = ld32(Bp, k + 1);
        for (let q = ld32(Bp, k); q < q1; q++) {
          const j = ld32(Bj, q);
          const v = a * ld64(Bx, q);
          const slot = dvals + (<usize>j << 4);
          if (load<i32>(slot) != stamp) {
            store<i32>(slot, stamp);
            store<f64>(slot, v, 8);
            st32(Cj, c0 + cnt++, j);
            if (j < lo) lo = j;
            if (j > hi) hi = j;
          } else {
            store<f64>(slot, load<f64>(slot, 8) + v, 8);
          }
        }
      }
      const c1 = c0 + cnt;
      if (sorted && hi - lo < cnt * (cnt < 16 ? 4 : 32 - clz<i32>(cnt))) {
        // A dense row: reading the stamps across [lo, hi] in order beats sorting it.
        for (let j = lo; j <= hi; j++) {
          const slot = dvals + (<usize>j << 4);
          if (load<i32>(slot) == stamp) {
            const v = load<f64>(slot, 8);
            if (v != 0) {
              st32(Cj, w, j);
              st64(Cx, w++, v);
            }
          }
        }
      } else {
        if (sorted) sortRange(Cj, c0, c1);
        for (let t = c0; t < c1; t++) {
          const j = ld32(Cj, t);
          const v = load<f64>(dvals + (<usize>j << 4), 8);
          if (v != 0) {
            st32(Cj, w, j);
            st64(Cx, w++, v);
          }
        }
      }
    } else {
      hashRows++;
      const mask = (1 << lg) - 1;
      const shift = <u32>clz<i32>(mask);
      for (let p = a0; p < a1; p++) {
        sink ^= touchAhead(Aj, Bp, Bj, Bx, p, pEnd);
        const k = ld32(Aj, p);
        const a = ld64(Ax, p);
        const q1 = ld32(Bp, k + 1);
        for (let q = ld32(Bp, k); q < q1; q++) {
          const j = ld32(Bj, q);
          const v = a * ld64(Bx, q);
          let h = <i32>(<u32>(j * hashMul) >> shift);
          while (true) {
            const key = ld32(keys, h);
            if (key == j) {
              st64(hvals, h, ld64(hvals, h) + v);
              break;
            }
            if (key == -1) {
              st32(keys, h, j);
              st64(hvals, h, v);
              st32(slots, cnt++, h);
              break;
            }
            h = (h + 1) & mask;
          }
        }
      }
      if (!sorted) {
        for (let t = 0; t < cnt; t++) {
          const h = ld32(slots, t);
          const v = ld64(hvals, h);
          if (v != 0) {
            st32(Cj, w, ld32(keys, h));
            st64(Cx, w++, v);
          }
          st32(keys, h, -1);
        }
      } else {
        const c1 = c0 + cnt;
        for (let t = 0; t < cnt; t++) st32(Cj, c0 + t, ld32(keys, ld32(slots, t)));
        sortRange(Cj, c0, c1);
        for (let t = c0; t < c1; t++) {
          const j = ld32(Cj, t);
          let h = <i32>(<u32>(j * hashMul) >> shift);
          while (ld32(keys, h) != j) h = (h + 1) & mask;
          const v = ld64(hvals, h);
          if (v != 0) {
            st32(Cj, w, j);
            st64(Cx, w++, v);
          }
        }
        for (let t = 0; t < cnt; t++) st32(keys, ld32(slots, t), -1);
      }
    }
    st32(rowCount, i, w - c0);
  }
  touchSink ^= sink;
  return hashRows;
}

/**
 * flops(i) = Σ_{k ∈ A(i,:)} nnz(B(k,:)) for rows [0, m) into `out` (f64; skipped when out is 0);
 * stats[0] = Σ flops(i), stats[1] = max flops(i), stats[2] = rows with flops(i) > 0.
 */
export function spgemm_flops(Ap: usize, Aj: usize, Bp: usize, m: i32, out: usize, stats: usize): void {
  let total: f64 = 0;
  let most: f64 = 0;
  let nonEmpty = 0;
  for (let i = 0; i < m; i++) {
    const f = <f64>rowFlops(Ap, Aj, Bp, ld32(Ap, i), ld32(Ap, i + 1));
    if (out) st64(out, i, f);
    total += f;
    if (f > most) most = f;
    if (f > 0) nonEmpty++;
  }
  store<f64>(stats, total);
  store<f64>(stats, most, 8);
  store<f64>(stats, <f64>nonEmpty, 16);
}

/**
 * Row pointers from the symbolic counts, in one pass: Cp[0] = 0, Cp[i + 1] = Cp[i] + rowNnz[i]
 * (wraps past 2^31 - 1: the caller checks stats[0] first); when `flops` is not 0, flops[i]
 * becomes the inclusive prefix sum Σ_{r ≤ i} flops(r) (for thread chunks by binary search).
 * stats[0] = Σ rowNnz, stats[1] = Σ flops(i), stats[2] = rows with flops(i) > 0.
 */
export function spgemm_prefix(rowNnz: usize, Cp: usize, m: i32, flops: usize, stats: usize): void {
  let s: i64 = 0;
  st32(Cp, 0, 0);
  for (let i = 0; i < m; i++) {
    s += <i64>ld32(rowNnz, i);
    st32(Cp, i + 1, <i32>s);
  }
  let f: f64 = 0;
  let nonEmpty = 0;
  if (flops) {
    for (let i = 0; i < m; i++) {
      const fi = ld64(flops, i);
      f += fi;
      nonEmpty += <i32>(fi > 0);
      st64(flops, i, f);
    }
  }
  store<f64>(stats, <f64>s);
  store<f64>(stats, f, 8);
  store<f64>(stats, <f64>nonEmpty, 16);
}

/** Σ counts[i] over [r0, r1) (entries the numeric pass kept in a block of rows). */
export function spgemm_kept(counts: usize, r0: i32, r1: i32): f64 {
  let s: i64 = 0;
  for (let i = r0; i < r1; i++) s += <i64>ld32(counts, i);
  return <f64>s;
}

/**
 * Close the gaps of a numeric block in place: row i of [r0, r1) holds rowCount[i] entries at
 * Cj/Cx[Cp[i] - cBase]; the rows are moved down to follow each other from position 0, in order.
 * Returns the entries kept (the block's compacted length).
 */
export function spgemm_close_gaps(Cp: usize, cBase: i32, Cj: usize, Cx: usize, rowCount: usize, r0: i32, r1: i32): i32 {
  let w = 0;
  for (let i = r0; i < r1; i++) {
    const src = ld32(Cp, i) - cBase;
    const cnt = ld32(rowCount, i);
    if (src != w) {
      if (cnt > 16) {
        memory.copy(Cj + (<usize>w << 2), Cj + (<usize>src << 2), <usize>cnt << 2);
        memory.copy(Cx + (<usize>w << 3), Cx + (<usize>src << 3), <usize>cnt << 3);
      } else {
        // Destination below the source: a forward element copy never overwrites unread entries.
        for (let t = 0; t < cnt; t++) {
          st32(Cj, w + t, ld32(Cj, src + t));
          st64(Cx, w + t, ld64(Cx, src + t));
        }
      }
    }
    w += cnt;
  }
  return w;
}
