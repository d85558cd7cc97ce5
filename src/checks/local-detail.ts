import type { Plane } from "./pixels/rgb-image.js";
import type { Mask } from "./pixels/stats.js";

export interface LocalDetail {
  /** Largest |ln(tile detail ratio ÷ median tile ratio)|: 0 when detail changed uniformly (or not at all). */
  worstDeviation: number;
  /** Share of tiles deviating by more than ln 2 (detail halved or doubled locally). */
  changedShare: number;
  tiles: number;
}

/** Mean |high-pass| a tile needs before its ratio counts fully: keeps flat sky from dominating. */
const FLOOR = 1.5;

/**
 * Detail changed in one place but not the rest: a smeared or blurred patch, noise or texture pasted
 * into part of the frame. Compares per-tile high-frequency energy of candidate and source, relative to
 * the median tile, so a requested global blur, sharpening or noise leaves it at zero. Tiles count
 * when their centre is in the mask.
 */
export function measureLocalDetail(source: Plane, candidate: Plane, mask: Mask = null): LocalDetail {
  const { width: w, height: h } = source;
  const tile = Math.max(8, Math.round(Math.max(w, h) / 24));
  const ratios: number[] = [];
  const sd = source.data;
  const cd = candidate.data;
  for (let ty = 1; ty + tile < h; ty += tile) {
    for (let tx = 1; tx + tile < w; tx += tile) {
      const centre = (ty + (tile >> 1)) * w + tx + (tile >> 1);
      if (mask && !mask[centre]) continue;
      let es = 0;
      let ec = 0;
      let n = 0;
      for (let y = ty; y < ty + tile; y += 2) {
        for (let i = y * w + tx, end = y * w + tx + tile; i < end; i += 2) {
          const hs =
            (sd[i] as number) -
            0.25 *
              ((sd[i - 1] as number) + (sd[i + 1] as number) + (sd[i - w] as number) + (sd[i + w] as number));
          const hc =
            (cd[i] as number) -
            0.25 *
              ((cd[i - 1] as number) + (cd[i + 1] as number) + (cd[i - w] as number) + (cd[i + w] as number));
          es += Math.abs(hs);
          ec += Math.abs(hc);
          n++;
        }
      }
      ratios.push((ec / n + FLOOR) / (es / n + FLOOR));
    }
  }
  if (ratios.length < 4) return { worstDeviation: 0, changedShare: 0, tiles: ratios.length };
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const deviations = ratios.map((r) => Math.abs(Math.log(r / median)));
  return {
    worstDeviation: Math.max(...deviations),
    changedShare: deviations.filter((d) => d > Math.LN2).length / deviations.length,
    tiles: ratios.length,
  };
}
