import { describe, expect, it } from "vitest";
import { blockSsim, meanDeltaE } from "./difference.js";
import { damageTiles, measureLocalDamage } from "./local-damage.js";
import { toLuma } from "./pixels/luma.js";
import { rectMask } from "./pixels/rect-mask.js";
import { srgbToLab } from "./pixels/srgb-to-lab.js";
import { mapPixels, syntheticImage } from "./test-helpers/synthetic-image.js";

const source = syntheticImage(256, 192, 11);

describe("measureLocalDamage", () => {
  it("is low for a global tone change and high for a pasted patch", () => {
    const toned = mapPixels(source, (r, g, b) => [r * 1.1 + 10, g * 1.05 + 8, b * 0.9]);
    expect(measureLocalDamage(source, toned).maxTileResidual).toBeLessThan(6);
    const patched = mapPixels(toned, (r, g, b, x, y) =>
      x > 100 && x < 130 && y > 60 && y < 90 ? [250, 20, 200] : [r, g, b],
    );
    const d = measureLocalDamage(source, patched);
    expect(d.maxTileResidual).toBeGreaterThan(40);
    expect(d.damagedShare).toBeGreaterThan(0);
  });

  it("ignores tiles outside the mask", () => {
    const patched = mapPixels(source, (r, g, b, x) => (x < 64 ? [255 - r, g, b] : [r, g, b]));
    const outside = rectMask(256, 192, { x0: 0, y0: 0, x1: 64, y1: 192 }, false, 8);
    expect(measureLocalDamage(source, patched, outside).maxTileResidual).toBeLessThan(6);
  });
});

describe("damageTiles", () => {
  it("gives the same damage when the source's tiles are computed once and passed in", () => {
    const patched = mapPixels(source, (r, g, b, x, y) =>
      x > 30 && x < 90 && y > 40 && y < 80 ? [b, r, g] : [r, g, b],
    );
    const toned = mapPixels(source, (r, g, b) => [r * 0.8, g * 0.9, b]);
    const outside = rectMask(256, 192, { x0: 0, y0: 0, x1: 64, y1: 192 }, false, 8);
    for (const mask of [null, outside]) {
      const tiles = damageTiles(source, mask);
      for (const candidate of [patched, toned])
        expect(measureLocalDamage(source, candidate, mask, tiles)).toEqual(
          measureLocalDamage(source, candidate, mask),
        );
    }
  });
});

describe("difference", () => {
  it("measures change inside a region versus outside it", () => {
    const edited = mapPixels(source, (r, g, b, _x, y) => (y < 96 ? [r + 40, g + 40, b + 40] : [r, g, b]));
    const [ls, lc] = [srgbToLab(source), srgbToLab(edited)];
    const top = { x0: 0, y0: 0, x1: 256, y1: 96 };
    const inside = rectMask(256, 192, top, true, 4);
    const outside = rectMask(256, 192, top, false, 4);
    expect(meanDeltaE(ls, lc, inside)).toBeGreaterThan(8);
    expect(meanDeltaE(ls, lc, outside)).toBeLessThan(0.01);
    expect(blockSsim(toLuma(source), toLuma(edited), outside)).toBeCloseTo(1, 5);
    expect(blockSsim(toLuma(source), toLuma(source))).toBeCloseTo(1, 6);
  });
});

describe("measureLocalDetail", () => {
  it("flags a blurred patch but not a uniform tone change", async () => {
    const { measureLocalDetail } = await import("./local-detail.js");
    const { withSharp } = await import("./test-helpers/synthetic-image.js");
    const luma = toLuma(source);
    const blurred = await withSharp(source, (s) => s.blur(3));
    const toned = mapPixels(source, (r, g, b) => [r * 1.2 + 5, g * 1.2 + 5, b * 1.2 + 5]);
    expect(measureLocalDetail(luma, toLuma(toned)).worstDeviation).toBeLessThan(0.3);
    const patch = mapPixels(source, (r, g, b, x, y) => {
      if (x < 60 || x >= 140 || y < 50 || y >= 130) return [r, g, b];
      const o = (y * 256 + x) * 3;
      return [blurred.rgb[o] as number, blurred.rgb[o + 1] as number, blurred.rgb[o + 2] as number];
    });
    const d = measureLocalDetail(luma, toLuma(patch));
    expect(d.worstDeviation).toBeGreaterThan(0.9);
    expect(d.changedShare).toBeGreaterThan(0.05);
  });
});
