import sharp from "sharp";
import type { RgbImage } from "../../../checks/pixels/rgb-image.js";
import { mapPixels, toPng, withSharp } from "../../../checks/test-helpers/synthetic-image.js";

/**
 * Images for the mask tests: a photo, a mask (a white ellipse right of centre, optionally soft-edged) and
 * candidates with known answers — inpainted inside the mask (with a blended edge a few pixels past it, as
 * inpainting leaves), the same spilling into the top-left, unchanged, changed everywhere, and deliveries of the
 * good one (JPEG q90, a 4/3 upscale, a slight blur and saturation loss).
 */
export interface MaskCaseImages {
  source: Uint8Array;
  mask: Uint8Array;
  softMask: Uint8Array;
  /** The mask at half the source's size (same aspect ratio). */
  halfMask: Uint8Array;
  /** A square mask: another aspect ratio than the source. */
  squareMask: Uint8Array;
  allBlack: Uint8Array;
  allWhite: Uint8Array;
  candidates: Record<MaskCandidate, Uint8Array>;
  width: number;
  height: number;
}

export type MaskCandidate =
  | "inpainted"
  | "inpaintedJpeg"
  | "inpaintedUpscaled"
  | "inpaintedDrifted"
  | "spilled"
  | "spilledUpscaledJpeg"
  | "unchanged"
  | "everywhere";

/** At scale 1 the images are 384×256; `scale` multiplies the size and everything below. */
/** The ellipse: centre and radii in pixels. */
const E = { cx: 250, cy: 150, rx: 70, ry: 55 };
/** The spill: a patch in the top-left, well outside the mask. */
const SPILL = { x0: 30, y0: 20, x1: 90, y1: 70 };

function gray(width: number, height: number, f: (x: number, y: number) => number): RgbImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      rgb.fill(Math.round(255 * f(x, y)), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, rgb };
}

/** Inpaints the ellipse with a smooth, warm fill, blended over ~4 px past its edge. */
function inpaint(source: RgbImage, fill: RgbImage, inside: (x: number, y: number) => number): RgbImage {
  return mapPixels(source, (r, g, b, x, y) => {
    const a = inside(x, y);
    const o = (y * source.width + x) * 3;
    return [
      r * (1 - a) + (fill.rgb[o] as number) * a,
      g * (1 - a) + (fill.rgb[o + 1] as number) * a,
      b * (1 - a) + (fill.rgb[o + 2] as number) * a,
    ];
  });
}

const png = (image: RgbImage) => toPng(image);
const jpeg = async (image: RgbImage) =>
  new Uint8Array(
    await sharp(await png(image))
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
const upscale = (image: RgbImage) =>
  withSharp(image, (s) =>
    s.resize(Math.round((image.width * 4) / 3), Math.round((image.height * 4) / 3), { kernel: "lanczos3" }),
  );
const drift = (image: RgbImage) => withSharp(image, (s) => s.blur(0.6).modulate({ saturation: 0.92 }));

export async function maskCaseImages(photoPath: string, scale = 1): Promise<MaskCaseImages> {
  const W = Math.round(384 * scale);
  const H = Math.round(256 * scale);
  const ellipse = (x: number, y: number) =>
    Math.hypot((x + 0.5 - E.cx * scale) / (E.rx * scale), (y + 0.5 - E.cy * scale) / (E.ry * scale));
  const SPILL = {
    x0: SPILL_PATCH.x0 * scale,
    y0: SPILL_PATCH.y0 * scale,
    x1: SPILL_PATCH.x1 * scale,
    y1: SPILL_PATCH.y1 * scale,
  };
  const { data } = await sharp(photoPath)
    .resize(W, H)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const source: RgbImage = { width: W, height: H, rgb: new Uint8Array(data) };
  // The fill: the source blurred hard and warmed (what a "remove it, fill in the background" inpainting yields).
  const fill = mapPixels(await withSharp(source, (s) => s.blur(12 * scale)), (r, g, b) => [
    r + 30,
    g + 12,
    b - 20,
  ]);
  const blend = (x: number, y: number) => {
    const d = (ellipse(x, y) - 1) * Math.min(E.rx, E.ry) * scale; // ≈ px past the edge
    return d <= 0 ? 1 : d >= 4 * scale ? 0 : 1 - d / (4 * scale);
  };
  const inpainted = inpaint(source, fill, blend);
  const spilled = inpaint(inpainted, fill, (x, y) =>
    x >= SPILL.x0 && x < SPILL.x1 && y >= SPILL.y0 && y < SPILL.y1 ? 1 : 0,
  );
  const everywhere = inpaint(source, fill, () => 1);
  const soft = (x: number, y: number) => Math.max(0, Math.min(1, (1.15 - ellipse(x, y)) / 0.3));
  return {
    width: W,
    height: H,
    source: await png(source),
    mask: await png(gray(W, H, (x, y) => (ellipse(x, y) <= 1 ? 1 : 0))),
    softMask: await png(gray(W, H, soft)),
    halfMask: await png(gray(W / 2, H / 2, (x, y) => (ellipse(2 * x, 2 * y) <= 1 ? 1 : 0))),
    squareMask: await png(gray(H, H, (x, y) => (ellipse(x, y) <= 1 ? 1 : 0))),
    allBlack: await png(gray(W, H, () => 0)),
    allWhite: await png(gray(W, H, () => 1)),
    candidates: {
      inpainted: await png(inpainted),
      inpaintedJpeg: await jpeg(inpainted),
      inpaintedUpscaled: await png(await upscale(inpainted)),
      inpaintedDrifted: await png(await drift(inpainted)),
      spilled: await png(spilled),
      spilledUpscaledJpeg: await jpeg(await upscale(spilled)),
      unchanged: await png(source),
      everywhere: await png(everywhere),
    },
  };
}

/** Where the spill patch is, in source pixels (at scale 1). */
export const SPILL_PATCH = SPILL;
