import { meanDeltaE } from "../../checks/difference.js";
import { measureHueShift, rotateHue } from "../../checks/hue-shift.js";
import type { EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { abstainVerdict, makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type HueShiftOp = Extract<EditOp, { op: "hue-shift" }>;

/** |mean hue change| when no angle was asked. */
const ANY_SHIFT: Curve = [
  [3, 0.05],
  [8, 0.3],
  [15, 0.6],
  [25, 0.9],
  [40, 0.95],
];
/** Circular distance from the asked angle, in degrees (tools rotate in HSL or LCh, which differ by up to ~30°). */
const ANGLE_ERROR: Curve = [
  [0, 0.95],
  [20, 0.9],
  [35, 0.6],
  [55, 0.3],
  [90, 0.1],
];
/** Chroma kept: a hue shift is not a desaturation (or a boost). */
const CHROMA_KEPT: Curve = [
  [0.3, 0.05],
  [0.55, 0.35],
  [0.75, 0.9],
  [1.35, 0.9],
  [2, 0.4],
];
/** Consistency of the per-pixel hue change: a rotation turns every colour alike. */
const CONSISTENCY: Curve = [
  [0.3, 0.1],
  [0.5, 0.4],
  [0.7, 0.9],
];

/** Hue concentration gained: a rotation keeps the spread of hues, a tint collapses it. */
const SPREAD_KEPT: Curve = [
  [0.08, 1],
  [0.15, 0.6],
  [0.3, 0.2],
];

/** Mean ΔE*ab between the candidate and the source turned by the measured angle: a tint or recolouring is not a rotation. */
const ROTATION_RESIDUAL: Curve = [
  [6, 0.95],
  [12, 0.7],
  [20, 0.4],
  [30, 0.2],
];

function circularDistance(a: number, b: number): number {
  const d = Math.abs(((((a - b) % 360) + 540) % 360) - 180);
  return d;
}

/** Hues rotated: the circular mean hue change of the chromatic pixels, with their chroma kept. */
export function verifyHueShiftFollow(principle: Principle, op: HueShiftOp, pair: PairAnalysis): Verdict {
  const by = "checks:hue";
  const h = measureHueShift(pair.lab.source, pair.lab.candidate);
  const m: Record<string, number> = {
    hueChange: h.degrees,
    consistency: h.consistency,
    chromaRatio: h.chromaRatio,
    chromaticShare: h.chromaticShare,
    concentrationGain: h.concentrationGain,
  };
  if (h.chromaticShare < 0.03)
    return abstainVerdict(principle, "the source has almost no colour, so a hue shift cannot be seen", by, m);
  const turn =
    op.degrees === null
      ? scoreOn(ANY_SHIFT, Math.abs(h.degrees))
      : scoreOn(ANGLE_ERROR, circularDistance(h.degrees, op.degrees));
  const residual = meanDeltaE(rotateHue(pair.lab.source, h.degrees), pair.lab.candidate, null);
  m.rotationResidual = residual;
  const score = Math.min(
    scoreOn(ROTATION_RESIDUAL, residual),
    turn,
    scoreOn(CHROMA_KEPT, h.chromaRatio),
    scoreOn(CONSISTENCY, h.consistency),
    scoreOn(SPREAD_KEPT, h.concentrationGain),
  );
  return makeVerdict(
    principle,
    score,
    `hues turned ${h.degrees >= 0 ? "+" : ""}${h.degrees.toFixed(0)}° (consistency ${h.consistency.toFixed(2)}), chroma ×${h.chromaRatio.toFixed(2)}, hue concentration ${h.concentrationGain >= 0 ? "+" : ""}${h.concentrationGain.toFixed(2)}, ΔE ${residual.toFixed(1)} from a pure rotation${op.degrees === null ? "" : `; asked ${op.degrees}°`}`,
    m,
    by,
  );
}
