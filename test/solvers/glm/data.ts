/** Fixture loaders shared by the coordinate-descent model tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRng } from '../../../src/index.js';

const dir = join(__dirname, '../../fixtures/datasets');

/** Standardize the columns of X in place (mean 0, population standard deviation 1). */
function standardize(X: number[][]): void {
  const n = X.length;
  for (let j = 0; j < X[0]!.length; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += X[i]![j]!;
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (X[i]![j]! - m) ** 2;
    s = Math.sqrt(s / n);
    for (let i = 0; i < n; i++) X[i]![j] = (X[i]![j]! - m) / s;
  }
}

/** The diabetes data (442 x 10) with standardized columns (mean 0, standard deviation 1) and its target. */
export function diabetes(): { X: number[][]; y: number[] } {
  const raw = gunzipSync(readFileSync(join(dir, 'diabetes_data_raw.csv.gz'))).toString('utf8').trim().split('\n');
  const X = raw.map((l) => l.trim().split(/\s+/).map(Number));
  const y = gunzipSync(readFileSync(join(dir, 'diabetes_target.csv.gz'))).toString('utf8').trim().split('\n').map(Number);
  standardize(X);
  return { X, y };
}

/** The wine data (178 x 13, standardized columns) and its class labels 0, 1, 2. */
export function wine(): { X: number[][]; labels: number[] } {
  const lines = readFileSync(join(dir, 'wine_data.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  const X = rows.map((r) => r.slice(0, 13));
  const labels = rows.map((r) => r[13]!);
  standardize(X);
  return { X, labels };
}

/** n x p rows with correlated columns (AR(1)), some zeroed when `density` < 1, and a sparse truth. */
export function ar1Problem(n: number, p: number, density: number, seed: number): { rows: number[][]; y: number[] } {
  const r = createRng(seed);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    let prev = r.normal();
    for (let j = 0; j < p; j++) {
      prev = 0.6 * prev + 0.8 * r.normal();
      row.push(r.random() < density ? prev + 0.5 : 0);
    }
    rows.push(row);
  }
  const y = rows.map((row) => 2 + 3 * row[5]! - 2 * row[40]! + row[77]! + 1.5 * row[150]! + 0.3 * r.normal());
  return { rows, y };
}

/**
 * Largest KKT violation of (w, b) for the elastic net with glmnet's penalty factors,
 * (1/(2Σs))Σᵢsᵢ(yᵢ − xᵢᵀw − b)² + αΣⱼfⱼ(ρ|wⱼ| + ½(1 − ρ)wⱼ²) (s = sampleWeight, ones by default;
 * scaling s does not change the problem), relative to maxⱼ|Σᵢsᵢxᵢⱼ(yᵢ − ȳ)|/Σs (ȳ the weighted mean).
 * With gⱼ = Σᵢsᵢxᵢⱼrᵢ/Σs − α(1 − ρ)fⱼwⱼ: wⱼ > 0 needs gⱼ = αρfⱼ, wⱼ < 0 needs gⱼ = −αρfⱼ (and is
 * itself a violation under `positive`), wⱼ = 0 needs gⱼ ≤ αρfⱼ (|gⱼ| without `positive`); the
 * intercept needs Σsᵢrᵢ = 0 (pass `intercept` false to skip it).
 */
export function kktViolation(
  rows: number[][], y: number[], w: ArrayLike<number>, b: number, alpha: number, rho: number, pf: ArrayLike<number>, positive: boolean,
  sw?: ArrayLike<number>, intercept = true,
): number {
  const n = rows.length;
  const p = w.length;
  const s = (i: number): number => (sw ? sw[i]! : 1);
  let S = 0;
  let ym = 0;
  for (let i = 0; i < n; i++) {
    S += s(i);
    ym += s(i) * y[i]!;
  }
  ym = intercept ? ym / S : 0;
  const r = rows.map((row, i) => y[i]! - b - row.reduce((acc, v, j) => acc + v * w[j]!, 0));
  let scale = 0;
  let worst = intercept ? Math.abs(r.reduce((acc, v, i) => acc + s(i) * v, 0)) / S : 0;
  for (let j = 0; j < p; j++) {
    let xr = 0;
    let xy = 0;
    for (let i = 0; i < n; i++) {
      xr += s(i) * rows[i]![j]! * r[i]!;
      xy += s(i) * rows[i]![j]! * (y[i]! - ym);
    }
    scale = Math.max(scale, Math.abs(xy) / S);
    const g = xr / S - alpha * (1 - rho) * pf[j]! * w[j]!;
    const thr = alpha * rho * pf[j]!;
    let v: number;
    if (w[j]! > 0) v = Math.abs(g - thr);
    else if (w[j]! < 0) v = positive ? Infinity : Math.abs(g + thr);
    else v = positive ? Math.max(g - thr, 0) : Math.max(Math.abs(g) - thr, 0);
    worst = Math.max(worst, v);
  }
  return worst / scale;
}
