import { dot4rows, sub4rows } from './rows4';

// Dense matrix multiply C[m x n] += alpha * A[m x k] * B[k x n] on row-major f64 matrices in linear
// memory (leading dimensions in elements), blocked as in GotoBLAS: a KC x NC block of B is packed
// into 4-column panels, an MC x KC block of A into 4-row panels, and a 4 x 4 micro-kernel keeps its
// block of C in eight f64x2 accumulators across the whole KC loop (32 flops per 6 loads).

const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 1024;

/** Doubles of workspace `dgemm` needs (packed A and B blocks). */
export function dgemm_work_size(): i32 {
  return MC * KC + KC * (NC + 4);
}

// Pack rows [0, mc) x columns [0, kc) of op(A) into 4-row panels:
// ap[(panel * kc + p) * 4 + r] = op(A)[panel * 4 + r, p], zero beyond mc. With `trans`, A is
// stored k x m (op(A)[i, p] = a[p * lda + i]) and each p gives four consecutive values.
function packA(mc: i32, kc: i32, a: usize, lda: i32, ap: usize, trans: bool): void {
  const ldaB = <usize>lda << 3;
  if (trans) {
    for (let i4 = 0; i4 < mc; i4 += 4) {
      const dst = ap + ((<usize>i4 * <usize>kc) << 3);
      const rows = mc - i4;
      for (let p = 0; p < kc; p++) {
        const src = a + <usize>p * ldaB + (<usize>i4 << 3);
        const o = dst + (<usize>p << 5);
        if (rows >= 4) {
          v128.store(o, v128.load(src));
          v128.store(o + 16, v128.load(src + 16));
        } else {
          for (let r = 0; r < 4; r++) store<f64>(o + (<usize>r << 3), r < rows ? load<f64>(src + (<usize>r << 3)) : 0.0);
        }
      }
    }
    return;
  }
  for (let i4 = 0; i4 < mc; i4 += 4) {
    const dst = ap + ((<usize>i4 * <usize>kc) << 3);
    const rows = min(4, mc - i4);
    for (let r = 0; r < 4; r++) {
      if (r < rows) {
        const src = a + <usize>(i4 + r) * ldaB;
        for (let p = 0; p < kc; p++) store<f64>(dst + ((<usize>(p * 4 + r)) << 3), load<f64>(src + (<usize>p << 3)));
      } else {
        for (let p = 0; p < kc; p++) store<f64>(dst + ((<usize>(p * 4 + r)) << 3), 0.0);
      }
    }
  }
}

// Pack rows [0, kc) x columns [0, nc) of op(B) into 4-column panels:
// bp[(panel * kc + p) * 4 + c] = op(B)[p, panel * 4 + c], zero beyond nc. With `trans`, B is
// stored n x k (op(B)[p, j] = b[j * ldb + p]): four rows are read side by side.
function packB(kc: i32, nc: i32, b: usize, ldb: i32, bp: usize, trans: bool): void {
  const ldbB = <usize>ldb << 3;
  if (trans) {
    for (let j4 = 0; j4 < nc; j4 += 4) {
      const dst = bp + ((<usize>j4 * <usize>kc) << 3);
      const cols = min(4, nc - j4);
      for (let c = 0; c < 4; c++) {
        if (c < cols) {
          const src = b + <usize>(j4 + c) * ldbB;
          for (let p = 0; p < kc; p++) store<f64>(dst + ((<usize>(p * 4 + c)) << 3), load<f64>(src + (<usize>p << 3)));
        } else {
          for (let p = 0; p < kc; p++) store<f64>(dst + ((<usize>(p * 4 + c)) << 3), 0.0);
        }
      }
    }
    return;
  }
  for (let j4 = 0; j4 < nc; j4 += 4) {
    const dst = bp + ((<usize>j4 * <usize>kc) << 3);
    const cols = nc - j4;
    if (cols >= 4) {
      for (let p = 0; p < kc; p++) {
        const src = b + <usize>p * ldbB + (<usize>j4 << 3);
        const o = dst + (<usize>p << 5);
        v128.store(o, v128.load(src));
        v128.store(o + 16, v128.load(src + 16));
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = b + <usize>p * ldbB + (<usize>j4 << 3);
        const o = dst + (<usize>p << 5);
        for (let c = 0; c < 4; c++) store<f64>(o + (<usize>c << 3), c < cols ? load<f64>(src + (<usize>c << 3)) : 0.0);
      }
    }
  }
}

// C[0..mr, 0..nr] += alpha * (4 x kc panel of A) * (kc x 4 panel of B).
function micro(kc: i32, ap: usize, bp: usize, c: usize, ldcB: usize, alpha: f64, mr: i32, nr: i32, tmp: usize): void {
  let c00 = f64x2.splat(0); let c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0); let c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0); let c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0); let c31 = f64x2.splat(0);
  let pa = ap;
  let pb = bp;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb + 16);
    let a = f64x2.splat(load<f64>(pa));
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = f64x2.splat(load<f64>(pa + 8));
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = f64x2.splat(load<f64>(pa + 16));
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = f64x2.splat(load<f64>(pa + 24));
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
    pa += 32;
    pb += 32;
  }
  const al = f64x2.splat(alpha);
  if (mr == 4 && nr == 4) {
    let r = c;
    v128.store(r, f64x2.add(v128.load(r), f64x2.mul(al, c00)));
    v128.store(r + 16, f64x2.add(v128.load(r + 16), f64x2.mul(al, c01)));
    r += ldcB;
    v128.store(r, f64x2.add(v128.load(r), f64x2.mul(al, c10)));
    v128.store(r + 16, f64x2.add(v128.load(r + 16), f64x2.mul(al, c11)));
    r += ldcB;
    v128.store(r, f64x2.add(v128.load(r), f64x2.mul(al, c20)));
    v128.store(r + 16, f64x2.add(v128.load(r + 16), f64x2.mul(al, c21)));
    r += ldcB;
    v128.store(r, f64x2.add(v128.load(r), f64x2.mul(al, c30)));
    v128.store(r + 16, f64x2.add(v128.load(r + 16), f64x2.mul(al, c31)));
    return;
  }
  // Edge block: spill to tmp (4 x 4) and add the valid part.
  v128.store(tmp, f64x2.mul(al, c00)); v128.store(tmp + 16, f64x2.mul(al, c01));
  v128.store(tmp + 32, f64x2.mul(al, c10)); v128.store(tmp + 48, f64x2.mul(al, c11));
  v128.store(tmp + 64, f64x2.mul(al, c20)); v128.store(tmp + 80, f64x2.mul(al, c21));
  v128.store(tmp + 96, f64x2.mul(al, c30)); v128.store(tmp + 112, f64x2.mul(al, c31));
  for (let r = 0; r < mr; r++) {
    const row = c + <usize>r * ldcB;
    for (let q = 0; q < nr; q++) {
      const o = row + (<usize>q << 3);
      store<f64>(o, load<f64>(o) + load<f64>(tmp + (<usize>(r * 4 + q) << 3)));
    }
  }
}

/**
 * C += alpha * op(A) * op(B) for row-major storage: op(A) is m x k (A stored m x k, or k x m with
 * transA), op(B) is k x n (B stored k x n, or n x k with transB), C is m x n (ldc). `work` holds
 * dgemm_work_size() doubles plus 16 for the edge spill.
 */
export function dgemm(transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, work: usize): void {
  const ta = transA != 0;
  const tb = transB != 0;
  const ap = work;
  const bp = work + ((<usize>(MC * KC)) << 3);
  const tmp = bp + ((<usize>(KC * (NC + 4))) << 3);
  const ldcB = <usize>ldc << 3;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const boff = tb ? <usize>jc * <usize>ldb + <usize>pc : <usize>pc * <usize>ldb + <usize>jc;
      packB(kc, nc, b + (boff << 3), ldb, bp, tb);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        const aoff = ta ? <usize>pc * <usize>lda + <usize>ic : <usize>ic * <usize>lda + <usize>pc;
        packA(mc, kc, a + (aoff << 3), lda, ap, ta);
        for (let jr = 0; jr < nc; jr += 4) {
          const nr = min(4, nc - jr);
          const bpan = bp + ((<usize>jr * <usize>kc) << 3);
          for (let ir = 0; ir < mc; ir += 4) {
            const mr = min(4, mc - ir);
            micro(kc, ap + ((<usize>ir * <usize>kc) << 3), bpan, c + <usize>(ic + ir) * ldcB + ((<usize>(jc + jr)) << 3), ldcB, alpha, mr, nr, tmp);
          }
        }
      }
    }
  }
}

// Matrix-vector products on a block of rows (the Gram-Schmidt steps of Lanczos): V holds `rows`
// rows of length n, contiguous. Four rows share each pass over the vector.

/** h[i] = V[i, :] · w for i < rows. */
export function dgemv_rows_t(rows: i32, n: i32, V: usize, w: usize, h: usize): void {
  const rowB = <usize>n << 3;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const v0 = V + <usize>i * rowB;
    dot4rows(v0, v0 + rowB, v0 + 2 * rowB, v0 + 3 * rowB, w, n, h + (<usize>i << 3));
  }
  for (; i < rows; i++) {
    const v0 = V + <usize>i * rowB;
    let s0 = f64x2.splat(0);
    let p = 0;
    for (; p + 1 < n; p += 2) {
      const o = <usize>p << 3;
      s0 = f64x2.add(s0, f64x2.mul(v128.load(v0 + o), v128.load(w + o)));
    }
    let t0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
    if (p < n) t0 += load<f64>(v0 + (<usize>p << 3)) * load<f64>(w + (<usize>p << 3));
    store<f64>(h + (<usize>i << 3), t0);
  }
}

/** w −= Σ_{i < rows} h[i] V[i, :]. */
export function dgemv_rows_n_sub(rows: i32, n: i32, V: usize, h: usize, w: usize): void {
  const rowB = <usize>n << 3;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const v0 = V + <usize>i * rowB;
    const hi = h + (<usize>i << 3);
    sub4rows(v0, v0 + rowB, v0 + 2 * rowB, v0 + 3 * rowB, load<f64>(hi), load<f64>(hi + 8), load<f64>(hi + 16), load<f64>(hi + 24), w, n);
  }
  for (; i < rows; i++) {
    const v0 = V + <usize>i * rowB;
    const hs = load<f64>(h + (<usize>i << 3));
    const hv = f64x2.splat(hs);
    let p = 0;
    for (; p + 1 < n; p += 2) {
      const o = <usize>p << 3;
      v128.store(w + o, f64x2.sub(v128.load(w + o), f64x2.mul(hv, v128.load(v0 + o))));
    }
    if (p < n) {
      const o = <usize>p << 3;
      store<f64>(w + o, load<f64>(w + o) - hs * load<f64>(v0 + o));
    }
  }
}
