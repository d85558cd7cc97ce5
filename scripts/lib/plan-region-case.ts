import type { Distractor, FamilyDraw, PlanContext } from "./case-plan.js";
import type { EditSpec, Rect } from "./edit-spec.js";
import { phrase } from "./fill-template.js";
import type { RegionEdit, RegionKey } from "./phrasing-types.js";
import { extremeEdit, OPPOSITE, standardEdit } from "./standard-edits.js";

/** Regions in normalised source coordinates. The centre is the middle half of each side. */
export const REGION_RECTS: Readonly<Record<RegionKey, Rect>> = {
  "top-half": { x0: 0, y0: 0, x1: 1, y1: 0.5 },
  "bottom-half": { x0: 0, y0: 0.5, x1: 1, y1: 1 },
  "left-side": { x0: 0, y0: 0, x1: 0.5, y1: 1 },
  "right-side": { x0: 0.5, y0: 0, x1: 1, y1: 1 },
  "top-third": { x0: 0, y0: 0, x1: 1, y1: 1 / 3 },
  "bottom-third": { x0: 0, y0: 2 / 3, x1: 1, y1: 1 },
  centre: { x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 },
};

const REGION_KEYS = Object.keys(REGION_RECTS) as RegionKey[];

/** Where a confused editor applies the edit instead. The centre's wrong region is everything but the centre. */
const WRONG_REGION: Record<RegionKey, { key: RegionKey; invert: boolean }> = {
  "top-half": { key: "bottom-half", invert: false },
  "bottom-half": { key: "top-half", invert: false },
  "left-side": { key: "right-side", invert: false },
  "right-side": { key: "left-side", invert: false },
  "top-third": { key: "bottom-third", invert: false },
  "bottom-third": { key: "top-third", invert: false },
  centre: { key: "centre", invert: true },
};

const REGION_EDITS: readonly RegionEdit[] = [
  "brightness-up",
  "brightness-down",
  "contrast-up",
  "saturation-down",
  "grayscale",
  "sepia",
  "warmer",
  "cooler",
  "blur",
  "pixelate",
  "invert",
];

/** Edits that could be a fair reading of the asked one, so they are never its wrong operation. */
const AMBIGUOUS: Partial<Record<RegionEdit, readonly RegionEdit[]>> = {
  "saturation-down": ["grayscale"],
};

/** A tone or filter edit restricted to a named region; everything else must stay. */
export function planRegionCase(ctx: PlanContext): FamilyDraw {
  const { rng } = ctx;
  const regionKey = rng.pick(REGION_KEYS);
  const rect = REGION_RECTS[regionKey];
  const edit = rng.pick(REGION_EDITS);
  const table = ctx.phrasings.region;
  const words = table.edits[edit];
  const instruction = phrase(rng, table.templates, {
    verb: rng.pick(words.verb),
    complaint: words.complaint ? rng.pick(words.complaint) : undefined,
    region: rng.pick(table.regions[regionKey]),
  });
  const inner = standardEdit(edit, ctx);
  const inRegion = (spec: EditSpec): EditSpec => ({ op: "region", rect, invert: false, inner: spec });
  const distractors: Distractor[] = [];
  const opposite = OPPOSITE[edit];
  if (opposite) distractors.push({ kind: "opposite", spec: inRegion(standardEdit(opposite, ctx)) });
  const wrongEdit = rng.pick(
    REGION_EDITS.filter((e) => e !== edit && OPPOSITE[edit] !== e && !(AMBIGUOUS[edit] ?? []).includes(e)),
  );
  distractors.push({ kind: "wrong-op", spec: inRegion(standardEdit(wrongEdit, ctx)) });
  const wrong = WRONG_REGION[regionKey];
  distractors.push({
    kind: "wrong-region",
    spec: { op: "region", rect: REGION_RECTS[wrong.key], invert: wrong.invert, inner },
  });
  distractors.push({ kind: "global", spec: inner });
  const extreme = extremeEdit(edit, ctx);
  if (extreme) distractors.push({ kind: "extreme", spec: inRegion(extreme) });
  return {
    instruction,
    correct: inRegion(inner),
    distractors,
    avoid: rect,
    globalChange: "cast",
    smearStyles: ["blur", "flat"],
  };
}
