/** The region family: an edit inside one part of the frame, with distractors in the opposite part or everywhere. */
import type { Rng } from "../lib/rng.js";
import type { ImCase, ImEdit, ImPlanContext } from "./im-case.js";
import { common, e, f2, fill, gains, pct, type Rect, scaleOf } from "./im-ops.js";
import { IM_PHRASINGS, IM_REGION_EDITS, IM_REGIONS } from "./phrasings-im.js";

export const REGION_RECT: Record<keyof typeof IM_REGIONS, Rect> = {
  top: { x0: 0, y0: 0, x1: 1, y1: 0.5 },
  bottom: { x0: 0, y0: 0.5, x1: 1, y1: 1 },
  left: { x0: 0, y0: 0, x1: 0.5, y1: 1 },
  right: { x0: 0.5, y0: 0, x1: 1, y1: 1 },
  "top-third": { x0: 0, y0: 0, x1: 1, y1: 1 / 3 },
  "bottom-third": { x0: 0, y0: 2 / 3, x1: 1, y1: 1 },
  centre: { x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 },
};
export const OPPOSITE_REGION: Record<keyof typeof IM_REGIONS, keyof typeof IM_REGIONS> = {
  top: "bottom",
  bottom: "top",
  left: "right",
  right: "left",
  "top-third": "bottom-third",
  "bottom-third": "top-third",
  centre: "top",
};

export function regionGeometry(rect: Rect, c: ImPlanContext): string {
  const x = Math.round(rect.x0 * c.width);
  const y = Math.round(rect.y0 * c.height);
  return `${Math.round(rect.x1 * c.width) - x}x${Math.round(rect.y1 * c.height) - y}+${x}+${y}`;
}

export const REGION_OPS: Record<keyof typeof IM_REGION_EDITS, (r: Rng, c: ImPlanContext) => ImEdit> = {
  brighten: (r) => e("-modulate", `${Math.round(r.uniform(125, 145))},100,100`),
  darken: (r) => e("-modulate", `${Math.round(r.uniform(60, 75))},100,100`),
  desaturate: (r) => e("-modulate", `100,${Math.round(r.uniform(20, 40))},100`),
  grayscale: () => e("-modulate", "100,0,100"),
  sepia: (r) => e("-sepia-tone", pct(r.uniform(75, 90))),
  warmer: (r) => gains(1 + r.uniform(0.1, 0.16), 1 - r.uniform(0.1, 0.16)),
  blur: (r, c) => e("-blur", `0x${f2(r.uniform(2.5, 4) * scaleOf(c))}`),
  invert: () => e("-negate"),
  contrast: (r) => e("-sigmoidal-contrast", `${f2(r.uniform(5, 8))}x50%`),
};

export const inRegion = (geometry: string, edit: ImEdit): ImEdit => ({
  args: ["-region", geometry, ...edit.args, "+region"],
});

export function planRegion(r: Rng, c: ImPlanContext): ImCase {
  const key = r.pick(Object.keys(IM_REGIONS) as Array<keyof typeof IM_REGIONS>);
  const editKey = r.pick(Object.keys(IM_REGION_EDITS) as Array<keyof typeof IM_REGION_EDITS>);
  const [verb, gerund] = IM_REGION_EDITS[editKey];
  const instruction = fill(r.pick(IM_PHRASINGS.region), {
    edit: verb,
    editing: gerund,
    region: IM_REGIONS[key],
  }).replace(/^Only ([A-Z])/, (_, ch: string) => `Only ${ch.toLowerCase()}`);
  const op = REGION_OPS[editKey](r, c);
  const rect = REGION_RECT[key];
  const other = REGION_RECT[OPPOSITE_REGION[key]];
  const correct = inRegion(regionGeometry(rect, c), op);
  return {
    family: "region",
    instruction,
    sourcePrep: [],
    correct,
    keepsSize: false,
    distractors: [
      { kind: "wrong-region", edit: inRegion(regionGeometry(other, c), op) },
      { kind: "global", edit: op },
      ...common(r, correct, editKey === "blur", rect),
    ],
  };
}
