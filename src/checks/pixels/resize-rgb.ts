import type { PixelRect, RgbImage } from "./rgb-image.js";

export function cropRgb(image: RgbImage, rect: PixelRect): RgbImage {
  const width = rect.x1 - rect.x0;
  const height = rect.y1 - rect.y0;
  if (rect.x0 === 0 && rect.y0 === 0 && width === image.width && height === image.height) return image;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((rect.y0 + y) * image.width + rect.x0) * 3;
    rgb.set(image.rgb.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, rgb };
}

/** Area-average resize (bilinear when enlarging) to an exact size. */
export function resizeRgb(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return image;
  const rgb = new Uint8Array(width * height * 3);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (sx <= 1 && sy <= 1) {
        const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
        const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
        const x0 = Math.floor(fx);
        const y0 = Math.floor(fy);
        const x1 = Math.min(image.width - 1, x0 + 1);
        const y1 = Math.min(image.height - 1, y0 + 1);
        const wx = fx - x0;
        const wy = fy - y0;
        for (let c = 0; c < 3; c++) {
          const p = (yy: number, xx: number) => image.rgb[(yy * image.width + xx) * 3 + c] as number;
          rgb[o + c] = Math.round(
            (p(y0, x0) * (1 - wx) + p(y0, x1) * wx) * (1 - wy) + (p(y1, x0) * (1 - wx) + p(y1, x1) * wx) * wy,
          );
        }
        continue;
      }
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.min(image.width, Math.round((x + 1) * sx)));
      const y0 = Math.floor(y * sy);
      const y1 = Math.max(y0 + 1, Math.min(image.height, Math.round((y + 1) * sy)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const p = (yy * image.width + xx) * 3;
          r += image.rgb[p] as number;
          g += image.rgb[p + 1] as number;
          b += image.rgb[p + 2] as number;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      rgb[o] = Math.round(r / n);
      rgb[o + 1] = Math.round(g / n);
      rgb[o + 2] = Math.round(b / n);
    }
  }
  return { width, height, rgb };
}
