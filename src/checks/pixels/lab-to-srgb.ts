import type { RgbImage } from "./rgb-image.js";
import type { LabImage } from "./srgb-to-lab.js";

const finv = (t: number): number => (t * t * t > 216 / 24389 ? t * t * t : (116 * t - 16) / (24389 / 27));
const encode = (c: number): number => {
  const v = c <= 0 ? 0 : c >= 1 ? 1 : c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
  return Math.round(v * 255);
};

/** CIE L*a*b* (D65) planes back to 8-bit sRGB; out-of-gamut colours are clipped per channel. */
export function labToSrgb(lab: LabImage): RgbImage {
  const n = lab.width * lab.height;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const fy = ((lab.L[i] as number) + 16) / 116;
    const x = 0.95047 * finv(fy + (lab.a[i] as number) / 500);
    const y = finv(fy);
    const z = 1.08883 * finv(fy - (lab.b[i] as number) / 200);
    rgb[i * 3] = encode(3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
    rgb[i * 3 + 1] = encode(-0.969266 * x + 1.8760108 * y + 0.041556 * z);
    rgb[i * 3 + 2] = encode(0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
  }
  return { width: lab.width, height: lab.height, rgb };
}
