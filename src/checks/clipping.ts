import type { RgbImage } from "./pixels/rgb-image.js";
import type { Mask } from "./pixels/stats.js";

export interface Clipping {
  /** Share of blown-out pixels: luma ≥ 250. */
  highlights: number;
  /** Share of crushed pixels: luma ≤ 4. */
  shadows: number;
  /** Share of pixels with some channel at 0–1 or 254–255 (colour clipping; normal for saturated colours). */
  channels: number;
}

/** Clipped highlights, crushed shadows and clipped colour channels. */
export function measureClipping(image: RgbImage, mask: Mask = null): Clipping {
  let hi = 0;
  let lo = 0;
  let ch = 0;
  let n = 0;
  const { rgb } = image;
  for (let i = 0, j = 0; i < image.width * image.height; i++, j += 3) {
    if (mask && !mask[i]) continue;
    const r = rgb[j] as number;
    const g = rgb[j + 1] as number;
    const b = rgb[j + 2] as number;
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    if (y >= 250) hi++;
    if (y <= 4) lo++;
    if (r >= 254 || g >= 254 || b >= 254 || r <= 1 || g <= 1 || b <= 1) ch++;
    n++;
  }
  return n === 0
    ? { highlights: 0, shadows: 0, channels: 0 }
    : { highlights: hi / n, shadows: lo / n, channels: ch / n };
}
