import { measureDetailChange, measureDetailRatio } from "../../checks/detail-change.js";
import { boxDownsamplePlane } from "../../checks/geometry/plane-ops.js";
import { gaussianBlurPlane } from "../../checks/pixels/gaussian-blur.js";
import { rectMask, regionToRect } from "../../checks/pixels/rect-mask.js";
import type { Region } from "../../contract/region.js";
import { type PairAnalysis, regionKey } from "./pair-analysis.js";

/**
 * What delivery alone may do to a candidate that was not edited. Editing models hand their output
 * back re-encoded (JPEG at quality ~90), at another resolution, or after a VAE round trip that
 * leaves a slight global blur (~0.6 px) and a few percent less saturation. A follow check whose
 * direction a delivery also moves (blur) measures the change beyond this, so an unedited but
 * delivered candidate does not pass it.
 */
export const DELIVERY_BLUR_SIGMA = 0.8;

/**
 * Fine-detail ratio (as `Detail.detailRatio`) that a delivery blur of DELIVERY_BLUR_SIGMA px leaves on
 * this pair's aligned source, inside `region` if given: the level a requested blur must go clearly below.
 */
export function deliveryDetailRatio(pair: PairAnalysis, region?: Region): number {
  const source = pair.luma.source;
  const key = regionKey(region);
  // Computed once per aligned source plane, which every candidate that keeps the frame shares.
  return pair.source.derived(source, `deliveryDetailRatio:${key}`, () => {
    const blurred = gaussianBlurPlane(source, DELIVERY_BLUR_SIGMA);
    const mask = region ? pair.regionMask(region, true, "full") : null;
    const m = measureDetailRatio(source, blurred, mask);
    const contrast = Math.max(0.2, m.stdCandidate / Math.max(1e-3, m.stdSource));
    return Math.min(1, m.highFrequencyRatio / contrast);
  });
}

const halfCache = new WeakMap<PairAnalysis, Map<string, number>>();

/**
 * Noise σ added, measured on both planes box-downsampled by 2 and put back on the full-resolution scale
 * (×2, as averaging 2×2 pixels halves white noise). A delivery blur of ~0.6 px removes most of the
 * pixel-to-pixel noise the full-resolution estimate sees, but little at half resolution, so grain that
 * was added and then delivered with a drift is still found.
 */
export function halfScaleNoiseIncrease(pair: PairAnalysis, region?: Region): number {
  let byRegion = halfCache.get(pair);
  if (!byRegion) {
    byRegion = new Map();
    halfCache.set(pair, byRegion);
  }
  const key = region ? `${region.x0},${region.y0},${region.x1},${region.y1}` : "all";
  let value = byRegion.get(key);
  if (value === undefined) {
    const s = boxDownsamplePlane(pair.luma.source, 2);
    const c = boxDownsamplePlane(pair.luma.candidate, 2);
    const mask = region
      ? rectMask(s.width, s.height, regionToRect(region, s.width, s.height), true, 0)
      : null;
    const m = measureDetailChange(s, c, mask);
    const contrast = Math.max(0.2, m.stdCandidate / Math.max(1e-3, m.stdSource));
    value = 2 * (m.noiseCandidate / contrast - m.noiseSource);
    byRegion.set(key, value);
  }
  return value;
}
