import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/input-error.js";
import { decodeImage } from "./decode-image.js";

const bytes = (b: Buffer, name = "x.png") => ({ kind: "bytes" as const, bytes: new Uint8Array(b), name });

describe("decodeImage", () => {
  it("decodes PNG, JPEG and WebP to 8-bit RGB with a content hash", async () => {
    const base = sharp({
      create: { width: 20, height: 10, channels: 3, background: { r: 200, g: 10, b: 10 } },
    });
    for (const format of ["png", "jpeg", "webp"] as const) {
      const img = await decodeImage(bytes(await base.clone().toFormat(format).toBuffer(), `a.${format}`));
      expect([img.width, img.height, img.format]).toEqual([20, 10, format]);
      expect(img.rgb.length).toBe(20 * 10 * 3);
      expect(img.rgb[0]).toBeGreaterThan(180);
      expect(img.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("keeps the encoded bytes by default and drops them when asked, with the same hash and pixels", async () => {
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    const kept = await decodeImage(bytes(png));
    const dropped = await decodeImage(bytes(png), undefined, { keepEncoded: false });
    expect(Buffer.compare(kept.encoded, png)).toBe(0);
    expect(dropped.encoded.length).toBe(0);
    expect(dropped.sha256).toBe(kept.sha256);
    expect(Buffer.compare(dropped.rgb, kept.rgb)).toBe(0);
  });

  it("applies EXIF orientation", async () => {
    const raw = await sharp({ create: { width: 30, height: 10, channels: 3, background: "#000" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImage(bytes(raw, "rotated.jpg"));
    expect([img.width, img.height]).toEqual([10, 30]);
  });

  it("flattens alpha onto white and records it", async () => {
    const raw = await sharp({
      create: { width: 4, height: 4, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const img = await decodeImage(bytes(raw));
    expect(img.hadAlpha).toBe(true);
    expect([...img.rgb.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it("rejects a bomb from its header, before decoding pixels", async () => {
    // A 60000×60000 PNG header (3.6 gigapixels) with no real image data behind it.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const forged = Buffer.from(png);
    forged.writeUInt32BE(60000, 16);
    forged.writeUInt32BE(60000, 20);
    forged.writeUInt32BE(crc32(forged.subarray(12, 29)), 29); // IHDR type + data, then its CRC
    await expect(decodeImage(bytes(forged, "bomb.png"))).rejects.toThrow(/bomb\.png.*MP.*limit/);
  });

  it("enforces the file-size limit", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    await expect(
      decodeImage(bytes(png, "big.png"), { maxPixels: 40e6, maxFileBytes: 10 }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it("names a non-image input", async () => {
    await expect(decodeImage(bytes(Buffer.from("hello"), "hello.txt"))).rejects.toThrow(
      /hello\.txt: not a readable image/,
    );
  });
});

describe("decodeImage, formats it does not take", () => {
  it("names a readable but unsupported format, and rejects corrupt pixel data behind a good header", async () => {
    const gif = await sharp({ create: { width: 6, height: 6, channels: 3, background: "#123" } })
      .gif()
      .toBuffer();
    await expect(decodeImage(bytes(gif, "a.gif"))).rejects.toThrow(/a\.gif: format "gif" is not supported/);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#abc" } })
      .png()
      .toBuffer();
    const truncated = png.subarray(0, png.length - 30);
    await expect(decodeImage(bytes(Buffer.from(truncated), "cut.png"))).rejects.toMatchObject({
      code: "corrupt_image",
    });
  });
});
