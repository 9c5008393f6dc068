// Demo section "optimal transport": move the mass of one handwritten digit onto another on the
// 8x8 pixel grid (UCI digits, shipped in test/fixtures/datasets) with entropic OT at reg = 1/1200,
// by log-domain Sinkhorn and by Sinkhorn-Newton-Sparse.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { gridCost, sinkhorn, sinkhornNewtonSparse } from 'sparsity';

export const title = 'Optimal transport: a digit onto another (Sinkhorn vs Sinkhorn-Newton-Sparse)';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function loadDigits() {
  const text = gunzipSync(readFileSync(join(root, 'test/fixtures/datasets/digits.csv.gz'))).toString('utf8');
  return text.trim().split('\n').map((line) => {
    const v = line.split(',').map(Number);
    return { pixels: v.slice(0, 64), label: v[64] };
  });
}

const density = (pixels) => {
  const s = pixels.reduce((p, q) => p + q, 0);
  return pixels.map((v) => v / s);
};

const shade = (v, max) => ' .:-=+*#%@'[Math.min(9, Math.round((v / max) * 9))];

function show(label, d) {
  const max = Math.max(...d);
  const lines = [];
  for (let r = 0; r < 8; r++) lines.push(d.slice(r * 8, r * 8 + 8).map((v) => shade(v, max).repeat(2)).join(''));
  return [label.padEnd(16), ...lines.map((l) => l.padEnd(16))];
}

export default async function () {
  const digits = loadDigits();
  const src = digits.find((d) => d.label === 0);
  const dst = digits.find((d) => d.label === 1);
  const a = density(src.pixels);
  const b = density(dst.pixels);
  const left = show(`source: a ${src.label}`, a);
  const right = show(`target: a ${dst.label}`, b);
  for (let k = 0; k < left.length; k++) console.log(`  ${left[k]}    ${right[k]}`);

  const C = gridCost(8, 8); // squared Euclidean distance between pixel centres, scaled to [0, 1]
  const eta = 1200;
  console.log(`\nC = squared distance between pixels / its maximum; eta = 1/reg = ${eta}; stop at ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ ≤ 1e-9`);

  let t0 = performance.now();
  const sk = sinkhorn(a, b, C, { eta, tol: 1e-9, maxIter: 100000 });
  const tSk = performance.now() - t0;
  t0 = performance.now();
  const sns = sinkhornNewtonSparse(a, b, C, { eta, tol: 1e-9 });
  const tSns = performance.now() - t0;

  console.log('');
  console.log(`  log-domain Sinkhorn    : cost ${sk.cost.toFixed(10)}  iterations ${String(sk.iterations).padStart(5)}  marginal error ${sk.marginalError.toExponential(2)}  ${tSk.toFixed(0)} ms`);
  console.log(`  Sinkhorn-Newton-Sparse : cost ${sns.cost.toFixed(10)}  iterations ${String(sns.iterations).padStart(5)}  marginal error ${sns.marginalError.toExponential(2)}  ${tSns.toFixed(0)} ms`);
  console.log(`                           (${sns.sinkhornIterations} Sinkhorn warm-up + ${sns.newtonIterations} Newton steps, CG iterations ${sns.cgIterations.join(', ')})`);

  // The largest entries of the plan: which pixel sends how much mass where.
  const P = sns.plan;
  const entries = [];
  for (let i = 0; i < 64; i++) for (let j = 0; j < 64; j++) if (P.get(i, j) > 0) entries.push([P.get(i, j), i, j]);
  entries.sort((x, y) => y[0] - x[0]);
  const at = (k) => `(${Math.floor(k / 8)},${k % 8})`;
  console.log('\n  top entries of the plan (pixel (row,col) -> pixel, mass):');
  for (const [v, i, j] of entries.slice(0, 8)) console.log(`    ${at(i).padEnd(6)} -> ${at(j).padEnd(6)} ${v.toFixed(6)}`);
  let mass = 0;
  for (const [v] of entries.slice(0, 64)) mass += v;
  console.log(`  the 64 largest of the ${entries.length} nonzero entries carry ${(100 * mass).toFixed(1)}% of the mass`);
}
