/**
 * Nested dissection: a valid permutation on grids, random, disconnected, path and clique graphs;
 * separators eliminated last (the top separator disconnects the rest); fill and flops below AMD's
 * on 3-D Poisson; factors solve to machine precision; 'auto' picks it where AMD is expensive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COOMatrix, type CSCMatrix, choleskySparse, createRng, setBackend, splu } from '../../../src/index.js';
import { getWasm } from '../../../src/kernels/runtime/wasm/loader.js';
import { nestedDissection } from '../../../src/linalg/direct/nested-dissection.js';
import { type Graph, symmetricPattern } from '../../../src/linalg/direct/pattern.js';
import { fixture, relResidual, rhs } from './helpers.js';
import { convectionDiffusion2d, poisson2d, poisson3d } from './problems.js';

function isPermutation(p: Int32Array, n: number): boolean {
  if (p.length !== n) return false;
  const seen = new Uint8Array(n);
  for (const v of p) {
    if (v < 0 || v >= n || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

/** Graph from an edge list (both directions stored). */
function graphOf(n: number, edges: [number, number][]): Graph {
  const row: number[] = [];
  const col: number[] = [];
  for (const [i, j] of edges) row.push(i, j), col.push(j, i);
  const A = new COOMatrix({ row, col, data: row.map(() => 1), shape: [n, n] }).toCSC().sumDuplicates();
  return symmetricPattern(A);
}

/** Number of connected components of G restricted to the nodes with keep[v]. */
function components(G: Graph, keep: Uint8Array): number {
  const seen = new Uint8Array(G.n);
  let count = 0;
  for (let s = 0; s < G.n; s++) {
    if (!keep[s] || seen[s]) continue;
    count++;
    const stack = [s];
    seen[s] = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let p = G.ptr[v]!; p < G.ptr[v + 1]!; p++) {
        const u = G.idx[p]!;
        if (keep[u] && !seen[u]) {
          seen[u] = 1;
          stack.push(u);
        }
      }
    }
  }
  return count;
}

/** Grids, no edges, a path, a clique, a random graph and a disconnected one. */
function graphCases(): [string, Graph][] {
  const cases: [string, Graph][] = [
    ['2-D 45x37', symmetricPattern(poisson2d(45, 37))],
    ['3-D 11^3', symmetricPattern(poisson3d(11))],
    ['no edges', { n: 500, ptr: new Int32Array(501), idx: new Int32Array(0) }],
    ['path 3000', graphOf(3000, Array.from({ length: 2999 }, (_, i) => [i, i + 1] as [number, number]))],
    ['clique 300', graphOf(300, Array.from({ length: 300 * 299 / 2 }, (_, k) => {
      let i = 1;
      while ((i * (i + 1)) / 2 <= k) i++;
      return [i, k - (i * (i - 1)) / 2] as [number, number];
    }))],
  ];
  // Random sparse graph, and two grids side by side plus isolated nodes (disconnected).
  const rng = createRng(7);
  const rnd: [number, number][] = [];
  for (let k = 0; k < 2500; k++) rnd.push([Math.floor(rng.random() * 1200), Math.floor(rng.random() * 1200)]);
  cases.push(['random 1200', graphOf(1200, rnd.filter(([i, j]) => i !== j))]);
  const g = symmetricPattern(poisson2d(20));
  const two: [number, number][] = [];
  for (let v = 0; v < 400; v++) {
    for (let p = g.ptr[v]!; p < g.ptr[v + 1]!; p++) two.push([v, g.idx[p]!], [v + 400, g.idx[p]! + 400]);
  }
  cases.push(['disconnected', graphOf(850, two)]);
  return cases;
}

describe('nestedDissection', () => {
  afterEach(() => setBackend('auto'));

  it('WASM and JS dissections give the same permutation', () => {
    const cases = graphCases();
    cases.push(['2-D 90x90', symmetricPattern(poisson2d(90))], ['jagmesh7', symmetricPattern(fixture('jagmesh7'))], ['bcspwr10', symmetricPattern(fixture('bcspwr10'))]);
    for (const [name, G] of cases) {
      for (const leaf of [200, 8]) {
        setBackend('js');
        const pj = nestedDissection(G, leaf);
        setBackend('wasm');
        const pw = nestedDissection(G, leaf);
        expect(isPermutation(pw, G.n), name).toBe(true);
        expect(Array.from(pw), `${name}, leaves of ${leaf}`).toEqual(Array.from(pj));
      }
    }
    // The kernels were in use (the comparison is not JS against JS).
    expect(getWasm()).not.toBeNull();
  });

  it('returns a permutation on grids, random, disconnected, path, clique and empty graphs', () => {
    expect(nestedDissection({ n: 0, ptr: new Int32Array(1), idx: new Int32Array(0) }).length).toBe(0);
    const cases = graphCases();
    for (const [name, G] of cases) expect(isPermutation(nestedDissection(G), G.n), name).toBe(true);
    // Small leaves exercise the dissection itself on small graphs.
    for (const [name, G] of cases) expect(isPermutation(nestedDissection(G, 8), G.n), `${name}, leaves of 8`).toBe(true);
  });

  it('eliminates the top separator last: removing it disconnects the grid, and it is short', () => {
    const nx = 60;
    const G = symmetricPattern(poisson2d(nx));
    const p = nestedDissection(G);
    // The top separator is the trailing run of nodes whose removal splits the graph; on a 60 x 60
    // grid a level-structure separator has at most ~√2·60 nodes.
    let found = -1;
    for (let s = 1; s <= 2 * nx; s++) {
      const keep = new Uint8Array(G.n).fill(1);
      for (let k = G.n - s; k < G.n; k++) keep[p[k]!] = 0;
      if (components(G, keep) >= 2) {
        found = s;
        break;
      }
    }
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThanOrEqual(Math.ceil(Math.SQRT2 * nx) + 1);
  });

  it('has less fill and fewer flops than AMD on 3-D Poisson, and the factor solves to machine precision', () => {
    const A = poisson3d(12);
    const amd = choleskySparse(A, { ordering: 'amd' });
    const nd = choleskySparse(A, { ordering: 'nesdis' });
    expect(nd.ordering).toBe('nesdis');
    expect(nd.nnzL).toBeLessThan(0.95 * amd.nnzL);
    expect(nd.flops).toBeLessThan(0.8 * amd.flops);
    const n = A.shape[0];
    const b = rhs(n);
    const x = nd.solve(b);
    expect(relResidual(A, x, b)).toBeLessThan(1e-13);
    const y = amd.solve(b);
    for (let i = 0; i < n; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThan(1e-12);
    expect(Math.abs(nd.logDet() - amd.logDet())).toBeLessThan(1e-9 * Math.abs(amd.logDet()));
  });

  it("'auto' keeps AMD on a small 2-D grid and takes nested dissection on 3-D Poisson 14^3", () => {
    expect(choleskySparse(poisson2d(30)).ordering).toBe('amd');
    const A = poisson3d(14);
    const F = choleskySparse(A);
    expect(F.ordering).toBe('nesdis');
    expect(F.flops).toBeLessThan(choleskySparse(A, { ordering: 'amd' }).flops);
  });

  it("splu with ordering 'nesdis' (symmetric strategy) solves a 100 x 100 convection–diffusion system with fewer flops than 'amd'", () => {
    const A = convectionDiffusion2d(100, 100);
    const n = A.shape[0];
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i) + 1);
    const nd = splu(A, { ordering: 'nesdis' });
    const amd = splu(A, { ordering: 'amd' });
    expect(nd.ordering).toBe('nesdis');
    expect(relResidual(A, nd.solve(b), b)).toBeLessThan(1e-13);
    expect(nd.flops).toBeLessThan(amd.flops);
  });
});
