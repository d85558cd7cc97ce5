import type { LabImage } from "./pixels/srgb-to-lab.js";
import type { Mask } from "./pixels/stats.js";

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

/** Direction and size of tone and colour change between aligned Lab images, optionally within a mask. One pass. */
export function measureToneChange(source: LabImage, candidate: LabImage, mask: Mask = null): ToneChange {
  const n = source.L.length;
  const { L: sl, a: sa, b: sb } = source;
  const { L: cl, a: ca, b: cb } = candidate;
  let count = 0;
  let sL = 0;
  let cL = 0;
  let sLL = 0;
  let cLL = 0;
  let sLcL = 0;
  let sC = 0;
  let cC = 0;
  let sA = 0;
  let sB = 0;
  let cA = 0;
  let cB = 0;
  let sAA = 0;
  let sBB = 0;
  let sAcA = 0;
  let sBcB = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue;
    const l0 = sl[i] as number;
    const l1 = cl[i] as number;
    const a0 = sa[i] as number;
    const b0 = sb[i] as number;
    const a1 = ca[i] as number;
    const b1 = cb[i] as number;
    count++;
    sL += l0;
    cL += l1;
    sLL += l0 * l0;
    cLL += l1 * l1;
    sLcL += l0 * l1;
    sC += Math.sqrt(a0 * a0 + b0 * b0);
    cC += Math.sqrt(a1 * a1 + b1 * b1);
    sA += a0;
    sB += b0;
    cA += a1;
    cB += b1;
    sAA += a0 * a0;
    sBB += b0 * b0;
    sAcA += a0 * a1;
    sBcB += b0 * b1;
  }
  const k = Math.max(1, count);
  const mL0 = sL / k;
  const mL1 = cL / k;
  const varL0 = Math.max(0, sLL / k - mL0 * mL0);
  const varL1 = Math.max(0, cLL / k - mL1 * mL1);
  const covL = sLcL / k - mL0 * mL1;
  const ma = sA / k;
  const mb = sB / k;
  const mca = cA / k;
  const mcb = cB / k;
  // Fit (a,b)_cand = g (a,b)_src + (da, db) jointly.
  const sxy = sAcA / k - ma * mca + (sBcB / k - mb * mcb);
  const sxx = sAA / k - ma * ma + (sBB / k - mb * mb);
  const chromaGain = sxx < 1e-6 ? 1 : sxy / sxx;
  const shiftA = mca - chromaGain * ma;
  const shiftB = mcb - chromaGain * mb;
  const meanChromaSource = sC / k;
  const meanChromaCandidate = cC / k;
  const stdS = Math.sqrt(varL0);
  return {
    deltaL: mL1 - mL0,
    contrastRatio: stdS < 1e-3 ? 1 : Math.sqrt(varL1) / stdS,
    chromaRatio: (meanChromaCandidate + 1) / (meanChromaSource + 1),
    meanChromaSource,
    meanChromaCandidate,
    chromaGain,
    shiftA,
    shiftB,
    warmth: shiftB + 0.25 * shiftA,
    lumaCorrelation: varL0 < 1e-9 || varL1 < 1e-9 ? 0 : covL / Math.sqrt(varL0 * varL1),
  };
}
