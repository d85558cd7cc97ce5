import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { toLuma } from "../pixels/luma.js";
import { cropRgb } from "../pixels/resize-rgb.js";
import type { RgbImage } from "../pixels/rgb-image.js";
import { mapPixels, syntheticImage, withSharp } from "../test-helpers/synthetic-image.js";
import { detectBorder } from "./detect-border.js";
import { DIHEDRALS, transformRgb } from "./dihedral.js";
import { findAlignment } from "./find-alignment.js";

const source = syntheticImage(240, 160, 7);
const luma = toLuma(source);

describe("findAlignment", () => {
  it.each(DIHEDRALS)("recognises %s among the 8 rotations and flips", (t) => {
    const a = findAlignment(luma, toLuma(transformRgb(source, t)));
    expect(a.kind).toBe("full");
    expect(a.transform).toBe(t);
    expect(a.ncc).toBeGreaterThan(0.95);
  });

  it("agrees with sharp's rotate(90) being clockwise", async () => {
    const rotated = await withSharp(source, (s) => s.rotate(90));
    expect(findAlignment(luma, toLuma(rotated)).transform).toBe("rotate90");
  });

  it("finds a crop's offset to the pixel", () => {
    const crop = cropRgb(source, { x0: 37, y0: 21, x1: 37 + 120, y1: 21 + 100 });
    const a = findAlignment(luma, toLuma(crop));
    expect(a.kind).toBe("crop");
    expect(a.window).toEqual({ x0: 37, y0: 21, x1: 157, y1: 121 });
  });

  it("treats a smaller image with the same content as a resize", async () => {
    const half = await withSharp(source, (s) => s.resize(120, 80));
    const a = findAlignment(luma, toLuma(half));
    expect(a).toMatchObject({ kind: "full", transform: "identity" });
    expect(a.scaleX).toBeCloseTo(0.5, 2);
  });

  it("matches a negative with a negative correlation", () => {
    const a = findAlignment(luma, toLuma(mapPixels(source, (r, g, b) => [255 - r, 255 - g, 255 - b])));
    expect(a.transform).toBe("identity");
    expect(a.ncc).toBeLessThan(-0.9);
  });

  it("reports no alignment for unrelated content", () => {
    const unrelated = mapPixels(source, (_r, _g, _b, x, y) => {
      const v = 128 + 100 * Math.sin(x / 5 + Math.cos(y / 7) * 3) * Math.cos(y / 4);
      return [v, 255 - v, (v * 3) % 255];
    });
    expect(findAlignment(luma, toLuma(unrelated)).kind).toBe("none");
  });
});

describe("detectBorder", () => {
  it("finds an added border, its thickness and colour", async () => {
    const framed = await withSharp(source, (s) =>
      s.extend({ top: 9, bottom: 9, left: 12, right: 12, background: "#ff0000" }),
    );
    const b = detectBorder(framed);
    expect(b.found).toBe(true);
    expect([b.top, b.right, b.bottom, b.left]).toEqual([9, 12, 9, 12]);
    expect(b.color).toEqual([255, 0, 0]);
  });

  it("finds no border on a photo-like image", () => {
    expect(detectBorder(source).found).toBe(false);
  });
});

async function jpegRoundTrip(image: RgbImage, quality: number): Promise<RgbImage> {
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const jpeg = await sharp(Buffer.from(image.rgb), { raw }).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

describe("findAlignment on resized crops", () => {
  const big = syntheticImage(384, 256, 11);
  const bigLuma = toLuma(big);

  it("finds the left half when it was upscaled by 1.33 and saved as JPEG", async () => {
    const left = cropRgb(big, { x0: 0, y0: 0, x1: 192, y1: 256 });
    const up = await jpegRoundTrip(await withSharp(left, (s) => s.resize(255, 341)), 91);
    const a = findAlignment(bigLuma, toLuma(up));
    expect(a.kind).toBe("crop");
    expect(a.transform).toBe("identity");
    expect(a.window.x0).toBeLessThanOrEqual(3);
    expect(Math.abs(a.window.x1 - 192)).toBeLessThanOrEqual(4);
    expect(a.window.y1 - a.window.y0).toBeGreaterThan(250);
    expect(a.scaleX).toBeCloseTo(255 / 192, 1);
  });

  it("finds a centre crop shrunk to another size", async () => {
    const centre = cropRgb(big, { x0: 96, y0: 64, x1: 288, y1: 192 });
    const small = await withSharp(centre, (s) => s.resize(150, 100));
    const a = findAlignment(bigLuma, toLuma(small));
    expect(a.kind).toBe("crop");
    expect(Math.abs(a.window.x0 - 96)).toBeLessThanOrEqual(4);
    expect(Math.abs(a.window.y0 - 64)).toBeLessThanOrEqual(4);
    expect(Math.abs(a.window.x1 - 288)).toBeLessThanOrEqual(5);
  });
});
