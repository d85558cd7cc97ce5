import sharp from "sharp";
import type { Img } from "./image-ops.js";

/**
 * A drawn stop sign (COCO class "stop sign"), the second object class of the object family:
 * the only other objects the detector finds in the development photos (a cup seen from above, a cat it
 * calls a dog) are not recognised reliably once pasted elsewhere.
 */
export async function stopSign(size = 160): Promise<Img> {
  const ring = (r: number) =>
    Array.from({ length: 8 }, (_, i) => {
      const a = Math.PI / 8 + (i * Math.PI) / 4;
      return `${size / 2 + r * Math.cos(a)},${size / 2 + r * Math.sin(a)}`;
    }).join(" ");
  // No pole: the detector's box covers the plate only, so a pole would count as a change outside it.
  const height = size;
  const svg =
    `<svg width="${size}" height="${height}">` +
    `<polygon points="${ring(size / 2 - 2)}" fill="white"/><polygon points="${ring(size / 2 - 10)}" fill="#c8102e"/>` +
    `<text x="${size / 2}" y="${size / 2 + 16}" font-size="${Math.round(size * 0.27)}" font-family="DejaVu Sans" ` +
    `font-weight="bold" fill="white" text-anchor="middle">STOP</text></svg>`;
  return { png: await sharp(Buffer.from(svg)).png().toBuffer(), width: size, height };
}
