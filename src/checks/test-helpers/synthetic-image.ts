import sharp from "sharp";
import { seededRng } from "../../metrics/seeded-rng.js";
import type { RgbImage } from "../pixels/rgb-image.js";

/** Deterministic pseudo-random numbers (mulberry32). */
export const seeded = seededRng;

/**
 * A photo-like test image: smooth colour gradients, a few discs and bars with sharp edges, and mild
 * texture, so that tone, geometry, detail and blocking checks all have something to measure.
 */
export function syntheticImage(width = 192, height = 128, seed = 1): RgbImage {
  const rnd = seeded(seed);
  const rgb = new Uint8Array(width * height * 3);
  const discs = Array.from({ length: 6 }, () => ({
    x: rnd() * width,
    y: rnd() * height,
    r: 6 + rnd() * Math.min(width, height) * 0.2,
    c: [rnd() * 200 + 30, rnd() * 200 + 30, rnd() * 200 + 30],
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 60 + (140 * x) / width + 20 * Math.sin(y / 9);
      let g = 50 + (120 * y) / height + 15 * Math.cos(x / 11);
      let b = 150 - (80 * x) / width + (60 * y) / height;
      if ((Math.floor(x / 13) + Math.floor(y / 19)) % 5 === 0) {
        r *= 0.6;
        g *= 0.7;
      }
      for (const d of discs) {
        if ((x - d.x) ** 2 + (y - d.y) ** 2 < d.r ** 2) [r, g, b] = d.c as [number, number, number];
      }
      const tex = (rnd() - 0.5) * 6;
      const o = (y * width + x) * 3;
      rgb[o] = clamp(r + tex);
      rgb[o + 1] = clamp(g + tex);
      rgb[o + 2] = clamp(b + tex);
    }
  }
  return { width, height, rgb };
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** Applies a sharp pipeline to raw RGB pixels and returns raw RGB pixels. */
export async function withSharp(image: RgbImage, op: (s: sharp.Sharp) => sharp.Sharp): Promise<RgbImage> {
  const input = sharp(Buffer.from(image.rgb), {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  const { data, info } = await op(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

/** Maps every pixel's channels through `f`. */
export function mapPixels(
  image: RgbImage,
  f: (r: number, g: number, b: number, x: number, y: number) => [number, number, number],
): RgbImage {
  const rgb = new Uint8Array(image.rgb.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const o = (y * image.width + x) * 3;
      const [r, g, b] = f(
        image.rgb[o] as number,
        image.rgb[o + 1] as number,
        image.rgb[o + 2] as number,
        x,
        y,
      );
      rgb[o] = clamp(r);
      rgb[o + 1] = clamp(g);
      rgb[o + 2] = clamp(b);
    }
  }
  return { width: image.width, height: image.height, rgb };
}

/** PNG bytes of raw RGB pixels. */
export async function toPng(image: RgbImage): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp(Buffer.from(image.rgb), { raw: { width: image.width, height: image.height, channels: 3 } })
      .png()
      .toBuffer(),
  );
}
