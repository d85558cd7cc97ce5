import { FLAT_BINS, flatBin, flatCut, highPassAt, isFlat, noiseAt, noiseSigma } from "./noise-level.js";
import type { Plane } from "./pixels/rgb-image.js";
import type { Mask } from "./pixels/stats.js";

export interface DetailChange {
  /** Mean |high-pass| of candidate ÷ source: <1 blurred, >1 sharpened or noisier. */
  highFrequencyRatio: number;
  /** Correlation of the residual (candidate − fitted source) with the source's high-pass: >0 sharpened, <0 blurred, ≈0 noise. */
  residualStructure: number;
  /** Estimated noise σ (0–255 scale) in the flat areas of the source and candidate (Immerkær). */
  noiseSource: number;
  noiseCandidate: number;
  /** Standard deviation of luma in source and candidate. */
  stdSource: number;
  stdCandidate: number;
}

/** Sums over the sampled sites of the first pass, and the histogram of the source's |high-pass|. */
interface SiteSums {
  es: number;
  ec: number;
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  hist: Uint32Array;
}

/** The first pass: every other row and column, interior pixels, inside the mask. */
function siteSums(source: Plane, candidate: Plane, mask: Mask): SiteSums {
  const { width: w, height: h } = source;
  const sd = source.data;
  const cd = candidate.data;
  let es = 0;
  let ec = 0;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  // Histogram of |high-pass| of the source, to find its flattest 40% without sorting.
  const hist = new Uint32Array(FLAT_BINS);
  for (let y = 1; y < h - 1; y += 2) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i += 2) {
      if (mask && mask[i] !== 1) continue;
      const a = highPassAt(sd, i, w);
      const b = highPassAt(cd, i, w);
      const aa = Math.abs(a);
      es += aa;
      ec += Math.abs(b);
      const xs = sd[i] as number;
      const yc = cd[i] as number;
      sx += xs;
      sy += yc;
      sxx += xs * xs;
      syy += yc * yc;
      sxy += xs * yc;
      n++;
      const bin = flatBin(aa);
      hist[bin] = (hist[bin] as number) + 1;
    }
  }
  return { es, ec, n, sx, sy, sxx, syy, sxy, hist };
}

/** Mean |high-pass| ratio and the two standard deviations, as `measureDetailChange` gives them, from its sums. */
function ratioAndSpread(
  m: SiteSums,
): Pick<DetailChange, "highFrequencyRatio" | "stdSource" | "stdCandidate"> {
  const nn = Math.max(1, m.n);
  return {
    highFrequencyRatio: (m.ec + 1e-3 * m.n) / (m.es + 1e-3 * m.n),
    stdSource: Math.sqrt(Math.max(0, m.sxx - (m.sx * m.sx) / nn) / nn),
    stdCandidate: Math.sqrt(Math.max(0, m.syy - (m.sy * m.sy) / nn) / nn),
  };
}

/**
 * `measureDetailChange`'s high-frequency ratio and standard deviations alone, from its first pass (bit for bit the
 * same values), for a caller that needs no residual or noise.
 */
export function measureDetailRatio(
  source: Plane,
  candidate: Plane,
  mask: Mask = null,
): Pick<DetailChange, "highFrequencyRatio" | "stdSource" | "stdCandidate"> {
  return ratioAndSpread(siteSums(source, candidate, mask));
}

/**
 * Blur, sharpening and noise between aligned luminance planes of equal size, sampled on every other
 * row and column (interior pixels only). Two passes, no per-pixel allocations.
 */
export function measureDetailChange(source: Plane, candidate: Plane, mask: Mask = null): DetailChange {
  const { width: w, height: h } = source;
  const sd = source.data;
  const cd = candidate.data;
  const sums = siteSums(source, candidate, mask);
  const { n, sx, sy, sxx, sxy, hist } = sums;
  const nn = Math.max(1, n);
  const varX = sxx - (sx * sx) / nn;
  const slope = varX < 1e-6 ? 1 : (sxy - (sx * sy) / nn) / varX;
  const icpt = (sy - slope * sx) / nn;
  const cut = flatCut(hist, n);
  let rr = 0;
  let hh = 0;
  let rh = 0;
  let rs = 0;
  let hsum = 0;
  let ns = 0;
  let nc = 0;
  let nf = 0;
  for (let y = 1; y < h - 1; y += 2) {
    for (let i = y * w + 1, end = y * w + w - 1; i < end; i += 2) {
      if (mask && mask[i] !== 1) continue;
      const r = (cd[i] as number) - (slope * (sd[i] as number) + icpt);
      const q = highPassAt(sd, i, w);
      rs += r;
      hsum += q;
      rr += r * r;
      hh += q * q;
      rh += r * q;
      const aq = Math.abs(q);
      if (isFlat(aq, cut)) {
        ns += noiseAt(sd, i, w);
        nc += noiseAt(cd, i, w);
        nf++;
      }
    }
  }
  const cov = rh - (rs * hsum) / nn;
  const vr = rr - (rs * rs) / nn;
  const vh = hh - (hsum * hsum) / nn;
  const spread = ratioAndSpread(sums);
  return {
    highFrequencyRatio: spread.highFrequencyRatio,
    residualStructure: vr < 1e-6 || vh < 1e-6 ? 0 : cov / Math.sqrt(vr * vh),
    noiseSource: noiseSigma(ns, nf),
    noiseCandidate: noiseSigma(nc, nf),
    stdSource: spread.stdSource,
    stdCandidate: spread.stdCandidate,
  };
}
