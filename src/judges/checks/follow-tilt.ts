import type { EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { abstainVerdict, makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type TiltOp = Extract<EditOp, { op: "tilt" }>;

/** Angle error ÷ the asked angle (floored at 1.5°): a quarter off is fine, the full angle off is not done. */
const ANGLE_ERROR: Curve = [
  [0, 0.95],
  [0.3, 0.9],
  [0.5, 0.6],
  [0.75, 0.35],
  [1, 0.15],
  [2, 0.05],
];
/** |angle| when none was asked ("straighten it"): nothing is not done; past 20° it is no straightening. */
const ANY_ANGLE: Curve = [
  [0.2, 0.1],
  [0.5, 0.35],
  [0.9, 0.75],
  [1.5, 0.9],
  [15, 0.9],
  [25, 0.5],
];
/** NCC of the rotated source with the candidate: below ~0.75 the candidate is not a rotation of it. */
const FIT: Curve = [
  [0.5, 0.1],
  [0.7, 0.4],
  [0.8, 0.85],
  [0.88, 1],
];

/** A small-angle rotation: the angle found by an alignment search with the rotated source, sign and magnitude. */
export function verifyTiltFollow(principle: Principle, op: TiltOp, pair: PairAnalysis): Verdict {
  const by = "checks:small-rotation";
  const r = pair.smallRotation;
  if (!r) return abstainVerdict(principle, "the small-rotation search did not run", by);
  const m = { degreesClockwise: r.degrees, ncc: r.ncc, nccUnrotated: r.nccUnrotated, scale: r.scale };
  const found = `rotated ${Math.abs(r.degrees).toFixed(1)}° ${r.degrees >= 0 ? "clockwise" : "counter-clockwise"} (match ${r.ncc.toFixed(2)}, unrotated ${r.nccUnrotated.toFixed(2)})`;
  const fit = scoreOn(FIT, r.ncc);
  if (op.degrees === null) {
    return makeVerdict(principle, Math.min(fit, scoreOn(ANY_ANGLE, Math.abs(r.degrees))), found, m, by);
  }
  const target = op.clockwise === false ? -op.degrees : op.degrees;
  const error =
    op.clockwise === null ? Math.abs(Math.abs(r.degrees) - op.degrees) : Math.abs(r.degrees - target);
  const relative = error / Math.max(1.5, op.degrees);
  const asked = `${op.degrees}°${op.clockwise === null ? "" : op.clockwise ? " clockwise" : " counter-clockwise"}`;
  return makeVerdict(
    principle,
    Math.min(fit, scoreOn(ANGLE_ERROR, relative)),
    `${found}; asked ${asked}`,
    m,
    by,
  );
}
