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

describe("edgeRange", () => {
  it("is the max and min of the 11×11 window (clipped to the frame) at every 4th pixel, for any size", () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const [w, h] of [
      [240, 160],
      [37, 23],
      [9, 5],
      [4, 1],
      [1, 13],
    ] as const) {
      const data = Float32Array.from({ length: w * h }, () => rnd() * 255);
      const range = edgeRange({ width: w, height: h, data });
      for (let y = 0; y < h; y += 4)
        for (let x = 0; x < w; x += 4) {
          let top = Number.NEGATIVE_INFINITY;
          let bottom = Number.POSITIVE_INFINITY;
          for (let yy = Math.max(0, y - 5); yy <= Math.min(h - 1, y + 5); yy++)
            for (let xx = Math.max(0, x - 5); xx <= Math.min(w - 1, x + 5); xx++) {
              top = Math.max(top, data[yy * w + xx] as number);
              bottom = Math.min(bottom, data[yy * w + xx] as number);
            }
          const k = (y / 4) * range.cols + x / 4;
          expect([range.hi[k], range.lo[k]], `${w}×${h} at (${x}, ${y})`).toEqual([top, bottom]);
        }
    }
  });
});
