import type { RgbImage } from "./rgb-image.js";

/** CIE L*a*b* (D65) planes. */
export interface LabImage {
  width: number;
  height: number;
  L: Float32Array;
  a: Float32Array;
  b: Float32Array;
}

const LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);

export function srgbToLab(image: RgbImage): LabImage {
  const n = image.width * image.height;
  const L = new Float32Array(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  const { rgb } = image;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const r = LINEAR[rgb[j] as number] as number;
    const g = LINEAR[rgb[j + 1] as number] as number;
    const bl = LINEAR[rgb[j + 2] as number] as number;
    const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * bl) / 0.95047);
    const fy = f(0.2126729 * r + 0.7151522 * g + 0.072175 * bl);
    const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * bl) / 1.08883);
    L[i] = 116 * fy - 16;
    a[i] = 500 * (fx - fy);
    b[i] = 200 * (fy - fz);
  }
  return { width: image.width, height: image.height, L, a, b };
}
