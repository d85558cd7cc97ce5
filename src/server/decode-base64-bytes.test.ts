import { describe, expect, it } from "vitest";
import { seededRng } from "../metrics/seeded-rng.js";
import { decodeBase64Bytes } from "./decode-base64-bytes.js";

function randomBytes(random: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

describe("decodeBase64Bytes", () => {
  it("decodes clean base64 of any length, across chunk boundaries, padded or not, standard or URL-safe", () => {
    const random = seededRng(5);
    for (const length of [1, 2, 3, 4, 100, 49_151, 49_152, 49_153, 200_000]) {
      const bytes = randomBytes(random, length);
      const b64 = bytes.toString("base64");
      expect(decodeBase64Bytes(Buffer.from(b64))).toEqual(bytes);
      expect(decodeBase64Bytes(Buffer.from(b64.replace(/=+$/, "")))).toEqual(bytes);
      expect(decodeBase64Bytes(Buffer.from(bytes.toString("base64url")))).toEqual(bytes);
    }
  });

  it("returns null for anything but clean base64, wherever the stray character is", () => {
    const random = seededRng(6);
    const b64 = randomBytes(random, 150_000).toString("base64");
    for (const stray of [" ", "\n", "!", "é", "=", "\u0001"]) {
      for (const at of [0, 1, 65_535, 65_536, 100_001, b64.length - 1]) {
        const text = b64.slice(0, at) + stray + b64.slice(at);
        expect(
          decodeBase64Bytes(Buffer.from(text, "latin1")),
          `${JSON.stringify(stray)} at ${at}`,
        ).toBeNull();
      }
    }
    expect(decodeBase64Bytes(Buffer.from(""))).toBeNull();
    expect(decodeBase64Bytes(Buffer.from("QUJD="))).toBeNull();
  });
});
