/**
 * Exact block updates by message passing: when the variables of a block form a forest in the graph
 * of a sparse quadratic's Q, Q_bb z = r is solved in O(|b|) by Gaussian elimination ordered from
 * the leaves to the roots (Gaussian belief propagation on a tree), then back-substitution.
 *
 * @module
 * @internal
 */
import { ArgumentError } from '../../core/errors.js';
import type { CSCMatrix } from '../../formats/index.js';

/** A block's forest, in breadth-first order (parents before children). @internal */
export interface Forest {
  /** Variables in BFS order (use this as the block's order). */
  readonly nodes: Int32Array;
  /** Position of each node's parent in `nodes`, −1 for a root. */
  readonly parent: Int32Array;
  /** Q_vv. */
  readonly diag: Float64Array;
  /** Q_{v, parent(v)} (0 for roots). */
  readonly up: Float64Array;
}

/**
 * The forest of `block` in the graph of Q. O(nnz of the block's columns).
 * @throws ArgumentError when the block's induced subgraph has a cycle. @internal
 */
export function buildForest(Q: CSCMatrix, block: Int32Array, scratch?: Int32Array): Forest {
  const n = Q.shape[0];
  const where = scratch ?? new Int32Array(n).fill(-1);
  const k = block.length;
  for (let a = 0; a < k; a++) where[block[a]!] = a;
  const { indptr, indices, data } = Q;
  const nodes = new Int32Array(k);
  const parent = new Int32Array(k);
  const diag = new Float64Array(k);
  const up = new Float64Array(k);
  const orderPos = new Int32Array(k).fill(-1);
  let head = 0;
  let tail = 0;
  let edges = 0;
  let roots = 0;
  for (let s = 0; s < k; s++) {
    if (orderPos[s] !== -1) continue;
    roots++;
    orderPos[s] = tail;
    nodes[tail] = block[s]!;
    parent[tail] = -1;
    tail++;
    while (head < tail) {
      const v = nodes[head]!;
      const vp = head;
      head++;
      for (let q = indptr[v]!; q < indptr[v + 1]!; q++) {
        const u = indices[q]!;
        const a = where[u]!;
        if (u === v) {
          diag[vp] = diag[vp]! + data[q]!;
          continue;
        }
        if (a < 0 || data[q] === 0) continue;
        if (orderPos[a] === -1) {
          orderPos[a] = tail;
          nodes[tail] = u;
          parent[tail] = vp;
          up[tail] = data[q]!;
          tail++;
        }
        edges++;
      }
    }
  }
  for (let a = 0; a < k; a++) where[block[a]!] = -1;
  // Each edge is seen from both ends: a forest has k − roots edges.
  if (edges / 2 !== k - roots) throw new ArgumentError('partition', `a block of ${k} variables with a cycle`, 'blocks that form forests in the graph of Q');
  return { nodes, parent, diag, up };
}

/**
 * Solve Q_bb z = r for a forest block; r and z are indexed like `forest.nodes`. O(|b|). @internal
 */
export function forestSolve(f: Forest, r: Float64Array, z: Float64Array): void {
  const k = f.nodes.length;
  const d = f.diag.slice();
  const rr = r.slice(0, k);
  // Leaves to roots: eliminate v into its parent p (d_p −= q²/d_v, r_p −= q·r_v/d_v).
  for (let v = k - 1; v >= 0; v--) {
    const p = f.parent[v]!;
    if (p < 0) continue;
    const q = f.up[v]!;
    const s = q / d[v]!;
    d[p] = d[p]! - s * q;
    rr[p] = rr[p]! - s * rr[v]!;
  }
  // Roots to leaves: z_v = (r_v − q·z_p)/d_v.
  for (let v = 0; v < k; v++) {
    const p = f.parent[v]!;
    z[v] = (rr[v]! - (p < 0 ? 0 : f.up[v]! * z[p]!)) / d[v]!;
  }
}
