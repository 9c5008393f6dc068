// Draws docs/img/completion-scaling.svg, the scaling plot of docs/matrix-completion.md: seconds per
// sweep of completeMatrix's 'exact' and 'sketched' solvers against k (fixed |Ω|) and against |Ω|
// (fixed k), log-log, with the fitted exponents, from the JSON the completion bench writes.
//
//   npm run build && COMPLETION_JSON=scaling.json node bench/compare.mjs completion
//   node scripts/completion-scaling-svg.mjs scaling.json [out.svg]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = process.argv[3] ?? join(root, 'docs/img/completion-scaling.svg');

const W = 860, H = 400, PW = 360, T = 50, B = 60, L0 = 70, GAP = 70;
const series = [['exact s/sweep', '#1f77b4', 'exact'], ['sketched s/sweep', '#d62728', 'sketched']];
const parts = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);

function panel(x0, title, rows, key, xlabel, exps) {
  const xs = rows.map((r) => r[key]);
  const ys = rows.flatMap((r) => series.map(([s]) => r[s]));
  const lx0 = Math.floor(Math.log10(Math.min(...xs)) * 2) / 2, lx1 = Math.ceil(Math.log10(Math.max(...xs)) * 2) / 2;
  const ly0 = Math.floor(Math.log10(Math.min(...ys))), ly1 = Math.ceil(Math.log10(Math.max(...ys)));
  const X = (v) => x0 + ((Math.log10(v) - lx0) / (lx1 - lx0)) * PW;
  const Y = (v) => T + ((ly1 - Math.log10(v)) / (ly1 - ly0)) * (H - T - B);
  parts.push(`<text x="${x0 + PW / 2}" y="${T - 16}" text-anchor="middle" font-size="13">${title}</text>`);
  for (let e = ly0; e <= ly1; e++) {
    parts.push(`<line x1="${x0}" x2="${x0 + PW}" y1="${Y(10 ** e).toFixed(1)}" y2="${Y(10 ** e).toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${x0 - 6}" y="${(Y(10 ** e) + 4).toFixed(1)}" text-anchor="end">${10 ** e >= 1 ? 10 ** e : `1e${e}`} s</text>`);
  }
  for (const v of xs) {
    parts.push(`<line y1="${T}" y2="${H - B}" x1="${X(v).toFixed(1)}" x2="${X(v).toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${X(v).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${v >= 1e5 ? v.toExponential(0).replace('e+', 'e') : v}</text>`);
  }
  parts.push(`<rect x="${x0}" y="${T}" width="${PW}" height="${H - T - B}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${x0 + PW / 2}" y="${H - 22}" text-anchor="middle">${xlabel}</text>`);
  series.forEach(([s, color, name], q) => {
    const pts = rows.map((r) => `${X(r[key]).toFixed(1)},${Y(r[s]).toFixed(1)}`);
    parts.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of pts) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${color}"/>`);
    parts.push(`<text x="${x0 + 10}" y="${T + 18 + 16 * q}" fill="${color}">${name}: time ∝ ${key === 'k' ? 'k' : '|Ω|'}^${exps[name].toFixed(2)}</text>`);
  });
}

panel(L0, `fixed |Ω| = ${data.k.nnz.toExponential(0).replace('e+', 'e')} (${data.k.m} x ${data.k.n})`, data.k.rows, 'k', 'rank k (log scale)', data.k.exponents);
if (data.omega) panel(L0 + PW + GAP, `fixed k = ${data.omega.k} (${data.omega.m} x ${data.omega.n})`, data.omega.rows, '|Ω|', 'observed entries |Ω| (log scale)', data.omega.exponents);
parts.push(`<text x="${W / 2}" y="${H - 4}" text-anchor="middle" fill="#666" font-size="11">seconds per alternating-minimization sweep, median; one thread; measured on a shared 2-core machine</text>`);
parts.push('</svg>');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${parts.join('\n')}\n`);
console.log(`wrote ${out}`);
