import type { RgbImage } from "../../checks/pixels/rgb-image.js";
import type { EditOpName } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { PairAnalysis, type SourceAnalysis } from "./pair-analysis.js";
import type { ReducedImage } from "./reduced-image.js";
import { verifyPrinciple } from "./verify-principle.js";

/** Verifies the given principles on one candidate with the pixel checks. Pure; runs in a worker or in-thread. */
export function verifyPixels(
  source: SourceAnalysis,
  candidate: RgbImage | ReducedImage,
  principles: readonly Principle[],
  ops: readonly EditOpName[],
): Verdict[] {
  const pair = new PairAnalysis(source, candidate, {
    smallRotation: ops.includes("tilt"),
    crop: ops.includes("crop"),
  });
  return principles.map((p) => verifyPrinciple(p, ops, pair));
}
