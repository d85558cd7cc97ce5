import type { Distractor, FamilyDraw, PlanContext } from "./case-plan.js";
import { chain, type EditSpec } from "./edit-spec.js";
import { phrase } from "./fill-template.js";
import type { Range } from "./magnitudes.js";
import { standardEdit } from "./standard-edits.js";

export type LookFamily = "vignette-add" | "vignette-remove" | "posterize" | "hue-shift";

const u = (ctx: PlanContext, range: Range): number => ctx.rng.uniform(range[0], range[1]);

function darkVignette(ctx: PlanContext): EditSpec {
  return { op: "vignette", strength: u(ctx, ctx.mags.vignette), inner: u(ctx, ctx.mags.vignetteInner) };
}

function brightCorners(ctx: PlanContext): EditSpec {
  return {
    op: "vignette",
    strength: -u(ctx, ctx.mags.vignetteRemove),
    inner: u(ctx, ctx.mags.vignetteInner),
  };
}

/** Vignette add/remove, posterize and hue shift, with the distractors that make sense for each. */
export function planLookCase(family: LookFamily, ctx: PlanContext): FamilyDraw {
  const { rng } = ctx;
  const table = ctx.phrasings.looks;
  const distractors: Distractor[] = [];
  let instruction: string;
  let correct: EditSpec;
  if (family === "vignette-add" || family === "vignette-remove") {
    const add = family === "vignette-add";
    instruction = phrase(rng, table[family], {});
    correct = add ? darkVignette(ctx) : brightCorners(ctx);
    distractors.push(
      { kind: "opposite", spec: add ? brightCorners(ctx) : darkVignette(ctx) },
      {
        kind: "wrong-op",
        spec: standardEdit(
          rng.pick(
            add
              ? (["brightness-down", "contrast-down", "blur"] as const)
              : (["brightness-up", "contrast-down", "saturation-up"] as const),
          ),
          ctx,
        ),
      },
      {
        kind: "extreme",
        spec: {
          op: "vignette",
          strength: add ? rng.uniform(0.92, 1) : -rng.uniform(1.6, 2.2),
          inner: rng.uniform(0, 0.15),
        },
      },
    );
  } else if (family === "posterize") {
    const levels = rng.pick(ctx.mags.posterizeLevels);
    const named = rng.next() < 0.4;
    instruction = named
      ? phrase(rng, table.posterizeLevels, { levels: String(levels) })
      : phrase(rng, table.posterize, {});
    correct = { op: "posterize", levels };
    distractors.push(
      {
        kind: "wrong-op",
        spec: standardEdit(rng.pick(["pixelate", "contrast-up", "noise", "sharpen"] as const), ctx),
      },
      {
        kind: "extreme",
        spec: chain({ op: "posterize", levels: 2 }, { op: "contrast", method: "rgb", factor: 1.6 }),
      },
    );
  } else {
    const size = u(ctx, ctx.mags.hue);
    const degrees = Math.round((rng.next() < 0.5 ? -1 : 1) * size);
    const named = rng.next() < 0.5;
    instruction = named
      ? phrase(rng, table.hueDegrees, { deg: String(degrees) })
      : phrase(rng, table["hue-shift"], {});
    correct = { op: "hue", degrees };
    if (named && Math.abs(degrees) < 140)
      distractors.push({ kind: "opposite", spec: { op: "hue", degrees: -degrees } });
    distractors.push(
      {
        kind: "wrong-op",
        spec: standardEdit(rng.pick(["warmer", "cooler", "saturation-up", "sepia", "invert"] as const), ctx),
      },
      {
        kind: "extreme",
        spec: chain({ op: "hue", degrees }, { op: "saturation", method: "lch", factor: 3.2 }),
      },
    );
  }
  return {
    instruction,
    correct,
    distractors,
    globalChange: family === "hue-shift" ? "tone" : "cast",
    smearStyles: family === "posterize" ? ["blur"] : ["blur", "flat"],
  };
}
