import { boxDownsampleRgb } from "../../checks/pixels/downsample.js";
import type { DecodedImage } from "../../contract/image.js";

/**
 * Resolution the content models (OCR, detector, face embeddings) are given: an image whose longer side is over
 * this many pixels is box-downsampled by the smallest integer factor that brings it to at most this. Their
 * answers are in fractions of the image (boxes), so only what is too small to read at this resolution (text
 * under a few pixels high, a face under `faceMinPixels` after the reduction) is lost; in exchange a 4096² image
 * costs the models what a 2048² one does, and the judge can keep large images reduced (`compactImage`).
 */
export const CONTENT_SIDE = 2048;

/** The integer factor that brings an image's longer side to at most CONTENT_SIDE (1 when it already is). */
export function contentFactor(image: { width: number; height: number }): number {
  return Math.max(1, Math.ceil(Math.max(image.width, image.height) / CONTENT_SIDE));
}

/**
 * The image as the content models see it: itself when small enough, else reduced (same name, hash and format, so
 * a model's answer is cached per image and resolution).
 */
export function contentView(image: DecodedImage): DecodedImage {
  const factor = contentFactor(image);
  if (factor === 1) return image;
  const reduced = boxDownsampleRgb(image, factor);
  return {
    ...image,
    width: reduced.width,
    height: reduced.height,
    rgb: reduced.rgb,
    encoded: new Uint8Array(0),
  };
}
