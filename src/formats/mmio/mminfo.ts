/**
 * `mminfo`: read only the header of a Matrix Market file.
 *
 * @module
 */
import { type MatrixMarketInfo, readHeader } from './header.js';
import { LineChunks, stringSource } from './chunks.js';
import { type MatrixMarketSource, toBytes } from './source.js';

/**
 * The header of a Matrix Market file: shape, declared entries, format, field, symmetry and the
 * comment lines (SciPy's `scipy.io.mminfo`, plus the comment). Reads only the banner, comments and
 * size line, so it is cheap on large files; `complex` and `hermitian` files are described (though
 * `mmread` will not read them).
 *
 * For `array` files `entries` is rows·cols (as SciPy reports it), for `coordinate` files the number
 * on the size line (stored entries: a symmetric file counts its lower triangle only).
 *
 * Complexity: O(length of the header).
 *
 * @param input - the file's text, or its bytes as a Uint8Array (e.g. from `fs.readFileSync`).
 * @returns the {@link MatrixMarketInfo}.
 * @throws {@link ParseError} (line number and text) when the banner or size line is malformed or missing.
 * @throws {@link ArgumentError} when `input` is neither a string nor a Uint8Array.
 *
 * @example
 * ```ts
 * import { mminfo } from 'sparsity';
 * const text = '%%MatrixMarket matrix coordinate real symmetric\n% demo\n3 3 2\n1 1 4\n3 1 -1\n';
 * const info = mminfo(text);
 * [info.rows, info.cols, info.entries]; // => [3, 3, 2]
 * info.symmetry; // => "symmetric"
 * info.comment; // => " demo"
 * ```
 */
export function mminfo(input: MatrixMarketSource): MatrixMarketInfo {
  if (typeof input !== 'string') return readHeader(toBytes(input)).info;
  // Encode only as much of a string as the header needs.
  const src = new LineChunks(stringSource(input), 4096);
  for (;;) {
    const h = readHeader(src.view(src.limit()), !src.eof);
    if (h) return h.info;
    src.more();
  }
}
