/**
 * `sparsity/node`: helpers that need a file system (Node, Deno and Bun all provide `node:fs`).
 *
 * @packageDocumentation
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ArgumentError } from './core/errors.js';
import type { NdArray } from './formats/dense.js';
import { mmread, mmreadFromSource } from './formats/mmio/mmread.js';
import { PARALLEL_MIN_BYTES, readCoordinateParallel } from './formats/mmio/parallel.js';
import { COOMatrix } from './formats/coo.js';
import { type MatrixMarketWritable, type MatrixMarketWriteOptions, mmwriteBytes } from './formats/mmio/mmwrite.js';
import type { SparseMatrix } from './formats/factories.js';
import {
  type MatrixMarketReadFormat, type MatrixMarketReadOptions, type MatrixMarketResult, convertRead, readFormatOption,
} from './formats/mmio/read-format.js';

/** Options of {@link readMatrixMarketFile}. */
export interface ReadMatrixMarketFileOptions<F extends MatrixMarketReadFormat = MatrixMarketReadFormat> extends MatrixMarketReadOptions<F> {
  /**
   * Parse a `coordinate` file on two threads (the calling thread and a `worker_threads` worker,
   * each taking about half of the entries); default: when the file has at least 32 MiB (below that,
   * starting the worker and waking it cost about what it saves). `false` reads on
   * the calling thread only. The result is the same either way.
   */
  parallel?: boolean;
}

/**
 * Read a Matrix Market file (`.mtx`, or gzip-compressed `.mtx.gz`) from disk: `coordinate` files give
 * a `COOMatrix`, `array` files a dense `ndarray`, exactly as `mmread` on the file's contents.
 *
 * The file is parsed as it is read, through a buffer of a few megabytes, so memory holds the
 * matrix and not also a copy of the file (a `.gz` file is decompressed in memory first). Large
 * `coordinate` files are parsed on two threads (see `options.parallel`): the calling thread takes
 * 1 MiB blocks of lines from the start and a worker takes them from the end, both writing into the
 * same (shared) arrays, until they meet; when no worker is available, or it is late, the calling
 * thread parses every block. The entries' arrays are then backed by a `SharedArrayBuffer` (so
 * `postMessage` shares them instead of copying, and V8 reclaims them less eagerly than ordinary
 * buffers: a loop reading many large files may hold several dropped results at once). Malformed files are re-read sequentially, so
 * errors are exactly those of `mmread`.
 *
 * Complexity: O(file size) time.
 *
 * @param path - path of the file.
 * @param options - `parallel`: use two threads (default: for files of 32 MiB or more); `format`:
 *   `'coo'`, `'csr'`, `'csc'` or `'dense'` to get that storage (and static type) whatever the file holds.
 * @returns a COOMatrix or an ndarray, or the requested `format`.
 * @throws `ParseError` (line number and text) on malformed content, as `mmread`; the file
 *   system's own error when the file cannot be read; `ArgumentError` for a bad option.
 *
 * @example
 * ```ts
 * import { readMatrixMarketFile, writeMatrixMarketFile } from 'sparsity/node';
 * import { coo } from 'sparsity';
 * import { rmSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), `sparsity-doc-${process.pid}.mtx`);
 * writeMatrixMarketFile(path, coo([0, 2], [1, 0], [1.5, -2], [3, 2]));
 * const A = readMatrixMarketFile(path);
 * A.shape; // => [3, 2]
 * A.get(2, 0); // => -2
 * readMatrixMarketFile(path, { parallel: true }).get(2, 0); // => -2
 * readMatrixMarketFile(path, { format: 'csr' }).indptr.length; // => 4
 * rmSync(path);
 * ```
 */
export function readMatrixMarketFile(path: string, options?: ReadMatrixMarketFileOptions & { format?: undefined }): COOMatrix | NdArray;
export function readMatrixMarketFile<F extends MatrixMarketReadFormat>(path: string, options: ReadMatrixMarketFileOptions<F> & { format: F }): MatrixMarketResult<F>;
export function readMatrixMarketFile(path: string, options?: ReadMatrixMarketFileOptions): SparseMatrix | NdArray;
export function readMatrixMarketFile(path: string, options?: ReadMatrixMarketFileOptions): SparseMatrix | NdArray {
  const format = readFormatOption('readMatrixMarketFile', options, ['parallel']);
  return convertRead(readFile(path, options?.parallel), format);
}

function readFile(path: string, parallel: unknown): COOMatrix | NdArray {
  if (parallel !== undefined && typeof parallel !== 'boolean') throw new ArgumentError('options.parallel', parallel, 'a boolean');
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (/\.gz$/i.test(path)) {
      const raw = new Uint8Array(size);
      let off = 0;
      while (off < size) {
        const n = readSync(fd, raw, off, size - off, null);
        if (n <= 0) break;
        off += n;
      }
      return mmread(new Uint8Array(gunzipSync(raw.subarray(0, off))));
    }
    if (parallel === true || (parallel === undefined && size >= PARALLEL_MIN_BYTES)) {
      const r = readCoordinateParallel(path, size, (buf, offset, length, position) => readSync(fd, buf, offset, length, position));
      if (r !== null) return new COOMatrix(r);
      // Not a coordinate file, or malformed: the sequential reader reads it (and reports the exact error).
    }
    // Parsed as read, through one reusable chunk buffer.
    return mmreadFromSource((buf, offset, length) => readSync(fd, buf, offset, length, null), undefined, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a matrix to a Matrix Market file (the text `mmwrite` returns, streamed to disk in
 * pieces so that large matrices never need one huge string).
 *
 * Complexity: O(nnz) for sparse matrices (plus a canonical copy when a symmetry is requested),
 * O(rows·cols) for dense ones.
 *
 * @param path - path of the file (created or overwritten).
 * @param A - a sparse matrix (written as `coordinate`) or a dense `ndarray` / `number[][]` (`array`).
 * @param options - field, symmetry, comment and precision, as for `mmwrite`.
 * @throws `ArgumentError` as `mmwrite` (bad option, matrix not symmetric when a symmetry is
 *   requested, non-integer values with `field: 'integer'`); the file system's own error on failure.
 *
 * @example
 * ```ts
 * import { writeMatrixMarketFile, readMatrixMarketFile } from 'sparsity/node';
 * import { identity } from 'sparsity';
 * import { rmSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), `sparsity-doc-eye-${process.pid}.mtx`);
 * writeMatrixMarketFile(path, identity(3), { symmetry: 'symmetric', field: 'integer' });
 * readMatrixMarketFile(path).nnz; // => 3
 * rmSync(path);
 * ```
 */
export function writeMatrixMarketFile(path: string, A: MatrixMarketWritable, options?: MatrixMarketWriteOptions): void {
  // Build the first chunk before opening the file, so bad arguments leave no file behind.
  const chunks = mmwriteBytes(A, options);
  const first = chunks.next();
  const fd = openSync(path, 'w');
  try {
    if (!first.done) writeAll(fd, first.value);
    for (const chunk of chunks) writeAll(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}
