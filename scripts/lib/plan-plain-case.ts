import type { Distractor, FamilyDraw, PlanContext } from "./case-plan.js";
import { phrase } from "./fill-template.js";
import type { PlainFamily } from "./phrasing-types.js";
import { CONFUSERS, extremeEdit, OPPOSITE, standardEdit } from "./standard-edits.js";

const COLOUR_FAMILIES = new Set<PlainFamily>([
  "saturation-up",
  "saturation-down",
  "grayscale",
  "sepia",
  "warmer",
  "cooler",
]);
const SOFTENING = new Set<PlainFamily>(["blur", "pixelate"]);

/** Tone, colour and filter families: one global edit, no parameters in the instruction. */
export function planPlainCase(family: PlainFamily, ctx: PlanContext): FamilyDraw {
  const instruction = phrase(ctx.rng, ctx.phrasings.plain[family], {});
  const correct = standardEdit(family, ctx);
  const distractors: Distractor[] = [];
  const opposite = OPPOSITE[family];
  if (opposite) distractors.push({ kind: "opposite", spec: standardEdit(opposite, ctx) });
  distractors.push({ kind: "wrong-op", spec: standardEdit(ctx.rng.pick(CONFUSERS[family]), ctx) });
  const extreme = extremeEdit(family, ctx);
  if (extreme) distractors.push({ kind: "extreme", spec: extreme });
  return {
    instruction,
    correct,
    distractors,
    globalChange: COLOUR_FAMILIES.has(family) ? "tone" : "cast",
    smearStyles: SOFTENING.has(family) ? ["flat"] : ["blur", "flat"],
  };
}
