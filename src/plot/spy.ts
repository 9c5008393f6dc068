/**
 * `spy`: the sparsity pattern of a matrix as an SVG string (matplotlib's `spy`, with density
 * shading when the matrix has more rows or columns than the picture has pixels).
 *
 * @module
 */
import { checkNumber, checkPositiveInt } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import { isSparse, type SparseMatrix } from '../formats/index.js';
import { escapeXml, fmt } from './svg-text.js';
import { readOptions } from '../core/options.js';

/** Options of {@link spy}. */
export interface SpyOptions {
  /** Width of the plot area in pixels (default: up to 400, keeping the matrix's aspect ratio). */
  width?: number;
  /** Height of the plot area in pixels (default: up to 400, keeping the matrix's aspect ratio). */
  height?: number;
  /**
   * Side of the square drawn for each nonzero, in pixels (default: one cell, `width / columns`
   * by `height / rows`). Used when every entry gets its own cell; ignored with density shading.
   */
  markerSize?: number;
  /** Fill colour of the markers and of the densest cells (default `'#1f3b73'`). */
  color?: string;
  /** A title above the picture (default: the shape and the number of nonzeros). */
  title?: string;
}

const KEYS = ['width', 'height', 'markerSize', 'color', 'title'] as const;
const MAX_SIDE = 400;
const PAD = 4;
const TITLE = 20;

/**
 * Draw the sparsity pattern of a sparse matrix as an SVG string: a frame of `width` x `height`
 * pixels where entry (i, j) sits at column j, row i (row 0 at the top, as printed).
 *
 * When the matrix fits (at most one row per pixel of height and one column per pixel of width),
 * each stored nonzero is a square `<rect class="nz">` of `markerSize` pixels. Otherwise the picture
 * is cut into `height` x `width` cells (one per pixel) and each cell with entries is one
 * `<rect class="cell">` shaded by its share of the densest cell (opacity = count / max count,
 * at least 0.15 so isolated entries stay visible), like matplotlib's `spy` on a large matrix
 * seen through `matshow` of a 2-D histogram. Explicitly stored zeros count as entries (the
 * pattern is what is stored; call `eliminateZeros()` first to hide them). Duplicates of a COO
 * matrix are drawn once per cell. Pure string output: no DOM, works in Node, Deno, Bun and browsers.
 *
 * Complexity: O(nnz + cells drawn) time; the output has at most min(nnz, width·height) rects.
 *
 * @param A - a CSR, CSC or COO matrix.
 * @param options - `width`, `height` (pixels, default up to 400 keeping the aspect ratio),
 *   `markerSize` (pixels), `color`, `title`.
 * @returns an `<svg>` document as a string.
 * @throws {@link ArgumentError} when `A` is not a sparse matrix, an option is unknown, or `width`,
 *   `height` are not integers in [1, 4096] or `markerSize` not a number in (0, 100].
 *
 * @example
 * ```ts
 * import { csr, spy } from 'sparsity';
 * const svg = spy(csr([[1, 0], [0, 2]]), { width: 20, height: 20 });
 * svg.startsWith('<svg'); // => true
 * (svg.match(/class="nz"/g) ?? []).length; // => 2
 * ```
 */
export function spy(A: SparseMatrix, options?: SpyOptions): string {
  if (!isSparse(A)) throw new ArgumentError('A', A, 'a CSR, CSC or COO matrix');
  const o = readOptions('spy', options, KEYS);
  const [m, n] = A.shape;
  const scale = MAX_SIDE / Math.max(m, n, 1);
  const dw = Math.max(1, Math.round(Math.min(MAX_SIDE, Math.max(n, 1) * scale)));
  const dh = Math.max(1, Math.round(Math.min(MAX_SIDE, Math.max(m, 1) * scale)));
  const width = o.width === undefined ? (o.height === undefined ? dw : Math.max(1, Math.round((o.height * Math.max(n, 1)) / Math.max(m, 1)))) : checkPositiveInt('width', o.width, 4096);
  const height = o.height === undefined ? (o.width === undefined ? dh : Math.max(1, Math.round((width * Math.max(m, 1)) / Math.max(n, 1)))) : checkPositiveInt('height', o.height, 4096);
  if (width > 4096) throw new ArgumentError('width', width, 'an integer in [1, 4096]');
  if (height > 4096) throw new ArgumentError('height', height, 'an integer in [1, 4096]');
  const color = escapeXml(o.color ?? '#1f3b73');
  const coo = A.toCOO();
  const nnz = coo.data.length;
  const title = escapeXml(o.title ?? `${m} x ${n}, ${nnz} stored entries`);
  const cellW = n > 0 ? width / n : width;
  const cellH = m > 0 ? height / m : height;
  const x0 = PAD;
  const y0 = PAD + TITLE;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width + 2 * PAD}" height="${height + 2 * PAD + TITLE}" viewBox="0 0 ${width + 2 * PAD} ${height + 2 * PAD + TITLE}" font-family="sans-serif" font-size="12" data-rows="${m}" data-cols="${n}" data-nnz="${nnz}">`);
  out.push(`<title>${title}</title>`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  out.push(`<text x="${x0}" y="${PAD + 13}">${title}</text>`);
  out.push(`<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="none" stroke="#888" stroke-width="0.5"/>`);
  if (m <= height && n <= width) {
    const mk = o.markerSize === undefined ? Math.min(cellW, cellH) : checkNumber('markerSize', o.markerSize, 0, 100, true);
    const seen = new Set<number>();
    out.push(`<g fill="${color}">`);
    for (let k = 0; k < nnz; k++) {
      const i = coo.row[k]!;
      const j = coo.col[k]!;
      const key = i * n + j;
      if (seen.has(key)) continue;
      seen.add(key);
      const cx = x0 + (j + 0.5) * cellW;
      const cy = y0 + (i + 0.5) * cellH;
      out.push(`<rect class="nz" x="${fmt(cx - mk / 2)}" y="${fmt(cy - mk / 2)}" width="${fmt(mk)}" height="${fmt(mk)}"/>`);
    }
    out.push('</g>');
  } else {
    if (o.markerSize !== undefined) checkNumber('markerSize', o.markerSize, 0, 100, true);
    const counts = new Map<number, number>();
    let max = 0;
    for (let k = 0; k < nnz; k++) {
      const r = Math.min(height - 1, Math.floor((coo.row[k]! * height) / m));
      const c = Math.min(width - 1, Math.floor((coo.col[k]! * width) / n));
      const key = r * width + c;
      const v = (counts.get(key) ?? 0) + 1;
      counts.set(key, v);
      if (v > max) max = v;
    }
    out.push(`<g fill="${color}">`);
    const keys = [...counts.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const r = Math.floor(key / width);
      const c = key - r * width;
      const op = Math.max(0.15, counts.get(key)! / max);
      out.push(`<rect class="cell" x="${x0 + c}" y="${y0 + r}" width="1" height="1" fill-opacity="${fmt(op)}" data-count="${counts.get(key)!}"/>`);
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
