import { beforeAll, describe, expect, it } from "vitest";
import { findSmallRotation } from "./geometry/small-rotation.js";
import { measureHueShift } from "./hue-shift.js";
import { toLuma } from "./pixels/luma.js";
import { resizeRgb } from "./pixels/resize-rgb.js";
import type { RgbImage } from "./pixels/rgb-image.js";
import { srgbToLab } from "./pixels/srgb-to-lab.js";
import { fitQuantizer, measurePosterization } from "./posterization.js";
import { deliver, loadPhoto, posterizeRgb, sharedPhoto, vignetteRgb } from "./test-helpers/delivery.js";
import { mapPixels, withSharp } from "./test-helpers/synthetic-image.js";
import { measureVignette } from "./vignette.js";

const PHOTO = sharedPhoto("kodim05.png");
let src: RgbImage;

/** The source resampled onto the candidate's size, as the pair analysis does for a delivered candidate. */
const lab = (source: RgbImage, candidate: RgbImage) => ({
  s: srgbToLab(resizeRgb(source, candidate.width, candidate.height)),
  c: srgbToLab(candidate),
});

describe.skipIf(!PHOTO)(
  "measures of the look families, robust to delivery (JPEG q90, 1.33× upscale, 0.6 px blur)",
  () => {
    beforeAll(async () => {
      src = await loadPhoto(PHOTO as string);
    });

    it.each([
      [12, "black"],
      [-5, "black"],
      [3, "white"],
    ] as const)("finds a %d° rotation (corners %s), also delivered", async (degrees, fill) => {
      const background = fill === "black" ? { r: 0, g: 0, b: 0 } : { r: 255, g: 255, b: 255 };
      // sharp rotates clockwise for positive angles and enlarges the canvas, as ImageMagick's -rotate.
      const rotated = await withSharp(src, (s) => s.rotate(degrees, { background }));
      for (const c of [rotated, await deliver(rotated)]) {
        const r = findSmallRotation(toLuma(src), toLuma(c));
        expect(r.degrees).toBeGreaterThan(degrees - 0.6);
        expect(r.degrees).toBeLessThan(degrees + 0.6);
        expect(r.ncc).toBeGreaterThan(0.85);
        expect(r.ncc).toBeGreaterThan(r.nccUnrotated + 0.02);
      }
    });

    it("finds no rotation in a delivered but unrotated candidate", async () => {
      const r = findSmallRotation(toLuma(src), toLuma(await deliver(src)));
      expect(Math.abs(r.degrees)).toBeLessThan(0.5);
      expect(r.scale).toBeCloseTo(1.33, 1);
    });

    it("sees posterization (and its level count), not a steep tone curve", async () => {
      const base = measurePosterization(src).combing;
      const four = posterizeRgb(src, 4);
      const delivered = await deliver(four);
      expect(measurePosterization(four).combing - base).toBeGreaterThan(0.3);
      expect(measurePosterization(delivered).combing - base).toBeGreaterThan(0.15);
      const gamma = mapPixels(
        src,
        (r, g, b) => [r, g, b].map((v) => 255 * (v / 255) ** 0.6) as [number, number, number],
      );
      expect(Math.abs(measurePosterization(gamma).combing - base)).toBeLessThan(0.04);
      expect(measurePosterization(await deliver(src)).combing - base).toBeLessThan(0.04);
      const aligned = resizeRgb(src, delivered.width, delivered.height);
      expect(fitQuantizer(aligned, delivered).quantizer.levels).toBe(4);
      expect(fitQuantizer(src, posterizeRgb(src, 7)).quantizer.levels).toBe(7);
    });

    it("measures a vignette's corner darkening and its removal, not a global tone change", async () => {
      const added = await deliver(vignetteRgb(src, 0.4));
      const { s, c } = lab(src, added);
      expect(measureVignette(s, c).cornerChange).toBeLessThan(-10);
      const removed = await deliver(vignetteRgb(src, -0.3));
      const r = lab(src, removed);
      expect(measureVignette(r.s, r.c).cornerChange).toBeGreaterThan(6);
      const darker = mapPixels(src, (red, g, b) => [red * 0.75, g * 0.75, b * 0.75]);
      expect(Math.abs(measureVignette(srgbToLab(src), srgbToLab(darker)).cornerChange)).toBeLessThan(2.5);
      const plain = lab(src, await deliver(src));
      expect(Math.abs(measureVignette(plain.s, plain.c).cornerChange)).toBeLessThan(1);
    });

    it("measures a hue rotation's angle with chroma kept, and none after delivery alone", async () => {
      for (const degrees of [90, -40]) {
        const turned = await deliver(await withSharp(src, (s) => s.modulate({ hue: (degrees + 360) % 360 })));
        const { s, c } = lab(src, turned);
        const h = measureHueShift(s, c);
        expect(h.degrees).toBeGreaterThan(degrees - 6);
        expect(h.degrees).toBeLessThan(degrees + 6);
        expect(h.chromaRatio).toBeGreaterThan(0.85);
        expect(h.consistency).toBeGreaterThan(0.9);
      }
      const plain = lab(src, await deliver(src));
      expect(Math.abs(measureHueShift(plain.s, plain.c).degrees)).toBeLessThan(2);
    });
  },
);
