import { alignMask, type BinaryMask } from "../../checks/mask/binary-mask.js";
import { boxDownsampleRgb } from "../../checks/pixels/downsample.js";
import { cropRgb } from "../../checks/pixels/resize-rgb.js";
import type { PixelRect, RgbImage } from "../../checks/pixels/rgb-image.js";

/** One full-resolution tile of an image and where it was cut. */
export interface FullResolutionTile {
  rect: PixelRect;
  rgb: RgbImage;
}

/**
 * What the pixel checks read of an image: its size as given, the image at the working factor, and, when that
 * factor is over 1, the full-resolution tiles that the measures downsampling would erase read from (JPEG blocks,
 * fine noise). A few megabytes whatever the image's size, so a 4096² candidate in flight costs what a 1024² one
 * does.
 */
export interface ReducedImage {
  /** The size as given (full resolution). */
  width: number;
  height: number;
  /** The box-downsampling factor from the image as given to `working` (1: the image itself). */
  factor: number;
  working: RgbImage;
  /** Full-resolution tiles (`fullResolutionTiles`); empty when `factor` is 1, since `working` is full resolution. */
  tiles: FullResolutionTile[];
}

export function isReduced(image: RgbImage | ReducedImage): image is ReducedImage {
  return "working" in image;
}

/** Reduces an image by `factor` (the source's working factor, for a candidate too: sizes keep their ratios). */
export function reduceImage(image: RgbImage, factor: number): ReducedImage {
  if (factor === 1) return { width: image.width, height: image.height, factor, working: image, tiles: [] };
  return {
    width: image.width,
    height: image.height,
    factor,
    working: boxDownsampleRgb(image, factor),
    tiles: fullResolutionTiles(image.width, image.height).map((rect) => ({
      rect,
      rgb: cropRgb(image, rect),
    })),
  };
}

/** A mask at an image's size as given, brought to its working resolution (returned as is when it already is). */
export function reduceMask(mask: BinaryMask, image: ReducedImage): BinaryMask {
  const { width, height } = image.working;
  if (mask.width === width && mask.height === height) return mask;
  return alignMask(mask, "identity", { x0: 0, y0: 0, x1: mask.width, y1: mask.height }, width, height);
}

/**
 * The same image with its pixels in shared memory, and only its pixels (no encoded bytes or names), so posting it
 * to a worker copies nothing however many tasks carry it.
 */
export function sharedReduced(image: ReducedImage): ReducedImage {
  return {
    width: image.width,
    height: image.height,
    factor: image.factor,
    working: sharedRgb(image.working),
    tiles: image.tiles.map((t) => ({ rect: t.rect, rgb: sharedRgb(t.rgb) })),
  };
}

function sharedRgb(image: RgbImage): RgbImage {
  return { width: image.width, height: image.height, rgb: shared(image.rgb) };
}

/** A mask whose pixels are in shared memory. */
export function sharedMask(mask: BinaryMask): BinaryMask {
  return { width: mask.width, height: mask.height, data: shared(mask.data) };
}

function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}

/**
 * Full-resolution tiles, a grid of TILE_GRID × TILE_GRID, each at most TILE_SIDE px (about one working-size image
 * of pixels in all), for what downsampling would erase: blockiness and the noise level.
 */
const TILE_GRID = 4;
const TILE_SIDE = 256;

/** The tile rectangles of an image: evenly spread, origins on the 8-px grid so JPEG's block phase is kept. */
export function fullResolutionTiles(width: number, height: number): PixelRect[] {
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
