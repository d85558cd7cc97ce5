import { escapeHtml, n2 } from "./html-escape.js";

export interface CalibrationBin {
  meanPredicted: number;
  meanObserved: number;
  count: number;
}

/** Reliability bins: rewards in `bins` equal-width bins, with the mean observed human goodness per bin. */
export function calibrationBins(
  points: ReadonlyArray<{ predicted: number; observed: number }>,
  bins = 10,
): CalibrationBin[] {
  const acc = Array.from({ length: bins }, () => ({ p: 0, o: 0, n: 0 }));
  for (const { predicted, observed } of points) {
    if (!Number.isFinite(predicted) || !Number.isFinite(observed)) continue;
    const b = acc[Math.min(bins - 1, Math.max(0, Math.floor(predicted * bins)))];
    if (!b) continue;
    b.p += predicted;
    b.o += observed;
    b.n++;
  }
  return acc
    .filter((b) => b.n > 0)
    .map((b) => ({ meanPredicted: b.p / b.n, meanObserved: b.o / b.n, count: b.n }));
}

/** A reliability diagram: the diagonal, and one point per bin (area ~ count) joined by a line. */
export function svgCalibration(bins: readonly CalibrationBin[], title: string): string {
  const size = 220;
  const pad = 34;
  const x = (v: number) => pad + v * size;
  const y = (v: number) => pad + (1 - v) * size - 10;
  const total = Math.max(1, ...bins.map((b) => b.count));
  const line = bins
    .map((b, i) => `${i === 0 ? "M" : "L"}${n2(x(b.meanPredicted))},${n2(y(b.meanObserved))}`)
    .join(" ");
  const parts = [
    `<svg class="chart calibration" xmlns="http://www.w3.org/2000/svg" width="${size + pad * 2}" height="${size + pad * 2}" role="img" aria-label="${escapeHtml(title)}">`,
    `<text x="4" y="14" class="title">${escapeHtml(title)}</text>`,
    `<rect x="${pad}" y="${pad - 10}" width="${size}" height="${size}" class="frame"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" class="diagonal"/>`,
    bins.length > 1 ? `<path d="${line}" class="reliability"/>` : "",
  ];
  for (const b of bins) {
    parts.push(
      `<circle class="cal-point" cx="${n2(x(b.meanPredicted))}" cy="${n2(y(b.meanObserved))}" r="${n2(2.5 + 5 * Math.sqrt(b.count / total))}"><title>${escapeHtml(`reward ${b.meanPredicted.toFixed(2)} → human ${b.meanObserved.toFixed(2)} (n=${b.count})`)}</title></circle>`,
    );
  }
  parts.push(
    `<text x="${pad + size / 2}" y="${size + pad + 16}" class="tick" text-anchor="middle">judge reward</text>`,
    `<text x="10" y="${pad + size / 2}" class="tick" transform="rotate(-90 10 ${pad + size / 2})" text-anchor="middle">human goodness</text>`,
    "</svg>",
  );
  return parts.join("");
}
