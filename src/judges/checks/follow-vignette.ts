import { measureVignette } from "../../checks/vignette.js";
import type { EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type VignetteOp = Extract<EditOp, { op: "vignette" }>;

/** Fitted corner-minus-centre ΔL* in the asked direction (darker corners for "add"). */
const CORNER_CHANGE: Curve = [
  [-2, 0.05],
  [0, 0.1],
  [2, 0.3],
  [4, 0.55],
  [7, 0.85],
  [10, 0.95],
  [35, 0.95],
  [55, 0.65],
];

/** A vignette added or removed: the corner-versus-centre lightness change from source to candidate. */
export function verifyVignetteFollow(principle: Principle, op: VignetteOp, pair: PairAnalysis): Verdict {
  const v = measureVignette(pair.lab.source, pair.lab.candidate);
  const signed = op.direction === "add" ? -v.cornerChange : v.cornerChange;
  const score = scoreOn(CORNER_CHANGE, signed);
  return makeVerdict(
    principle,
    score,
    `corners ${v.cornerChange >= 0 ? "+" : ""}${v.cornerChange.toFixed(1)} L* relative to the centre (corner/centre lightness ×${v.ratio.toFixed(2)}; radial fit explains ${(v.explained * 100).toFixed(0)}% of the change)`,
    { cornerChange: v.cornerChange, cornerCentreRatio: v.ratio, radialShare: v.explained },
    "checks:vignette",
  );
}
