import { wasmGaussianBlur } from "./gaussian-blur-wasm.js";
import type { Plane } from "./rgb-image.js";

/** The normalised float32 taps of a Gaussian of σ over ±radius. */
function gaussianKernel(sigma: number, radius: number): Float32Array {
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp((-i * i) / (2 * sigma * sigma));
    kernel[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] as number) / sum;
  return kernel;
}

/**
 * Separable Gaussian blur of a plane (edges clamped); σ in pixels, the kernel spans ±3σ. The interior runs as a
 * WebAssembly kernel where it can (`gaussian-blur-wasm.ts`, the same bits), else in JavaScript.
 */
export function gaussianBlurPlane(plane: Plane, sigma: number): Plane {
  return blur(plane, sigma, true);
}

/** The blur in JavaScript alone (the reference the kernel is tested against). */
export function gaussianBlurScalar(plane: Plane, sigma: number): Plane {
  return blur(plane, sigma, false);
}

function blur(plane: Plane, sigma: number, useKernel: boolean): Plane {
  const { width: w, height: h, data } = plane;
  if (sigma <= 0) return plane;
  const radius = Math.max(1, Math.ceil(sigma * 3));
  const kernel = gaussianKernel(sigma, radius);
  const horizontal = (src: Float32Array, y: number, x: number): number => {
    const row = y * w;
    let v = 0;
    for (let k = -radius; k <= radius; k++) {
      const xx = x + k < 0 ? 0 : x + k >= w ? w - 1 : x + k;
      v += (kernel[k + radius] as number) * (src[row + xx] as number);
    }
    return v;
  };
  const vertical = (rows: Float32Array, y: number, x: number): number => {
    let v = 0;
    for (let k = -radius; k <= radius; k++) {
      const yy = y + k < 0 ? 0 : y + k >= h ? h - 1 : y + k;
      v += (kernel[k + radius] as number) * (rows[yy * w + x] as number);
    }
    return v;
  };
  const fast = useKernel ? wasmGaussianBlur(plane, kernel, radius, { horizontal, vertical }) : null;
  if (fast) return fast;
  const rows = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (x >= radius && x + radius < w) {
        // Interior: no clamping (the same sum, in the same order).
        let v = 0;
        for (let k = -radius, i = row + x - radius; k <= radius; k++, i++)
          v += (kernel[k + radius] as number) * (data[i] as number);
        rows[row + x] = v;
      } else rows[row + x] = horizontal(data, y, x);
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const interior = y >= radius && y + radius < h;
    for (let x = 0; x < w; x++) {
      if (interior) {
        let v = 0;
        for (let k = -radius, i = (y - radius) * w + x; k <= radius; k++, i += w)
          v += (kernel[k + radius] as number) * (rows[i] as number);
        out[y * w + x] = v;
      } else out[y * w + x] = vertical(rows, y, x);
    }
  }
  return { width: w, height: h, data: out };
}
