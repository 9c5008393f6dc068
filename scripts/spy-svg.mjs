// Draws the spy() pictures committed under docs/img:
// - spy-west0067.svg, the README's picture of a bundled matrix: west0067 (SuiteSparse;
//   Westerberg's 67 x 67 chemical process simulation matrix, unsymmetric, 294 entries, one of the
//   playground's matrices) at 268 x 268 pixels: one 4-pixel square per entry;
// - spy-cholesky-natural.svg and spy-cholesky-amd.svg, docs/direct-solvers.md's pictures of the
//   sparse Cholesky factor L of the 5-point Laplacian on a 40 x 40 grid (the guide's example) in
//   the natural order and after AMD (with the elimination tree's postorder), 200 x 200 pixels.
//
//   npm run build && node scripts/spy-svg.mjs [outdir]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COOMatrix, choleskySparse, mmread, spy } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, 'docs/img');

function write(name, svg) {
  const out = join(outDir, name);
  writeFileSync(out, `${svg}\n`);
  console.log(`spy-svg: ${out} (${svg.length} bytes)`);
}

const W = mmread(readFileSync(join(root, 'test/fixtures/matrices/west0067.mtx'), 'utf8')).toCSR();
write('spy-west0067.svg', spy(W, { width: 268, height: 268, title: `west0067: ${W.shape[0]} x ${W.shape[1]}, ${W.nnz} entries` }));

// The 40 x 40 grid Laplacian of docs/direct-solvers.md, built the same way.
const g = 40, n = g * g, row = [], col = [], val = [];
for (let i = 0; i < n; i++) {
  row.push(i); col.push(i); val.push(4);
  if (i % g > 0) { row.push(i, i - 1); col.push(i - 1, i); val.push(-1, -1); }
  if (i >= g) { row.push(i, i - g); col.push(i - g, i); val.push(-1, -1); }
}
const A = new COOMatrix({ row, col, data: val, shape: [n, n] }).toCSC();
for (const ordering of ['natural', 'amd']) {
  const F = choleskySparse(A, { ordering });
  const title = `L, ${ordering === 'amd' ? 'AMD' : 'natural'} order: nnz ${F.nnzL}, ${(F.flops / 1e6).toFixed(1)} Mflop`;
  write(`spy-cholesky-${ordering}.svg`, spy(F.L, { width: 200, height: 200, title }));
}
