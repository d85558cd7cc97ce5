import type { RgbImage } from "./rgb-image.js";

/**
 * Box-filter downsample by an integer factor so that the longer side is at most `maxSide`.
 * Returns the image itself when it is already small enough.
 */
export function downsampleRgb(image: RgbImage, maxSide: number): RgbImage {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / maxSide));
  return factor === 1 ? image : boxDownsampleRgb(image, factor);
}

export function boxDownsampleRgb(image: RgbImage, factor: number): RgbImage {
  if (factor === 2) return halve(image);
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const out = new Uint8Array(width * height * 3);
  const sums = new Float64Array(width * 3);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * image.width * 3;
      for (let x = 0; x < width; x++) {
        let p = row + x * factor * 3;
        const o = x * 3;
        for (let dx = 0; dx < factor; dx++, p += 3) {
          sums[o] = (sums[o] as number) + (image.rgb[p] as number);
          sums[o + 1] = (sums[o + 1] as number) + (image.rgb[p + 1] as number);
          sums[o + 2] = (sums[o + 2] as number) + (image.rgb[p + 2] as number);
        }
      }
    }
    const base = y * width * 3;
    for (let i = 0; i < width * 3; i++) out[base + i] = Math.round((sums[i] as number) / area);
  }
  return { width, height, rgb: out };
}

/** The common case, specialised: 2×2 box average. */
function halve(image: RgbImage): RgbImage {
  const width = Math.max(1, Math.floor(image.width / 2));
  const height = Math.max(1, Math.floor(image.height / 2));
  const out = new Uint8Array(width * height * 3);
  const src = image.rgb;
  const stride = image.width * 3;
  for (let y = 0; y < height; y++) {
    let p = 2 * y * stride;
    let o = y * width * 3;
    for (let x = 0; x < width; x++, p += 6, o += 3) {
      for (let c = 0; c < 3; c++) {
        out[o + c] =
          ((src[p + c] as number) +
            (src[p + 3 + c] as number) +
            (src[p + stride + c] as number) +
            (src[p + stride + 3 + c] as number) +
            2) >>
          2;
      }
    }
  }
  return { width, height, rgb: out };
}
