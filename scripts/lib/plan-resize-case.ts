import type { FamilyDraw, PlanContext } from "./case-plan.js";
import { phrase } from "./fill-template.js";

/** A uniform downscale by a named factor. */
export function planResizeCase(ctx: PlanContext): FamilyDraw {
  const { rng } = ctx;
  const factor = rng.pick(ctx.mags.resizeFactors);
  const table = ctx.phrasings.resize;
  const words =
    table.words[factor.toFixed(3).replace(/0+$/, "").replace(/\.$/, "")] ?? table.words[String(factor)];
  if (!words) throw new Error(`no resize words for factor ${factor}`);
  const instruction = phrase(rng, table.templates, { ...words });
  const up = Math.min(1 / factor, 2);
  const k = factor;
  return {
    instruction,
    correct: { op: "resize", scaleX: factor, scaleY: factor },
    distractors: [
      { kind: "opposite", spec: { op: "resize", scaleX: up, scaleY: up } },
      // Cropped to the requested size instead of scaled.
      {
        kind: "wrong-op",
        spec: { op: "crop", rect: { x0: (1 - k) / 2, y0: (1 - k) / 2, x1: (1 + k) / 2, y1: (1 + k) / 2 } },
      },
      { kind: "extreme", spec: { op: "resize", scaleX: factor / 3, scaleY: factor / 3 } },
    ],
    globalChange: "cast",
    smearStyles: ["blur", "flat"],
  };
}
