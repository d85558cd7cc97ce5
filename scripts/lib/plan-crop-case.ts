import type { FamilyDraw, PlanContext } from "./case-plan.js";
import type { Rect } from "./edit-spec.js";
import { phrase } from "./fill-template.js";
import type { CropKey } from "./phrasing-types.js";

const LANDSCAPE: readonly CropKey[] = [
  "half-left",
  "half-right",
  "half-top",
  "half-bottom",
  "third-left",
  "third-right",
  "third-top",
  "third-bottom",
  "square-center",
  "square-left",
  "square-right",
  "centre",
  "centre",
];
const PORTRAIT: readonly CropKey[] = [
  "half-top",
  "half-bottom",
  "half-left",
  "half-right",
  "third-top",
  "third-bottom",
  "square-center",
  "square-top",
  "square-bottom",
  "centre",
  "centre",
];

/** The kept rectangle for a crop target; `shrink` < 1 makes it tighter than asked. */
function cropRect(key: CropKey, width: number, height: number, centre: number, shrink = 1): Rect {
  const half = 0.5 * shrink;
  const third = (1 / 3) * shrink;
  const sq = shrink * (Math.min(width, height) / Math.max(width, height));
  switch (key) {
    case "half-left":
      return { x0: 0, y0: 0, x1: half, y1: 1 };
    case "half-right":
      return { x0: 1 - half, y0: 0, x1: 1, y1: 1 };
    case "half-top":
      return { x0: 0, y0: 0, x1: 1, y1: half };
    case "half-bottom":
      return { x0: 0, y0: 1 - half, x1: 1, y1: 1 };
    case "third-left":
      return { x0: 0, y0: 0, x1: third, y1: 1 };
    case "third-right":
      return { x0: 1 - third, y0: 0, x1: 1, y1: 1 };
    case "third-top":
      return { x0: 0, y0: 0, x1: 1, y1: third };
    case "third-bottom":
      return { x0: 0, y0: 1 - third, x1: 1, y1: 1 };
    case "square-center":
    case "square-left":
    case "square-right":
    case "square-top":
    case "square-bottom": {
      const landscape = width >= height;
      const along = sq; // fraction of the long side
      const across = shrink; // fraction of the short side
      const start =
        key === "square-center"
          ? (1 - along) / 2
          : key === "square-left" || key === "square-top"
            ? 0
            : 1 - along;
      const o0 = (1 - across) / 2;
      return landscape
        ? { x0: start, y0: o0, x1: start + along, y1: o0 + across }
        : { x0: o0, y0: start, x1: o0 + across, y1: start + along };
    }
    case "centre": {
      const k = centre * shrink;
      return { x0: (1 - k) / 2, y0: (1 - k) / 2, x1: (1 + k) / 2, y1: (1 + k) / 2 };
    }
  }
}

const OPPOSITE_ANCHOR: Partial<Record<CropKey, CropKey>> = {
  "half-left": "half-right",
  "half-right": "half-left",
  "half-top": "half-bottom",
  "half-bottom": "half-top",
  "third-left": "third-right",
  "third-right": "third-left",
  "third-top": "third-bottom",
  "third-bottom": "third-top",
  "square-left": "square-right",
  "square-right": "square-left",
  "square-top": "square-bottom",
  "square-bottom": "square-top",
};

export function planCropCase(ctx: PlanContext): FamilyDraw {
  const { rng, photo } = ctx;
  const keys = photo.width >= photo.height ? LANDSCAPE : PORTRAIT;
  // A square crop of a square photo would be a no-op.
  const key = rng.pick(photo.width === photo.height ? keys.filter((k) => !k.startsWith("square")) : keys);
  const centre = rng.uniform(ctx.mags.centreCrop[0], ctx.mags.centreCrop[1]);
  const rect = cropRect(key, photo.width, photo.height, centre);
  const table = ctx.phrasings.crop;
  const instruction = phrase(rng, table.templates, { crop: rng.pick(table.targets[key]) });
  let wrongAnchor: Rect;
  const oppositeKey = OPPOSITE_ANCHOR[key];
  if (oppositeKey) wrongAnchor = cropRect(oppositeKey, photo.width, photo.height, centre);
  else if (key === "square-center")
    wrongAnchor = cropRect(
      photo.width >= photo.height
        ? rng.pick(["square-left", "square-right"] as const)
        : rng.pick(["square-top", "square-bottom"] as const),
      photo.width,
      photo.height,
      centre,
    );
  else {
    // centre: the same-size window in a corner
    const k = rect.x1 - rect.x0;
    const corner = rng.pick([0, 1] as const);
    wrongAnchor = corner === 0 ? { x0: 0, y0: 0, x1: k, y1: k } : { x0: 1 - k, y0: 1 - k, x1: 1, y1: 1 };
  }
  return {
    instruction,
    correct: { op: "crop", rect },
    distractors: [
      { kind: "opposite", spec: { op: "crop", rect: wrongAnchor } },
      // The whole image squeezed to the crop's size instead of cropped.
      { kind: "wrong-op", spec: { op: "resize", scaleX: rect.x1 - rect.x0, scaleY: rect.y1 - rect.y0 } },
      // Far tighter than asked.
      { kind: "extreme", spec: { op: "crop", rect: cropRect(key, photo.width, photo.height, centre, 0.45) } },
    ],
    globalChange: "cast",
    smearStyles: ["blur", "flat"],
  };
}
