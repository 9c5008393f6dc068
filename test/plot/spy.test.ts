import { describe, expect, it } from 'vitest';
import { ArgumentError, coo, csr, random, spy } from '../../src/index.js';
import { pythonMissing, runPython } from '../helpers/python.js';

/** Parse the SVG with Python's XML parser (an independent check that it is well-formed XML). */
function parse(svg: string): { root: Record<string, string>; rects: Array<Record<string, string>> } {
  return runPython(
    `import xml.etree.ElementTree as ET
root = ET.fromstring(inp)
ns = '{http://www.w3.org/2000/svg}'
rects = [dict(e.attrib) for e in root.iter(ns + 'rect') if e.get('class') in ('nz', 'cell')]
print(json.dumps({'root': dict(root.attrib), 'rects': rects}))`,
    svg,
  );
}

/** The attributes of every <rect class="..."> (regex reading, for when python3 is missing). */
function rects(svg: string, cls: string): Array<Record<string, number>> {
  return [...svg.matchAll(new RegExp(`<rect class="${cls}"([^>]*)/>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, Number(a[2])])),
  );
}

const noPython = pythonMissing(['xml']);

describe('spy', () => {
  it('draws one square per stored entry at (column, row), row 0 on top (hand-checked 3 x 4)', () => {
    // entries (0,0) (0,3) (1,1) (2,2); 30 x 40 pixels: 10 px cells, markers fill the cell.
    const A = csr([[1, 0, 0, 5], [0, 2, 0, 0], [0, 0, 3, 0]]);
    const svg = spy(A, { width: 40, height: 30 });
    const got = rects(svg, 'nz').map((r) => [(r.y! + r.height! / 2 - 24 - 5) / 10, (r.x! + r.width! / 2 - 4 - 5) / 10, r.width]);
    expect(got).toEqual([[0, 0, 10], [0, 3, 10], [1, 1, 10], [2, 2, 10]]);
    expect(svg).toContain('3 x 4, 4 stored entries');
  });
  it('markerSize sets the square side around the cell centre; COO duplicates are drawn once', () => {
    const A = coo([0, 0, 1], [1, 1, 0], [1, 2, 3], [2, 2]);
    const r = rects(spy(A, { width: 20, height: 20, markerSize: 4 }), 'nz');
    expect(r).toEqual([
      { x: 4 + 15 - 2, y: 24 + 5 - 2, width: 4, height: 4 },
      { x: 4 + 5 - 2, y: 24 + 15 - 2, width: 4, height: 4 },
    ]);
  });
  it('keeps the aspect ratio by default (at most 400 px) and from one given side', () => {
    const A = random(100, 50, 0.05, { seed: 3, format: 'csr' });
    expect(spy(A)).toMatch(/^<svg[^>]* width="208" height="428"/); // 200 x 400 plot + padding and title
    expect(spy(A, { width: 100 })).toMatch(/^<svg[^>]* width="108" height="228"/);
  });
  it('shades density when the matrix is larger than the picture (hand-checked counts)', () => {
    // 1000 x 1000: row 0 full and entry (999, 999), on 100 x 100 pixels: 100 cells of 10 entries
    // along the top row of pixels, and one cell with 1 entry (opacity floor 0.15).
    const rows = [...Array.from({ length: 1000 }, () => 0), 999];
    const cols = [...Array.from({ length: 1000 }, (_, j) => j), 999];
    const svg = spy(coo(rows, cols, rows.map(() => 1), [1000, 1000]), { width: 100, height: 100 });
    const cells = rects(svg, 'cell');
    expect(cells).toHaveLength(101);
    expect(cells.slice(0, 100).every((c, k) => c.x === 4 + k && c.y === 24 && c['data-count'] === 10 && c['fill-opacity'] === 1)).toBe(true);
    expect(cells[100]).toMatchObject({ x: 103, y: 123, 'data-count': 1, 'fill-opacity': 0.15 });
    expect(svg).not.toContain('class="nz"');
  });
  it.skipIf(noPython !== null)('is well-formed SVG whose density cells equal a NumPy 2-D histogram of the entries', () => {
    const A = random(700, 500, 0.01, { seed: 11, format: 'csr' });
    const svg = spy(A, { width: 50, height: 70 });
    const p = parse(svg);
    expect(p.root['data-rows']).toBe('700');
    const C = A.toCOO();
    const hist = runPython<number[][]>(
      `import numpy as np
r = np.array(inp['r']); c = np.array(inp['c'])
h, _, _ = np.histogram2d(r * 70 // 700, c * 50 // 500, bins=[70, 50], range=[[0, 70], [0, 50]])
print(json.dumps(h.astype(int).tolist()))`,
      { r: Array.from(C.row), c: Array.from(C.col) },
    );
    const mine = Array.from({ length: 70 }, () => new Array<number>(50).fill(0));
    for (const r of p.rects) mine[Number(r['y']) - 24]![Number(r['x']) - 4] = Number(r['data-count']);
    expect(mine).toEqual(hist);
    const max = Math.max(...hist.flat());
    for (const r of p.rects) expect(Number(r['fill-opacity'])).toBeCloseTo(Math.max(0.15, Number(r['data-count']) / max), 2);
  });
  it('escapes the title and draws empty matrices', () => {
    expect(spy(csr([[0]]), { title: 'a<b & "c"' })).toContain('a&lt;b &amp; &quot;c&quot;');
    expect(rects(spy(coo([], [], [], [0, 0])), 'nz')).toHaveLength(0);
  });
  it('rejects bad input with ArgumentError naming the option', () => {
    const A = csr([[1]]);
    expect(() => spy(A, { width: 0 })).toThrow(ArgumentError);
    expect(() => spy(A, { height: 1.5 })).toThrow(/height/);
    expect(() => spy(A, { markerSize: -1 })).toThrow(/markerSize/);
    expect(() => spy(A, { colour: 'red' } as never)).toThrow(/colour/);
    expect(() => spy([[1]] as never)).toThrow(ArgumentError);
  });
});
