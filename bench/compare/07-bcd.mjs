// bench:compare section "bcd": the block coordinate descent rules of Nutini, Laradji and Schmidt
// on the paper's problems, f − f* against iterations (what the paper reports) and against
// wall-clock time (what it does not), every rule in the same run. Writes the table to stdout and
// the plot to docs/img/bcd-convergence.svg.
//
//   node bench/compare.mjs bcd            1000 x 10000 least squares and the 50 x 50 lattice
//   BCD_QUICK=1 node bench/compare.mjs bcd  300 x 3000 least squares
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sp from '../../dist/index.js';
import { printTable } from '../lib/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.env.BCD_QUICK === '1';

/** f − f* after each iteration and the elapsed seconds, for one configuration. */
function trace(P, fstar, options, iters) {
  const gap = [];
  const secs = [];
  const t0 = performance.now();
  sp.bcd(P, {
    ...options, maxIter: iters, tol: 0, seed: 1,
    onIteration: (i) => {
      gap.push(Math.max(i.objective - fstar, 1e-16));
      secs.push((performance.now() - t0) / 1000);
    },
  });
  return { gap, secs };
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#000000'];

/** One panel: log10(f − f*) against x (iterations or seconds). */
function panel(x0, y0, w, h, title, xlabel, series, xOf) {
  const parts = [];
  const all = series.flatMap((s) => s.gap);
  const yMax = Math.ceil(Math.log10(Math.max(...all)));
  const yMin = Math.max(Math.floor(Math.log10(Math.min(...all))), yMax - 16);
  const xMax = Math.max(...series.map((s) => xOf(s).at(-1)));
  const X = (v) => x0 + (v / xMax) * w;
  const Y = (g) => y0 + ((yMax - Math.log10(Math.max(g, 10 ** yMin))) / (yMax - yMin)) * h;
  parts.push(`<text x="${x0 + w / 2}" y="${y0 - 10}" text-anchor="middle" font-size="13">${title}</text>`);
  for (let e = yMin; e <= yMax; e++) {
    parts.push(`<line x1="${x0}" x2="${x0 + w}" y1="${Y(10 ** e).toFixed(1)}" y2="${Y(10 ** e).toFixed(1)}" stroke="#eee"/>`);
    if ((e - yMin) % 2 === 0) parts.push(`<text x="${x0 - 6}" y="${(Y(10 ** e) + 4).toFixed(1)}" text-anchor="end">1e${e}</text>`);
  }
  for (let k = 0; k <= 4; k++) {
    const v = (xMax * k) / 4;
    parts.push(`<text x="${X(v).toFixed(1)}" y="${y0 + h + 16}" text-anchor="middle">${+v.toPrecision(3)}</text>`);
  }
  parts.push(`<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${x0 + w / 2}" y="${y0 + h + 34}" text-anchor="middle">${xlabel}</text>`);
  series.forEach((s, k) => {
    const xs = xOf(s);
    // Points less than half a pixel from the last one drawn are skipped (keeps the file small).
    const seg = [];
    let px = -1;
    let py = -1;
    s.gap.forEach((g, i) => {
      const sx = X(xs[i]);
      const sy = Y(g);
      if (i > 0 && i < s.gap.length - 1 && Math.abs(sx - px) < 0.5 && Math.abs(sy - py) < 0.5) return;
      seg.push(`${seg.length ? 'L' : 'M'}${sx.toFixed(1)},${sy.toFixed(1)}`);
      px = sx;
      py = sy;
    });
    const d = seg.join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="1.6"/>`);
  });
  return parts;
}

function svg(panels, legend) {
  const W = 980;
  const H = 330 * panels.length + 40;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  panels.forEach(([title, series], r) => {
    const y0 = 40 + r * 330;
    parts.push(...panel(70, y0, 360, 240, `${title}: f − f* vs iterations`, 'iterations', series, (s) => s.gap.map((_, i) => i)));
    parts.push(...panel(520, y0, 360, 240, `${title}: f − f* vs time`, 'seconds', series, (s) => s.secs));
    series.forEach((s, k) => {
      const ly = y0 + 8 + k * 16;
      parts.push(`<line x1="${895}" x2="${915}" y1="${ly}" y2="${ly}" stroke="${COLORS[k % COLORS.length]}" stroke-width="2"/><text x="920" y="${ly + 4}">${s.name}</text>`);
    });
  });
  parts.push(`<text x="10" y="${H - 8}" fill="#666">${legend}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/**
 * The max-heap selection against the linear scan (identical picks): time for the same iterations,
 * alternating the two, median of 5. The driver still evaluates F and the optimality measure every
 * iteration (O(n), for the history), so this is the whole iteration, not the pick alone.
 */
export function heapVsScan(P, Q) {
  const cases = [
    ['least squares, GSL, blocks of 5', P, { selection: 'gsl', blockSize: 5 }],
    ['least squares, GS, variable blocks of 5', P, { selection: 'gs', partition: 'variable', blockSize: 5 }],
    ['lattice, GSQ, Newton, blocks of 5', Q, { selection: 'gsq', update: 'newton', blockSize: 5 }],
    ['lattice, GS, trees', Q, { selection: 'gs', partition: 'tree' }],
  ];
  const rows = cases.map(([name, prob, o]) => {
    const t = { heap: [], scan: [] };
    for (let r = 0; r < 5; r++) {
      for (const heap of r % 2 ? [true, false] : [false, true]) {
        const t0 = performance.now();
        sp.bcd(prob, { ...o, heap, maxIter: 500, tol: 0, seed: 1 });
        t[heap ? 'heap' : 'scan'].push(performance.now() - t0);
      }
    }
    const med = (a) => a.sort((x, y) => x - y)[2];
    return { case: name, 'scan ms (500 its)': +med(t.scan).toPrecision(3), 'heap ms (500 its)': +med(t.heap).toPrecision(3), 'scan / heap': +(med(t.scan) / med(t.heap)).toFixed(2) };
  });
  printTable('greedy picks: max-heap vs linear scan (same iterates), median of 5 alternating runs', rows);
}

export default async function bcdBench() {
  console.log('\n# bcd: selection rules on the paper\'s problems (one run each, the machine is shared: times are indicative)');
  const rows = quick ? 300 : 1000;
  const cols = quick ? 3000 : 10000;
  const { A, b } = sp.bcdLeastSquaresData({ rows, cols, seed: 0 });
  const P = sp.leastSquaresProblem(A, b);
  // m < n: A has full row rank, so f* = 0 (the paper's setting).
  const lsIters = 500;
  const lsConfigs = [
    ['cyclic', { selection: 'cyclic' }], ['random', { selection: 'random' }], ['lipschitz', { selection: 'lipschitz' }],
    ['GS', { selection: 'gs' }], ['GSL', { selection: 'gsl' }], ['GSQ', { selection: 'gsq' }],
    ['GSL, variable blocks', { selection: 'gsl', partition: 'variable' }],
    ['GS, Newton', { selection: 'gs', update: 'newton' }], ['GSQ, Newton', { selection: 'gsq', update: 'newton' }],
  ];
  const lsSeries = lsConfigs.map(([name, o]) => ({ name, ...trace(P, 0, { blockSize: 5, ...o }, lsIters) }));
  printTable(`least squares ${rows} x ${cols} (density 10 ln n / n, column scales 10·N(0,1)), blocks of 5, f* = 0`, lsSeries.map((s) => ({
    rule: s.name, 'f − f* at 100': s.gap[100].toExponential(2), [`f − f* at ${lsIters}`]: s.gap[lsIters].toExponential(2),
    [`ms for ${lsIters} its`]: +(s.secs[lsIters] * 1e3).toPrecision(3),
  })));

  const { W, labels } = sp.latticeGraph({ side: 50, seed: 0 });
  const Q = sp.labelPropagationProblem(W, labels);
  const fstar = sp.bcd(Q, { partition: 'tree', selection: 'gs', tol: 1e-12, maxIter: 100000 }).objective;
  const lpIters = 500;
  const lpConfigs = [
    ['random, 1/L', { selection: 'random' }], ['GS, 1/L', { selection: 'gs' }], ['GSL, 1/L', { selection: 'gsl' }],
    ['GSQ, Newton', { selection: 'gsq', update: 'newton' }],
    ['red-black, GS', { partition: 'red-black', selection: 'gs' }],
    ['trees, random', { partition: 'tree', selection: 'random' }], ['trees, GS', { partition: 'tree', selection: 'gs' }],
    ['trees, GSQ', { partition: 'tree', selection: 'gsq' }],
  ];
  const lpSeries = lpConfigs.map(([name, o]) => ({ name, ...trace(Q, fstar, { blockSize: 5, ...o }, lpIters) }));
  printTable('label propagation on the 50 x 50 lattice (10% labelled), f* from message passing to ‖∇f‖∞ ≤ 1e-12', lpSeries.map((s) => ({
    rule: s.name, 'f − f* at 100': s.gap[100].toExponential(2), [`f − f* at ${lpIters}`]: s.gap[lpIters].toExponential(2),
    [`ms for ${lpIters} its`]: +(s.secs[lpIters] * 1e3).toPrecision(3),
  })));
  heapVsScan(P, Q);
  if (!quick) {
    const out = join(root, 'docs/img/bcd-convergence.svg');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, svg([[`least squares ${rows} x ${cols}`, lsSeries], ['50 x 50 lattice', lpSeries]],
      `Blocks of 5 (fixed contiguous unless named), 1/L_b updates unless named; seed 0; node ${process.version}, shared 2-core machine.`));
    console.log(`wrote ${out}`);
  }
}
