// Draws docs/img/spy-west0067.svg, the README's picture of a bundled matrix: spy() of west0067
// (SuiteSparse; Westerberg's 67 x 67 chemical process simulation matrix, unsymmetric, 294
// entries, one of the playground's matrices) at 268 x 268 pixels: one 4-pixel square per entry.
//
//   npm run build && node scripts/spy-svg.mjs [out.svg]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mmread, spy } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'docs/img/spy-west0067.svg');
const A = mmread(readFileSync(join(root, 'test/fixtures/matrices/west0067.mtx'), 'utf8')).toCSR();
const svg = spy(A, { width: 268, height: 268, title: `west0067: ${A.shape[0]} x ${A.shape[1]}, ${A.nnz} entries` });
writeFileSync(out, `${svg}\n`);
console.log(`spy-svg: ${out} (${svg.length} bytes)`);
