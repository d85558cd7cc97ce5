import type { LabImage } from "./pixels/srgb-to-lab.js";
import { correlation, type Mask, mean, std } from "./pixels/stats.js";

export interface ToneChange {
  /** Mean L* of candidate minus source (−100…100). */
  deltaL: number;
  /** std(L*) candidate ÷ source: >1 more contrast. */
  contrastRatio: number;
  /** Mean chroma C*ab candidate ÷ source: >1 more saturated. */
  chromaRatio: number;
  meanChromaSource: number;
  meanChromaCandidate: number;
  /** Least-squares gain k and offsets in (a*,b*) ≈ k·(a*,b*)_source + (Δa, Δb): a white-balance shift is the offset. */
  chromaGain: number;
  shiftA: number;
  shiftB: number;
  /** Δb + 0.25·Δa: positive is warmer (towards yellow/red), negative cooler. */
  warmth: number;
  /** Correlation of L* between source and candidate: ≈ −1 for a negative. */
  lumaCorrelation: number;
}

/** Direction and size of tone and colour change between aligned Lab images, optionally within a mask. */
export function measureToneChange(source: LabImage, candidate: LabImage, mask: Mask = null): ToneChange {
  const n = source.L.length;
  const chroma = (lab: LabImage) => {
    const c = new Float32Array(n);
    for (let i = 0; i < n; i++) c[i] = Math.hypot(lab.a[i] as number, lab.b[i] as number);
    return c;
  };
  const cs = chroma(source);
  const cc = chroma(candidate);
  const meanChromaSource = mean(cs, mask);
  const meanChromaCandidate = mean(cc, mask);
  const stdS = std(source.L, mask);
  // Fit (a,b)_cand = k (a,b)_src + (da, db) jointly.
  const ma = mean(source.a, mask);
  const mb = mean(source.b, mask);
  const mca = mean(candidate.a, mask);
  const mcb = mean(candidate.b, mask);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const xa = (source.a[i] as number) - ma;
    const xb = (source.b[i] as number) - mb;
    sxy += xa * ((candidate.a[i] as number) - mca) + xb * ((candidate.b[i] as number) - mcb);
    sxx += xa * xa + xb * xb;
  }
  const chromaGain = sxx < 1e-6 ? 1 : sxy / sxx;
  const shiftA = mca - chromaGain * ma;
  const shiftB = mcb - chromaGain * mb;
  return {
    deltaL: mean(candidate.L, mask) - mean(source.L, mask),
    contrastRatio: stdS < 1e-3 ? 1 : std(candidate.L, mask) / stdS,
    chromaRatio: (meanChromaCandidate + 1) / (meanChromaSource + 1),
    meanChromaSource,
    meanChromaCandidate,
    chromaGain,
    shiftA,
    shiftB,
    warmth: shiftB + 0.25 * shiftA,
    lumaCorrelation: correlation(source.L, candidate.L, mask),
  };
}
