import { clamp8, fromSharp, type RawImage, toSharp } from "./raw-image.js";
import { createRng } from "./rng.js";

export function blur(img: RawImage, sigma: number): Promise<RawImage> {
  return fromSharp(toSharp(img).blur(Math.max(0.3, sigma)));
}

export function median(img: RawImage, size: number): Promise<RawImage> {
  return fromSharp(toSharp(img).median(size));
}

/** Unsharp mask: out = src + amount · (src − blur(src, sigma)). Large amounts give halos. */
export async function sharpen(img: RawImage, sigma: number, amount: number): Promise<RawImage> {
  const soft = await blur(img, sigma);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = img.data[i] as number;
    out[i] = clamp8(v + amount * (v - (soft.data[i] as number)));
  }
  return { width: img.width, height: img.height, data: out };
}

/** Gaussian noise from a seeded generator: luminance-only (`mono`) or per channel. */
export function addNoise(img: RawImage, sigma: number, mono: boolean, seed: number): RawImage {
  const rng = createRng(seed);
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i += 3) {
    const shared = mono ? rng.normal() * sigma : 0;
    for (let c = 0; c < 3; c++) {
      const n = mono ? shared : rng.normal() * sigma;
      out[i + c] = clamp8((img.data[i + c] as number) + n);
    }
  }
  return { width: img.width, height: img.height, data: out };
}

/** Mosaic: each block×block cell takes its mean colour. */
export function pixelate(img: RawImage, block: number): RawImage {
  const { width, height, data } = img;
  const out = new Uint8Array(data.length);
  const b = Math.max(2, Math.round(block));
  for (let by = 0; by < height; by += b) {
    for (let bx = 0; bx < width; bx += b) {
      const yEnd = Math.min(by + b, height);
      const xEnd = Math.min(bx + b, width);
      const sum = [0, 0, 0];
      for (let y = by; y < yEnd; y++)
        for (let x = bx; x < xEnd; x++)
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (data[(y * width + x) * 3 + c] as number);
      const count = (yEnd - by) * (xEnd - bx);
      for (let y = by; y < yEnd; y++)
        for (let x = bx; x < xEnd; x++)
          for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = Math.round((sum[c] as number) / count);
    }
  }
  return { width, height, data: out };
}
