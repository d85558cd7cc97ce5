import { describe, expect, it } from "vitest";
import { edgeRange, measureHalo } from "./halo.js";
import { toLuma } from "./pixels/luma.js";
import { mapPixels, syntheticImage, withSharp } from "./test-helpers/synthetic-image.js";

const source = syntheticImage(240, 160, 5);
const luma = toLuma(source);

describe("measureHalo", () => {
  it("is ≈0 for the source itself, a tone curve and a negative", () => {
    expect(measureHalo(luma, luma).overshoot).toBeLessThan(0.5);
    const darker = mapPixels(source, (r, g, b) => [r * 0.7, g * 0.7, b * 0.7]);
    expect(measureHalo(luma, toLuma(darker)).overshoot).toBeLessThan(1);
    const negative = mapPixels(source, (r, g, b) => [255 - r, 255 - g, 255 - b]);
    expect(measureHalo(luma, toLuma(negative)).overshoot).toBeLessThan(1);
  });

  it("grows with over-sharpening: mild < strong", async () => {
    const mild = await withSharp(source, (s) => s.sharpen({ sigma: 1, m1: 0.5, m2: 1 }));
    const strong = await withSharp(source, (s) =>
      s.sharpen({ sigma: 2, m1: 0, m2: 20, x1: 0, y2: 100, y3: 100 }),
    );
    const a = measureHalo(luma, toLuma(mild));
    const b = measureHalo(luma, toLuma(strong));
    expect(a.overshoot).toBeLessThan(3);
    expect(b.overshoot).toBeGreaterThan(8);
    expect(b.haloShare).toBeGreaterThan(a.haloShare);
  });

  it("gives the same result with the source's edge range computed once and passed in", async () => {
    const strong = toLuma(await withSharp(source, (s) => s.sharpen({ sigma: 2, m1: 0, m2: 20 })));
    expect(measureHalo(luma, strong, edgeRange(luma))).toEqual(measureHalo(luma, strong));
  });
});
