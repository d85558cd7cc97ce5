import type { EditOpName } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { verifyFilterFollow } from "./follow-filter.js";
import { verifyGeometryFollow } from "./follow-geometry.js";
import { verifyHueShiftFollow } from "./follow-hue-shift.js";
import { verifyPosterizeFollow } from "./follow-posterize.js";
import { verifyTiltFollow } from "./follow-tilt.js";
import { verifyToneFollow } from "./follow-tone.js";
import { verifyVignetteFollow } from "./follow-vignette.js";
import { abstainVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { verifyKeep } from "./verify-keep.js";
import { verifyMaskChange } from "./verify-mask-change.js";
import { verifyMaskKeep } from "./verify-mask-keep.js";
import { verifyQuality } from "./verify-quality.js";

/** Verifies one principle on one candidate with the pixel checks. `ops` are all the requested ops. */
export function verifyPrinciple(
  principle: Principle,
  ops: readonly EditOpName[],
  pair: PairAnalysis,
): Verdict {
  if (principle.kind === "keep") {
    if (principle.scope === "identity" || principle.scope === "text") {
      return abstainVerdict(
        principle,
        `keeping ${principle.scope} needs the content models, which are not enabled`,
        "checks",
      );
    }
    if (principle.region?.fromMask) return verifyMaskKeep(principle, pair);
    return verifyKeep(principle, ops, pair);
  }
  if (principle.kind === "quality") return verifyQuality(principle, ops, pair);
  const op = principle.op;
  if (!op && principle.region?.fromMask) return verifyMaskChange(principle, pair);
  if (!op)
    return abstainVerdict(
      principle,
      "no rule-based check applies to this principle; use a VLM or hybrid judge",
      "checks",
    );
  switch (op.op) {
    case "brightness":
    case "contrast":
    case "saturation":
    case "grayscale":
    case "sepia":
    case "temperature":
    case "invert":
      return verifyToneFollow(principle, op, pair);
    case "blur":
    case "sharpen":
    case "noise":
    case "pixelate":
      return verifyFilterFollow(principle, op, pair);
    case "rotate":
    case "flip":
    case "crop":
    case "border":
    case "resize":
      return verifyGeometryFollow(principle, op, pair);
    case "tilt":
      return verifyTiltFollow(principle, op, pair);
    case "vignette":
      return verifyVignetteFollow(principle, op, pair);
    case "posterize":
      return verifyPosterizeFollow(principle, op, pair);
    case "hue-shift":
      return verifyHueShiftFollow(principle, op, pair);
    case "unknown":
      return abstainVerdict(principle, `not a change the pixel checks can verify: ${op.reason}`, "checks");
    default:
      return abstainVerdict(
        principle,
        `"${op.op}" needs the content models (OCR, detector), which are not enabled`,
        "checks",
      );
  }
}
