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
