import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { taggedPng } from "./tagged-png.js";

describe("taggedPng", () => {
  it("makes distinct, valid PNGs with the same pixels", async () => {
    const png = await sharp({ create: { width: 5, height: 4, channels: 3, background: "#a1b2c3" } })
      .png()
      .toBuffer();
    const [a, b] = [taggedPng(png, "one"), taggedPng(png, "two")];
    expect(a.equals(b)).toBe(false);
    for (const tagged of [a, b]) {
      const { data, info } = await sharp(tagged, { failOn: "error" })
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([5, 4]);
      expect(data.equals(await sharp(png).raw().toBuffer())).toBe(true);
    }
  });
});
