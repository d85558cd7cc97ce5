import type { Rect } from "./edit-spec.js";
import { blur } from "./filter-ops.js";
import { rectPixels } from "./geometry-ops.js";
import type { RawImage } from "./raw-image.js";

/** Pastes a rectangle of `donor` (top-left at `from`, normalised in the donor) over `at` in `img`. */
export function pastePatch(
  img: RawImage,
  donor: RawImage,
  at: Rect,
  from: { x: number; y: number },
): RawImage {
  const p = rectPixels(at, img.width, img.height);
  const w = Math.min(p.width, donor.width);
  const h = Math.min(p.height, donor.height);
  const sx = Math.min(donor.width - w, Math.round(from.x * donor.width));
  const sy = Math.min(donor.height - h, Math.round(from.y * donor.height));
  const out = new Uint8Array(img.data);
  for (let y = 0; y < h; y++) {
    const src = ((sy + y) * donor.width + sx) * 3;
    out.set(donor.data.subarray(src, src + w * 3), ((p.top + y) * img.width + p.left) * 3);
  }
  return { width: img.width, height: img.height, data: out };
}

/** An elliptical blob inside `at`, either smeared (heavy blur) or filled with its mean colour. */
export async function smear(img: RawImage, at: Rect, style: "blur" | "flat"): Promise<RawImage> {
  const p = rectPixels(at, img.width, img.height);
  const cx = p.left + p.width / 2;
  const cy = p.top + p.height / 2;
  const inside = (x: number, y: number) =>
    ((x + 0.5 - cx) / (p.width / 2)) ** 2 + ((y + 0.5 - cy) / (p.height / 2)) ** 2 <= 1;
  let fill: Uint8Array;
  if (style === "blur") {
    fill = (await blur(img, Math.max(8, Math.min(p.width, p.height) / 6))).data;
  } else {
    const sum = [0, 0, 0];
    let count = 0;
    for (let y = p.top; y < p.top + p.height; y++)
      for (let x = p.left; x < p.left + p.width; x++) {
        if (!inside(x, y)) continue;
        for (let c = 0; c < 3; c++)
          sum[c] = (sum[c] as number) + (img.data[(y * img.width + x) * 3 + c] as number);
        count++;
      }
    const mean = sum.map((s) => Math.round(s / Math.max(1, count)));
    fill = new Uint8Array(img.data.length);
    for (let i = 0; i < fill.length; i += 3) fill.set(mean, i);
  }
  const out = new Uint8Array(img.data);
  for (let y = p.top; y < p.top + p.height; y++)
    for (let x = p.left; x < p.left + p.width; x++) {
      if (!inside(x, y)) continue;
      const i = (y * img.width + x) * 3;
      out.set(fill.subarray(i, i + 3), i);
    }
  return { width: img.width, height: img.height, data: out };
}
