import { describe, expect, it } from "vitest";
import { measureBlockiness } from "./blockiness.js";
import { toLuma } from "./pixels/luma.js";
import { syntheticImage, withSharp } from "./test-helpers/synthetic-image.js";

const source = syntheticImage(360, 240, 9);

/** Cells of 12 px: down to 30×20, then back up with nearest-neighbour (two pipelines: sharp keeps one resize). */
async function mosaicOf12() {
  const small = await withSharp(source, (s) => s.resize(30, 20));
  return withSharp(small, (s) => s.resize(360, 240, { kernel: "nearest" }));
}

describe("measureBlockiness", () => {
  it("finds little pixelation in a photo-like image", () => {
    expect(measureBlockiness(toLuma(source)).pixelation).toBeLessThan(0.2);
  });

  it("finds a mosaic of 12-pixel cells", async () => {
    const mosaic = await mosaicOf12();
    const b = measureBlockiness(toLuma(mosaic));
    expect(b.pixelation).toBeGreaterThan(0.6);
    expect(b.blockSize).toBe(12);
  });

  it("still finds the mosaic after an upscale by 1.3 (cells of 15.6 px) and a slight blur", async () => {
    const mosaic = await mosaicOf12();
    const up = await withSharp(mosaic, (s) => s.resize(468, 312));
    const delivered = await withSharp(up, (s) => s.blur(0.6));
    const b = measureBlockiness(toLuma(delivered));
    expect(b.pixelation).toBeGreaterThan(0.4);
    expect(Math.abs(b.blockSize - 15.6)).toBeLessThanOrEqual(1);
  });
});
