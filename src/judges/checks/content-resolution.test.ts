import { describe, expect, it } from "vitest";
import { boxDownsampleRgb } from "../../checks/pixels/downsample.js";
import type { DecodedImage } from "../../contract/image.js";
import { CONTENT_SIDE, contentFactor, contentView } from "./content-resolution.js";

function image(width: number, height: number): DecodedImage {
  const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 37) % 251);
  return { name: "x.png", width, height, rgb, hadAlpha: false, format: "png", sha256: "ab", encoded: rgb };
}

describe("content resolution", () => {
  it("is the smallest integer factor that brings the longer side to CONTENT_SIDE", () => {
    expect(contentFactor({ width: CONTENT_SIDE, height: 10 })).toBe(1);
    expect(contentFactor({ width: CONTENT_SIDE + 1, height: 10 })).toBe(2);
    expect(contentFactor({ width: 100, height: 3 * CONTENT_SIDE })).toBe(3);
  });

  it("gives small images as they are and large ones box-downsampled, keeping name, hash and format", () => {
    const small = image(64, 48);
    expect(contentView(small)).toBe(small);
    const large = image(CONTENT_SIDE + 10, 6);
    const view = contentView(large);
    expect([view.width, view.height]).toEqual([Math.floor((CONTENT_SIDE + 10) / 2), 3]);
    expect(view.rgb).toEqual(boxDownsampleRgb(large, 2).rgb);
    expect([view.name, view.sha256, view.format]).toEqual(["x.png", "ab", "png"]);
    expect(view.encoded.length).toBe(0);
  });
});
