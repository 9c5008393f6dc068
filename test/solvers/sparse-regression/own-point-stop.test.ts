/**
 * Where a refit path's unrefitted (Lasso's own) points stop (`unrefitted`): on a fold, after the
 * held-out error has risen at 5 consecutive α; on all rows, after the last point every fold
 * computed; and crossValidatePath hands each fold the same held-out error it scores points with.
 */
import { describe, expect, it } from 'vitest';
import { crossValidatePath, type HeldOutError } from '../../../src/solvers/sparse-regression/cross-validate.js';
import { asDesign, prepareRegression } from '../../../src/solvers/sparse-regression/design.js';
import { kFold } from '../../../src/solvers/sparse-regression/folds.js';
import { makeSparseRegression } from '../../../src/solvers/sparse-regression/make-sparse-regression.js';
import { pathPoints, ratioGrid, refitPath, type RefitPathSettings } from '../../../src/solvers/sparse-regression/support-path.js';
import { identityTransform } from '../../../src/solvers/sparse-regression/transforms.js';
import { createRng } from '../../../src/core/rng.js';

// 60 x 40 (no screening), 50 α; the refits stop once the support passes 2 features, the Lasso's
// own points would run to the last α (supports stay below n = 60).
const n = 60;
const d = 40;
const prob = makeSparseRegression({ n, d, k: 3, design: 'isotropic', noise: 0.5, seed: 2 });
const p = prepareRegression(prob.X, prob.y, true);
const s: RefitPathSettings = {
  transform: identityTransform, ratios: ratioGrid(50, 1e-3), fitIntercept: true, tol: 1e-4, maxIter: 1000,
  maxSupport: 2, refit: true, unrefitted: n,
};
const u = pathPoints(s) - s.ratios.length;
/** The path indices of the unrefitted points a path computed. */
const ownPoints = (path: ReturnType<typeof refitPath>) => Array.from({ length: s.ratios.length }, (_, t) => t).filter((t) => path.coefs[u + t]);
/** A held-out error that follows `errors` call by call (then keeps rising). */
const scripted = (errors: number[]): HeldOutError => {
  let call = 0;
  return () => errors[call++] ?? 100 + call;
};

describe('unrefitted points of a refit path', () => {
  const plain = refitPath(p, s);

  it('run to the last α without a stop', () => {
    expect(ownPoints(plain)).toEqual(Array.from({ length: 50 }, (_, t) => t));
    // The refits stopped early: the stop below acts on the Lasso's own points alone.
    expect(plain.coefs.slice(0, s.ratios.length).filter(Boolean).length).toBeLessThan(10);
  });

  it('stop after the held-out error rose at 5 consecutive α, not after 4', () => {
    const fall = [10, 9, 8, 7, 6, 5, 4, 3];
    // Falls at 8 points, then rises at each: the 5th rise is point 12.
    const a = refitPath(p, s, undefined, { heldOut: scripted([...fall, 4, 5, 6, 7, 8]) });
    expect(ownPoints(a)).toEqual(Array.from({ length: 13 }, (_, t) => t));
    // 4 rises, a fall, then 5 rises: the stop is at point 17.
    const b = refitPath(p, s, undefined, { heldOut: scripted([...fall, 4, 5, 6, 7, 2, 3, 4, 5, 6, 7]) });
    expect(ownPoints(b)).toEqual(Array.from({ length: 18 }, (_, t) => t));
    // Equal errors are not rises.
    const c = refitPath(p, s, undefined, { heldOut: scripted([...fall, 3, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8]) });
    expect(ownPoints(c)).toEqual(Array.from({ length: 19 }, (_, t) => t));
    // The points kept are the unstopped path's.
    for (const t of ownPoints(a)) expect(Array.from(a.coefs[u + t]!)).toEqual(Array.from(plain.coefs[u + t]!));
  });

  it('stop after point `last` on all rows, with the same points before it', () => {
    const a = refitPath(p, s, undefined, { last: 12 });
    expect(ownPoints(a)).toEqual(Array.from({ length: 13 }, (_, t) => t));
    for (const t of ownPoints(a)) {
      expect(Array.from(a.supports[u + t]!)).toEqual(Array.from(plain.supports[u + t]!));
      expect(Array.from(a.coefs[u + t]!)).toEqual(Array.from(plain.coefs[u + t]!));
      expect(a.intercepts[u + t]).toBe(plain.intercepts[u + t]);
    }
  });
});

describe('crossValidatePath', () => {
  it("hands each fold the held-out error it scores the fold's points with", () => {
    const rng = createRng(3);
    const X = { rows: 30, cols: 8, data: Float64Array.from({ length: 240 }, () => rng.normal()) };
    const y = Float64Array.from({ length: 30 }, () => rng.normal());
    const folds = kFold(30, 3, 1);
    const supports = [Int32Array.from([1]), Int32Array.from([0, 6])];
    const seen: number[][] = [];
    const r = crossValidatePath(asDesign(X), X, y, folds, 2, (_, f, heldOut) => {
      const coefs = [Float64Array.from([0.5 - f]), Float64Array.from([1.5, -0.25 * f])];
      const intercepts = [0.2, -0.1 * f];
      seen.push(supports.map((S, t) => heldOut(S, coefs[t]!, intercepts[t]!)));
      return { coefs, intercepts, supports };
    });
    folds.forEach((_, f) => [0, 1].forEach((t) => expect(seen[f]![t]).toBe(r.msePath[t * 3 + f])));
    // By hand: fold 2, point 0 (column 1 times -1.5, intercept 0.2).
    const test = folds[2]!.test;
    let e = 0;
    for (const i of test) e += (y[i]! - 0.2 - -1.5 * X.data[i * 8 + 1]!) ** 2;
    expect(r.msePath[2]).toBeCloseTo(e / test.length, 12);
  });
});
