import { describe, expect, it } from 'vitest';
import { crossValidatePath, type PathFit } from '../../../src/solvers/sparse-regression/cross-validate.js';
import { asDesign } from '../../../src/solvers/sparse-regression/design.js';
import { kFold } from '../../../src/solvers/sparse-regression/folds.js';
import { createRng } from '../../../src/core/rng.js';

describe('crossValidatePath', () => {
  it('scores coefficients given on their supports as the same coefficients on all d columns, and by hand', () => {
    const n = 30;
    const d = 12;
    const rng = createRng(5);
    const X = { rows: n, cols: d, data: Float64Array.from({ length: n * d }, () => rng.normal()) };
    const y = Float64Array.from({ length: n }, () => rng.normal());
    const folds = kFold(n, 3, 1);
    // Three points per fold: empty, {2, 7}, {0, 5, 11} (a support entry with value 0 included).
    const supports = [Int32Array.from([]), Int32Array.from([2, 7]), Int32Array.from([0, 5, 11])];
    const values = (f: number) => [new Float64Array(0), Float64Array.from([0.5 + f, -1.25]), Float64Array.from([2, 0, -0.75 * f])];
    const intercepts = [0.1, -0.2, 0.3];
    const full = (f: number): PathFit => ({
      coefs: supports.map((S, t) => {
        const w = new Float64Array(d);
        S.forEach((j, u) => (w[j] = values(f)[t]![u]!));
        return w;
      }),
      intercepts,
    });
    const compact = (f: number): PathFit => ({ coefs: values(f), intercepts, supports });
    const a = crossValidatePath(asDesign(X), X, y, folds, 4, (_, f) => full(f));
    const b = crossValidatePath(asDesign(X), X, y, folds, 4, (_, f) => compact(f));
    expect(Array.from(b.msePath)).toEqual(Array.from(a.msePath));
    // Point 3 is missing in every fold: +Infinity. Point 2 of fold 1, by hand.
    expect(b.mseMean[3]).toBe(Infinity);
    const test = folds[1]!.test;
    let s = 0;
    for (const i of test) {
      const pred = 0.3 + 2 * X.data[i * d]! + 0 * X.data[i * d + 5]! - 0.75 * X.data[i * d + 11]!;
      s += (y[i]! - pred) ** 2;
    }
    expect(b.msePath[2 * 3 + 1]).toBeCloseTo(s / test.length, 12);
  });
});
