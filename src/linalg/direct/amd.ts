/**
 * Approximate minimum degree ordering (Amestoy, Davis, Duff, SIAM J. Matrix Anal. Appl. 17(4),
 * 1996; Davis, "Direct Methods for Sparse Linear Systems", ch. 7).
 *
 * The elimination is simulated on a quotient graph: eliminated nodes become *elements* (cliques
 * stored by their variable lists), variables keep lists of adjacent elements and variables. At each
 * step the variable of least approximate external degree is eliminated; its new element
 * Lme = (its variables ∪ the variables of its elements) absorbs those elements. Degrees of the
 * variables in Lme are bounded by  min(n − k, d_old + |Lme \ i|, |A_i \ i| + |Lme \ i| + Σ_e |Le \ Lme|)
 * where |Le \ Lme| comes from one scan of the element lists. Variables with identical lists are
 * merged into supervariables (found by hashing), variables whose only neighbour is Lme are
 * eliminated with it (mass elimination), and elements contained in Lme are absorbed
 * (aggressive absorption). Nodes of very high degree ("dense rows") are ordered last.
 *
 * Time O(nnz · (number of pivots on typical inputs)); memory O(nnz + n).
 *
 * @module
 * @internal
 */
import type { Graph } from './pattern.js';
import { callOnCopies } from './wasm-call.js';

const LIVE = 0;
const ELEMENT = 1;
const DEAD = 2;
const WBIG = 1 << 30;

/**
 * Bytes of scratch that `amd_order` (assembly/amd.ts) needs for n nodes and a quotient graph of
 * `iwlen` ints: 64-byte node records (16 fields) and three more arrays, plus alignment slack.
 * @internal
 */
export function amdScratchBytes(n: number, iwlen: number): number {
  return (18 * n + 1 + iwlen) * 4 + 64;
}

/**
 * The first size of AMD's quotient-graph array for a graph of n nodes and nnz adjacency entries,
 * and the degree above which a node counts as dense (`max(16, dense·√n)`). @internal
 */
export function amdSizes(n: number, nnz: number, dense = 10): { iwlen: number; denseLimit: number } {
  return { iwlen: nnz + Math.floor(nnz / 5) + 2 * n + 16, denseLimit: Math.max(16, Math.floor(dense * Math.sqrt(n))) };
}

/**
 * Fill-reducing permutation of the symmetric graph `G` (no self loops): returns p with the node
 * eliminated k-th at p[k]. Nodes of degree above `max(16, dense·√n)` are placed last.
 * @internal
 */
export function amdOrder(G: Graph, dense = 10): Int32Array {
  const n = G.n;
  if (n === 0) return new Int32Array(0);
  const nnz = G.ptr[n]!;
  const { iwlen, denseLimit } = amdSizes(n, nnz, dense);
  // The same loop in WASM (assembly/amd.ts) when the kernels are in use; it asks for a larger
  // quotient-graph array (return 1) where the JS loop below grows its own.
  const perm = new Int32Array(n);
  for (let len = iwlen; ; len *= 2) {
    const ret = callOnCopies('amd_order', [G.ptr, G.idx.subarray(0, nnz), perm], [n, len, denseLimit], [2], amdScratchBytes(n, len), [2]);
    if (ret === null) break;
    if (ret === 0) return perm;
  }
  return amdOrderJS(G, denseLimit, iwlen);
}

/** {@link amdOrder}'s loop in JS, with the quotient graph in an array of `iwlen` ints to start with. */
function amdOrderJS(G: Graph, denseLimit: number, iwlen: number): Int32Array {
  const n = G.n;
  const nnz = G.ptr[n]!;
  let iw = new Int32Array(iwlen);
  iw.set(G.idx.subarray(0, nnz));
  let pfree = nnz;

  const pe = new Int32Array(n);
  const len = new Int32Array(n);
  const elen = new Int32Array(n);
  const nv = new Int32Array(n).fill(1);
  const degree = new Int32Array(n);
  const w = new Int32Array(n).fill(1);
  const status = new Uint8Array(n);
  const head = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const hhead = new Int32Array(n).fill(-1);
  const hnext = new Int32Array(n).fill(-1);
  const hval = new Int32Array(n);
  const vparent = new Int32Array(n).fill(-1);
  const pivots = new Int32Array(n);
  let npiv = 0;

  const insertDeg = (i: number, d: number): void => {
    const h = head[d]!;
    next[i] = h;
    last[i] = -1;
    if (h !== -1) last[h] = i;
    head[d] = i;
  };
  const removeDeg = (i: number): void => {
    const nx = next[i]!;
    const ls = last[i]!;
    if (nx !== -1) last[nx] = ls;
    if (ls !== -1) next[ls] = nx;
    else head[degree[i]!] = nx;
  };

  const denseNodes: number[] = [];
  let nel = 0;
  for (let i = 0; i < n; i++) {
    pe[i] = G.ptr[i]!;
    len[i] = G.ptr[i + 1]! - G.ptr[i]!;
    degree[i] = len[i]!;
  }
  for (let i = 0; i < n; i++) {
    if (degree[i]! > denseLimit && n > 2) {
      // Dense node: removed from the graph (nv = 0 hides it from every list) and ordered last.
      denseNodes.push(i);
      nv[i] = 0;
      status[i] = DEAD;
      pe[i] = -1;
      nel++;
    }
  }
  for (let i = 0; i < n; i++) if (status[i] === LIVE) insertDeg(i, degree[i]!);

  // Move every live list to the front of iw (garbage collection), then make room for `need` more.
  const compact = (need: number): void => {
    for (let j = 0; j < n; j++) {
      const p = pe[j]!;
      if (p >= 0 && len[j]! > 0 && status[j] !== DEAD) {
        pe[j] = iw[p]!;
        iw[p] = -j - 1;
      }
    }
    let q = 0;
    for (let p = 0; p < pfree;) {
      const v = iw[p]!;
      if (v < 0) {
        const j = -v - 1;
        iw[q] = pe[j]!;
        pe[j] = q++;
        for (let t = 1; t < len[j]!; t++) iw[q++] = iw[p + t]!;
        p += len[j]!;
      } else p++;
    }
    pfree = q;
    if (pfree + need > iwlen) {
      iwlen = Math.max(2 * iwlen, pfree + need + n);
      const grown = new Int32Array(iwlen);
      grown.set(iw.subarray(0, pfree));
      iw = grown;
    }
  };

  let mindeg = 0;
  let wflg = 2;
  let lemax = 0;
  const clearW = (): void => {
    if (wflg + lemax + n < WBIG) return;
    for (let x = 0; x < n; x++) if (w[x] !== 0) w[x] = 1;
    wflg = 2;
  };

  while (nel < n) {
    // Pivot: a variable of least approximate degree.
    while (head[mindeg] === -1) mindeg++;
    const me = head[mindeg]!;
    removeDeg(me);
    const elenme = elen[me]!;
    let nvpiv = nv[me]!;
    nel += nvpiv;
    nv[me] = -nvpiv;
    let degme = 0;

    // New element Lme = the variables of me's elements and of me's own list; they are flagged by
    // a negative nv. Without elements it is built in place over me's list (writes never overtake
    // reads), else at the end of iw after making room.
    if (elenme !== 0) {
      let bound = len[me]! - elenme;
      for (let p = pe[me]!; p < pe[me]! + elenme; p++) {
        const e = iw[p]!;
        if (status[e] === ELEMENT && pe[e]! >= 0) bound += len[e]!;
      }
      if (pfree + bound > iwlen) compact(bound);
    }
    const pme1 = elenme === 0 ? pe[me]! : pfree;
    let pme2 = pme1 - 1;
    let pm = pe[me]!;
    for (let knt = 0; knt <= elenme; knt++) {
      let e: number;
      let pj: number;
      let ln: number;
      if (knt === elenme) {
        e = me;
        pj = pm;
        ln = len[me]! - elenme;
      } else {
        e = iw[pm++]!;
        if (status[e] !== ELEMENT || pe[e]! < 0) continue;
        pj = pe[e]!;
        ln = len[e]!;
      }
      for (let t = 0; t < ln; t++) {
        const i = iw[pj + t]!;
        const nvi = nv[i]!;
        if (nvi <= 0) continue;
        degme += nvi;
        nv[i] = -nvi;
        iw[++pme2] = i;
        removeDeg(i);
      }
      if (e !== me) {
        // e is absorbed into the new element.
        status[e] = DEAD;
        pe[e] = -1;
        w[e] = 0;
      }
    }
    if (elenme !== 0) pfree = pme2 + 1;
    status[me] = ELEMENT;
    pe[me] = pme1;
    len[me] = pme2 - pme1 + 1;
    elen[me] = 0;
    degree[me] = degme;

    // |Le \ Lme| for every element e adjacent to a variable of Lme: w[e] − wflg afterwards.
    clearW();
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme]!;
      const eln = elen[i]!;
      if (eln <= 0) continue;
      const nvi = -nv[i]!;
      const wnvi = wflg - nvi;
      for (let p = pe[i]!; p < pe[i]! + eln; p++) {
        const e = iw[p]!;
        const we = w[e]!;
        if (we >= wflg) w[e] = we - nvi;
        else if (we !== 0) w[e] = degree[e]! + wnvi;
      }
    }

    // Approximate degrees of the variables of Lme; prune their lists; hash them.
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme]!;
      const p1 = pe[i]!;
      const p2 = p1 + elen[i]!;
      let pn = p1;
      let hash = 0;
      let deg = 0;
      for (let p = p1; p < p2; p++) {
        const e = iw[p]!;
        if (w[e] === 0) continue;
        const dext = w[e]! - wflg;
        if (dext > 0) {
          deg += dext;
          iw[pn++] = e;
          hash += e;
        } else {
          // Aggressive absorption: Le ⊆ Lme.
          status[e] = DEAD;
          pe[e] = -1;
          w[e] = 0;
        }
      }
      elen[i] = pn - p1 + 1;
      const p3 = pn;
      const p4 = p1 + len[i]!;
      for (let p = p2; p < p4; p++) {
        const j = iw[p]!;
        const nvj = nv[j]!;
        if (nvj <= 0) continue;
        deg += nvj;
        iw[pn++] = j;
        hash += j;
      }
      if (elen[i] === 1 && p3 === pn) {
        // Mass elimination: i is adjacent to Lme only.
        const nvi = -nv[i]!;
        vparent[i] = me;
        degme -= nvi;
        nvpiv += nvi;
        nel += nvi;
        nv[i] = 0;
        elen[i] = -1;
        status[i] = DEAD;
        pe[i] = -1;
      } else {
        if (deg < degree[i]!) degree[i] = deg;
        iw[pn] = iw[p3]!;
        iw[p3] = iw[p1]!;
        iw[p1] = me;
        len[i] = pn - p1 + 1;
        const h = hash % n;
        hval[i] = h;
        hnext[i] = hhead[h]!;
        hhead[h] = i;
      }
    }
    degree[me] = degme;
    if (degme > lemax) lemax = degme;
    wflg += lemax;
    clearW();

    // Supervariables: variables of Lme with identical lists (same hash, same lengths, same entries).
    for (let pme = pme1; pme <= pme2; pme++) {
      let i = iw[pme]!;
      if (nv[i]! >= 0) continue;
      const h = hval[i]!;
      i = hhead[h]!;
      if (i === -1) continue;
      hhead[h] = -1;
      for (; i !== -1 && hnext[i] !== -1; i = hnext[i]!) {
        const ln = len[i]!;
        const eln = elen[i]!;
        for (let p = pe[i]! + 1; p < pe[i]! + ln; p++) w[iw[p]!] = wflg;
        let jlast = i;
        for (let j = hnext[i]!; j !== -1;) {
          let same = len[j] === ln && elen[j] === eln;
          for (let p = pe[j]! + 1; same && p < pe[j]! + ln; p++) if (w[iw[p]!] !== wflg) same = false;
          const jn = hnext[j]!;
          if (same) {
            vparent[j] = i;
            nv[i] = nv[i]! + nv[j]!;
            nv[j] = 0;
            elen[j] = -1;
            status[j] = DEAD;
            pe[j] = -1;
            hnext[jlast] = jn;
          } else jlast = j;
          j = jn;
        }
        wflg++;
      }
    }
    clearW();

    // Final degrees; Lme keeps its principal variables only.
    let p = pme1;
    const nleft = n - nel;
    for (let pme = pme1; pme <= pme2; pme++) {
      const i = iw[pme]!;
      const nvi = -nv[i]!;
      if (nvi <= 0) continue;
      nv[i] = nvi;
      let d = degree[i]! + degme - nvi;
      if (d > nleft - nvi) d = nleft - nvi;
      if (d < 0) d = 0;
      degree[i] = d;
      insertDeg(i, d);
      if (d < mindeg) mindeg = d;
      iw[p++] = i;
    }
    nv[me] = nvpiv;
    len[me] = p - pme1;
    if (len[me] === 0) {
      pe[me] = -1;
      w[me] = 0;
    }
    if (elenme !== 0) pfree = p;
    pivots[npiv++] = me;
  }

  // Order: each pivot, then the variables merged into it or eliminated with it (depth first).
  const chead = new Int32Array(n).fill(-1);
  const cnext = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const par = vparent[j]!;
    if (par >= 0) {
      cnext[j] = chead[par]!;
      chead[par] = j;
    }
  }
  const perm = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let t = 0; t < npiv; t++) {
    let top = 0;
    stack[top++] = pivots[t]!;
    while (top > 0) {
      const v = stack[--top]!;
      perm[k++] = v;
      for (let c = chead[v]!; c !== -1; c = cnext[c]!) stack[top++] = c;
    }
  }
  for (const d of denseNodes) perm[k++] = d;
  return perm;
}
