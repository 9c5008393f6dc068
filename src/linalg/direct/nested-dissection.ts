/**
 * Nested dissection ordering of a symmetric graph (George 1973; the level-structure bisection of
 * SPARSPAK's GENND, George & Liu 1981, ch. 8). A connected subgraph is split by a vertex
 * separator found from a breadth-first level structure rooted at a pseudo-peripheral node: the
 * level that is smallest among those leaving both sides with at least a third of the nodes
 * (the middle level when none does). Separator nodes with no neighbour on the far side are moved
 * to the near side (they separate nothing), which thins separators on irregular graphs. The two
 * sides are dissected recursively and the separator is numbered after them, so it is eliminated
 * last; disconnected subgraphs are split into their components without a separator. Subgraphs
 * below `leafSize` nodes are ordered by approximate minimum degree ({@link amdOrder}) on their
 * induced subgraph.
 *
 * On grids and meshes this gives the separator tree that bounds fill and flops asymptotically
 * (2-D: O(n log n) fill, O(n^1.5) flops; 3-D: O(n^{4/3}) fill, O(n²) flops), where minimum degree
 * orderings lose on 3-D problems. Time O(nnz · depth · pseudo-peripheral searches); memory O(n + nnz).
 *
 * @module
 * @internal
 */
import { amdOrder } from './amd.js';
import type { Graph } from './pattern.js';
import { callOnCopies } from './wasm-call.js';

/** Subgraphs up to this many nodes are ordered by AMD (CHOLMOD's nested dissection: 200). */
const LEAF_SIZE = 200;
/** Breadth-first searches spent looking for a pseudo-peripheral node (each one O(edges)). */
const PERIPHERAL_TRIES = 4;

/**
 * Fill-reducing permutation of `G` (no self loops) by nested dissection: p[k] is the node
 * eliminated k-th; each separator comes after the two parts it separates.
 * @internal
 */
export function nestedDissection(G: Graph, leafSize = LEAF_SIZE): Int32Array {
  const n = G.n;
  const perm = new Int32Array(n);
  if (n === 0) return perm;
  // The dissection (in WASM, nd_dissect in assembly/nested-dissection.ts, when the kernels are in
  // use), then AMD on each range it left.
  const leaves = new Int32Array(n + 2);
  const nl = callOnCopies('nd_dissect', [G.ptr, G.idx.subarray(0, G.ptr[n]!), perm, leaves], [n, leafSize, PERIPHERAL_TRIES], [2, 3], (9 * n + 8) * 4, [2, 3]) ?? dissect(G, leafSize, perm, leaves);
  const label = new Int32Array(n);
  const local = new Int32Array(n);
  const scratch = new Int32Array(n);
  for (let t = 0; t < nl; t += 2) {
    const lo = leaves[t]!;
    const hi = leaves[t + 1]!;
    const cur = t / 2 + 1;
    for (let k = lo; k < hi; k++) label[perm[k]!] = cur;
    orderLeaf(G, perm, lo, hi, label, cur, local, scratch);
  }
  return perm;
}

/**
 * The dissection loop of {@link nestedDissection} into perm; the (lo, hi) pairs of the ranges
 * left to minimum degree go to `leaves`. Returns the number of entries written (two per range).
 */
function dissect(G: Graph, leafSize: number, perm: Int32Array, leaves: Int32Array): number {
  const n = G.n;
  const { ptr, idx } = G;
  for (let k = 0; k < n; k++) perm[k] = k;
  let nl = 0;
  // label[v] = stamp of the subgraph being processed: only those nodes are visited.
  const label = new Int32Array(n);
  let stamp = 0;
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const side = new Uint8Array(n);
  const levelStart = new Int32Array(n + 2);
  const scratch = new Int32Array(n);
  // Ranges of perm still to be ordered (explicit stack: the recursion can be deep on paths).
  const stackLo: number[] = [0];
  const stackHi: number[] = [n];

  /** BFS from `root` within the current subgraph; returns the number of levels (queue holds the nodes by level). */
  const bfs = (root: number, cur: number): number => {
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    level[root] = 0;
    label[root] = -cur;
    let nlev = 0;
    levelStart[0] = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const lv = level[v]!;
      if (lv === nlev) levelStart[++nlev] = head - 1;
      for (let p = ptr[v]!; p < ptr[v + 1]!; p++) {
        const u = idx[p]!;
        if (label[u] !== cur) continue;
        label[u] = -cur;
        level[u] = lv + 1;
        queue[tail++] = u;
      }
    }
    // levelStart[1..nlev] were set at the first node of each level; shift to 0-based starts.
    for (let l = 0; l < nlev; l++) levelStart[l] = levelStart[l + 1]!;
    levelStart[nlev] = tail;
    // Restore the membership stamp of the visited nodes.
    for (let t = 0; t < tail; t++) label[queue[t]!] = cur;
    return nlev;
  };

  while (stackLo.length > 0) {
    const lo = stackLo.pop()!;
    const hi = stackHi.pop()!;
    const size = hi - lo;
    if (size <= 1) continue;
    const cur = ++stamp;
    for (let k = lo; k < hi; k++) label[perm[k]!] = cur;
    if (size <= leafSize) {
      leaves[nl++] = lo;
      leaves[nl++] = hi;
      continue;
    }
    // Start from a node of least degree in the subgraph, then walk to a pseudo-peripheral node:
    // BFS, restart from a least-degree node of the last level while the depth grows.
    let root = perm[lo]!;
    let best = Infinity;
    for (let k = lo; k < hi; k++) {
      const v = perm[k]!;
      const d = ptr[v + 1]! - ptr[v]!;
      if (d < best) {
        best = d;
        root = v;
      }
    }
    let nlev = bfs(root, cur);
    const reached = levelStart[nlev]!;
    if (reached < size) {
      // Disconnected: the component of root first, the rest after; no separator needed.
      for (let t = 0; t < reached; t++) label[queue[t]!] = -cur;
      let a = lo;
      let b = lo + reached;
      for (let k = lo; k < hi; k++) {
        const v = perm[k]!;
        if (label[v] === -cur) scratch[a++ - lo] = v;
        else scratch[b++ - lo] = v;
      }
      perm.set(scratch.subarray(0, size), lo);
      stackLo.push(lo, lo + reached);
      stackHi.push(lo + reached, hi);
      continue;
    }
    for (let tries = 0; tries < PERIPHERAL_TRIES; tries++) {
      let cand = -1;
      let cd = Infinity;
      for (let t = levelStart[nlev - 1]!; t < levelStart[nlev]!; t++) {
        const v = queue[t]!;
        const d = ptr[v + 1]! - ptr[v]!;
        if (d < cd) {
          cd = d;
          cand = v;
        }
      }
      const saved = nlev;
      const prevRoot = root;
      nlev = bfs(cand, cur);
      root = cand;
      if (nlev <= saved) {
        if (nlev < saved) nlev = bfs(prevRoot, cur);
        break;
      }
    }
    // Separator level: the smallest with at least a third of the nodes on each side.
    let sepLevel = -1;
    let sepSize = Infinity;
    for (let l = 1; l < nlev - 1; l++) {
      const before = levelStart[l]!;
      const width = levelStart[l + 1]! - before;
      const after = size - before - width;
      if (3 * before >= size - width && 3 * after >= size - width) {
        if (width < sepSize) {
          sepSize = width;
          sepLevel = l;
        }
      }
    }
    if (nlev < 3) {
      // No level between two others (a clique-like subgraph): minimum degree on the whole of it.
      leaves[nl++] = lo;
      leaves[nl++] = hi;
      continue;
    }
    if (sepLevel < 0) {
      // No level balances the sides: take the level holding the median node.
      sepLevel = Math.min(Math.max(level[queue[size >> 1]!]!, 1), nlev - 2);
    }
    // side: 0 before the separator, 1 separator, 2 after.
    for (let t = 0; t < size; t++) {
      const v = queue[t]!;
      const l = level[v]!;
      side[v] = l < sepLevel ? 0 : l === sepLevel ? 1 : 2;
    }
    // Thin the separator: a separator node with no neighbour after it separates nothing.
    for (let t = levelStart[sepLevel]!; t < levelStart[sepLevel + 1]!; t++) {
      const v = queue[t]!;
      let touchesAfter = false;
      for (let p = ptr[v]!; p < ptr[v + 1]!; p++) {
        const u = idx[p]!;
        if (label[u] === cur && side[u] === 2) {
          touchesAfter = true;
          break;
        }
      }
      if (!touchesAfter) side[v] = 0;
    }
    let nb = 0;
    let ns = 0;
    for (let t = 0; t < size; t++) {
      const s = side[queue[t]!]!;
      if (s === 0) nb++;
      else if (s === 1) ns++;
    }
    const na = size - nb - ns;
    if (ns === 0 || nb === 0 || na === 0) {
      leaves[nl++] = lo;
      leaves[nl++] = hi;
      continue;
    }
    // Lay out the range: part before, part after, then the separator (eliminated last).
    let pb = 0;
    let pa = nb;
    let ps = nb + na;
    for (let t = 0; t < size; t++) {
      const v = queue[t]!;
      const s = side[v]!;
      if (s === 0) scratch[pb++] = v;
      else if (s === 2) scratch[pa++] = v;
      else scratch[ps++] = v;
    }
    perm.set(scratch.subarray(0, size), lo);
    stackLo.push(lo, lo + nb);
    stackHi.push(lo + nb, lo + nb + na);
  }
  return nl;
}

/** Order perm[lo..hi) (the nodes labelled `cur`) by AMD on their induced subgraph. */
function orderLeaf(G: Graph, perm: Int32Array, lo: number, hi: number, label: Int32Array, cur: number, local: Int32Array, scratch: Int32Array): void {
  const { ptr, idx } = G;
  const m = hi - lo;
  for (let k = 0; k < m; k++) local[perm[lo + k]!] = k;
  const sp = new Int32Array(m + 1);
  let q = 0;
  for (let k = 0; k < m; k++) {
    const v = perm[lo + k]!;
    for (let p = ptr[v]!; p < ptr[v + 1]!; p++) if (label[idx[p]!] === cur) q++;
    sp[k + 1] = q;
  }
  const si = new Int32Array(q);
  q = 0;
  for (let k = 0; k < m; k++) {
    const v = perm[lo + k]!;
    for (let p = ptr[v]!; p < ptr[v + 1]!; p++) {
      const u = idx[p]!;
      if (label[u] === cur) si[q++] = local[u]!;
    }
  }
  const order = amdOrder({ n: m, ptr: sp, idx: si });
  for (let k = 0; k < m; k++) scratch[k] = perm[lo + order[k]!]!;
  perm.set(scratch.subarray(0, m), lo);
}
