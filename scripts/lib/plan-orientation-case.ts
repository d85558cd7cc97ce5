import type { FamilyDraw, PlanContext } from "./case-plan.js";
import { phrase } from "./fill-template.js";
import type { TurnKey } from "./phrasing-types.js";

const CLOCKWISE: Record<TurnKey, 90 | 180 | 270> = {
  "90cw": 90,
  "90ccw": 270,
  "180": 180,
  "270cw": 270,
  "270ccw": 90,
};
const TURNS: readonly TurnKey[] = ["90cw", "90cw", "90ccw", "90ccw", "180", "180", "270cw", "270ccw"];

export function planRotateCase(ctx: PlanContext): FamilyDraw {
  const { rng } = ctx;
  const turn = rng.pick(TURNS);
  const degrees = CLOCKWISE[turn];
  const table = ctx.phrasings.rotate;
  const instruction = phrase(rng, table.templates, { turn: rng.pick(table.turns[turn]) });
  const other = degrees === 180 ? rng.pick([90, 270] as const) : degrees === 90 ? 270 : 90;
  return {
    instruction,
    correct: { op: "rotate", degrees },
    distractors: [
      { kind: degrees === 180 ? "wrong-angle" : "opposite", spec: { op: "rotate", degrees: other } },
      { kind: "wrong-op", spec: { op: "flip", axis: rng.pick(["horizontal", "vertical"] as const) } },
    ],
    globalChange: "cast",
    smearStyles: ["blur", "flat"],
  };
}

export function planFlipCase(ctx: PlanContext): FamilyDraw {
  const { rng } = ctx;
  const axis = rng.pick(["horizontal", "vertical"] as const);
  const table = ctx.phrasings.flip;
  const instruction = phrase(rng, table.templates, { axis: rng.pick(table.axes[axis]) });
  return {
    instruction,
    correct: { op: "flip", axis },
    distractors: [
      { kind: "opposite", spec: { op: "flip", axis: axis === "horizontal" ? "vertical" : "horizontal" } },
      { kind: "wrong-op", spec: { op: "rotate", degrees: rng.pick([90, 180, 270] as const) } },
    ],
    globalChange: "cast",
    smearStyles: ["blur", "flat"],
  };
}
