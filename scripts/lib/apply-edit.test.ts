import { describe, expect, it } from "vitest";
import { applyEdit } from "./apply-edit.js";
import { meanOf, toLab } from "./lab.js";
import type { RawImage } from "./raw-image.js";

/** A 48×32 gradient with some colour, so every edit has something to change. */
function gradient(): RawImage {
  const width = 48;
  const height = 32;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([40 + x * 4, 60 + y * 4, 180 - x * 2], (y * width + x) * 3);
  return { width, height, data };
}

const noPhotos = (name: string): RawImage => {
  throw new Error(`no photo ${name}`);
};
const meanL = (img: RawImage) => meanOf(toLab(img).L);
const meanChroma = (img: RawImage) => {
  const lab = toLab(img);
  let s = 0;
  for (let i = 0; i < lab.a.length; i++) s += Math.hypot(lab.a[i] as number, lab.b[i] as number);
  return s / lab.a.length;
};

describe("applyEdit", () => {
  const src = gradient();

  it("moves brightness and saturation the asked way", async () => {
    for (const method of ["gamma", "knee"] as const) {
      expect(meanL(await applyEdit(src, { op: "brightness", method, amount: 15 }, noPhotos))).toBeGreaterThan(
        meanL(src) + 5,
      );
      expect(meanL(await applyEdit(src, { op: "brightness", method, amount: -15 }, noPhotos))).toBeLessThan(
        meanL(src) - 5,
      );
    }
    const up = await applyEdit(src, { op: "saturation", method: "lch", factor: 1.5 }, noPhotos);
    expect(meanChroma(up)).toBeGreaterThan(meanChroma(src) * 1.2);
    expect(meanChroma(await applyEdit(src, { op: "grayscale", method: "lab" }, noPhotos))).toBeLessThan(1.5);
  });

  it("adds a border around the image and keeps the size for an inset frame", async () => {
    const bordered = await applyEdit(src, { op: "border", color: [255, 0, 0], width: 4 }, noPhotos);
    expect([bordered.width, bordered.height]).toEqual([56, 40]);
    expect(Array.from(bordered.data.subarray(0, 3))).toEqual([255, 0, 0]);
    const inset = await applyEdit(src, { op: "inset-frame", color: [255, 0, 0], width: 4 }, noPhotos);
    expect([inset.width, inset.height]).toEqual([48, 32]);
  });

  it("rotates clockwise and crops the named rectangle", async () => {
    const rotated = await applyEdit(src, { op: "rotate", degrees: 90 }, noPhotos);
    expect([rotated.width, rotated.height]).toEqual([32, 48]);
    // Clockwise: the source's bottom-left pixel lands top-left.
    expect(Array.from(rotated.data.subarray(0, 3))).toEqual(
      Array.from(src.data.subarray(31 * 48 * 3, 31 * 48 * 3 + 3)),
    );
    const cropped = await applyEdit(src, { op: "crop", rect: { x0: 0.5, y0: 0, x1: 1, y1: 1 } }, noPhotos);
    expect([cropped.width, cropped.height]).toEqual([24, 32]);
    expect(Array.from(cropped.data.subarray(0, 3))).toEqual(
      Array.from(src.data.subarray(24 * 3, 24 * 3 + 3)),
    );
  });

  it("changes only the region of a regional edit", async () => {
    const edited = await applyEdit(
      src,
      { op: "region", rect: { x0: 0, y0: 0, x1: 1, y1: 0.5 }, invert: false, inner: { op: "invert" } },
      noPhotos,
    );
    const row = (img: RawImage, y: number) => Array.from(img.data.subarray(y * 48 * 3, (y + 1) * 48 * 3));
    expect(row(edited, 0)).toEqual(row(src, 0).map((v) => 255 - v));
    expect(row(edited, 20)).toEqual(row(src, 20));
  });

  it("renders seeded noise identically", async () => {
    const spec = { op: "noise", sigma: 10, mono: false, seed: 42 } as const;
    const a = await applyEdit(src, spec, noPhotos);
    const b = await applyEdit(src, spec, noPhotos);
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(src.data);
  });
});
