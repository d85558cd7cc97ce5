import { escapeHtml, n2 } from "./html-escape.js";

/** Counts of `values` in `bins` equal-width bins over [0, 1]; 1.0 falls in the last bin. */
export function histogram(values: readonly number[], bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)));
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return counts;
}

/** A column chart of labelled counts (histogram bins or vote classes). Columns carry class "bin". */
export function svgColumns(columns: ReadonlyArray<{ label: string; count: number }>, title: string): string {
  const width = 420;
  const height = 170;
  const top = 26;
  const bottom = 30;
  const peak = Math.max(1, ...columns.map((c) => c.count));
  const w = width / Math.max(1, columns.length);
  const parts = [
    `<svg class="chart histogram" xmlns="http://www.w3.org/2000/svg" width="${width + 40}" height="${height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<text x="4" y="16" class="title">${escapeHtml(title)}</text>`,
    `<line x1="30" y1="${height - bottom}" x2="${width + 30}" y2="${height - bottom}" class="axis"/>`,
  ];
  for (const [i, c] of columns.entries()) {
    const h = ((height - top - bottom) * c.count) / peak;
    const x = 30 + i * w;
    parts.push(
      `<rect class="bin" x="${n2(x + 1)}" y="${n2(height - bottom - h)}" width="${n2(Math.max(1, w - 2))}" height="${n2(h)}"><title>${escapeHtml(`${c.label}: ${c.count}`)}</title></rect>`,
    );
    if (columns.length <= 10 || i % Math.ceil(columns.length / 5) === 0) {
      parts.push(
        `<text x="${n2(x + w / 2)}" y="${height - bottom + 14}" class="tick" text-anchor="middle">${escapeHtml(c.label)}</text>`,
      );
    }
  }
  parts.push(`<text x="26" y="${top + 8}" class="tick" text-anchor="end">${peak}</text></svg>`);
  return parts.join("");
}

/** A histogram of rewards in [0, 1]. */
export function svgHistogram(values: readonly number[], title: string, bins = 20): string {
  return svgColumns(
    histogram(values, bins).map((count, i) => ({ label: (i / bins).toFixed(2), count })),
    title,
  );
}
