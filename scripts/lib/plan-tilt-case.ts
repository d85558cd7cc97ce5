import type { Distractor, FamilyDraw, PlanContext } from "./case-plan.js";
import type { EditSpec } from "./edit-spec.js";
import { phrase } from "./fill-template.js";

/**
 * Small-angle rotation: "rotate 5° clockwise" (sense named), "tilt it 12 degrees" (bare: clockwise by
 * convention) or "straighten the horizon by 3°" (no sense: either is correct, so no opposite distractor).
 */
export function planTiltCase(ctx: PlanContext): FamilyDraw {
  const { rng } = ctx;
  const table = ctx.phrasings.looks.tilt;
  const size = Math.round(rng.uniform(ctx.mags.tilt[0], ctx.mags.tilt[1]));
  const kind = rng.pick(["signed", "signed", "bare", "straighten"] as const);
  let clockwise = rng.next() < 0.5;
  let instruction: string;
  if (kind === "signed") {
    const dir = rng.pick(clockwise ? table.clockwise : table.counterclockwise);
    instruction = phrase(rng, table.signed, { deg: String(size), dir });
  } else {
    if (kind === "bare") clockwise = true;
    instruction = phrase(rng, kind === "bare" ? table.bare : table.straighten, { deg: String(size) });
  }
  const fill = rng.pick(["black", "white", "zoom"] as const);
  const degrees = clockwise ? size : -size;
  const correct: EditSpec = { op: "tilt", degrees, fill };
  const distractors: Distractor[] = [];
  if (kind !== "straighten")
    distractors.push({ kind: "opposite", spec: { op: "tilt", degrees: -degrees, fill } });
  distractors.push(
    {
      kind: "wrong-op",
      spec: rng.pick([
        { op: "rotate", degrees: rng.pick([90, 270] as const) },
        { op: "flip", axis: "horizontal" },
        { op: "crop", rect: { x0: 0.1, y0: 0.1, x1: 0.9, y1: 0.9 } },
      ] as const),
    },
    {
      kind: "extreme",
      spec: { op: "tilt", degrees: Math.sign(degrees) * Math.min(40, size * rng.uniform(2.6, 3.4)), fill },
    },
  );
  return { instruction, correct, distractors, globalChange: "cast", smearStyles: ["blur", "flat"] };
}
