import { type Dihedral, transformPlane } from "../geometry/dihedral.js";
import { cropPlane, resizePlane } from "../geometry/plane-ops.js";
import type { PixelRect, Plane, RgbImage } from "../pixels/rgb-image.js";

/** A mask of 0/1 bytes, row-major (1 = the area the edit may change). */
export interface BinaryMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A pixel counts as white (editable) when its grey level is at least this share of full white. */
export const MASK_WHITE_THRESHOLD = 0.5;

/**
 * The white pixels of a mask image: Rec. 601 luma ≥ 0.5 of full white (128 of 255). A soft or grey mask is cut
 * at that level; the border band of a soft mask is left to the keep check's tolerance band.
 */
export function binarizeMask(image: RgbImage): BinaryMask {
  const n = image.width * image.height;
  const data = new Uint8Array(n);
  const cut = MASK_WHITE_THRESHOLD * 255;
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const y =
      0.299 * (image.rgb[p] as number) +
      0.587 * (image.rgb[p + 1] as number) +
      0.114 * (image.rgb[p + 2] as number);
    data[i] = y >= cut ? 1 : 0;
  }
  return { width: image.width, height: image.height, data };
}

export function countMask(mask: BinaryMask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i] as number;
  return n;
}

/** The bounding box of the set pixels (half-open), or null when none is set. */
export function maskBounds(mask: BinaryMask): PixelRect | null {
  let x0 = mask.width;
  let y0 = mask.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[row + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Share of the mask's set pixels that lie inside `rect`. */
export function shareInside(mask: BinaryMask, rect: PixelRect): number {
  let inside = 0;
  let all = 0;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[y * mask.width + x]) continue;
      all++;
      if (x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1) inside++;
    }
  }
  return all === 0 ? 0 : inside / all;
}

/** Grows the set area by `radius` pixels (a square neighbourhood, done as two separable passes). */
export function dilateMask(mask: BinaryMask, radius: number): BinaryMask {
  if (radius <= 0) return mask;
  const { width: w, height: h } = mask;
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let last = -Infinity;
    const row = y * w;
    // Forward pass: distance to the last set pixel on the left; backward: on the right.
    for (let x = 0; x < w; x++) {
      if (mask.data[row + x]) last = x;
      if (x - last <= radius) rows[row + x] = 1;
    }
    last = Infinity;
    for (let x = w - 1; x >= 0; x--) {
      if (mask.data[row + x]) last = x;
      if (last - x <= radius) rows[row + x] = 1;
    }
  }
  const data = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let last = -Infinity;
    for (let y = 0; y < h; y++) {
      if (rows[y * w + x]) last = y;
      if (y - last <= radius) data[y * w + x] = 1;
    }
    last = Infinity;
    for (let y = h - 1; y >= 0; y--) {
      if (rows[y * w + x]) last = y;
      if (last - y <= radius) data[y * w + x] = 1;
    }
  }
  return { width: w, height: h, data };
}

/** The complement of a mask: 1 where it is 0. */
export function invertMask(mask: BinaryMask): BinaryMask {
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = mask.data[i] ? 0 : 1;
  return { width: mask.width, height: mask.height, data };
}

/** Pixels set in the mask and inside `rect`. */
export function intersectRect(mask: BinaryMask, rect: PixelRect): BinaryMask {
  const data = new Uint8Array(mask.data.length);
  for (let y = Math.max(0, rect.y0); y < Math.min(mask.height, rect.y1); y++)
    for (let x = Math.max(0, rect.x0); x < Math.min(mask.width, rect.x1); x++)
      data[y * mask.width + x] = mask.data[y * mask.width + x] as number;
  return { width: mask.width, height: mask.height, data };
}

function toPlane(mask: BinaryMask): Plane {
  return { width: mask.width, height: mask.height, data: Float32Array.from(mask.data) };
}

/**
 * The mask carried through the same geometry as the source in a candidate's frame: rotated/flipped by
 * `transform`, cut to `window` (in transformed coordinates), then resampled to width×height by area average and
 * cut again at one half, so it follows the source whatever resolution the candidate was delivered at.
 */
export function alignMask(
  mask: BinaryMask,
  transform: Dihedral,
  window: PixelRect,
  width: number,
  height: number,
): BinaryMask {
  let plane = transformPlane(toPlane(mask), transform);
  if (window.x0 !== 0 || window.y0 !== 0 || window.x1 !== plane.width || window.y1 !== plane.height)
    plane = cropPlane(plane, window);
  const sized = resizePlane(plane, width, height);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (sized.data[i] as number) >= 0.5 ? 1 : 0;
  return { width, height, data };
}
