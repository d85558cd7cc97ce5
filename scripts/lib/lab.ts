import { clamp8, type RawImage } from "./raw-image.js";

/** CIE L*a*b* (D65) planes of an image. */
export interface LabPlanes {
  width: number;
  height: number;
  L: Float32Array;
  a: Float32Array;
  b: Float32Array;
}

const SRGB_TO_LINEAR = Float64Array.from({ length: 256 }, (_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

const LINEAR_STEPS = 65535;
const LINEAR_TO_SRGB = Uint8Array.from({ length: LINEAR_STEPS + 1 }, (_, i) => {
  const c = i / LINEAR_STEPS;
  return clamp8(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
});

const XN = 0.95047;
const ZN = 1.08883;
const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

const f = (t: number): number => (t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116);
const finv = (t: number): number => {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
};

export function toLab(img: RawImage): LabPlanes {
  const n = img.width * img.height;
  const L = new Float32Array(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) {
    const r = SRGB_TO_LINEAR[d[i * 3] as number] as number;
    const g = SRGB_TO_LINEAR[d[i * 3 + 1] as number] as number;
    const bl = SRGB_TO_LINEAR[d[i * 3 + 2] as number] as number;
    const fx = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * bl) / XN);
    const fy = f(0.2126729 * r + 0.7151522 * g + 0.072175 * bl);
    const fz = f((0.0193339 * r + 0.119192 * g + 0.9503041 * bl) / ZN);
    L[i] = 116 * fy - 16;
    a[i] = 500 * (fx - fy);
    b[i] = 200 * (fy - fz);
  }
  return { width: img.width, height: img.height, L, a, b };
}

const toSrgb8 = (linear: number): number =>
  LINEAR_TO_SRGB[linear <= 0 ? 0 : linear >= 1 ? LINEAR_STEPS : Math.round(linear * LINEAR_STEPS)] as number;

/** Back to 8-bit sRGB; out-of-gamut colours are clipped per channel. */
export function fromLab(lab: LabPlanes): RawImage {
  const n = lab.width * lab.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const fy = ((lab.L[i] as number) + 16) / 116;
    const x = XN * finv(fy + (lab.a[i] as number) / 500);
    const y = finv(fy);
    const z = ZN * finv(fy - (lab.b[i] as number) / 200);
    out[i * 3] = toSrgb8(3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
    out[i * 3 + 1] = toSrgb8(-0.969266 * x + 1.8760108 * y + 0.041556 * z);
    out[i * 3 + 2] = toSrgb8(0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
  }
  return { width: lab.width, height: lab.height, data: out };
}

/** Applies a per-pixel Lab transform in place and returns the re-encoded image. */
export function mapLab(img: RawImage, fn: (lab: LabPlanes) => void): RawImage {
  const lab = toLab(img);
  fn(lab);
  return fromLab(lab);
}

export function meanOf(values: Float32Array): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length === 0 ? 0 : s / values.length;
}
