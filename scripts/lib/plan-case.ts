import type { CasePlan, Family, FamilyDraw, PlanContext } from "./case-plan.js";
import { chain, type EditSpec, IDENTITY, type Rect } from "./edit-spec.js";
import { planBorderCase } from "./plan-border-case.js";
import { planCropCase } from "./plan-crop-case.js";
import { planLookCase } from "./plan-look-case.js";
import { planFlipCase, planRotateCase } from "./plan-orientation-case.js";
import { planPlainCase } from "./plan-plain-case.js";
import { planRegionCase } from "./plan-region-case.js";
import { planResizeCase } from "./plan-resize-case.js";
import { planTiltCase } from "./plan-tilt-case.js";

function drawFamily(family: Family, ctx: PlanContext): FamilyDraw {
  switch (family) {
    case "rotate":
      return planRotateCase(ctx);
    case "flip":
      return planFlipCase(ctx);
    case "crop":
      return planCropCase(ctx);
    case "border":
      return planBorderCase(ctx);
    case "resize":
      return planResizeCase(ctx);
    case "region":
      return planRegionCase(ctx);
    case "vignette-add":
    case "vignette-remove":
    case "posterize":
    case "hue-shift":
      return planLookCase(family, ctx);
    case "tilt":
      return planTiltCase(ctx);
    default:
      return planPlainCase(family, ctx);
  }
}

const overlaps = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** A rectangle covering 6–10% of the image, inside its inner 90% and, if possible, clear of `avoid`. */
function damageRect(ctx: PlanContext, avoid: Rect | undefined): Rect {
  const { rng, photo } = ctx;
  let rect: Rect = { x0: 0.4, y0: 0.4, x1: 0.6, y1: 0.6 };
  for (let attempt = 0; attempt < 60; attempt++) {
    const area = rng.uniform(0.06, 0.1) * photo.width * photo.height;
    const aspect = rng.uniform(0.7, 1.4);
    const w = Math.sqrt(area * aspect) / photo.width;
    const h = Math.sqrt(area / aspect) / photo.height;
    const x0 = rng.uniform(0.05, 0.95 - w);
    const y0 = rng.uniform(0.05, 0.95 - h);
    rect = { x0, y0, x1: x0 + w, y1: y0 + h };
    if (!avoid || !overlaps(rect, avoid)) return rect;
  }
  return rect;
}

/** The correct edit plus an unrequested change: a global colour or tone shift, a pasted patch or a smear. */
function overEdit(ctx: PlanContext, draw: FamilyDraw): EditSpec {
  const { rng } = ctx;
  const kind = rng.pick(["global", "patch", "smear"] as const);
  let damage: EditSpec;
  if (kind === "global") {
    if (draw.globalChange === "cast") {
      const angle = rng.uniform(0, 2 * Math.PI);
      const size = rng.uniform(14, 22);
      damage = { op: "cast", da: size * Math.cos(angle), db: size * Math.sin(angle) };
    } else {
      damage = { op: "brightness", method: "knee", amount: rng.pick([-1, 1]) * rng.uniform(16, 24) };
    }
  } else if (kind === "patch") {
    damage = {
      op: "patch",
      donor: rng.pick(ctx.donors),
      at: damageRect(ctx, draw.avoid),
      from: { x: rng.uniform(0, 0.6), y: rng.uniform(0, 0.6) },
    };
  } else {
    damage = { op: "smear", at: damageRect(ctx, draw.avoid), style: rng.pick(draw.smearStyles) };
  }
  return chain(draw.correct, damage);
}

/** One case: an instruction, its correct edit and every distractor, each to be paired with the correct edit. */
export function planCase(id: string, family: Family, ctx: PlanContext): CasePlan {
  const draw = drawFamily(family, ctx);
  return {
    id,
    family,
    photo: ctx.photo.name,
    instruction: draw.instruction,
    correct: draw.correct,
    distractors: [
      ...draw.distractors,
      { kind: "no-op", spec: IDENTITY },
      { kind: "over-edit", spec: overEdit(ctx, draw) },
      { kind: "jpeg", spec: draw.correct, jpegQuality: ctx.rng.int(3, 8) },
      // Banding as a quality defect of any edit (posterizing is what the posterize family asks for).
      ...(family === "posterize"
        ? []
        : [
            {
              kind: "banded" as const,
              spec: chain(draw.correct, { op: "posterize", levels: ctx.rng.int(4, 6) }),
            },
          ]),
    ],
  };
}
