import { measureMonochrome } from "../../checks/monochrome.js";
import type { EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { abstainVerdict, makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type ToneOp = Extract<
  EditOp,
  { op: "brightness" | "contrast" | "saturation" | "grayscale" | "sepia" | "temperature" | "invert" }
>;

/** Requested-direction curves: low when unchanged or opposite, high for a clear change, easing off when extreme. */
const BRIGHTNESS: Curve = [
  [-5, 0.02],
  [0, 0.1],
  [2, 0.35],
  [3.5, 0.55],
  [6, 0.8],
  [10, 0.95],
  [30, 0.95],
  [45, 0.75],
  [70, 0.6],
];
const LOG_RATIO: Curve = [
  [-0.1, 0.02],
  [0, 0.1],
  [0.04, 0.35],
  [0.07, 0.55],
  [0.12, 0.8],
  [0.2, 0.95],
  [0.7, 0.95],
  [1.2, 0.7],
];
const DESATURATE: Curve = [
  [-0.1, 0.02],
  [0, 0.1],
  [0.04, 0.35],
  [0.07, 0.55],
  [0.12, 0.8],
  [0.2, 0.95],
  [1.2, 0.95],
  [2.5, 0.75],
];
const WARMTH: Curve = [
  [-3, 0.02],
  [0, 0.1],
  [1.5, 0.35],
  [2.5, 0.55],
  [4, 0.8],
  [7, 0.95],
  [25, 0.95],
  [40, 0.7],
];
const GRAY_CHROMA: Curve = [
  [0, 0.97],
  [1.5, 0.95],
  [3, 0.7],
  [5, 0.45],
  [10, 0.15],
  [20, 0.05],
];
const INVERT_CORR: Curve = [
  [-1, 0.97],
  [-0.8, 0.9],
  [-0.5, 0.6],
  [-0.3, 0.45],
  [0, 0.1],
  [1, 0.02],
];
const SEPIA_SPREAD: Curve = [
  [0, 0.97],
  [15, 0.95],
  [25, 0.7],
  [35, 0.4],
  [60, 0.1],
];
/** A strong sepia (ImageMagick's -sepia-tone 80% reaches C* ≈ 40) is still sepia; an over-saturated one is not. */
const SEPIA_CHROMA: Curve = [
  [0, 0.05],
  [2, 0.2],
  [4, 0.55],
  [8, 0.95],
  [45, 0.95],
  [70, 0.5],
];
const SEPIA_HUE: Curve = [
  [0, 0.2],
  [25, 0.5],
  [40, 0.95],
  [95, 0.95],
  [120, 0.5],
  [180, 0.1],
];

/**
 * Sepia replaces the colours by one tint of the lightness: the source's own colour must be gone from the
 * candidate (gain k of the (a*,b*) fit near 0), or, on a nearly colourless source, the tint must be added.
 * A candidate that merely looks warm and muted, as some photos already do, has not been toned.
 */
const SEPIA_REPLACED: Curve = [
  [0.2, 0.95],
  [0.4, 0.8],
  [0.6, 0.45],
  [0.8, 0.15],
  [1, 0.05],
];
const SEPIA_ADDED: Curve = [
  [0, 0.05],
  [1.5, 0.25],
  [3, 0.6],
  [5, 0.95],
];
/** Below this source chroma the (a*,b*) gain is too noisy to read. */
const RELIABLE_SOURCE_CHROMA = 3;

const fmt = (x: number, d = 1) => (x >= 0 ? "+" : "") + x.toFixed(d);

export function verifyToneFollow(principle: Principle, op: ToneOp, pair: PairAnalysis): Verdict {
  const mask = principle.region ? pair.regionMask(principle.region, true, "analysis") : null;
  const where = principle.region ? ` in the ${principle.region.label}` : "";
  const t = pair.tone(principle.region);
  const by = "checks:tone";
  switch (op.op) {
    case "brightness": {
      const x = op.direction === "up" ? t.deltaL : -t.deltaL;
      return makeVerdict(
        principle,
        scoreOn(BRIGHTNESS, x),
        `mean lightness L* changed by ${fmt(t.deltaL)}${where} (asked: ${op.direction === "up" ? "brighter" : "darker"})`,
        { deltaL: t.deltaL },
        by,
      );
    }
    case "contrast": {
      const lr = Math.log(t.contrastRatio);
      return makeVerdict(
        principle,
        scoreOn(LOG_RATIO, op.direction === "up" ? lr : -lr),
        `lightness spread ×${t.contrastRatio.toFixed(2)}${where} (asked: ${op.direction === "up" ? "more" : "less"} contrast)`,
        { contrastRatio: t.contrastRatio },
        by,
      );
    }
    case "saturation": {
      const lr = Math.log(t.chromaRatio);
      const score = op.direction === "up" ? scoreOn(LOG_RATIO, lr) : scoreOn(DESATURATE, -lr);
      return makeVerdict(
        principle,
        score,
        `mean chroma C* ${t.meanChromaSource.toFixed(1)} → ${t.meanChromaCandidate.toFixed(1)} (×${t.chromaRatio.toFixed(2)})${where}`,
        {
          chromaRatio: t.chromaRatio,
          chromaSource: t.meanChromaSource,
          chromaCandidate: t.meanChromaCandidate,
        },
        by,
      );
    }
    case "temperature": {
      const x = op.direction === "warmer" ? t.warmth : -t.warmth;
      return makeVerdict(
        principle,
        scoreOn(WARMTH, x),
        `white balance shift Δb* ${fmt(t.shiftB)}, Δa* ${fmt(t.shiftA)} (warmth ${fmt(t.warmth)})${where}; asked ${op.direction}`,
        { warmth: t.warmth, shiftA: t.shiftA, shiftB: t.shiftB, chromaGain: t.chromaGain },
        by,
      );
    }
    case "invert":
      return makeVerdict(
        principle,
        scoreOn(INVERT_CORR, t.lumaCorrelation),
        `lightness correlation with the source ${t.lumaCorrelation.toFixed(2)}${where} (−1 = negative)`,
        { lumaCorrelation: t.lumaCorrelation },
        by,
      );
    case "grayscale": {
      if (t.meanChromaSource < 4) {
        return abstainVerdict(
          principle,
          `the source${where} is already nearly colourless (mean chroma ${t.meanChromaSource.toFixed(1)}), so grayscale cannot be told from no change`,
          by,
          { chromaSource: t.meanChromaSource },
        );
      }
      const m = measureMonochrome(pair.lab.candidate, mask);
      return makeVerdict(
        principle,
        scoreOn(GRAY_CHROMA, m.meanChroma),
        `candidate mean chroma ${m.meanChroma.toFixed(1)} (source ${t.meanChromaSource.toFixed(1)})${where}; ≤2 is grayscale`,
        { chromaCandidate: m.meanChroma, chromaP95: m.p95Chroma, chromaSource: t.meanChromaSource },
        by,
      );
    }
    case "sepia": {
      const m = measureMonochrome(pair.lab.candidate, mask);
      const added = t.meanChromaCandidate - t.meanChromaSource;
      const change = Math.max(
        t.meanChromaSource >= RELIABLE_SOURCE_CHROMA ? scoreOn(SEPIA_REPLACED, t.chromaGain) : 0,
        scoreOn(SEPIA_ADDED, added),
      );
      const score = Math.min(
        scoreOn(SEPIA_SPREAD, m.hueSpread),
        scoreOn(SEPIA_CHROMA, m.meanChroma),
        scoreOn(SEPIA_HUE, m.hueMean),
        change,
      );
      return makeVerdict(
        principle,
        score,
        `candidate hue ${m.hueMean.toFixed(0)}° ± ${m.hueSpread.toFixed(0)}°, chroma ${m.meanChroma.toFixed(1)}${where}; sepia is one warm hue (40–95°) with low spread; source colour kept ×${t.chromaGain.toFixed(2)}, chroma ${fmt(added)}${change < 0.5 ? " (the source's colours were not replaced by a tint)" : ""}`,
        {
          hueMean: m.hueMean,
          hueSpread: m.hueSpread,
          chroma: m.meanChroma,
          colourKept: t.chromaGain,
          chromaAdded: added,
        },
        by,
      );
    }
  }
}
