import type { RgbImage } from "./pixels/rgb-image.js";
import type { Mask } from "./pixels/stats.js";

export interface Clipping {
  /** Share of pixels with a channel at 254–255. */
  highlights: number;
  /** Share of pixels with a channel at 0–1. */
  shadows: number;
}

/** Clipped highlights and crushed shadows. */
export function measureClipping(image: RgbImage, mask: Mask = null): Clipping {
  let hi = 0;
  let lo = 0;
  let n = 0;
  const { rgb } = image;
  for (let i = 0, j = 0; i < image.width * image.height; i++, j += 3) {
    if (mask && !mask[i]) continue;
    const r = rgb[j] as number;
    const g = rgb[j + 1] as number;
    const b = rgb[j + 2] as number;
    if (r >= 254 || g >= 254 || b >= 254) hi++;
    if (r <= 1 || g <= 1 || b <= 1) lo++;
    n++;
  }
  return { highlights: n === 0 ? 0 : hi / n, shadows: n === 0 ? 0 : lo / n };
}
