// Approximate minimum degree ordering over raw arrays in linear memory: the loop of
// src/linalg/direct/amd.ts (which describes the method) with the same operations in the same order,
// so both backends return the same permutation. Pointers are byte offsets of i32 arrays.

@inline function ld(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function st(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }
// Per-node fields (pe, len, ...) are interleaved in one 64-byte record per node, so the few
// fields that a visit to a node reads share one cache line; `base` is the record array plus the
// field's byte offset.
@inline function ldn(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 6)); }
@inline function stn(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 6), v); }

const LIVE: i32 = 0;
const ELEMENT: i32 = 1;
const DEAD: i32 = 2;
const WBIG: i32 = 1 << 30;

/** Degree lists: the bucket heads and the links of each variable. */
@inline function insertDeg(head: usize, next: usize, last: usize, i: i32, d: i32): void {
  const h = ld(head, d);
  stn(next, i, h);
  stn(last, i, -1);
  if (h != -1) stn(last, h, i);
  st(head, d, i);
}
@inline function removeDeg(head: usize, next: usize, last: usize, degree: usize, i: i32): void {
  const nx = ldn(next, i);
  const ls = ldn(last, i);
  if (nx != -1) stn(last, nx, ls);
  if (ls != -1) stn(next, ls, nx);
  else st(head, ldn(degree, i), nx);
}

/** Reset the element weights when the flag could overflow; returns the flag to use. */
@inline function clearW(w: usize, n: i32, wflg: i32, lemax: i32): i32 {
  if (wflg + lemax + n < WBIG) return wflg;
  for (let x: i32 = 0; x < n; x++) if (ldn(w, x) != 0) stn(w, x, 1);
  return 2;
}

/**
 * AMD of the graph gp/gi (n nodes, adjacency lists without self loops, nnz = gp[n] entries) into
 * perm (n ints). work: scratch of 18·n + 1 + iwlen ints and 64 bytes (the quotient graph takes
 * the last iwlen, iwlen ≥ nnz). Nodes of degree above denseLimit (when n > 2) are ordered last. Returns 0, or 1
 * when iwlen is too small (perm unfinished: call again with a larger iwlen).
 */
export function amd_order(gp: usize, gi: usize, perm: usize, work: usize, n: i32, iwlen: i32, denseLimit: i32): i32 {
  // work: 64-byte aligned node records (16 fields), then stack (n), head (n + 1) and iw.
  const pe = (work + 63) & ~(<usize>63);
  const len = pe + 4;
  const elen = pe + 8;
  const nv = pe + 12;
  const degree = pe + 16;
  const w = pe + 20;
  const status = pe + 24;
  const next = pe + 28;
  const last = pe + 32;
  const hhead = pe + 36;
  const hnext = pe + 40;
  const hval = pe + 44;
  const vparent = pe + 48;
  const pivots = pe + 52;
  const chead = pe + 56;
  const cnext = pe + 60;
  const stack = pe + (<usize>n << 6);
  const head = stack + (<usize>n << 2);
  const iw = head + (<usize>(n + 1) << 2);
  const nnz = ld(gp, n);
  memory.copy(iw, gi, <usize>nnz << 2);
  let pfree = nnz;
  for (let i: i32 = 0; i < n; i++) {
    stn(elen, i, 0);
    stn(nv, i, 1);
    stn(w, i, 1);
    stn(status, i, LIVE);
    stn(next, i, -1);
    stn(last, i, -1);
    stn(hhead, i, -1);
    stn(hnext, i, -1);
    stn(hval, i, 0);
    stn(vparent, i, -1);
    st(head, i, -1);
  }
  st(head, n, -1);
  let npiv: i32 = 0;
  let nel: i32 = 0;
  for (let i: i32 = 0; i < n; i++) {
    stn(pe, i, ld(gp, i));
    stn(len, i, ld(gp, i + 1) - ld(gp, i));
    stn(degree, i, ldn(len, i));
  }
  for (let i: i32 = 0; i < n; i++) {
    if (ldn(degree, i) > denseLimit && n > 2) {
      stn(nv, i, 0);
      stn(status, i, DEAD);
      stn(pe, i, -1);
      nel++;
    }
  }
  for (let i: i32 = 0; i < n; i++) if (ldn(status, i) == LIVE) insertDeg(head, next, last, i, ldn(degree, i));

  let mindeg: i32 = 0;
  let wflg: i32 = 2;
  let lemax: i32 = 0;
  while (nel < n) {
    while (ld(head, mindeg) == -1) mindeg++;
    const me = ld(head, mindeg);
    removeDeg(head, next, last, degree, me);
    const elenme = ldn(elen, me);
    let nvpiv = ldn(nv, me);
    nel += nvpiv;
    stn(nv, me, -nvpiv);
    let degme: i32 = 0;

    if (elenme != 0) {
      let bound = ldn(len, me) - elenme;
      const pm0 = ldn(pe, me);
      for (let p = pm0; p < pm0 + elenme; p++) {
        const e = ld(iw, p);
        if (ldn(status, e) == ELEMENT && ldn(pe, e) >= 0) bound += ldn(len, e);
      }
      if (pfree + bound > iwlen) {
        // Garbage collection: move every live list to the front of iw.
        for (let j: i32 = 0; j < n; j++) {
          const p = ldn(pe, j);
          if (p >= 0 && ldn(len, j) > 0 && ldn(status, j) != DEAD) {
            stn(pe, j, ld(iw, p));
            st(iw, p, -j - 1);
          }
        }
        let q: i32 = 0;
        for (let p: i32 = 0; p < pfree;) {
          const v = ld(iw, p);
          if (v < 0) {
            const j = -v - 1;
            st(iw, q, ldn(pe, j));
            stn(pe, j, q++);
            const lj = ldn(len, j);
            for (let t: i32 = 1; t < lj; t++) st(iw, q++, ld(iw, p + t));
            p += lj;
          } else p++;
        }
        pfree = q;
        if (pfree + bound > iwlen) return 1;
      }
    }
    const pme1 = elenme == 0 ? ldn(pe, me) : pfree;
    let pme2 = pme1 - 1;
    let pm = ldn(pe, me);
    for (let knt: i32 = 0; knt <= elenme; knt++) {
      let e: i32;
      let pj: i32;
      let ln: i32;
      if (knt == elenme) {
        e = me;
        pj = pm;
        ln = ldn(len, me) - elenme;
      } else {
        e = ld(iw, pm++);
        if (ldn(status, e) != ELEMENT || ldn(pe, e) < 0) continue;
        pj = ldn(pe, e);
        ln = ldn(len, e);
      }
      for (let t: i32 = 0; t < ln; t++) {
        const i = ld(iw, pj + t);
        const nvi = ldn(nv, i);
        if (nvi <= 0) continue;
        degme += nvi;
        stn(nv, i, -nvi);
        st(iw, ++pme2, i);
        removeDeg(head, next, last, degree, i);
      }
      if (e != me) {
        stn(status, e, DEAD);
        stn(pe, e, -1);
        stn(w, e, 0);
      }
    }
    if (elenme != 0) pfree = pme2 + 1;
    stn(status, me, ELEMENT);
    stn(pe, me, pme1);
    stn(len, me, pme2 - pme1 + 1);
    stn(elen, me, 0);
    stn(degree, me, degme);

    // |Le \ Lme| for the elements adjacent to Lme.
    wflg = clearW(w, n, wflg, lemax);
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = ld(iw, pme);
      const eln = ldn(elen, i);
      if (eln <= 0) continue;
      const nvi = -ldn(nv, i);
      const wnvi = wflg - nvi;
      const p0 = ldn(pe, i);
      for (let p = p0; p < p0 + eln; p++) {
        const e = ld(iw, p);
        const we = ldn(w, e);
        if (we >= wflg) stn(w, e, we - nvi);
        else if (we != 0) stn(w, e, ldn(degree, e) + wnvi);
      }
    }

    // Approximate degrees, pruned lists, hashes.
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = ld(iw, pme);
      const p1 = ldn(pe, i);
      const p2 = p1 + ldn(elen, i);
      let pn = p1;
      let hash: i64 = 0;
      let deg: i32 = 0;
      for (let p = p1; p < p2; p++) {
        const e = ld(iw, p);
        const we = ldn(w, e);
        if (we == 0) continue;
        const dext = we - wflg;
        if (dext > 0) {
          deg += dext;
          st(iw, pn++, e);
          hash += e;
        } else {
          stn(status, e, DEAD);
          stn(pe, e, -1);
          stn(w, e, 0);
        }
      }
      stn(elen, i, pn - p1 + 1);
      const p3 = pn;
      const p4 = p1 + ldn(len, i);
      for (let p = p2; p < p4; p++) {
        const j = ld(iw, p);
        const nvj = ldn(nv, j);
        if (nvj <= 0) continue;
        deg += nvj;
        st(iw, pn++, j);
        hash += j;
      }
      if (ldn(elen, i) == 1 && p3 == pn) {
        const nvi = -ldn(nv, i);
        stn(vparent, i, me);
        degme -= nvi;
        nvpiv += nvi;
        nel += nvi;
        stn(nv, i, 0);
        stn(elen, i, -1);
        stn(status, i, DEAD);
        stn(pe, i, -1);
      } else {
        if (deg < ldn(degree, i)) stn(degree, i, deg);
        st(iw, pn, ld(iw, p3));
        st(iw, p3, ld(iw, p1));
        st(iw, p1, me);
        stn(len, i, pn - p1 + 1);
        const h = <i32>(hash % <i64>n);
        stn(hval, i, h);
        stn(hnext, i, ldn(hhead, h));
        stn(hhead, h, i);
      }
    }
    stn(degree, me, degme);
    if (degme > lemax) lemax = degme;
    wflg += lemax;
    wflg = clearW(w, n, wflg, lemax);

    // Supervariables.
    for (let pme = pme1; pme <= pme2; pme++) {
      let i = ld(iw, pme);
      if (ldn(nv, i) >= 0) continue;
      const h = ldn(hval, i);
      i = ldn(hhead, h);
      if (i == -1) continue;
      stn(hhead, h, -1);
      for (; i != -1 && ldn(hnext, i) != -1; i = ldn(hnext, i)) {
        const ln = ldn(len, i);
        const eln = ldn(elen, i);
        const pi = ldn(pe, i);
        for (let p = pi + 1; p < pi + ln; p++) stn(w, ld(iw, p), wflg);
        let jlast = i;
        for (let j = ldn(hnext, i); j != -1;) {
          let same = ldn(len, j) == ln && ldn(elen, j) == eln;
          const pj = ldn(pe, j);
          for (let p = pj + 1; same && p < pj + ln; p++) if (ldn(w, ld(iw, p)) != wflg) same = false;
          const jn = ldn(hnext, j);
          if (same) {
            stn(vparent, j, i);
            stn(nv, i, ldn(nv, i) + ldn(nv, j));
            stn(nv, j, 0);
            stn(elen, j, -1);
            stn(status, j, DEAD);
            stn(pe, j, -1);
            stn(hnext, jlast, jn);
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
      const nvi = -ldn(nv, i);
      if (nvi <= 0) continue;
      stn(nv, i, nvi);
      let d = ldn(degree, i) + degme - nvi;
      if (d > nleft - nvi) d = nleft - nvi;
      if (d < 0) d = 0;
      stn(degree, i, d);
      insertDeg(head, next, last, i, d);
      if (d < mindeg) mindeg = d;
      st(iw, p++, i);
    }
    stn(nv, me, nvpiv);
    stn(len, me, p - pme1);
    if (p == pme1) {
      stn(pe, me, -1);
      stn(w, me, 0);
    }
    if (elenme != 0) pfree = p;
    stn(pivots, npiv++, me);
  }

  // Each pivot, then the variables merged into it or eliminated with it (depth first); dense last.
  for (let j: i32 = 0; j < n; j++) {
    stn(chead, j, -1);
    stn(cnext, j, -1);
  }
  for (let j = n - 1; j >= 0; j--) {
    const par = ldn(vparent, j);
    if (par >= 0) {
      stn(cnext, j, ldn(chead, par));
      stn(chead, par, j);
    }
  }
  let k: i32 = 0;
  for (let t: i32 = 0; t < npiv; t++) {
    let top: i32 = 0;
    st(stack, top++, ldn(pivots, t));
    while (top > 0) {
      const v = ld(stack, --top);
      st(perm, k++, v);
      for (let c = ldn(chead, v); c != -1; c = ldn(cnext, c)) st(stack, top++, c);
    }
  }
  if (n > 2) for (let i: i32 = 0; i < n; i++) if (ld(gp, i + 1) - ld(gp, i) > denseLimit) st(perm, k++, i);
  return 0;
}
