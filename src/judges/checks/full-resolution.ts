import { type Blockiness, measureBlockiness } from "../../checks/blockiness.js";
import { toLuma } from "../../checks/pixels/luma.js";
import type { Plane } from "../../checks/pixels/rgb-image.js";
import type { FullResolutionTile, ReducedImage } from "./reduced-image.js";

/** The luma planes of an image's full-resolution tiles, in the tiles' order. */
export function tileLumas(tiles: readonly FullResolutionTile[]): Plane[] {
  return tiles.map((t) => toLuma(t.rgb));
}

/**
 * Blockiness at full resolution: of the whole image when it is analysed as given (`luma`, its working plane),
 * else the mean over its full-resolution tiles (block size: the one most tiles find). `tiles`: their luma planes
 * (`tileLumas`), asked for only when the image is reduced.
 */
export function fullResolutionBlockiness(
  image: ReducedImage,
  luma: Plane,
  tiles: () => readonly Plane[],
): Blockiness {
  if (image.factor === 1 || image.tiles.length === 0) return measureBlockiness(luma);
  const measured = tiles().map((t) => measureBlockiness(t));
  const mean = (pick: (b: Blockiness) => number) =>
    measured.reduce((sum, b) => sum + pick(b), 0) / measured.length;
  const pixelation = mean((b) => b.pixelation);
  const votes = new Map<number, number>();
  for (const b of measured) if (b.blockSize > 0) votes.set(b.blockSize, (votes.get(b.blockSize) ?? 0) + 1);
  const blockSize = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return {
    blockSize: pixelation > 0.3 ? blockSize : 0,
    pixelation,
    jpegBlockiness: mean((b) => b.jpegBlockiness),
  };
}
