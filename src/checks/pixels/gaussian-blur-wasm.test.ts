import { describe, expect, it } from "vitest";
import { gaussianBlurPlane, gaussianBlurScalar } from "./gaussian-blur.js";
import { wasmBlurAvailable } from "./gaussian-blur-wasm.js";

function randomPlane(width: number, height: number, seed: number) {
  let s = seed;
  const data = Float32Array.from({ length: width * height }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 255;
  });
  return { width, height, data };
}

describe("the WebAssembly Gaussian blur", () => {
  it("is available on this Node (WebAssembly SIMD)", () => {
    expect(wasmBlurAvailable()).toBe(true);
  });

  it("gives bit for bit the JavaScript blur, edges, leftover columns and small planes included", () => {
    const shapes = [
      [768, 512],
      [37, 23],
      [11, 9],
      [10, 7],
      [8, 8],
      [1, 5],
      [255, 3],
    ] as const;
    for (const [w, h] of shapes)
      for (const sigma of [0.5, 0.8, 1.5, 2.3]) {
        const plane = randomPlane(w, h, w * 31 + h);
        const fast = gaussianBlurPlane(plane, sigma).data;
        const slow = gaussianBlurScalar(plane, sigma).data;
        let same = fast.length === slow.length;
        for (let i = 0; same && i < fast.length; i++) same = Object.is(fast[i], slow[i]);
        expect(same, `${w}×${h}, σ ${sigma}`).toBe(true);
      }
  });
});
