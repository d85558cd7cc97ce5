import type { Plane } from "./pixels/rgb-image.js";

/**
 * The noise level of a luma plane the way `measureDetailChange` reads it: Immerkær's mask response averaged over
 * the flattest 40 % of the sampled sites (every other row and column, interior pixels), flatness judged by the
 * source's 4-neighbour high-pass. The kernels live here so that the full measure and the noise-only one below
 * cannot drift apart.
 */

/** High-pass at pixel i: the pixel minus the mean of its 4 neighbours. */
export function highPassAt(d: Float32Array, i: number, w: number): number {
  return (
    (d[i] as number) -
    0.25 * ((d[i - 1] as number) + (d[i + 1] as number) + (d[i - w] as number) + (d[i + w] as number))
  );
}

/** |Immerkær mask response| at pixel i: responds to noise, cancels smooth gradients. */
export function noiseAt(d: Float32Array, i: number, w: number): number {
  const v =
    (d[i - w - 1] as number) -
    2 * (d[i - w] as number) +
    (d[i - w + 1] as number) -
    2 * (d[i - 1] as number) +
    4 * (d[i] as number) -
    2 * (d[i + 1] as number) +
    (d[i + w - 1] as number) -
    2 * (d[i + w] as number) +
    (d[i + w + 1] as number);
  return Math.abs(v);
}

/** Bins of the |high-pass| histogram, and bins per grey level. */
export const FLAT_BINS = 1024;
export const FLAT_BIN_SCALE = 8;

/** The histogram bin of a |high-pass| value (the last bin takes the rest). */
export function flatBin(absHighPass: number): number {
  return Math.min(FLAT_BINS - 1, (absHighPass * FLAT_BIN_SCALE) | 0);
}

/** Whether a site with this |high-pass| is among the flattest (at or below the cut bin). */
export function isFlat(absHighPass: number, cut: number): boolean {
  return ((absHighPass * FLAT_BIN_SCALE) | 0) <= cut;
}

/** The first bin at which the histogram of `n` sites holds 40 % of them. */
export function flatCut(hist: Uint32Array, n: number): number {
  for (let b = 0, acc = 0; b < FLAT_BINS; b++) {
    acc += hist[b] as number;
    if (acc >= 0.4 * n) return b;
  }
  return FLAT_BINS;
}

/** Noise σ (0–255 scale) from a sum of mask responses over `count` sites. */
export function noiseSigma(sum: number, count: number): number {
  return sum * (Math.sqrt(Math.PI / 2) / 6 / Math.max(1, count));
}

/** A plane's flattest sampled sites (pixel indices in scan order) and its noise σ there. */
export interface FlatSites {
  sites: Int32Array;
  noise: number;
}

/** The flattest 40 % of a plane's sampled sites, found once and reused for every plane compared with it. */
export function flatSites(plane: Plane): FlatSites {
  const { width: w, height: h, data } = plane;
  const hist = new Uint32Array(FLAT_BINS);
  let n = 0;
  for (let y = 1; y < h - 1; y += 2)
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i += 2) {
      const a = highPassAt(data, i, w);
      const bin = flatBin(Math.abs(a));
      hist[bin] = (hist[bin] as number) + 1;
      n++;
    }
  const cut = flatCut(hist, n);
  const found: number[] = [];
  for (let y = 1; y < h - 1; y += 2)
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i += 2) {
      const a = highPassAt(data, i, w);
      if (isFlat(Math.abs(a), cut)) found.push(i);
    }
  const sites = Int32Array.from(found);
  return { sites, noise: noiseSigma(noiseSumAt(plane, sites), sites.length) };
}

/** Sum of |mask response| of `plane` at the sites (in their order). */
export function noiseSumAt(plane: Plane, sites: Int32Array): number {
  const { width: w, data } = plane;
  let sum = 0;
  for (let k = 0; k < sites.length; k++) sum += noiseAt(data, sites[k] as number, w);
  return sum;
}
