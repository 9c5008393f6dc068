// Demo section: sparse formats and Matrix Market I/O on a real matrix shipped with the repository
// (bcspwr06, a power-network graph from the SuiteSparse Matrix Collection).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mminfo, mmread, mmwrite } from 'sparsity';
import { readMatrixMarketFile, writeMatrixMarketFile } from 'sparsity/node';

export const title = 'Sparse formats and Matrix Market I/O';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, '../../test/fixtures/matrices/bcspwr06.mtx');

/** A spy plot of the pattern in braille characters: each character shows a 2 x 4 block of pixels. */
function spy(A, rows = 32, cols = 64) {
  const [m, n] = A.shape;
  const H = rows * 4;
  const W = cols * 2;
  const bits = new Uint8Array(rows * cols);
  // Braille dots: 1, 2, 4, 64 down the left column of a cell, 8, 16, 32, 128 down the right one.
  const dot = [
    [0x01, 0x02, 0x04, 0x40],
    [0x08, 0x10, 0x20, 0x80],
  ];
  for (let p = 0; p < A.nnz; p++) {
    const y = Math.floor((A.row[p] * H) / m);
    const x = Math.floor((A.col[p] * W) / n);
    bits[(y >> 2) * cols + (x >> 1)] |= dot[x & 1][y & 3];
  }
  const border = '─'.repeat(cols);
  const lines = [`  ┌${border}┐`];
  for (let r = 0; r < rows; r++) {
    let s = '';
    for (let c = 0; c < cols; c++) s += String.fromCharCode(0x2800 + bits[r * cols + c]);
    lines.push(`  │${s}│`);
  }
  lines.push(`  └${border}┘`);
  return lines.join('\n');
}

/** Same arrays, element by element (Object.is: -0 and NaN count). */
const same = (a, b) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
const sameCSR = (A, B) => same(A.indptr, B.indptr) && same(A.indices, B.indices) && same(A.data, B.data);

export default async function demo() {
  const info = mminfo(readFileSync(file));
  console.log(`file      test/fixtures/matrices/bcspwr06.mtx (${(statSync(file).size / 1024).toFixed(1)} KiB)`);
  console.log(`header    ${info.format} ${info.field} ${info.symmetry}: ${info.rows} x ${info.cols}, ${info.entries} stored entries`);

  const A = readMatrixMarketFile(file); // a COOMatrix; the symmetric file's lower triangle is mirrored
  const diag = A.diagonal().reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
  console.log(`read      COOMatrix ${A.shape[0]} x ${A.shape[1]}, nnz = ${A.nnz} (= 2 x ${info.entries} - ${diag} diagonal entries)`);
  const [m, n] = A.shape;
  console.log(`\npattern   (each braille dot covers about ${Math.ceil(m / 128)} x ${Math.ceil(n / 128)} entries)`);
  console.log(spy(A));

  // Conversions: COO -> CSR -> CSC -> CSR, all canonical (sorted, duplicates summed) and equal.
  const R = A.toCSR();
  const C = R.toCSC();
  console.log(`\nformats   CSR nnz = ${R.nnz} (canonical: ${R.hasCanonicalFormat}), CSC nnz = ${C.nnz}, CSC -> CSR gives the same arrays: ${sameCSR(C.toCSR(), R)}`);
  console.log(`symmetry  A equals its transpose: ${sameCSR(R.transpose().toCSR(), R)}`);
  const degrees = R.matvec(new Float64Array(n).fill(1));
  console.log(`degrees   row sums (graph degrees + 1): max ${Math.max(...degrees)}, mean ${(R.nnz / m).toFixed(2)}`);

  // Write back (only the lower triangle, after checking symmetry) and read again: the round trip is exact.
  const dir = mkdtempSync(join(tmpdir(), 'sparsity-demo-'));
  try {
    const out = join(dir, 'bcspwr06-copy.mtx');
    writeMatrixMarketFile(out, R, { symmetry: 'symmetric', field: 'pattern', comment: ' bcspwr06, written back by sparsity' });
    const written = mminfo(readFileSync(out));
    console.log(`\nwrote     ${out}: ${(statSync(out).size / 1024).toFixed(1)} KiB, ${written.entries} entries (${written.symmetry} ${written.field})`);
    console.log(`re-read   identical CSR arrays: ${sameCSR(readMatrixMarketFile(out).toCSR(), R)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Values survive the text format exactly: thirds have no finite decimal expansion.
  const third = R.scale(1 / 3);
  const text = mmwrite(third);
  console.log(`values    ${text.split('\n')[2]} ... read back bit-identical: ${sameCSR(mmread(text).toCSR(), third)}`);
}
