import { describe, expect, it } from "vitest";
import { MAX_FACTOR, wasmBoxAvailable, wasmBoxDownsample } from "./box-downsample-wasm.js";
import { boxDownsampleRgb, boxDownsampleScalar } from "./downsample.js";
import type { RgbImage } from "./rgb-image.js";

/** Pseudo-random pixels (a multiplicative hash of the byte index, seeded). */
function noise(width: number, height: number, seed: number): RgbImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (Math.imul(i + seed * 7919, 2654435761) >>> 24) & 0xff;
  return { width, height, rgb };
}

const same = (a: RgbImage, b: RgbImage) =>
  a.width === b.width && a.height === b.height && Buffer.compare(a.rgb, b.rgb) === 0;

describe("wasmBoxDownsample", () => {
  it("is available on Node's WebAssembly (SIMD), so large images do not fall back to the scalar code", () => {
    expect(wasmBoxAvailable()).toBe(true);
  });

  it.each([
    [64, 48, 2],
    [769, 513, 3], // remainder rows and columns dropped
    [1000, 1300, 3], // several strips per call
    [4100, 1031, 5],
    [50, 50, 7],
    [33, 17, 16],
    [1000, 3, 3], // one output row
  ])("equals the scalar box downsample byte for byte on %i×%i by %i", (width, height, factor) => {
    const image = noise(width, height, width + factor);
    const kernel = wasmBoxDownsample(image, factor);
    expect(kernel).not.toBeNull();
    expect(same(kernel as RgbImage, boxDownsampleScalar(image, factor))).toBe(true);
  });

  it("averages each block with half-up rounding", () => {
    // A 4×2 image by 2: two blocks, pixels {0,1,4,5} and {2,3,6,7}; R = the pixel's index, G = 255, B = index % 2.
    const rgb = new Uint8Array(4 * 2 * 3);
    for (let p = 0; p < 8; p++) {
      rgb[p * 3] = p;
      rgb[p * 3 + 1] = 255;
      rgb[p * 3 + 2] = p % 2;
    }
    const out = wasmBoxDownsample({ width: 4, height: 2, rgb }, 2) as RgbImage;
    expect([out.width, out.height]).toEqual([2, 1]);
    // R: (10 + 2) / 4 = 3 (2.5 rounds up), (18 + 2) / 4 = 5 (4.5 up); B: (2 + 2) / 4 = 1 (0.5 up).
    expect([...out.rgb]).toEqual([3, 255, 1, 5, 255, 1]);
  });

  it("declines what it cannot compute (factor out of range, image smaller than a block)", () => {
    const image = noise(20, 20, 1);
    expect(wasmBoxDownsample(image, 1)).toBeNull();
    expect(wasmBoxDownsample(image, MAX_FACTOR + 1)).toBeNull();
    expect(wasmBoxDownsample(noise(3, 40, 1), 4)).toBeNull();
    // …and boxDownsampleRgb then gives the scalar result.
    expect(same(boxDownsampleRgb(noise(3, 40, 1), 4), boxDownsampleScalar(noise(3, 40, 1), 4))).toBe(true);
  });
});
