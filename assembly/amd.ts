// Approximate minimum degree ordering over raw arrays in linear memory: the loop of
// src/linalg/direct/amd.ts (which describes the method) with the same operations in the same order,
// so both backends return the same permutation. Pointers are byte offsets of i32 arrays.

@inline function ld(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function st(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }

const LIVE: i32 = 0;
const ELEMENT: i32 = 1;
const DEAD: i32 = 2;
const WBIG: i32 = 1 << 30;

/** Degree lists: the bucket heads and the links of each variable. */
@inline function insertDeg(head: usize, next: usize, last: usize, i: i32, d: i32): void {
  const h = ld(head, d);
  st(next, i, h);
  st(last, i, -1);
  if (h != -1) st(last, h, i);
  st(head, d, i);
}
@inline function removeDeg(head: usize, next: usize, last: usize, degree: usize, i: i32): void {
  const nx = ld(next, i);
  const ls = ld(last, i);
  if (nx != -1) st(last, nx, ls);
  if (ls != -1) st(next, ls, nx);
  else st(head, ld(degree, i), nx);
}

/** Reset the element weights when the flag could overflow; returns the flag to use. */
@inline function clearW(w: usize, n: i32, wflg: i32, lemax: i32): i32 {
  if (wflg + lemax + n < WBIG) return wflg;
  for (let x: i32 = 0; x < n; x++) if (ld(w, x) != 0) st(w, x, 1);
  return 2;
}

/**
 * AMD of the graph gp/gi (n nodes, adjacency lists without self loops, nnz = gp[n] entries) into
 * perm (n ints). work: scratch of 18·n + 1 + iwlen ints (the quotient graph takes the last iwlen,
 * iwlen ≥ nnz). Nodes of degree above denseLimit (when n > 2) are ordered last. Returns 0, or 1
 * when iwlen is too small (perm unfinished: call again with a larger iwlen).
 */
export function amd_order(gp: usize, gi: usize, perm: usize, work: usize, n: i32, iwlen: i32, denseLimit: i32): i32 {
  const nn = <usize>n << 2;
  const iw = work + <usize>(18 * n + 1) * 4;
  const pe = work;
  const len = pe + nn;
  const elen = len + nn;
  const nv = elen + nn;
  const degree = nv + nn;
  const w = degree + nn;
  const status = w + nn;
  const next = status + nn;
  const last = next + nn;
  const hhead = last + nn;
  const hnext = hhead + nn;
  const hval = hnext + nn;
  const vparent = hval + nn;
  const pivots = vparent + nn;
  const chead = pivots + nn;
  const cnext = chead + nn;
  const stack = cnext + nn;
  const head = stack + nn;
  const nnz = ld(gp, n);
  memory.copy(iw, gi, <usize>nnz << 2);
  let pfree = nnz;
  for (let i: i32 = 0; i < n; i++) {
    st(elen, i, 0);
    st(nv, i, 1);
    st(w, i, 1);
    st(status, i, LIVE);
    st(next, i, -1);
    st(last, i, -1);
    st(hhead, i, -1);
    st(hnext, i, -1);
    st(hval, i, 0);
    st(vparent, i, -1);
    st(head, i, -1);
  }
  st(head, n, -1);
  let npiv: i32 = 0;
  let nel: i32 = 0;
  for (let i: i32 = 0; i < n; i++) {
    st(pe, i, ld(gp, i));
    st(len, i, ld(gp, i + 1) - ld(gp, i));
    st(degree, i, ld(len, i));
  }
  for (let i: i32 = 0; i < n; i++) {
    if (ld(degree, i) > denseLimit && n > 2) {
      st(nv, i, 0);
      st(status, i, DEAD);
      st(pe, i, -1);
      nel++;
    }
  }
  for (let i: i32 = 0; i < n; i++) if (ld(status, i) == LIVE) insertDeg(head, next, last, i, ld(degree, i));

  let mindeg: i32 = 0;
  let wflg: i32 = 2;
  let lemax: i32 = 0;
  while (nel < n) {
    while (ld(head, mindeg) == -1) mindeg++;
    const me = ld(head, mindeg);
    removeDeg(head, next, last, degree, me);
    const elenme = ld(elen, me);
    let nvpiv = ld(nv, me);
    nel += nvpiv;
    st(nv, me, -nvpiv);
    let degme: i32 = 0;

    if (elenme != 0) {
      let bound = ld(len, me) - elenme;
      const pm0 = ld(pe, me);
      for (let p = pm0; p < pm0 + elenme; p++) {
        const e = ld(iw, p);
        if (ld(status, e) == ELEMENT && ld(pe, e) >= 0) bound += ld(len, e);
      }
      if (pfree + bound > iwlen) {
        // Garbage collection: move every live list to the front of iw.
        for (let j: i32 = 0; j < n; j++) {
          const p = ld(pe, j);
          if (p >= 0 && ld(len, j) > 0 && ld(status, j) != DEAD) {
            st(pe, j, ld(iw, p));
            st(iw, p, -j - 1);
          }
        }
        let q: i32 = 0;
        for (let p: i32 = 0; p < pfree;) {
          const v = ld(iw, p);
          if (v < 0) {
            const j = -v - 1;
            st(iw, q, ld(pe, j));
            st(pe, j, q++);
            const lj = ld(len, j);
            for (let t: i32 = 1; t < lj; t++) st(iw, q++, ld(iw, p + t));
            p += lj;
          } else p++;
        }
        pfree = q;
        if (pfree + bound > iwlen) return 1;
      }
    }
    const pme1 = elenme == 0 ? ld(pe, me) : pfree;
    let pme2 = pme1 - 1;
    let pm = ld(pe, me);
    for (let knt: i32 = 0; knt <= elenme; knt++) {
      let e: i32;
      let pj: i32;
      let ln: i32;
      if (knt == elenme) {
        e = me;
        pj = pm;
        ln = ld(len, me) - elenme;
      } else {
        e = ld(iw, pm++);
        if (ld(status, e) != ELEMENT || ld(pe, e) < 0) continue;
        pj = ld(pe, e);
        ln = ld(len, e);
      }
      for (let t: i32 = 0; t < ln; t++) {
        const i = ld(iw, pj + t);
        const nvi = ld(nv, i);
        if (nvi <= 0) continue;
        degme += nvi;
        st(nv, i, -nvi);
        st(iw, ++pme2, i);
        removeDeg(head, next, last, degree, i);
      }
      if (e != me) {
        st(status, e, DEAD);
        st(pe, e, -1);
        st(w, e, 0);
      }
    }
    if (elenme != 0) pfree = pme2 + 1;
    st(status, me, ELEMENT);
    st(pe, me, pme1);
    st(len, me, pme2 - pme1 + 1);
    st(elen, me, 0);
    st(degree, me, degme);

    // |Le \ Lme| for the elements adjacent to Lme.
    wflg = clearW(w, n, wflg, lemax);
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = ld(iw, pme);
      const eln = ld(elen, i);
      if (eln <= 0) continue;
      const nvi = -ld(nv, i);
      const wnvi = wflg - nvi;
      const p0 = ld(pe, i);
      for (let p = p0; p < p0 + eln; p++) {
        const e = ld(iw, p);
        const we = ld(w, e);
        if (we >= wflg) st(w, e, we - nvi);
        else if (we != 0) st(w, e, ld(degree, e) + wnvi);
      }
    }

    // Approximate degrees, pruned lists, hashes.
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = ld(iw, pme);
      const p1 = ld(pe, i);
      const p2 = p1 + ld(elen, i);
      let pn = p1;
      let hash: i64 = 0;
      let deg: i32 = 0;
      for (let p = p1; p < p2; p++) {
        const e = ld(iw, p);
        const we = ld(w, e);
        if (we == 0) continue;
        const dext = we - wflg;
        if (dext > 0) {
          deg += dext;
          st(iw, pn++, e);
          hash += e;
        } else {
          st(status, e, DEAD);
          st(pe, e, -1);
          st(w, e, 0);
        }
      }
      st(elen, i, pn - p1 + 1);
      const p3 = pn;
      const p4 = p1 + ld(len, i);
      for (let p = p2; p < p4; p++) {
        const j = ld(iw, p);
        const nvj = ld(nv, j);
        if (nvj <= 0) continue;
        deg += nvj;
        st(iw, pn++, j);
        hash += j;
      }
      if (ld(elen, i) == 1 && p3 == pn) {
        const nvi = -ld(nv, i);
        st(vparent, i, me);
        degme -= nvi;
        nvpiv += nvi;
        nel += nvi;
        st(nv, i, 0);
        st(elen, i, -1);
        st(status, i, DEAD);
        st(pe, i, -1);
      } else {
        if (deg < ld(degree, i)) st(degree, i, deg);
        st(iw, pn, ld(iw, p3));
        st(iw, p3, ld(iw, p1));
        st(iw, p1, me);
        st(len, i, pn - p1 + 1);
        const h = <i32>(hash % <i64>n);
        st(hval, i, h);
        st(hnext, i, ld(hhead, h));
        st(hhead, h, i);
      }
    }
    st(degree, me, degme);
    if (degme > lemax) lemax = degme;
    wflg += lemax;
    wflg = clearW(w, n, wflg, lemax);

    // Supervariables.
    for (let pme = pme1; pme <= pme2; pme++) {
      let i = ld(iw, pme);
      if (ld(nv, i) >= 0) continue;
      const h = ld(hval, i);
      i = ld(hhead, h);
      if (i == -1) continue;
      st(hhead, h, -1);
      for (; i != -1 && ld(hnext, i) != -1; i = ld(hnext, i)) {
        const ln = ld(len, i);
        const eln = ld(elen, i);
        const pi = ld(pe, i);
        for (let p = pi + 1; p < pi + ln; p++) st(w, ld(iw, p), wflg);
        let jlast = i;
        for (let j = ld(hnext, i); j != -1;) {
          let same = ld(len, j) == ln && ld(elen, j) == eln;
          const pj = ld(pe, j);
          for (let p = pj + 1; same && p < pj + ln; p++) if (ld(w, ld(iw, p)) != wflg) same = false;
          const jn = ld(hnext, j);
          if (same) {
            st(vparent, j, i);
            st(nv, i, ld(nv, i) + ld(nv, j));
            st(nv, j, 0);
            st(elen, j, -1);
            st(status, j, DEAD);
            st(pe, j, -1);
            st(hnext, jlast, jn);
          } else jlast = j;
          j = jn;
        }
        wflg++;
      }
    }
    wflg = clearW(w, n, wflg, lemax);

    // Final degrees; Lme keeps its principal variables.
    let p = pme1;
    const nleft = n - nel;
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = ld(iw, pme);
      const nvi = -ld(nv, i);
      if (nvi <= 0) continue;
      st(nv, i, nvi);
      let d = ld(degree, i) + degme - nvi;
      if (d > nleft - nvi) d = nleft - nvi;
      if (d < 0) d = 0;
      st(degree, i, d);
      insertDeg(head, next, last, i, d);
      if (d < mindeg) mindeg = d;
      st(iw, p++, i);
    }
    st(nv, me, nvpiv);
    st(len, me, p - pme1);
    if (p == pme1) {
      st(pe, me, -1);
      st(w, me, 0);
    }
    if (elenme != 0) pfree = p;
    st(pivots, npiv++, me);
  }

  // Each pivot, then the variables merged into it or eliminated with it (depth first); dense last.
  for (let j: i32 = 0; j < n; j++) {
    st(chead, j, -1);
    st(cnext, j, -1);
  }
  for (let j = n - 1; j >= 0; j--) {
    const par = ld(vparent, j);
    if (par >= 0) {
      st(cnext, j, ld(chead, par));
      st(chead, par, j);
    }
  }
  let k: i32 = 0;
  for (let t: i32 = 0; t < npiv; t++) {
    let top: i32 = 0;
    st(stack, top++, ld(pivots, t));
    while (top > 0) {
      const v = ld(stack, --top);
      st(perm, k++, v);
      for (let c = ld(chead, v); c != -1; c = ld(cnext, c)) st(stack, top++, c);
    }
  }
  if (n > 2) for (let i: i32 = 0; i < n; i++) if (ld(gp, i + 1) - ld(gp, i) > denseLimit) st(perm, k++, i);
  return 0;
}
