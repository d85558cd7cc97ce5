import type { Rect, Rgb } from "./edit-spec.js";
import { fromSharp, type RawImage, toSharp } from "./raw-image.js";

export function rotate(img: RawImage, degrees: 90 | 180 | 270): Promise<RawImage> {
  return fromSharp(toSharp(img).rotate(degrees));
}

/** horizontal = mirror left/right (sharp's flop); vertical = upside-down mirror (sharp's flip). */
export function flip(img: RawImage, axis: "horizontal" | "vertical"): Promise<RawImage> {
  return fromSharp(axis === "horizontal" ? toSharp(img).flop() : toSharp(img).flip());
}

/** Pixel bounds of a normalised rectangle, at least one pixel wide and tall. */
export function rectPixels(rect: Rect, width: number, height: number) {
  const left = Math.min(width - 1, Math.max(0, Math.round(rect.x0 * width)));
  const top = Math.min(height - 1, Math.max(0, Math.round(rect.y0 * height)));
  const right = Math.max(left + 1, Math.min(width, Math.round(rect.x1 * width)));
  const bottom = Math.max(top + 1, Math.min(height, Math.round(rect.y1 * height)));
  return { left, top, width: right - left, height: bottom - top };
}

export function crop(img: RawImage, rect: Rect): RawImage {
  const p = rectPixels(rect, img.width, img.height);
  const out = new Uint8Array(p.width * p.height * 3);
  for (let y = 0; y < p.height; y++) {
    const start = ((p.top + y) * img.width + p.left) * 3;
    out.set(img.data.subarray(start, start + p.width * 3), y * p.width * 3);
  }
  return { width: p.width, height: p.height, data: out };
}

export function border(img: RawImage, color: Rgb, width: number): Promise<RawImage> {
  const w = Math.max(1, Math.round(width));
  const [r, g, b] = color;
  return fromSharp(toSharp(img).extend({ top: w, bottom: w, left: w, right: w, background: { r, g, b } }));
}

export function insetFrame(img: RawImage, color: Rgb, width: number): RawImage {
  const w = Math.max(1, Math.round(width));
  const out = new Uint8Array(img.data);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (x >= w && y >= w && x < img.width - w && y < img.height - w) continue;
      out.set(color, (y * img.width + x) * 3);
    }
  }
  return { width: img.width, height: img.height, data: out };
}

export function resize(img: RawImage, scaleX: number, scaleY: number): Promise<RawImage> {
  const width = Math.max(1, Math.round(img.width * scaleX));
  const height = Math.max(1, Math.round(img.height * scaleY));
  return fromSharp(toSharp(img).resize(width, height, { fit: "fill", kernel: "lanczos3" }));
}
