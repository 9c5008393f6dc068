import { describe, expect, it } from 'vitest';
import { ArgumentError, cg, convergencePlot, csr, diags } from '../../src/index.js';
import { pythonMissing, runPython } from '../helpers/python.js';

/** The points of each <path class="series">, with its data-name. */
function series(svg: string): Array<{ name: string; pts: number[][] }> {
  return [...svg.matchAll(/<path class="series" data-name="([^"]*)" data-points="\d+" d="([^"]*)"/g)].map((m) => ({
    name: m[1]!,
    pts: m[2]!.split(' ').map((s) => s.slice(1).split(',').map(Number)),
  }));
}

describe('convergencePlot', () => {
  it('plots a CG history: one point per entry, x increasing, y linear in log10(residual)', () => {
    const n = 50;
    const A = diags([-1, 2.5, -1], [-1, 0, 1], [n, n]);
    const r = cg(A, new Float64Array(n).fill(1), { tol: 1e-10 });
    const svg = convergencePlot(r.history, { title: 'CG' });
    const [s] = series(svg);
    expect(s!.pts).toHaveLength(r.history.length);
    const xs = s!.pts.map((p) => p[0]!);
    expect(xs.every((x, k) => k === 0 || x > xs[k - 1]!)).toBe(true);
    // Pixels per decade are constant on a log axis (to the 0.01 px rounding of the path).
    const slope = (s!.pts.at(-1)![1]! - s!.pts[0]![1]!) / (Math.log10(r.history.at(-1)!) - Math.log10(r.history[0]!));
    s!.pts.forEach((p, k) => expect(p[1]! - s!.pts[0]![1]!).toBeCloseTo(slope * (Math.log10(r.history[k]!) - Math.log10(r.history[0]!)), 1));
    expect(svg).toContain('>CG</text>');
  });
  it('linear axis with logY: false; hand-checked pixel positions', () => {
    // history 0, 5, 10 on a 200 x 200 picture: plot area x 70..180, y 14..154 (no title);
    // y ticks 0..10 span the whole area, so 5 sits in the middle.
    const [s] = series(convergencePlot([0, 5, 10], { logY: false, width: 200, height: 200 }));
    expect(s!.pts).toEqual([[70, 154], [125, 84], [180, 14]]);
  });
  it('reads record histories (Sinkhorn / SNS style), skips entries without the field, leaves out y <= 0 on a log axis', () => {
    const sk = [{ iteration: 1, marginalError: 1 }, { iteration: 2, marginalError: 0.1 }, { iteration: 3, marginalError: 0 }];
    const sns = [{ iteration: 1, phase: 'warmup', gradNorm: 1 }, { iteration: 5, phase: 'newton', gradNorm: 1e-3, objective: 2 }];
    const svg = convergencePlot({ Sinkhorn: sk, SNS: sns });
    const s = series(svg);
    expect(s.map((x) => [x.name, x.pts.length])).toEqual([['Sinkhorn', 2], ['SNS', 2]]);
    expect(svg).toContain('class="legend" x="');
    // x from the `iteration` field: SNS's second point lies right of Sinkhorn's last one.
    expect(s[1]!.pts[1]![0]!).toBeGreaterThan(s[0]!.pts[1]![0]!);
    const obj = series(convergencePlot(sns, { y: 'objective', logY: false }));
    expect(obj[0]!.pts).toHaveLength(1);
  });
  it.skipIf(pythonMissing(['xml']) !== null)('is well-formed SVG (Python XML parser)', () => {
    const svg = convergencePlot({ 'a & b': [1, 0.1, 0.01], c: [3, 2] }, { title: '<t>' });
    const got = runPython<{ paths: number; title: string }>(
      `import xml.etree.ElementTree as ET
root = ET.fromstring(inp); ns = '{http://www.w3.org/2000/svg}'
print(json.dumps({'paths': len([p for p in root.iter(ns + 'path') if p.get('class') == 'series']), 'title': [t.text for t in root.iter(ns + 'text') if t.get('class') == 'title'][0]}))`,
      svg,
    );
    expect(got).toEqual({ paths: 2, title: '<t>' });
  });
  it('rejects bad input with ArgumentError naming the option', () => {
    expect(() => convergencePlot([1], { logy: true } as never)).toThrow(/logy/);
    expect(() => convergencePlot([1], { logY: 1 } as never)).toThrow(ArgumentError);
    expect(() => convergencePlot([1], { width: 50 })).toThrow(/width/);
    expect(() => convergencePlot(['a'] as never)).toThrow(ArgumentError);
    expect(() => convergencePlot(5 as never)).toThrow(ArgumentError);
    expect(() => convergencePlot([{ iteration: 1, r: 2 }], { x: 'step' })).toThrow(/x/);
  });
  it('draws an empty history without failing', () => {
    expect(series(convergencePlot([]))[0]!.pts).toEqual([[0, 0]]);
    expect(csr([[1]]).nnz).toBe(1);
  });
});
