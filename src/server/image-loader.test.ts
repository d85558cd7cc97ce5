import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DEFAULT_IMAGE_LIMITS } from "../image/image-limits.js";
import { ImageLoader } from "./image-loader.js";
import { SharedPixelBudget } from "./shared-pixel-budget.js";
import { bombPng } from "./test-fixtures.js";

const png64 = async (red: number) =>
  (
    await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: red, g: 5, b: 5 } } })
      .png()
      .toBuffer()
  ).toString("base64");

function loader(maxPixels: number, failures: Error[], shared?: SharedPixelBudget): ImageLoader {
  return new ImageLoader({ allowUrls: false, pathRoots: [], fetchTimeoutMs: 1000 }, DEFAULT_IMAGE_LIMITS, {
    signal: new AbortController().signal,
    pixelBudget: { maxPixels, ...(shared ? { shared } : {}), onOverBudget: (error) => failures.push(error) },
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

  it("takes pixels from the server-wide budget, refuses with server_busy past it, and gives them back on release", async () => {
    const shared = new SharedPixelBudget(3 * 4096);
    const [a, b, c, d] = await Promise.all([10, 20, 30, 40].map(png64));
    const firstFailures: Error[] = [];
    const first = loader(10 * 4096, firstFailures, shared);
    await first.load(a as string, "a");
    await first.load(b as string, "b");
    expect(shared.held).toBe(2 * 4096);

    // A second request fits one more image, then the server is full; its own budget is not the limit.
    const secondFailures: Error[] = [];
    const second = loader(10 * 4096, secondFailures, shared);
    await second.load(c as string, "c");
    await expect(second.load(d as string, "d")).rejects.toMatchObject({
      code: "server_busy",
      message: expect.stringMatching(/holds? 0\.0 MP .*--max-server-megapixels.*Retry-After/),
    });
    expect(secondFailures.map((f) => (f as { code?: string }).code)).toEqual(["server_busy"]);
    expect(shared.held).toBe(3 * 4096);

    // A junk image counted from its header gives its pixels back to both budgets.
    first.release();
    expect(shared.held).toBe(4096);
    const third = loader(10 * 4096, [], shared);
    await expect(third.load(bombPng(64, 64).toString("base64"), "junk")).rejects.toMatchObject({
      code: "corrupt_image",
    });
    expect(shared.held).toBe(4096);
    await third.load(d as string, "d");
    expect(shared.held).toBe(2 * 4096);
    second.release();
    third.release();
    second.release();
    expect(shared.held).toBe(0);
    // After release, the request's images are refused rather than taken from the budget again.
    await expect(third.load(a as string, "late")).rejects.toMatchObject({ code: "request_ended" });
    expect(shared.held).toBe(0);
  });
});
