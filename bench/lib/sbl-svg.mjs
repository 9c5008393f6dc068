// A small dependency-free SVG line plot: NMSE (log scale) against SNR, one line per method
// (solid: median, dashed: mean), for docs/sparse-bayesian-learning.md.

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** series: { name: [{ snr, median, mean }] } -> SVG text. */
export function nmseSvg(series, title) {
  const W = 640, H = 420, L = 70, R = 170, T = 40, B = 50;
  const pts = Object.values(series).flat();
  const snrs = pts.map((p) => p.snr);
  const vals = pts.flatMap((p) => [p.median, p.mean]).filter((v) => v > 0);
  const x0 = Math.min(...snrs), x1 = Math.max(...snrs);
  const y0 = Math.floor(Math.log10(Math.min(...vals))), y1 = Math.ceil(Math.log10(Math.max(...vals)));
  const sx = (v) => L + ((v - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (v) => T + ((y1 - Math.log10(v)) / (y1 - y0 || 1)) * (H - T - B);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`, `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${title}</text>`];
  for (let e = y0; e <= y1; e++) {
    out.push(`<line x1="${L}" x2="${W - R}" y1="${sy(10 ** e)}" y2="${sy(10 ** e)}" stroke="#ddd"/>`, `<text x="${L - 6}" y="${sy(10 ** e) + 4}" text-anchor="end">1e${e}</text>`);
  }
  for (const s of [...new Set(snrs)]) out.push(`<line x1="${sx(s)}" x2="${sx(s)}" y1="${T}" y2="${H - B}" stroke="#eee"/>`, `<text x="${sx(s)}" y="${H - B + 16}" text-anchor="middle">${s}</text>`);
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">SNR (dB)</text>`, `<text x="16" y="${(T + H - B) / 2}" transform="rotate(-90 16 ${(T + H - B) / 2})" text-anchor="middle">NMSE</text>`);
  Object.entries(series).forEach(([name, ps], i) => {
    const c = COLORS[i % COLORS.length];
    for (const [key, dash] of [['median', ''], ['mean', ' stroke-dasharray="5 4"']]) {
      const d = ps.filter((p) => p[key] > 0).map((p, j) => `${j ? 'L' : 'M'}${sx(p.snr).toFixed(1)},${sy(p[key]).toFixed(1)}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"${dash}/>`);
    }
    for (const p of ps) out.push(`<circle cx="${sx(p.snr).toFixed(1)}" cy="${sy(p.median).toFixed(1)}" r="3" fill="${c}"/>`);
    out.push(`<line x1="${W - R + 15}" x2="${W - R + 40}" y1="${T + 20 + 20 * i}" y2="${T + 20 + 20 * i}" stroke="${c}" stroke-width="2"/>`, `<text x="${W - R + 46}" y="${T + 24 + 20 * i}">${name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
