/**
 * `convergencePlot`: a solver's `history` as an SVG line plot (residual or objective against the
 * iteration), for any routine of the library.
 *
 * @module
 */
import { checkPositiveInt } from '../core/array.js';
import { ArgumentError } from '../core/errors.js';
import { escapeXml, fmt } from './svg-text.js';
import { readOptions } from '../core/options.js';

/** One `history`: numbers (CG, LSQR, eigsh) or per-iteration records (Sinkhorn, SNS, ...). */
export type ConvergenceHistory = ReadonlyArray<number | Readonly<Record<string, unknown>>>;

/** Options of {@link convergencePlot}. */
export interface ConvergencePlotOptions {
  /** Logarithmic y axis (default `true`: residuals fall by orders of magnitude). */
  logY?: boolean;
  /**
   * Which field of record entries to plot (default: the first number among `residualNorm`,
   * `gradNorm`, `marginalError`, `residual`, `objective`, `value`). Ignored for number entries.
   */
  y?: string;
  /** Field of record entries giving the x position (default `iteration` when present, else the index). */
  x?: string;
  /** Width of the whole picture in pixels (default 640). */
  width?: number;
  /** Height of the whole picture in pixels (default 360). */
  height?: number;
  /** Title above the plot. */
  title?: string;
  /** Label of the y axis (default: the plotted field, or `residual`). */
  yLabel?: string;
}

const KEYS = ['logY', 'y', 'x', 'width', 'height', 'title', 'yLabel'] as const;
const Y_FIELDS = ['residualNorm', 'gradNorm', 'marginalError', 'residual', 'objective', 'value'];
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

interface Series {
  name: string;
  pts: Array<[number, number]>;
}

function seriesOf(name: string, h: ConvergenceHistory, xKey: string | undefined, yKey: string | undefined): { s: Series; field: string } {
  if (!Array.isArray(h)) throw new ArgumentError(name === '' ? 'history' : `history.${name}`, h, 'an array of numbers or of records');
  const pts: Array<[number, number]> = [];
  let field = yKey ?? '';
  h.forEach((e: unknown, k: number) => {
    let x = k;
    let y: unknown;
    if (typeof e === 'number') {
      y = e;
    } else if (e !== null && typeof e === 'object') {
      const r = e as Record<string, unknown>;
      if (!field) field = Y_FIELDS.find((f) => typeof r[f] === 'number') ?? '';
      y = field ? r[field] : undefined;
      const xv = r[xKey ?? 'iteration'];
      if (typeof xv === 'number' && Number.isFinite(xv)) x = xv;
      else if (xKey !== undefined) throw new ArgumentError('x', xKey, `a numeric field of every history record (entry ${k} has none)`);
    } else {
      throw new ArgumentError('history', e, `numbers or records (entry ${k})`);
    }
    // Entries without the field (e.g. a record type that has it only on some steps) are skipped.
    if (typeof y === 'number' && Number.isFinite(y)) pts.push([x, y]);
  });
  return { s: { name, pts }, field };
}

function ticks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

function label(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(4)));
}

/**
 * Draw one or several convergence histories as an SVG line plot: x = iteration, y = residual
 * (or any numeric field of the records), on a log scale by default.
 *
 * `history` is a solver result's `history` (numbers, as CG, LSQR and eigsh record, or records
 * such as Sinkhorn's `{ iteration, marginalError }` and SNS's `{ iteration, gradNorm, phase }`),
 * or an object of named histories (`{ Sinkhorn: r1.history, SNS: r2.history }`) drawn in
 * different colours with a legend. With `logY`, values ≤ 0 are left out (log 0 is −∞); the y range
 * spans whole decades. Each series is one `<path class="series">` with one point per entry drawn.
 *
 * Complexity: O(total history length).
 *
 * @param history - one history, or an object of named histories.
 * @param options - `logY` (default true), `y` / `x` (record fields), `width`, `height`, `title`, `yLabel`.
 * @returns an `<svg>` document as a string.
 * @throws {@link ArgumentError} for an unknown option, a history that is not an array, an entry
 *   that is neither a number nor a record, or `width` / `height` outside [100, 4096].
 *
 * @example
 * ```ts
 * import { cg, convergencePlot, csr } from 'sparsity';
 * const r = cg(csr([[4, 1], [1, 3]]), [1, 2]);
 * const svg = convergencePlot(r.history, { title: 'CG' });
 * svg.includes('class="series"'); // => true
 * ```
 */
export function convergencePlot(history: ConvergenceHistory | Readonly<Record<string, ConvergenceHistory>>, options?: ConvergencePlotOptions): string {
  const o = readOptions('convergencePlot', options, KEYS);
  if (o.logY !== undefined && typeof o.logY !== 'boolean') throw new ArgumentError('logY', o.logY, 'true or false');
  const logY = o.logY ?? true;
  const W = o.width === undefined ? 640 : checkPositiveInt('width', o.width, 4096);
  const H = o.height === undefined ? 360 : checkPositiveInt('height', o.height, 4096);
  if (W < 100) throw new ArgumentError('width', W, 'an integer in [100, 4096]');
  if (H < 100) throw new ArgumentError('height', H, 'an integer in [100, 4096]');
  if (history === null || typeof history !== 'object') throw new ArgumentError('history', history, 'an array of numbers or of records, or an object of them');
  const named = Array.isArray(history) ? [['', history as ConvergenceHistory] as const] : Object.entries(history as Record<string, ConvergenceHistory>);
  let field = '';
  const all: Series[] = named.map(([name, h]) => {
    const r = seriesOf(name, h, o.x, o.y);
    field ||= r.field;
    return r.s;
  });
  for (const s of all) if (logY) s.pts = s.pts.filter(([, y]) => y > 0);
  const pts = all.flatMap((s) => s.pts);
  const L = 70, R = 20, T = o.title ? 34 : 14, B = 46;
  let xMin = Math.min(...pts.map((p) => p[0]));
  let xMax = Math.max(...pts.map((p) => p[0]));
  let yMin = Math.min(...pts.map((p) => p[1]));
  let yMax = Math.max(...pts.map((p) => p[1]));
  if (pts.length === 0) {
    xMin = 0; xMax = 1; yMin = logY ? 1 : 0; yMax = logY ? 10 : 1;
  }
  if (xMax === xMin) xMax = xMin + 1;
  let yt: number[];
  let Y: (v: number) => number;
  if (logY) {
    let lo = Math.floor(Math.log10(yMin));
    let hi = Math.ceil(Math.log10(yMax));
    if (hi === lo) hi = lo + 1;
    const step = Math.max(1, Math.ceil((hi - lo) / 8));
    lo = hi - Math.ceil((hi - lo) / step) * step;
    yt = [];
    for (let e = lo; e <= hi; e += step) yt.push(10 ** e);
    Y = (v) => T + ((hi - Math.log10(v)) / (hi - lo)) * (H - T - B);
  } else {
    if (yMax === yMin) { yMax += 1; yMin -= 1; }
    yt = ticks(yMin, yMax, 6);
    const lo = Math.min(yMin, yt[0]!), hi = Math.max(yMax, yt[yt.length - 1]!);
    Y = (v) => T + ((hi - v) / (hi - lo)) * (H - T - B);
  }
  const X = (v: number): number => L + ((v - xMin) / (xMax - xMin)) * (W - L - R);
  const yLabel = escapeXml(o.yLabel ?? (field || 'residual'));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  if (o.title) out.push(`<text class="title" x="${W / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(o.title)}</text>`);
  for (const t of yt) {
    const y = fmt(Y(t));
    out.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#eee"/><text class="ytick" x="${L - 6}" y="${fmt(Y(t) + 4)}" text-anchor="end">${label(t)}</text>`);
  }
  for (const t of ticks(xMin, xMax, 6)) {
    const x = fmt(X(t));
    out.push(`<line y1="${T}" y2="${H - B}" x1="${x}" x2="${x}" stroke="#eee"/><text class="xtick" x="${x}" y="${H - B + 16}" text-anchor="middle">${label(t)}</text>`);
  }
  out.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">iteration</text>`);
  out.push(`<text transform="translate(16 ${fmt((T + H - B) / 2)}) rotate(-90)" text-anchor="middle">${yLabel}${logY ? ' (log scale)' : ''}</text>`);
  all.forEach((s, k) => {
    const color = COLORS[k % COLORS.length]!;
    const d = s.pts.map(([x, y], i) => `${i ? 'L' : 'M'}${fmt(X(x))},${fmt(Y(y))}`).join(' ');
    out.push(`<path class="series" data-name="${escapeXml(s.name)}" data-points="${s.pts.length}" d="${d || 'M0,0'}" fill="none" stroke="${color}" stroke-width="2"/>`);
    if (s.name) {
      const ly = T + 14 + 18 * k;
      out.push(`<line x1="${W - R - 150}" x2="${W - R - 126}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/><text class="legend" x="${W - R - 120}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}
