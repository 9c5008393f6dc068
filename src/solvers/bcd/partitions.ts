/**
 * Partitions of the variables into blocks: fixed contiguous, sorted by Lᵢ, balanced (large and
 * small Lᵢ paired so every block has a similar mean), and for sparse quadratics red–black (an
 * independent set per colour) and greedy trees (each block a forest in the graph). Variable blocks
 * (chosen every iteration) have no partition.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/errors.js';
import type { CSCMatrix } from '../../formats/index.js';

/** Partition names accepted by {@link bcd}. */
export type BcdPartition = 'contiguous' | 'sorted' | 'balanced' | 'variable' | 'red-black' | 'tree';

function chunks(order: ArrayLike<number>, size: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let s = 0; s < order.length; s += size) out.push(Int32Array.from(Array.prototype.slice.call(order, s, Math.min(s + size, order.length)) as number[]));
  return out;
}

/** Fixed blocks of `size` for the named partition (not 'variable'). @internal */
export function makePartition(name: Exclude<BcdPartition, 'variable'>, L: Float64Array, size: number, graph: CSCMatrix | null): Int32Array[] {
  const n = L.length;
  if (name === 'contiguous') return chunks(Int32Array.from({ length: n }, (_, i) => i), size);
  const sorted = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => L[b]! - L[a]! || a - b);
  if (name === 'sorted') return chunks(sorted, size);
  if (name === 'balanced') {
    // Block t takes ⌈size/2⌉ of the largest remaining Lᵢ and ⌊size/2⌋ of the smallest.
    const order: number[] = [];
    let lo = 0;
    let hi = n - 1;
    const big = Math.ceil(size / 2);
    while (lo <= hi) {
      for (let a = 0; a < big && lo <= hi; a++) order.push(sorted[lo++]!);
      for (let a = 0; a < size - big && lo <= hi; a++) order.push(sorted[hi--]!);
    }
    return chunks(order, size);
  }
  if (!graph) throw new ArgumentError('partition', name, "'contiguous', 'sorted', 'balanced' or 'variable' (graph partitions need a quadratic problem)");
  return name === 'red-black' ? colourClasses(graph) : greedyForests(graph);
}

/**
 * Colour classes, each an independent set: the two sides of a bipartite graph (red–black on a
 * lattice, by breadth-first 2-colouring), else a greedy colouring in index order.
 */
function colourClasses(G: CSCMatrix): Int32Array[] {
  const n = G.shape[0];
  const colour = new Int32Array(n).fill(-1);
  const { indptr, indices } = G;
  const queue = new Int32Array(n);
  let bipartite = true;
  for (let s = 0; s < n && bipartite; s++) {
    if (colour[s] !== -1) continue;
    colour[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail && bipartite) {
      const v = queue[head++]!;
      for (let q = indptr[v]!; q < indptr[v + 1]!; q++) {
        const u = indices[q]!;
        if (u === v) continue;
        if (colour[u] === -1) {
          colour[u] = 1 - colour[v]!;
          queue[tail++] = u;
        } else if (colour[u] === colour[v]) bipartite = false;
      }
    }
  }
  if (bipartite) {
    const sides: number[][] = [[], []];
    for (let v = 0; v < n; v++) sides[colour[v]!]!.push(v);
    return sides.filter((c) => c.length > 0).map((c) => Int32Array.from(c));
  }
  colour.fill(-1);
  const classes: number[][] = [];
  const used = new Int32Array(n + 1).fill(-1);
  for (let v = 0; v < n; v++) {
    for (let q = indptr[v]!; q < indptr[v + 1]!; q++) {
      const u = indices[q]!;
      if (u !== v && colour[u]! >= 0) used[colour[u]!] = v;
    }
    let c = 0;
    while (used[c] === v) c++;
    colour[v] = c;
    (classes[c] ??= []).push(v);
  }
  return classes.map((c) => Int32Array.from(c));
}

/**
 * Greedy forests: sweep the nodes in index order and add each to the first block where it closes
 * no cycle (union–find over the block's induced subgraph), opening a block when none fits.
 */
function greedyForests(G: CSCMatrix): Int32Array[] {
  const n = G.shape[0];
  const { indptr, indices, data } = G;
  const block = new Int32Array(n).fill(-1);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const members: number[][] = [];
  const roots: number[] = [];
  for (let v = 0; v < n; v++) {
    for (let b = 0; ; b++) {
      if (b === members.length) members.push([]);
      roots.length = 0;
      let ok = true;
      for (let q = indptr[v]!; q < indptr[v + 1]! && ok; q++) {
        const u = indices[q]!;
        if (u === v || data[q] === 0 || block[u] !== b) continue;
        const r = find(u);
        if (roots.includes(r)) ok = false;
        else roots.push(r);
      }
      if (!ok) continue;
      block[v] = b;
      members[b]!.push(v);
      for (const r of roots) parent[r] = v;
      break;
    }
  }
  return members.filter((m) => m.length > 0).map((m) => Int32Array.from(m));
}
