// Nested dissection over raw arrays in linear memory: the dissection loop of
// src/linalg/direct/nested-dissection.ts (which describes the method) with the same operations in
// the same order, so both backends give the same permutation. The ranges it leaves to minimum
// degree (leaves, and subgraphs without a usable separator) are listed for the caller, which
// orders each by AMD. Pointers are byte offsets of i32 arrays.

@inline function ld(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
@inline function st(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }

/** BFS from root within the nodes labelled cur; returns the number of levels (queue holds the nodes by level). */
@inline function bfs(ptr: usize, idx: usize, label: usize, level: usize, queue: usize, levelStart: usize, root: i32, cur: i32): i32 {
  let head: i32 = 0;
  let tail: i32 = 0;
  st(queue, tail++, root);
  st(level, root, 0);
  st(label, root, -cur);
  let nlev: i32 = 0;
  st(levelStart, 0, 0);
  while (head < tail) {
    const v = ld(queue, head++);
    const lv = ld(level, v);
    if (lv == nlev) st(levelStart, ++nlev, head - 1);
    const pe = ld(ptr, v + 1);
    for (let p = ld(ptr, v); p < pe; p++) {
      const u = ld(idx, p);
      if (ld(label, u) != cur) continue;
      st(label, u, -cur);
      st(level, u, lv + 1);
      st(queue, tail++, u);
    }
  }
  for (let l: i32 = 0; l < nlev; l++) st(levelStart, l, ld(levelStart, l + 1));
  st(levelStart, nlev, tail);
  for (let t: i32 = 0; t < tail; t++) st(label, ld(queue, t), cur);
  return nlev;
}

/**
 * Dissect the graph ptr/idx (n nodes, no self loops) into perm (n ints, written). leaves (n + 2
 * ints, written) receives the (lo, hi) pairs of the perm ranges left to minimum degree; work:
 * scratch of 9·n + 8 ints. Returns the number of entries written to leaves (two per range).
 */
export function nd_dissect(ptr: usize, idx: usize, perm: usize, leaves: usize, work: usize, n: i32, leafSize: i32, tries: i32): i32 {
  const label = work;
  const level = label + (<usize>n << 2);
  const queue = level + (<usize>n << 2);
  const side = queue + (<usize>n << 2);
  const scratch = side + (<usize>n << 2);
  const levelStart = scratch + (<usize>n << 2);
  const stackLo = levelStart + (<usize>(n + 2) << 2);
  const stackHi = stackLo + (<usize>(n + 1) << 2);
  for (let k: i32 = 0; k < n; k++) {
    st(perm, k, k);
    st(label, k, 0);
  }
  let nleaves: i32 = 0;
  let stamp: i32 = 0;
  let top: i32 = 0;
  st(stackLo, top, 0);
  st(stackHi, top++, n);
  while (top > 0) {
    top--;
    const lo = ld(stackLo, top);
    const hi = ld(stackHi, top);
    const size = hi - lo;
    if (size <= 1) continue;
    const cur = ++stamp;
    for (let k = lo; k < hi; k++) st(label, ld(perm, k), cur);
    if (size <= leafSize) {
      st(leaves, nleaves++, lo);
      st(leaves, nleaves++, hi);
      continue;
    }
    let root = ld(perm, lo);
    let best: i32 = i32.MAX_VALUE;
    for (let k = lo; k < hi; k++) {
      const v = ld(perm, k);
      const d = ld(ptr, v + 1) - ld(ptr, v);
      if (d < best) {
        best = d;
        root = v;
      }
    }
    let nlev = bfs(ptr, idx, label, level, queue, levelStart, root, cur);
    const reached = ld(levelStart, nlev);
    if (reached < size) {
      for (let t: i32 = 0; t < reached; t++) st(label, ld(queue, t), -cur);
      let a = lo;
      let b = lo + reached;
      for (let k = lo; k < hi; k++) {
        const v = ld(perm, k);
        if (ld(label, v) == -cur) st(scratch, a++ - lo, v);
        else st(scratch, b++ - lo, v);
      }
      for (let t: i32 = 0; t < size; t++) st(perm, lo + t, ld(scratch, t));
      st(stackLo, top, lo);
      st(stackHi, top++, lo + reached);
      st(stackLo, top, lo + reached);
      st(stackHi, top++, hi);
      continue;
    }
    for (let r: i32 = 0; r < tries; r++) {
      let cand: i32 = -1;
      let cd: i32 = i32.MAX_VALUE;
      const te = ld(levelStart, nlev);
      for (let t = ld(levelStart, nlev - 1); t < te; t++) {
        const v = ld(queue, t);
        const d = ld(ptr, v + 1) - ld(ptr, v);
        if (d < cd) {
          cd = d;
          cand = v;
        }
      }
      const saved = nlev;
      const prevRoot = root;
      nlev = bfs(ptr, idx, label, level, queue, levelStart, cand, cur);
      root = cand;
      if (nlev <= saved) {
        if (nlev < saved) nlev = bfs(ptr, idx, label, level, queue, levelStart, prevRoot, cur);
        break;
      }
    }
    let sepLevel: i32 = -1;
    let sepSize: i32 = i32.MAX_VALUE;
    for (let l: i32 = 1; l < nlev - 1; l++) {
      const before = ld(levelStart, l);
      const width = ld(levelStart, l + 1) - before;
      const after = size - before - width;
      if (3 * before >= size - width && 3 * after >= size - width) {
        if (width < sepSize) {
          sepSize = width;
          sepLevel = l;
        }
      }
    }
    if (nlev < 3) {
      st(leaves, nleaves++, lo);
      st(leaves, nleaves++, hi);
      continue;
    }
    if (sepLevel < 0) {
      const mid = ld(level, ld(queue, size >> 1));
      sepLevel = min(max(mid, 1), nlev - 2);
    }
    for (let t: i32 = 0; t < size; t++) {
      const v = ld(queue, t);
      const l = ld(level, v);
      st(side, v, l < sepLevel ? 0 : l == sepLevel ? 1 : 2);
    }
    const se = ld(levelStart, sepLevel + 1);
    for (let t = ld(levelStart, sepLevel); t < se; t++) {
      const v = ld(queue, t);
      let touchesAfter = false;
      const pe = ld(ptr, v + 1);
      for (let p = ld(ptr, v); p < pe; p++) {
        const u = ld(idx, p);
        if (ld(label, u) == cur && ld(side, u) == 2) {
          touchesAfter = true;
          break;
        }
      }
      if (!touchesAfter) st(side, v, 0);
    }
    let nb: i32 = 0;
    let ns: i32 = 0;
    for (let t: i32 = 0; t < size; t++) {
      const s = ld(side, ld(queue, t));
      if (s == 0) nb++;
      else if (s == 1) ns++;
    }
    const na = size - nb - ns;
    if (ns == 0 || nb == 0 || na == 0) {
      st(leaves, nleaves++, lo);
      st(leaves, nleaves++, hi);
      continue;
    }
    let pb: i32 = 0;
    let pa = nb;
    let ps = nb + na;
    for (let t: i32 = 0; t < size; t++) {
      const v = ld(queue, t);
      const s = ld(side, v);
      if (s == 0) st(scratch, pb++, v);
      else if (s == 2) st(scratch, pa++, v);
      else st(scratch, ps++, v);
    }
    for (let t: i32 = 0; t < size; t++) st(perm, lo + t, ld(scratch, t));
    st(stackLo, top, lo);
    st(stackHi, top++, lo + nb);
    st(stackLo, top, lo + nb);
    st(stackHi, top++, lo + nb + na);
  }
  return nleaves;
}
