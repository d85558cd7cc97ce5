import { describe, expect, it } from "vitest";
import type { Plane } from "../pixels/rgb-image.js";
import { NccTemplate, SearchPlane } from "./ncc-search.js";
import { nccAt } from "./plane-ops.js";

/** A deterministic pseudo-random generator (Park–Miller), so the cases are the same on every run. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

function randomPlane(width: number, height: number, next: () => number): Plane {
  return { width, height, data: new Float32Array(width * height).map(() => next() * 255) };
}

describe("NccTemplate on a SearchPlane", () => {
  it("gives nccAt's value at every step and offset", () => {
    const next = generator(11);
    let worst = 0;
    let nonTrivial = 0;
    for (let t = 0; t < 60; t++) {
      const a = randomPlane(20 + Math.floor(next() * 120), 20 + Math.floor(next() * 90), next);
      const bw = 3 + Math.floor(next() * (a.width - 3));
      const bh = 3 + Math.floor(next() * (a.height - 3));
      const b = randomPlane(bw, bh, next);
      // Half the template copied from the plane's corner, so some windows correlate strongly.
      for (let i = 0; i < bw * bh; i++)
        if (next() < 0.5) b.data[i] = a.data[Math.floor(i / bw) * a.width + (i % bw)] as number;
      const step = 1 + Math.floor(next() * 4);
      const searched = new SearchPlane(a);
      const template = new NccTemplate(b, step);
      for (let k = 0; k < 15; k++) {
        const ox = k === 0 ? 0 : Math.floor(next() * (a.width - bw + 1));
        const oy = k === 0 ? 0 : Math.floor(next() * (a.height - bh + 1));
        const expected = nccAt(a, b, ox, oy, step);
        if (Math.abs(expected) > 0.3) nonTrivial++;
        worst = Math.max(worst, Math.abs(expected - template.at(searched, ox, oy)));
      }
    }
    expect(nonTrivial).toBeGreaterThan(20);
    expect(worst).toBeLessThan(1e-9);
  });

  it("is 0 on a flat window and for a flat template, as nccAt is", () => {
    const flat: Plane = { width: 50, height: 40, data: new Float32Array(2000).fill(200.3) };
    const ramp: Plane = { width: 10, height: 10, data: new Float32Array(100).map((_, i) => i) };
    expect(new NccTemplate(ramp, 2).at(new SearchPlane(flat), 7, 9)).toBe(0);
    expect(nccAt(flat, ramp, 7, 9, 2)).toBe(0);
    const flatTemplate: Plane = { width: 10, height: 10, data: new Float32Array(100).fill(3) };
    expect(new NccTemplate(flatTemplate).at(new SearchPlane(randomPlane(30, 30, generator(3))), 4, 4)).toBe(
      0,
    );
  });

  it("finds a copied window as the best match", () => {
    const a = randomPlane(80, 60, generator(5));
    const b: Plane = { width: 20, height: 15, data: new Float32Array(300) };
    for (let y = 0; y < 15; y++)
      for (let x = 0; x < 20; x++) b.data[y * 20 + x] = a.data[(y + 31) * 80 + x + 17] as number;
    const searched = new SearchPlane(a);
    const template = new NccTemplate(b);
    let best = { ncc: -2, x: -1, y: -1 };
    for (let y = 0; y <= 45; y++)
      for (let x = 0; x <= 60; x++) {
        const v = template.at(searched, x, y);
        if (v > best.ncc) best = { ncc: v, x, y };
      }
    expect(best.x).toBe(17);
    expect(best.y).toBe(31);
    expect(best.ncc).toBeCloseTo(1, 9);
  });
});
