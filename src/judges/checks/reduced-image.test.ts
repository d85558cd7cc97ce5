import { describe, expect, it } from "vitest";
import { boxDownsampleRgb } from "../../checks/pixels/downsample.js";
import { cropRgb } from "../../checks/pixels/resize-rgb.js";
import { syntheticImage } from "../../checks/test-helpers/synthetic-image.js";
import { reduceImage, reduceMask, sharedMask, sharedReduced } from "./reduced-image.js";

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

describe("reduceImage", () => {
  it("keeps an image analysed as given as it is, without tiles", () => {
    const image = syntheticImage(300, 200, 1);
    const r = reduceImage(image, 1);
    expect(r.working).toBe(image);
    expect(r.tiles).toEqual([]);
    expect([r.width, r.height, r.factor]).toEqual([300, 200, 1]);
  });

  it("box-downsamples by the factor and cuts 16 full-resolution tiles on the 8-px grid", () => {
    const image = syntheticImage(1500, 1000, 2);
    const r = reduceImage(image, 3);
    expect([r.width, r.height]).toEqual([1500, 1000]);
    expect(same(r.working.rgb, boxDownsampleRgb(image, 3).rgb)).toBe(true);
    expect(r.tiles).toHaveLength(16);
    for (const t of r.tiles) {
      expect(t.rect.x0 % 8).toBe(0);
      expect(t.rect.y0 % 8).toBe(0);
      expect(same(t.rgb.rgb, cropRgb(image, t.rect).rgb)).toBe(true);
    }
  });

  it("brings a mask at the image's size to the working size, and leaves one already there", () => {
    const r = reduceImage(syntheticImage(1200, 600, 3), 2);
    const data = new Uint8Array(1200 * 600);
    for (let y = 150; y < 450; y++) data.fill(1, y * 1200 + 300, y * 1200 + 900);
    const small = reduceMask({ width: 1200, height: 600, data }, r);
    expect([small.width, small.height]).toEqual([600, 300]);
    expect(small.data[150 * 600 + 300]).toBe(1);
    expect(small.data[30 * 600 + 30]).toBe(0);
    expect(reduceMask(small, r)).toBe(small);
  });

  it("puts only the pixels in shared memory, once", () => {
    const image = { ...syntheticImage(64, 64, 4), name: "x", encoded: new Uint8Array(10) };
    const s = sharedReduced(reduceImage(image, 1));
    expect(s.working.rgb.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Object.keys(s.working).sort()).toEqual(["height", "rgb", "width"]);
    expect(same(s.working.rgb, image.rgb)).toBe(true);
    expect(sharedReduced(s).working.rgb).toBe(s.working.rgb);
    const m = sharedMask({ width: 2, height: 1, data: new Uint8Array([0, 1]) });
    expect(m.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
