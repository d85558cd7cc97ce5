import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { DecodedImage } from "../contract/image.js";
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

describe("ImageLoader compacted loads", () => {
  /** A stand-in for a judge's compactImage: records each call, returns the image without its pixels. */
  function recorder() {
    const calls: string[] = [];
    const compactImage = (image: DecodedImage, source: { width: number; height: number }): DecodedImage => {
      calls.push(`${image.name}@${source.width}x${source.height}`);
      return { ...image, rgb: new Uint8Array(0) };
    };
    return { calls, compactImage };
  }

  it("decodes a spec once for the source and a same-size candidate, and shares one compacted form", async () => {
    const shared = new SharedPixelBudget(100 * 4096);
    const images = loader(100 * 4096, [], shared);
    const { calls, compactImage } = recorder();
    const a = (await png64(10)) as string;
    const source = images.load(a, "source", {
      keepEncoded: false,
      compact: { compactImage, source: "self" },
    });
    const size = source.then((s) => ({ width: s.width, height: s.height }));
    const [s, c] = await Promise.all([
      source,
      images.load(a, "candidate-0", { keepEncoded: false, compact: { compactImage, source: size } }),
    ]);
    expect(calls).toEqual(["source@64x64"]);
    expect(shared.held).toBe(4096);
    expect([s.name, c.name]).toEqual(["source", "candidate-0"]);
    // a copy under another name: the same (empty) pixel array, which is how the judge finds its form again
    expect(c.rgb).toBe(s.rgb);
    expect(s.rgb.length).toBe(0);
    expect(s.encoded.length).toBe(0);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    // loaded again later for the same size: no decode, no new form
    const again = await images.load(a, "candidate-1", {
      keepEncoded: false,
      compact: { compactImage, source: size },
    });
    expect(again.rgb).toBe(s.rgb);
    expect(calls).toEqual(["source@64x64"]);
    expect(shared.held).toBe(4096);
  });

  it("decodes a spec again when it is wanted for another source size, counting its pixels again", async () => {
    const shared = new SharedPixelBudget(100 * 4096);
    const images = loader(100 * 4096, [], shared);
    const { calls, compactImage } = recorder();
    const a = (await png64(10)) as string;
    await images.load(a, "source", { compact: { compactImage, source: "self" } });
    const other = Promise.resolve({ width: 128, height: 96 });
    const c = await images.load(a, "candidate-0", { compact: { compactImage, source: other } });
    expect(calls).toEqual(["source@64x64", "candidate-0@128x96"]);
    expect(shared.held).toBe(2 * 4096);
    expect(c.encoded.length).toBeGreaterThan(0); // kept: keepEncoded was not false
  });

  it("starts another size from the image itself when the judge kept it whole, without decoding again", async () => {
    const shared = new SharedPixelBudget(100 * 4096);
    const images = loader(100 * 4096, [], shared);
    const calls: string[] = [];
    const compactImage = (image: DecodedImage, source: { width: number; height: number }) => {
      calls.push(`${source.width}x${source.height}`);
      return image;
    };
    const a = (await png64(10)) as string;
    await images.load(a, "source", { compact: { compactImage, source: "self" } });
    const other = Promise.resolve({ width: 128, height: 96 });
    const c = await images.load(a, "candidate-0", { compact: { compactImage, source: other } });
    expect(calls).toEqual(["64x64", "128x96"]);
    expect(shared.held).toBe(4096);
    expect(c.rgb.length).toBe(64 * 64 * 3);
  });

  it("fails a candidate whose source failed, after its own decode, without compacting it", async () => {
    const images = loader(100 * 4096, []);
    const { calls, compactImage } = recorder();
    const failed = Promise.reject(new Error("source is not an image"));
    failed.catch(() => {});
    await expect(
      images.load((await png64(10)) as string, "candidate-0", { compact: { compactImage, source: failed } }),
    ).rejects.toThrow("source is not an image");
    expect(calls).toEqual([]);
  });
});
