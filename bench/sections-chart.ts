// A small hand-written SVG line chart (log-log) for the sections benchmark: no charting library,
// so the committed file changes only when the figures do.

/** One x value with a y value per series. */
export interface ChartPoint {
  readonly x: number;
  readonly series: Readonly<Record<string, number>>;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders seconds against entities on log-log axes, one line per series, with a legend. */
export function renderScalingSvg(points: readonly ChartPoint[], title: string): string {
  const W = 720; const H = 420; const L = 70; const R = 200; const T = 40; const B = 50;
  const names = [...new Set(points.flatMap((p) => Object.keys(p.series)))];
  const xs = points.map((p) => p.x);
  const ys = points.flatMap((p) => Object.values(p.series)).filter((v) => v > 0);
  const lx0 = Math.floor(Math.log10(Math.min(...xs))); const lx1 = Math.ceil(Math.log10(Math.max(...xs, 10)));
  const ly0 = Math.floor(Math.log10(Math.min(...ys, 1))); const ly1 = Math.ceil(Math.log10(Math.max(...ys, 1)));
  const sx = (x: number): number => L + ((Math.log10(x) - lx0) / Math.max(1, lx1 - lx0)) * (W - L - R);
  const sy = (y: number): number => H - B - ((Math.log10(y) - ly0) / Math.max(1, ly1 - ly0)) * (H - T - B);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`, `<text x="${L}" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`];
  for (let e = lx0; e <= lx1; e++) {
    const x = sx(10 ** e);
    parts.push(`<line x1="${x.toFixed(1)}" y1="${T}" x2="${x.toFixed(1)}" y2="${H - B}" stroke="#ddd"/>`, `<text x="${x.toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${(10 ** e).toLocaleString('en-US')}</text>`);
  }
  for (let e = ly0; e <= ly1; e++) {
    const y = sy(10 ** e);
    parts.push(`<line x1="${L}" y1="${y.toFixed(1)}" x2="${W - R}" y2="${y.toFixed(1)}" stroke="#ddd"/>`, `<text x="${L - 8}" y="${(y + 4).toFixed(1)}" text-anchor="end">${10 ** e >= 1 ? 10 ** e : (10 ** e).toFixed(-e)} s</text>`);
  }
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">entities (devices and word-bag entities, log scale)</text>`, `<text x="16" y="${(T + H - B) / 2}" transform="rotate(-90 16 ${(T + H - B) / 2})" text-anchor="middle">seconds (log scale)</text>`);
  names.forEach((name, i) => {
    const color = COLORS[i % COLORS.length] as string;
    const pts = points.filter((p) => (p.series[name] ?? 0) > 0).map((p) => `${sx(p.x).toFixed(1)},${sy(p.series[name] as number).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>`);
    for (const pt of pts) { const [cx, cy] = pt.split(','); parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`); }
    parts.push(`<line x1="${W - R + 15}" y1="${T + 10 + i * 20}" x2="${W - R + 35}" y2="${T + 10 + i * 20}" stroke="${color}" stroke-width="2"/>`, `<text x="${W - R + 40}" y="${T + 14 + i * 20}">${escapeXml(name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
