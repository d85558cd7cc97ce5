import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { measureBlockiness } from "./blockiness.js";
import { measureClipping } from "./clipping.js";
import { measureDetailChange, measureDetailRatio } from "./detail-change.js";
import { flatSites, noiseSigma, noiseSumAt } from "./noise-level.js";
import { toLuma } from "./pixels/luma.js";
import { mapPixels, seeded, syntheticImage, withSharp } from "./test-helpers/synthetic-image.js";

const source = syntheticImage(256, 192, 3);
const luma = toLuma(source);

describe("measureDetailChange", () => {
  it("sees blur as lost detail with a residual against the edges", async () => {
    const d = measureDetailChange(luma, toLuma(await withSharp(source, (s) => s.blur(2))));
    expect(d.highFrequencyRatio).toBeLessThan(0.6);
    expect(d.residualStructure).toBeLessThan(-0.3);
  });

  it("sees sharpening as more detail along the existing edges", async () => {
    const d = measureDetailChange(
      luma,
      toLuma(await withSharp(source, (s) => s.sharpen({ sigma: 1.5, m1: 2, m2: 3 }))),
    );
    expect(d.highFrequencyRatio).toBeGreaterThan(1.2);
    expect(d.residualStructure).toBeGreaterThan(0.3);
  });

  it("sees added noise as a higher noise level not tied to edges", () => {
    const rnd = seeded(5);
    const noisy = mapPixels(source, (r, g, b) => {
      const n = (rnd() - 0.5) * 40;
      return [r + n, g + n, b + n];
    });
    const d = measureDetailChange(luma, toLuma(noisy));
    expect(d.noiseCandidate - d.noiseSource).toBeGreaterThan(4);
    expect(Math.abs(d.residualStructure)).toBeLessThan(0.3);
  });
});

describe("measureBlockiness", () => {
  it("finds the block size of a pixelated image", async () => {
    const small = await withSharp(source, (s) => s.resize(32, 24, { kernel: "nearest" }));
    const big = await withSharp(small, (s) => s.resize(256, 192, { kernel: "nearest" }));
    const b = measureBlockiness(toLuma(big));
    expect(b.blockSize).toBe(8);
    expect(b.pixelation).toBeGreaterThan(0.8);
  });

  it("sees heavy JPEG compression as 8×8 blocking and a clean image as none", async () => {
    const bytes = await sharp(Buffer.from(source.rgb), { raw: { width: 256, height: 192, channels: 3 } })
      .jpeg({ quality: 5 })
      .toBuffer();
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const jpeg = { width: 256, height: 192, rgb: new Uint8Array(data) };
    expect(measureBlockiness(toLuma(jpeg)).jpegBlockiness).toBeGreaterThan(0.08);
    expect(measureBlockiness(luma).jpegBlockiness).toBeLessThan(0.03);
  });
});

describe("measureClipping", () => {
  it("counts clipped highlights and crushed shadows", () => {
    const bright = mapPixels(source, (r, g, b) => [r * 3, g * 3, b * 3]);
    expect(measureClipping(bright).highlights).toBeGreaterThan(measureClipping(source).highlights + 0.2);
    const dark = mapPixels(source, (r, g, b) => [r - 160, g - 160, b - 160]);
    expect(measureClipping(dark).shadows).toBeGreaterThan(0.2);
    const red = mapPixels(source, (r) => [r, 0, 0]);
    expect(measureClipping(red).channels).toBeGreaterThan(0.9);
    expect(measureClipping(red).shadows).toBeLessThan(measureClipping(red).channels);
  });
});

describe("flatSites", () => {
  it("gives exactly the noise levels measureDetailChange gives, from the source's flat sites", () => {
    const rnd = seeded(11);
    const noisy = toLuma(
      mapPixels(source, (r, g, b) => {
        const n = (rnd() - 0.5) * 24;
        return [r + n, g + n, b + n];
      }),
    );
    for (const candidate of [luma, noisy]) {
      const full = measureDetailChange(luma, candidate);
      const flat = flatSites(luma);
      expect(flat.sites.length).toBeGreaterThan(1000);
      expect(flat.noise).toBe(full.noiseSource);
      expect(noiseSigma(noiseSumAt(candidate, flat.sites), flat.sites.length)).toBe(full.noiseCandidate);
    }
  });

  it("keeps the flattest 40 % of the sampled sites", () => {
    const flat = flatSites(luma);
    const sampled = Math.floor((luma.height - 1) / 2) * Math.floor((luma.width - 1) / 2);
    expect(flat.sites.length / sampled).toBeGreaterThanOrEqual(0.4);
    expect(flat.sites.length / sampled).toBeLessThan(0.6);
  });
});

describe("measureDetailRatio", () => {
  it("gives bit for bit measureDetailChange's ratio and spreads, with and without a mask", async () => {
    const blurred = toLuma(await withSharp(source, (s) => s.blur(1.2)));
    const mask = new Uint8Array(luma.width * luma.height).map((_, i) => (i % 7 < 4 ? 1 : 0));
    for (const m of [null, mask]) {
      const full = measureDetailChange(luma, blurred, m);
      expect(measureDetailRatio(luma, blurred, m)).toEqual({
        highFrequencyRatio: full.highFrequencyRatio,
        stdSource: full.stdSource,
        stdCandidate: full.stdCandidate,
      });
    }
  });
});
