import type { Region } from "../../contract/region.js";
import type { PixelRect } from "./rgb-image.js";

/** Converts a normalised region to pixel coordinates of a width×height image. */
export function regionToRect(region: Region, width: number, height: number): PixelRect {
  return {
    x0: Math.round(region.x0 * width),
    y0: Math.round(region.y0 * height),
    x1: Math.round(region.x1 * width),
    y1: Math.round(region.y1 * height),
  };
}

/**
 * A mask (1 = include) of the pixels inside `rect` (or outside, when `inside` is false), leaving out
 * a band of `margin` pixels on either side of the rectangle's edges, where feathered edits blend.
 */
export function rectMask(
  width: number,
  height: number,
  rect: PixelRect,
  inside: boolean,
  margin = 0,
): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inCore =
        x >= rect.x0 + margin && x < rect.x1 - margin && y >= rect.y0 + margin && y < rect.y1 - margin;
      const inHull =
        x >= rect.x0 - margin && x < rect.x1 + margin && y >= rect.y0 - margin && y < rect.y1 + margin;
      mask[y * width + x] = inside ? (inCore ? 1 : 0) : inHull ? 0 : 1;
    }
  }
  return mask;
}

export function maskCount(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] as number;
  return n;
}
