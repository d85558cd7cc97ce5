import type { Plane } from "./pixels/rgb-image.js";
import type { LabImage } from "./pixels/srgb-to-lab.js";
import type { Mask } from "./pixels/stats.js";

/** Mean CIE76 colour difference ΔE*ab between aligned Lab images, optionally within a mask. */
export function meanDeltaE(source: LabImage, candidate: LabImage, mask: Mask = null): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < source.L.length; i++) {
    if (mask && !mask[i]) continue;
    s += Math.hypot(
      (candidate.L[i] as number) - (source.L[i] as number),
      (candidate.a[i] as number) - (source.a[i] as number),
      (candidate.b[i] as number) - (source.b[i] as number),
    );
    n++;
  }
  return n === 0 ? 0 : s / n;
}

const C1 = (0.01 * 100) ** 2;
const C2 = (0.03 * 100) ** 2;

/**
 * Mean SSIM over non-overlapping 8×8 blocks of two aligned planes (L* scale, 0–100).
 * A block counts when its centre is inside the mask.
 */
export function blockSsim(a: Plane, b: Plane, mask: Mask = null, block = 8): number {
  const { width: w, height: h } = a;
  let total = 0;
  let count = 0;
  for (let by = 0; by + block <= h; by += block) {
    for (let bx = 0; bx + block <= w; bx += block) {
      const centre = (by + (block >> 1)) * w + bx + (block >> 1);
      if (mask && !mask[centre]) continue;
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let y = by; y < by + block; y++) {
        for (let x = bx; x < bx + block; x++) {
          const va = a.data[y * w + x] as number;
          const vb = b.data[y * w + x] as number;
          sa += va;
          sb += vb;
          saa += va * va;
          sbb += vb * vb;
          sab += va * vb;
        }
      }
      const n = block * block;
      const ma = sa / n;
      const mb = sb / n;
      const va = saa / n - ma * ma;
      const vb = sbb / n - mb * mb;
      const cov = sab / n - ma * mb;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      count++;
    }
  }
  return count === 0 ? 1 : total / count;
}
