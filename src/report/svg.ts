/** Inline SVG plots for the report page: a line chart (risk–coverage) and a bar chart (histograms, accuracy). */

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const WIDTH = 520;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 40, top: 28, bottom: 56 };
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

const fixed = (value: number): string => (Math.round(value * 100) / 100).toString();

export interface Series {
  name: string;
  points: Array<{ x: number; y: number }>;
}

/** Lines over x and y in [0, 1] (coverage, risk), with axes, ticks and a legend. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: readonly Series[]): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number): number => MARGIN.left + v * plotW;
  const y = (v: number): number => MARGIN.top + (1 - v) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(title)}">`,
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  ];
  for (const t of ticks) {
    parts.push(`<line x1="${fixed(x(t))}" y1="${fixed(y(0))}" x2="${fixed(x(t))}" y2="${fixed(y(0) + 4)}" stroke="#999"/>`);
    parts.push(`<text x="${fixed(x(t))}" y="${fixed(y(0) + 16)}" text-anchor="middle" font-size="11">${t}</text>`);
    parts.push(`<line x1="${MARGIN.left - 4}" y1="${fixed(y(t))}" x2="${MARGIN.left}" y2="${fixed(y(t))}" stroke="#999"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${fixed(y(t) + 4)}" text-anchor="end" font-size="11">${t}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 24}" text-anchor="middle" font-size="12">${escapeXml(xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? "#000";
    const points = s.points.map((p) => `${fixed(x(p.x))},${fixed(y(p.y))}`).join(" ");
    parts.push(`<polyline data-series="${escapeXml(s.name)}" fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`);
    const legendY = HEIGHT - 6;
    const legendX = MARGIN.left + i * Math.max(90, plotW / Math.max(1, series.length));
    parts.push(`<rect x="${fixed(legendX)}" y="${legendY - 9}" width="10" height="10" fill="${colour}"/>`);
    parts.push(`<text x="${fixed(legendX + 14)}" y="${legendY}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

/** Vertical bars with a label under each and the value above it. */
export function barChart(title: string, yLabel: string, bars: ReadonlyArray<{ label: string; value: number; text?: string }>, yMax?: number): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = yMax ?? Math.ceil(Math.max(1, ...bars.map((b) => b.value)) * 1.15);
  const slot = plotW / Math.max(1, bars.length);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(title)}">`,
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#999"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#999"/>`,
    `<text x="${MARGIN.left - 6}" y="${MARGIN.top + 4}" text-anchor="end" font-size="11">${fixed(top)}</text>`,
    `<text x="${MARGIN.left - 6}" y="${MARGIN.top + plotH + 4}" text-anchor="end" font-size="11">0</text>`,
    `<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(yLabel)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const h = top > 0 ? (Math.min(bar.value, top) / top) * plotH : 0;
    const bx = MARGIN.left + i * slot + slot * 0.15;
    const by = MARGIN.top + plotH - h;
    const cx = bx + slot * 0.35;
    parts.push(
      `<rect data-label="${escapeXml(bar.label)}" data-value="${bar.value}" x="${fixed(bx)}" y="${fixed(by)}" width="${fixed(slot * 0.7)}" height="${fixed(h)}" fill="${COLOURS[0]}"/>`,
    );
    parts.push(`<text x="${fixed(cx)}" y="${fixed(by - 3)}" text-anchor="middle" font-size="10">${escapeXml(bar.text ?? String(bar.value))}</text>`);
    parts.push(`<text transform="translate(${fixed(cx)} ${MARGIN.top + plotH + 10}) rotate(35)" font-size="10">${escapeXml(bar.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
