import { escapeHtml, n2 } from "./html-escape.js";

export interface Bar {
  label: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
  note?: string;
}

/**
 * Horizontal bars on a [min, max] axis with optional confidence whiskers. Pure: returns an inline
 * `<svg>` string. Bars carry class "bar", whiskers class "ci".
 */
export function svgBarChart(
  bars: readonly Bar[],
  options: { title: string; min?: number; max?: number; percent?: boolean },
): string {
  const min = options.min ?? 0;
  const max = options.max ?? 1;
  const left = 170;
  const width = 360;
  const row = 22;
  const height = 34 + bars.length * row + 20;
  const x = (v: number) => left + ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * width;
  const fmt = (v: number) => (options.percent ? `${(v * 100).toFixed(1)}%` : v.toFixed(3));
  const parts: string[] = [
    `<svg class="chart bar-chart" xmlns="http://www.w3.org/2000/svg" width="${left + width + 90}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<text x="4" y="16" class="title">${escapeHtml(options.title)}</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const v = min + tick * (max - min);
    parts.push(`<line x1="${n2(x(v))}" y1="26" x2="${n2(x(v))}" y2="${height - 18}" class="grid"/>`);
    parts.push(
      `<text x="${n2(x(v))}" y="${height - 4}" class="tick" text-anchor="middle">${escapeHtml(fmt(v))}</text>`,
    );
  }
  for (const [i, b] of bars.entries()) {
    const y = 30 + i * row;
    parts.push(
      `<text x="${left - 6}" y="${y + 13}" text-anchor="end" class="label">${escapeHtml(b.label)}</text>`,
    );
    if (b.value === null || !Number.isFinite(b.value)) {
      parts.push(`<text x="${left + 4}" y="${y + 13}" class="na">n/a</text>`);
      continue;
    }
    const x0 = x(Math.max(min, 0));
    const x1 = x(b.value);
    parts.push(
      `<rect class="bar" x="${n2(Math.min(x0, x1))}" y="${y + 2}" width="${n2(Math.max(1, Math.abs(x1 - x0)))}" height="${row - 6}"><title>${escapeHtml(`${b.label}: ${fmt(b.value)}${b.note ? ` (${b.note})` : ""}`)}</title></rect>`,
    );
    if (typeof b.low === "number" && typeof b.high === "number") {
      const yc = y + row / 2 - 1;
      parts.push(
        `<path class="ci" d="M${n2(x(b.low))},${yc} H${n2(x(b.high))} M${n2(x(b.low))},${yc - 4} V${yc + 4} M${n2(x(b.high))},${yc - 4} V${yc + 4}"/>`,
      );
    }
    parts.push(
      `<text x="${left + width + 6}" y="${y + 13}" class="value">${escapeHtml(fmt(b.value))}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}
