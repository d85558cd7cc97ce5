import type { Plane } from "./rgb-image.js";

/** Separable Gaussian blur of a plane (edges clamped); σ in pixels, the kernel spans ±3σ. */
export function gaussianBlurPlane(plane: Plane, sigma: number): Plane {
  const { width: w, height: h, data } = plane;
  if (sigma <= 0) return plane;
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp((-i * i) / (2 * sigma * sigma));
    kernel[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] as number) / sum;
  const rows = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let v = 0;
      if (x >= radius && x + radius < w) {
        // Interior: no clamping (the same sum, in the same order).
        for (let k = -radius, i = row + x - radius; k <= radius; k++, i++)
          v += (kernel[k + radius] as number) * (data[i] as number);
      } else {
        for (let k = -radius; k <= radius; k++) {
          const xx = x + k < 0 ? 0 : x + k >= w ? w - 1 : x + k;
          v += (kernel[k + radius] as number) * (data[row + xx] as number);
        }
      }
      rows[row + x] = v;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const interior = y >= radius && y + radius < h;
    for (let x = 0; x < w; x++) {
      let v = 0;
      if (interior) {
        for (let k = -radius, i = (y - radius) * w + x; k <= radius; k++, i += w)
          v += (kernel[k + radius] as number) * (rows[i] as number);
      } else {
        for (let k = -radius; k <= radius; k++) {
          const yy = y + k < 0 ? 0 : y + k >= h ? h - 1 : y + k;
          v += (kernel[k + radius] as number) * (rows[yy * w + x] as number);
        }
      }
      out[y * w + x] = v;
    }
  }
  return { width: w, height: h, data: out };
}
