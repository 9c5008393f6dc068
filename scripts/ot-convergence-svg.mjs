// Draws docs/img/ot-convergence.svg, the convergence plot of docs/optimal-transport.md: the L1
// marginal error ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ (= ‖∇f‖₁) against the iteration count for log-domain
// Sinkhorn and for Sinkhorn-Newton-Sparse, read from the `history` of both results, on the digit
// example of the guide (0 -> 1 on the 8x8 grid, squared Euclidean cost, eta = 1200).
//
//   npm run build && node scripts/ot-convergence-svg.mjs [out.svg]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { gridCost, sinkhorn, sinkhornNewtonSparse } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'docs/img/ot-convergence.svg');

const rows = gunzipSync(readFileSync(join(root, 'test/fixtures/datasets/digits.csv.gz'))).toString('utf8').trim().split('\n')
  .map((l) => l.split(',').map(Number));
const density = (k) => {
  const v = rows[k].slice(0, 64);
  const s = v.reduce((p, q) => p + q, 0);
  return v.map((x) => x / s);
};
const a = density(rows.findIndex((r) => r[64] === 0));
const b = density(rows.findIndex((r) => r[64] === 1));
const C = gridCost(8, 8);
const eta = 1200;
const tol = 1e-12;

const sk = sinkhorn(a, b, C, { eta, tol, maxIter: 100000, checkEvery: 1, returnPlan: false });
const sns = sinkhornNewtonSparse(a, b, C, { eta, tol, returnPlan: false });
const skPts = sk.history.map((h) => [h.iteration, h.marginalError]);
const snsPts = sns.history.map((h) => [h.iteration, h.gradNorm, h.phase]);

// Axes: log10 iteration (1 .. 10^ceil) and log10 error (10^-14 .. 10^1).
const W = 720, H = 420, L = 70, R = 20, T = 40, B = 55;
const xMax = Math.ceil(Math.log10(Math.max(sk.iterations, sns.iterations, 10)));
const yMin = -14, yMax = 1;
const X = (it) => L + (Math.log10(Math.max(it, 1)) / xMax) * (W - L - R);
const Y = (e) => T + ((yMax - Math.log10(Math.max(e, 10 ** yMin))) / (yMax - yMin)) * (H - T - B);
/** SVG path through the points, skipping points less than half a pixel from the previous one drawn. */
function path(pts) {
  const out = [];
  let px = -1, py = -1;
  pts.forEach(([x, y], k) => {
    const sx = X(x), sy = Y(y);
    if (k > 0 && k < pts.length - 1 && Math.abs(sx - px) < 0.5 && Math.abs(sy - py) < 0.5) return;
    out.push(`${out.length ? 'L' : 'M'}${sx.toFixed(1)},${sy.toFixed(1)}`);
    px = sx;
    py = sy;
  });
  return out.join(' ');
}

const parts = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
parts.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">Digit 0 → 1 (8x8 grid, squared Euclidean cost), η = ${eta}</text>`);
for (let e = yMin; e <= yMax; e += 1) {
  parts.push(`<line x1="${L}" x2="${W - R}" y1="${Y(10 ** e).toFixed(1)}" y2="${Y(10 ** e).toFixed(1)}" stroke="#eee"/>`);
  if (e % 2 === 0) parts.push(`<text x="${L - 6}" y="${(Y(10 ** e) + 4).toFixed(1)}" text-anchor="end">1e${e}</text>`);
}
for (let p = 0; p <= xMax; p++) {
  parts.push(`<line y1="${T}" y2="${H - B}" x1="${X(10 ** p).toFixed(1)}" x2="${X(10 ** p).toFixed(1)}" stroke="#eee"/>`);
  parts.push(`<text x="${X(10 ** p).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${10 ** p}</text>`);
}
parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#888"/>`);
parts.push(`<text x="${(L + W - R) / 2}" y="${H - 14}" text-anchor="middle">iterations (Sinkhorn iterations + Newton steps, log scale)</text>`);
parts.push(`<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">‖∇f‖₁ = ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁</text>`);
parts.push(`<path d="${path(skPts)}" fill="none" stroke="#1f77b4" stroke-width="2"/>`);
parts.push(`<path d="${path(snsPts)}" fill="none" stroke="#d62728" stroke-width="2"/>`);
for (const [it, e, phase] of snsPts) {
  if (phase === 'newton') parts.push(`<circle cx="${X(it).toFixed(1)}" cy="${Y(e).toFixed(1)}" r="3" fill="#d62728"/>`);
}
parts.push(`<line x1="${L}" x2="${W - R}" y1="${Y(tol).toFixed(1)}" y2="${Y(tol).toFixed(1)}" stroke="#999" stroke-dasharray="4 3"/>`);
parts.push(`<text x="${W - R - 4}" y="${(Y(tol) - 4).toFixed(1)}" text-anchor="end" fill="#666">tol = 1e-12</text>`);
const lx = W - R - 250, ly = T + 14;
parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="#1f77b4" stroke-width="2"/><text x="${lx + 30}" y="${ly + 4}">log-domain Sinkhorn (${sk.iterations} its)</text>`);
parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly + 18}" y2="${ly + 18}" stroke="#d62728" stroke-width="2"/><circle cx="${lx + 12}" cy="${ly + 18}" r="3" fill="#d62728"/><text x="${lx + 30}" y="${ly + 22}">SNS (${sns.sinkhornIterations} warm-up + ${sns.newtonIterations} Newton)</text>`);
parts.push('</svg>');

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${parts.join('\n')}\n`);
console.log(`wrote ${out}: Sinkhorn ${sk.iterations} iterations, SNS ${sns.iterations} (${sns.newtonIterations} Newton)`);
