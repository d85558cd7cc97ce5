/** Families whose edit is one operator over the whole frame (tone, colour, filters, vignettes): a table of edits and distractors. */
import type { Rng } from "../lib/rng.js";
import {
  type ImCase,
  type ImDistractor,
  type ImEdit,
  type ImFamily,
  type ImPlanContext,
  ORIGINAL,
} from "./im-case.js";
import {
  blur,
  brighten,
  common,
  contrastDown,
  contrastUp,
  cool,
  damage,
  darken,
  e,
  f2,
  gains,
  noise,
  pct,
  pixelate,
  scaleOf,
  sepia,
  sharpen,
  vignette,
  warm,
} from "./im-ops.js";
import { IM_PHRASINGS } from "./phrasings-im.js";

export type Plain = {
  correct: (r: Rng, c: ImPlanContext) => ImEdit;
  opposite?: (r: Rng, c: ImPlanContext) => ImEdit;
  wrongOp?: (r: Rng, c: ImPlanContext) => ImEdit;
  partial?: (r: Rng, c: ImPlanContext) => ImEdit;
  extreme?: (r: Rng, c: ImPlanContext) => ImEdit;
  /** Smears are invisible after a blur-like edit. */
  noSmear?: boolean;
};

export const PLAIN: Partial<Record<ImFamily, Plain>> = {
  "brightness-up": {
    correct: brighten,
    opposite: darken,
    wrongOp: (r) => contrastUp(r),
    extreme: (r) => e("-level", `0%,${pct(r.uniform(30, 42))}`),
  },
  "brightness-down": {
    correct: darken,
    opposite: brighten,
    wrongOp: (r) => contrastDown(r),
    extreme: (r) => e("-level", `${pct(r.uniform(58, 68))},100%`),
  },
  "contrast-up": {
    correct: contrastUp,
    opposite: contrastDown,
    wrongOp: brighten,
    extreme: (r) => e("-sigmoidal-contrast", `${f2(r.uniform(16, 22))}x50%`),
  },
  "contrast-down": {
    correct: contrastDown,
    opposite: contrastUp,
    wrongOp: darken,
    extreme: (r) => e("+level", `${pct(r.uniform(40, 45))},${pct(r.uniform(55, 60))}`),
  },
  "saturation-up": {
    correct: (r) => e("-modulate", `100,${Math.round(r.uniform(135, 175))},100`),
    opposite: (r) => e("-modulate", `100,${Math.round(r.uniform(40, 60))},100`),
    wrongOp: contrastUp,
    extreme: (r) => e("-modulate", `100,${Math.round(r.uniform(330, 420))},100`),
  },
  "saturation-down": {
    correct: (r) => e("-modulate", `100,${Math.round(r.uniform(35, 62))},100`),
    opposite: (r) => e("-modulate", `100,${Math.round(r.uniform(140, 170))},100`),
    wrongOp: contrastDown,
  },
  grayscale: {
    correct: (r) =>
      r.pick([e("-colorspace", "Gray"), e("-modulate", "100,0,100"), e("-grayscale", "Rec709Luminance")]),
    opposite: (r) => e("-modulate", `100,${Math.round(r.uniform(140, 170))},100`),
    partial: (r) => e("-modulate", `100,${Math.round(r.uniform(40, 60))},100`),
    wrongOp: sepia,
    extreme: (r) => e("-colorspace", "Gray", "-sigmoidal-contrast", `${f2(r.uniform(14, 20))}x50%`),
  },
  sepia: {
    correct: sepia,
    opposite: () => e("-modulate", "100,0", "-fill", "#2a5a9a", "-tint", "100"),
    wrongOp: () => e("-colorspace", "Gray"),
    partial: (r) => warm(r, r.uniform(0.07, 0.1)),
    extreme: (r) => e("-sepia-tone", "95%", "-modulate", `100,${Math.round(r.uniform(300, 380))},100`),
  },
  warmer: {
    correct: (r) => warm(r, r.uniform(0.07, 0.14)),
    opposite: (r) => cool(r, r.uniform(0.07, 0.14)),
    wrongOp: (r) => e("-modulate", `100,${Math.round(r.uniform(135, 160))},100`),
    extreme: (r) => gains(1 + r.uniform(0.38, 0.5), 1 - r.uniform(0.38, 0.5)),
  },
  cooler: {
    correct: (r) => cool(r, r.uniform(0.07, 0.14)),
    opposite: (r) => warm(r, r.uniform(0.07, 0.14)),
    wrongOp: (r) => e("-modulate", `100,${Math.round(r.uniform(40, 60))},100`),
    extreme: (r) => gains(1 - r.uniform(0.38, 0.5), 1 + r.uniform(0.38, 0.5)),
  },
  invert: {
    correct: () => e("-negate"),
    wrongOp: () => e("-colorspace", "Gray"),
    partial: () => e("-channel", "R", "-negate", "+channel"),
  },
  blur: {
    correct: blur,
    opposite: (r) => e("-unsharp", `0x${f2(r.uniform(1.2, 2))}+${f2(r.uniform(1.2, 2))}+0`),
    wrongOp: (r, c) => pixelate(c, r.uniform(9, 16) * scaleOf(c)),
    extreme: (r, c) => e("-blur", `0x${f2(r.uniform(20, 28) * scaleOf(c))}`),
    noSmear: true,
  },
  sharpen: {
    correct: sharpen,
    opposite: (r, c) => e("-blur", `0x${f2(r.uniform(1.5, 2.5) * scaleOf(c))}`),
    wrongOp: (r) => noise(r),
    extreme: (r) => e("-unsharp", `0x${f2(r.uniform(2.5, 3.5))}+${f2(r.uniform(6, 9))}+0`),
  },
  noise: {
    correct: (r) => noise(r),
    opposite: (r, c) => e("-blur", `0x${f2(r.uniform(1, 1.6) * scaleOf(c))}`),
    wrongOp: sharpen,
    extreme: (r) => noise(r, 5),
  },
  pixelate: {
    correct: (r, c) => pixelate(c, r.uniform(9, 18) * scaleOf(c)),
    opposite: sharpen,
    wrongOp: blur,
    extreme: (r, c) => pixelate(c, r.uniform(60, 84) * scaleOf(c)),
    noSmear: true,
  },
  posterize: {
    correct: (r) => e("-posterize", String(r.int(4, 7))),
    wrongOp: (r, c) => pixelate(c, r.uniform(9, 14) * scaleOf(c)),
    extreme: () => e("-posterize", "2"),
  },
  "hue-shift": {
    correct: (r) => e("-modulate", `100,100,${Math.round(100 + r.pick([-1, 1]) * r.uniform(18, 40))}`),
    wrongOp: (r) => e("-modulate", `100,${Math.round(r.uniform(140, 170))},100`),
  },
  "vignette-add": {
    correct: (r, c) => vignette(c, r.uniform(0.25, 0.4), "black"),
    opposite: (r, c) => vignette(c, r.uniform(0.25, 0.4), "white"),
    wrongOp: darken,
    extreme: (r, c) => vignette(c, r.uniform(0.05, 0.1), "black"),
  },
};

export function planPlain(family: ImFamily, p: Plain, r: Rng, c: ImPlanContext): ImCase {
  const templates = IM_PHRASINGS[family as keyof typeof IM_PHRASINGS];
  const correct = p.correct(r, c);
  const distractors: ImDistractor[] = [];
  if (p.opposite) distractors.push({ kind: "opposite", edit: p.opposite(r, c) });
  if (p.wrongOp) distractors.push({ kind: "wrong-op", edit: p.wrongOp(r, c) });
  if (p.partial) distractors.push({ kind: "partial", edit: p.partial(r, c) });
  if (p.extreme) distractors.push({ kind: "extreme", edit: p.extreme(r, c) });
  distractors.push(...common(r, correct, p.noSmear ?? false));
  return { family, instruction: r.pick(templates), sourcePrep: [], correct, distractors, keepsSize: false };
}

export function planVignetteRemove(r: Rng, c: ImPlanContext): ImCase {
  const v = vignette(c, r.uniform(0.22, 0.35), "black");
  // The source carries the vignette; the correct answer is the photo without it (ORIGINAL as input).
  return {
    family: "vignette-remove",
    instruction: r.pick(IM_PHRASINGS["vignette-remove"]),
    sourcePrep: v.args,
    correct: { args: [ORIGINAL] },
    keepsSize: false,
    distractors: [
      { kind: "opposite", edit: vignette(c, r.uniform(0.08, 0.14), "black") },
      { kind: "wrong-op", edit: brighten(r) },
      { kind: "no-op", edit: { args: [] } },
      { kind: "over-edit", edit: { args: [ORIGINAL], damage: damage(r, false) } },
      { kind: "jpeg", edit: { args: [ORIGINAL] }, jpegQuality: r.int(4, 9) },
    ],
  };
}
