import { describe, expect, it } from "vitest";
import { measureMonochrome } from "./monochrome.js";
import { srgbToLab } from "./pixels/srgb-to-lab.js";
import { mapPixels, syntheticImage } from "./test-helpers/synthetic-image.js";
import { measureToneChange } from "./tone-change.js";

const source = syntheticImage();
const lab = srgbToLab(source);
const tone = (f: Parameters<typeof mapPixels>[1]) => measureToneChange(lab, srgbToLab(mapPixels(source, f)));

describe("measureToneChange", () => {
  it("reports no change for the same image", () => {
    const t = measureToneChange(lab, lab);
    expect(t.deltaL).toBeCloseTo(0, 6);
    expect(t.contrastRatio).toBeCloseTo(1, 6);
    expect(t.lumaCorrelation).toBeCloseTo(1, 6);
  });

  it("sees the direction and size of a brightness change", () => {
    expect(tone((r, g, b) => [r + 30, g + 30, b + 30]).deltaL).toBeGreaterThan(8);
    expect(tone((r, g, b) => [r - 30, g - 30, b - 30]).deltaL).toBeLessThan(-8);
  });

  it("sees contrast up and down as the spread of L*", () => {
    const s = (k: number) => (v: number) => 128 + k * (v - 128);
    expect(tone((r, g, b) => [s(1.4)(r), s(1.4)(g), s(1.4)(b)]).contrastRatio).toBeGreaterThan(1.2);
    expect(tone((r, g, b) => [s(0.6)(r), s(0.6)(g), s(0.6)(b)]).contrastRatio).toBeLessThan(0.8);
  });

  it("sees saturation as a chroma ratio", () => {
    const sat =
      (k: number) =>
      (r: number, g: number, b: number): [number, number, number] => {
        const y = 0.3 * r + 0.59 * g + 0.11 * b;
        return [y + k * (r - y), y + k * (g - y), y + k * (b - y)];
      };
    expect(tone(sat(1.5)).chromaRatio).toBeGreaterThan(1.2);
    expect(tone(sat(0.5)).chromaRatio).toBeLessThan(0.7);
  });

  it("reads a white-balance shift as warmth, separately from saturation", () => {
    expect(tone((r, g, b) => [r * 1.08 + 6, g, b * 0.88 - 6]).warmth).toBeGreaterThan(3);
    expect(tone((r, g, b) => [r * 0.9 - 6, g, b * 1.1 + 6]).warmth).toBeLessThan(-3);
  });

  it("sees a negative as a negative luminance correlation", () => {
    expect(tone((r, g, b) => [255 - r, 255 - g, 255 - b]).lumaCorrelation).toBeLessThan(-0.9);
  });
});

describe("measureMonochrome", () => {
  it("finds no chroma in grayscale and one warm hue in sepia", () => {
    const gray = measureMonochrome(
      srgbToLab(
        mapPixels(source, (r, g, b) => {
          const y = 0.3 * r + 0.59 * g + 0.11 * b;
          return [y, y, y];
        }),
      ),
    );
    expect(gray.meanChroma).toBeLessThan(1);
    const sepia = measureMonochrome(
      srgbToLab(
        mapPixels(source, (r, g, b) => [
          0.393 * r + 0.769 * g + 0.189 * b,
          0.349 * r + 0.686 * g + 0.168 * b,
          0.272 * r + 0.534 * g + 0.131 * b,
        ]),
      ),
    );
    expect(sepia.hueSpread).toBeLessThan(20);
    expect(sepia.hueMean).toBeGreaterThan(40);
    expect(sepia.hueMean).toBeLessThan(100);
    expect(measureMonochrome(lab).hueSpread).toBeGreaterThan(40);
  });
});
