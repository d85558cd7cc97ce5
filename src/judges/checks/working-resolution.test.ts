import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { measureBlockiness } from "../../checks/blockiness.js";
import { measureDetailChange } from "../../checks/detail-change.js";
import { toLuma } from "../../checks/pixels/luma.js";
import { mapPixels, seeded, syntheticImage } from "../../checks/test-helpers/synthetic-image.js";
import { PairAnalysis, SourceAnalysis } from "./pair-analysis.js";
import { WORKING_SIDE, workingFactor } from "./working-resolution.js";

describe("working resolution of the pixel checks", () => {
  it("is the source as given up to 1024 px, then an integer box factor", () => {
    expect(WORKING_SIDE).toBe(1024);
    expect(workingFactor({ width: 768, height: 512 })).toBe(1);
    expect(workingFactor({ width: 1024, height: 1024 })).toBe(1);
    expect(workingFactor({ width: 1025, height: 600 })).toBe(2);
    expect(workingFactor({ width: 2048, height: 2048 })).toBe(2);
    expect(workingFactor({ width: 4096, height: 4096 })).toBe(4);
  });

  it("analyses a 2048² pair at 1024², keeping the candidate's own size for geometry", () => {
    const image = syntheticImage(2048, 1536, 3);
    const source = new SourceAnalysis(image);
    expect([source.image.width, source.image.height]).toEqual([1024, 768]);
    const pair = new PairAnalysis(source, image);
    expect(pair.sameFrame).toBe(true);
    expect([pair.luma.candidate.width, pair.luma.candidate.height]).toEqual([1024, 768]);
    expect([pair.candidate.width, pair.candidate.height]).toEqual([2048, 1536]);
  });

  it("measures JPEG blocking on the full-resolution grid", async () => {
    const image = syntheticImage(2048, 2048, 5);
    const raw = { width: image.width, height: image.height, channels: 3 } as const;
    const encoded = await sharp(Buffer.from(image.rgb), { raw }).jpeg({ quality: 8 }).toBuffer();
    const { data, info } = await sharp(encoded).raw().toBuffer({ resolveWithObject: true });
    const jpeg = { width: info.width, height: info.height, rgb: new Uint8Array(data) };
    const pair = new PairAnalysis(new SourceAnalysis(image), jpeg);
    const full = measureBlockiness(toLuma(jpeg));
    // read from full-resolution tiles: close to the whole image's measure
    expect(full.jpegBlockiness).toBeGreaterThan(0.05);
    expect(pair.candidateBlockiness.jpegBlockiness).toBeGreaterThan(0.75 * full.jpegBlockiness);
    expect(pair.candidateBlockiness.jpegBlockiness).toBeLessThan(1.25 * full.jpegBlockiness);
    // at working resolution the 8×8 grid would be 4×4 and read much weaker
    expect(measureBlockiness(pair.luma.candidate).jpegBlockiness).toBeLessThan(full.jpegBlockiness / 2);
    expect(pair.source.blockiness.jpegBlockiness).toBeLessThan(full.jpegBlockiness / 2);
  });

  it("reads the frame's fine noise at full resolution, as a 1024² image of the same noise does", () => {
    const noisy = (w: number, h: number) => {
      const base = syntheticImage(w, h, 9);
      const rnd = seeded(4);
      const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
      return {
        base,
        noisy: mapPixels(base, (r, g, b) => [r + 10 * gauss(), g + 10 * gauss(), b + 10 * gauss()]),
      };
    };
    const big = noisy(2048, 2048);
    const pair = new PairAnalysis(new SourceAnalysis(big.base), big.noisy);
    const increase = pair.detail().noiseCandidate - pair.detail().noiseSource;
    const small = noisy(1024, 1024);
    const ref = measureDetailChange(toLuma(small.base), toLuma(small.noisy));
    const refIncrease = ref.noiseCandidate - ref.noiseSource;
    expect(increase).toBeGreaterThan(0.7 * refIncrease);
    expect(increase).toBeLessThan(1.3 * refIncrease);
    // the working-resolution planes alone would see a fraction of it
    const working = measureDetailChange(pair.luma.source, pair.luma.candidate);
    expect(working.noiseCandidate - working.noiseSource).toBeLessThan(0.7 * refIncrease);
  });
});
