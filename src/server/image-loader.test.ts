import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_LIMITS } from "../image/image-limits.js";
import { ImageLoader } from "./image-loader.js";
import { bombPng } from "./test-fixtures.js";

const png64 = async (red: number) =>
  (
    await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: red, g: 5, b: 5 } } })
      .png()
      .toBuffer()
  ).toString("base64");

function loader(maxPixels: number, failures: Error[]): ImageLoader {
  return new ImageLoader({ allowUrls: false, pathRoots: [], fetchTimeoutMs: 1000 }, DEFAULT_IMAGE_LIMITS, {
    signal: new AbortController().signal,
    pixelBudget: { maxPixels, onOverBudget: (error) => failures.push(error) },
  });
}

describe("ImageLoader pixel budget", () => {
  it("counts each distinct image once, from its header, and fails the request past the budget", async () => {
    const failures: Error[] = [];
    const images = loader(2 * 4096, failures);
    const [a, b, c] = await Promise.all([10, 20, 30].map(png64));
    await images.load(a as string, "a");
    await images.load(a as string, "a again");
    await images.load(b as string, "b");
    await expect(images.load(c as string, "c")).rejects.toMatchObject({ code: "request_too_large" });
    expect(failures.map((f) => (f as { code?: string }).code)).toEqual(["request_too_large"]);
  });

  it("gives back the pixels of an image that did not decode", async () => {
    const failures: Error[] = [];
    const images = loader(2 * 4096, failures);
    // A PNG whose header says 64×64 but holds no pixel data.
    await expect(images.load(bombPng(64, 64).toString("base64"), "junk")).rejects.toMatchObject({
      code: "corrupt_image",
    });
    const [a, b] = await Promise.all([10, 20].map(png64));
    await images.load(a as string, "a");
    await images.load(b as string, "b");
    expect(failures).toEqual([]);
  });
});
