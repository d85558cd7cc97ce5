import type { LabImage } from "./pixels/srgb-to-lab.js";
import type { Mask } from "./pixels/stats.js";

export interface Monochrome {
  meanChroma: number;
  p95Chroma: number;
  /** Chroma-weighted mean hue angle in degrees (0–360). */
  hueMean: number;
  /** Chroma-weighted circular spread of hue in degrees: small for a single tint such as sepia. */
  hueSpread: number;
}

/** How colourless or single-tinted an image is: grayscale has no chroma, sepia one warm hue. */
export function measureMonochrome(image: LabImage, mask: Mask = null): Monochrome {
  const n = image.L.length;
  const chroma = new Float32Array(n);
  let sx = 0;
  let sy = 0;
  let w = 0;
  let sc = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const a = image.a[i] as number;
    const b = image.b[i] as number;
    const c = Math.hypot(a, b);
    chroma[i] = c;
    sc += c;
    count++;
    if (c > 1e-3) {
      sx += a;
      sy += b;
      w += c;
    }
  }
  const resultant = w === 0 ? 0 : Math.hypot(sx, sy) / w;
  const hueMean = ((Math.atan2(sy, sx) * 180) / Math.PI + 360) % 360;
  const hueSpread =
    resultant <= 0 ? 180 : Math.min(180, (Math.sqrt(-2 * Math.log(resultant)) * 180) / Math.PI);
  return {
    meanChroma: count === 0 ? 0 : sc / count,
    p95Chroma: histogramPercentile(chroma, 0.95, mask),
    hueMean,
    hueSpread,
  };
}

/** Percentile of chroma values (0–200) from a 0.25-wide histogram: no sort. */
function histogramPercentile(values: Float32Array, q: number, mask: Mask): number {
  const bins = new Uint32Array(801);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const b = Math.min(800, ((values[i] as number) * 4) | 0);
    bins[b] = (bins[b] as number) + 1;
    n++;
  }
  for (let b = 0, acc = 0; b < bins.length; b++) {
    acc += bins[b] as number;
    if (acc >= q * n) return b / 4;
  }
  return 200;
}
