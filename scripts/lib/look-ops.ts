import { mapLab } from "./lab.js";
import { clamp8, fromSharp, type RawImage, toSharp } from "./raw-image.js";

/**
 * Renders of the look families. Vignette: RGB × (1 − strength · falloff(r)), a smooth falloff from 0 at
 * `inner` of the half-diagonal to 1 at the corners (strength < 0 brightens the edges). Posterize: each
 * channel rounded to `levels` evenly spaced values. Hue: a*, b* rotated by `degrees` (LCh hue), chroma kept.
 * Tilt: rotated about the centre by `degrees` clockwise, on the same canvas with the corners filled, or
 * cropped to the largest upright rectangle of the same aspect and scaled back up ("zoom").
 */
export function vignette(img: RawImage, strength: number, inner: number): RawImage {
  const { width: w, height: h } = img;
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const dx = (x + 0.5 - w / 2) / (w / 2);
      const dy = (y + 0.5 - h / 2) / (h / 2);
      const r = Math.sqrt((dx * dx + dy * dy) / 2);
      const t = Math.min(1, Math.max(0, (r - inner) / (1 - inner)));
      const k = 1 - strength * t * t * (3 - 2 * t);
      const o = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = clamp8((img.data[o + c] as number) * k);
    }
  return { width: w, height: h, data: out };
}

export function posterize(img: RawImage, levels: number): RawImage {
  const step = 255 / (levels - 1);
  const table = Uint8Array.from({ length: 256 }, (_, v) => clamp8(Math.round(v / step) * step));
  return { width: img.width, height: img.height, data: img.data.map((v) => table[v] as number) };
}

export function hueRotate(img: RawImage, degrees: number): RawImage {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  return mapLab(img, (lab) => {
    for (let i = 0; i < lab.a.length; i++) {
      const a = lab.a[i] as number;
      const b = lab.b[i] as number;
      lab.a[i] = a * cos - b * sin;
      lab.b[i] = a * sin + b * cos;
    }
  });
}

export type TiltFill = "black" | "white" | "zoom";

export async function tilt(img: RawImage, degrees: number, fill: TiltFill): Promise<RawImage> {
  const { width: w, height: h } = img;
  const background = fill === "white" ? { r: 255, g: 255, b: 255 } : { r: 0, g: 0, b: 0 };
  const rotated = await fromSharp(toSharp(img).rotate(degrees, { background }));
  if (fill !== "zoom") {
    const left = Math.floor((rotated.width - w) / 2);
    const top = Math.floor((rotated.height - h) / 2);
    return fromSharp(toSharp(rotated).extract({ left, top, width: w, height: h }));
  }
  // Largest centred w:h rectangle inside the rotated frame: scale k with k·(w·cos + h·sin) ≤ w, etc.
  const t = (Math.abs(degrees) * Math.PI) / 180;
  const k = Math.min(w / (w * Math.cos(t) + h * Math.sin(t)), h / (w * Math.sin(t) + h * Math.cos(t)));
  const cw = Math.floor(w * k) - 2;
  const ch = Math.floor(h * k) - 2;
  const left = Math.floor((rotated.width - cw) / 2);
  const top = Math.floor((rotated.height - ch) / 2);
  return fromSharp(toSharp(rotated).extract({ left, top, width: cw, height: ch }).resize(w, h));
}
