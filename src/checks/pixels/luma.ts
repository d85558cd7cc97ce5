import type { Plane, RgbImage } from "./rgb-image.js";

/** Rec. 709 luma on gamma-encoded values, 0–255. */
export function toLuma(image: RgbImage): Plane {
  const { width, height, rgb } = image;
  const data = new Float32Array(width * height);
  const n = data.length;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    data[i] = 0.2126 * (rgb[j] as number) + 0.7152 * (rgb[j + 1] as number) + 0.0722 * (rgb[j + 2] as number);
  }
  return { width, height, data };
}
