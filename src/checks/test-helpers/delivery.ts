import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import type { RgbImage } from "../pixels/rgb-image.js";
import { mapPixels, withSharp } from "./synthetic-image.js";

/** A photo from ../shared/photos, or null (with the reason printed) when the folder is absent. */
export function sharedPhoto(name: string): string | null {
  const path = fileURLToPath(new URL(`../../../../shared/photos/${name}`, import.meta.url));
  if (existsSync(path)) return path;
  console.warn(`skipping: ${path} is absent (../shared/photos is not mounted)`);
  return null;
}

export async function loadPhoto(path: string, width = 384): Promise<RgbImage> {
  const { data, info } = await sharp(path)
    .resize(width)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

/**
 * How an editing model delivers a result: upscaled 1.33×, blurred by 0.6 px, saved as JPEG q90.
 * `{ scale: 1, blur: 0 }` leaves only the JPEG (keep checks under rescale and blur drift are the
 * delivery work's, not the look families').
 */
export async function deliver(
  image: RgbImage,
  options: { scale?: number; blur?: number } = {},
): Promise<RgbImage> {
  const { scale = 1.33, blur = 0.6 } = options;
  return withSharp(image, (s) => {
    let out = scale === 1 ? s : s.resize(Math.round(image.width * scale));
    if (blur > 0) out = out.blur(blur);
    return out.jpeg({ quality: 90 });
  });
}

/** Each channel rounded to `levels` evenly spaced values. */
export function posterizeRgb(image: RgbImage, levels: number): RgbImage {
  const step = 255 / (levels - 1);
  const q = (v: number) => Math.round(v / step) * step;
  return mapPixels(image, (r, g, b) => [q(r), q(g), q(b)]);
}

/** RGB × (1 − strength · r²), r = 1 at the corners (strength < 0 brightens the edges). */
export function vignetteRgb(image: RgbImage, strength: number): RgbImage {
  return mapPixels(image, (r, g, b, x, y) => {
    const dx = (x - image.width / 2) / (image.width / 2);
    const dy = (y - image.height / 2) / (image.height / 2);
    const k = 1 - strength * ((dx * dx + dy * dy) / 2);
    return [r * k, g * k, b * k];
  });
}
