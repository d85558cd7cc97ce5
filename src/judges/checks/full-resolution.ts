import { type Blockiness, measureBlockiness } from "../../checks/blockiness.js";
import { toLuma } from "../../checks/pixels/luma.js";
import { cropRgb } from "../../checks/pixels/resize-rgb.js";
import type { Plane, RgbImage } from "../../checks/pixels/rgb-image.js";

/**
 * Full-resolution tiles, a grid of TILE_GRID × TILE_GRID, each at most TILE_SIDE px (about one working-size image
 * of pixels in all), for what downsampling would erase: blockiness and the noise level.
 */
const TILE_GRID = 4;
const TILE_SIDE = 256;

/** The tile rectangles of an image: evenly spread, origins on the 8-px grid so JPEG's block phase is kept. */
export function fullResolutionTiles(
  width: number,
  height: number,
): Array<{ x0: number; y0: number; x1: number; y1: number }> {
  const side = Math.min(TILE_SIDE, Math.floor(Math.min(width, height) / TILE_GRID / 8) * 8);
  if (side < 32) return [];
  const at = (k: number, extent: number) =>
    Math.min(extent - side, Math.max(0, Math.round(((k + 0.5) * extent) / TILE_GRID - side / 2) & ~7));
  const tiles = [];
  for (let ty = 0; ty < TILE_GRID; ty++)
    for (let tx = 0; tx < TILE_GRID; tx++) {
      const x0 = at(tx, width);
      const y0 = at(ty, height);
      tiles.push({ x0, y0, x1: x0 + side, y1: y0 + side });
    }
  return tiles;
}

/**
 * Blockiness at full resolution: of the whole image when it is analysed as given, else the mean over the
 * full-resolution tiles (block size: the one most tiles find).
 */
export function fullResolutionBlockiness(image: RgbImage, factor: number, luma: Plane): Blockiness {
  if (factor === 1) return measureBlockiness(luma);
  const tiles = fullResolutionTiles(image.width, image.height).map((r) =>
    measureBlockiness(toLuma(cropRgb(image, r))),
  );
  if (tiles.length === 0) return measureBlockiness(luma);
  const mean = (pick: (b: Blockiness) => number) => tiles.reduce((sum, b) => sum + pick(b), 0) / tiles.length;
  const pixelation = mean((b) => b.pixelation);
  const votes = new Map<number, number>();
  for (const b of tiles) if (b.blockSize > 0) votes.set(b.blockSize, (votes.get(b.blockSize) ?? 0) + 1);
  const blockSize = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return {
    blockSize: pixelation > 0.3 ? blockSize : 0,
    pixelation,
    jpegBlockiness: mean((b) => b.jpegBlockiness),
  };
}
