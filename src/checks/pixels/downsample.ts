import { wasmBoxDownsample } from "./box-downsample-wasm.js";
import type { RgbImage } from "./rgb-image.js";

/**
 * Box-filter downsample by an integer factor so that the longer side is at most `maxSide`.
 * Returns the image itself when it is already small enough.
 */
export function downsampleRgb(image: RgbImage, maxSide: number): RgbImage {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / maxSide));
  return factor === 1 ? image : boxDownsampleRgb(image, factor);
}

/**
 * Box-filter downsample by an integer factor: floor(w/f) × floor(h/f) pixels, each channel the mean of its f × f
 * block rounded half up (the remainder rows and columns dropped). The WebAssembly kernel computes it where it
 * can, the scalar code below otherwise; both give the same bytes.
 */
export function boxDownsampleRgb(image: RgbImage, factor: number): RgbImage {
  if (factor <= 1) return image;
  return wasmBoxDownsample(image, factor) ?? boxDownsampleScalar(image, factor);
}

/** The scalar box downsample (the reference the kernel is tested against). */
export function boxDownsampleScalar(image: RgbImage, factor: number): RgbImage {
  if (factor === 2) return halve(image);
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const out = new Uint8Array(width * height * 3);
  const sums = new Uint32Array(width * 3);
  const src = image.rgb;
  const used = width * factor;
  const area = factor * factor;
  for (let oy = 0; oy < height; oy++) {
    sums.fill(0);
    for (let y = oy * factor, yEnd = y + factor; y < yEnd; y++) {
      let p = y * image.width * 3;
      for (let x = 0, ox = 0, k = 0; x < used; x++, p += 3) {
        sums[ox] = (sums[ox] as number) + (src[p] as number);
        sums[ox + 1] = (sums[ox + 1] as number) + (src[p + 1] as number);
        sums[ox + 2] = (sums[ox + 2] as number) + (src[p + 2] as number);
        if (++k === factor) {
          k = 0;
          ox += 3;
        }
      }
    }
    const base = oy * width * 3;
    for (let i = 0; i < width * 3; i++) out[base + i] = ((sums[i] as number) + (area >> 1)) / area;
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
