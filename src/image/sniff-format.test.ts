import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffFormat } from "./sniff-format.js";

describe("sniffFormat", () => {
  it("names PNG, JPEG and WebP from their first bytes", async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: "#456" } });
    for (const format of ["png", "jpeg", "webp"] as const)
      expect(sniffFormat(await base.clone().toFormat(format).toBuffer())).toBe(format);
  });

  it("returns null for other formats, text and short inputs", async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: "#456" } });
    for (const format of ["gif", "tiff"] as const)
      expect(sniffFormat(await base.clone().toFormat(format).toBuffer())).toBeNull();
    expect(sniffFormat(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffFormat(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
    expect(sniffFormat(Buffer.from([0x89, 0x50]))).toBeNull();
    expect(sniffFormat(new Uint8Array(0))).toBeNull();
  });
});
