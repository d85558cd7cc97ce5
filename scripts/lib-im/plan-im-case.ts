import type { Rng } from "../lib/rng.js";
import { IM_AXES, IM_PHRASINGS, IM_REGION_EDITS, IM_REGIONS, IM_TURNS } from "./phrasings-im.js";

/** Families the checks judge documents today (docs/checks.md). */
export const CORE_FAMILIES = [
  "brightness-up",
  "brightness-down",
  "contrast-up",
  "contrast-down",
  "saturation-up",
  "saturation-down",
  "grayscale",
  "sepia",
  "warmer",
  "cooler",
  "invert",
  "rotate",
  "flip",
  "crop",
  "border",
  "blur",
  "sharpen",
  "noise",
  "pixelate",
  "resize",
  "region",
] as const;

/** Families of issue 14 item 3 (vignette, posterize, small angles, hue), generated for when their checks exist. */
export const NEW_FAMILIES = [
  "vignette-add",
  "vignette-remove",
  "posterize",
  "small-rotate",
  "straighten",
  "hue-shift",
] as const;

export type ImFamily = (typeof CORE_FAMILIES)[number] | (typeof NEW_FAMILIES)[number];
export const IM_FAMILIES: readonly ImFamily[] = [...CORE_FAMILIES, ...NEW_FAMILIES];

export type ImDistractorKind =
  | "opposite"
  | "wrong-op"
  | "partial"
  | "wrong-colour"
  | "inset"
  | "wrong-region"
  | "global"
  | "extreme"
  | "no-op"
  | "over-edit"
  | "jpeg";

/** ImageMagick operators, applied to the case's source; `damage` (over-edit) runs on the result, in its frame. */
export interface ImEdit {
  args: string[];
  damage?: Damage;
}

export type Damage =
  | { kind: "cast"; colour: string; percent: number }
  | { kind: "tone"; brightness: number }
  | { kind: "patch"; style: "negate" | "flat" | "smear"; x: number; y: number; w: number; h: number };

export interface ImDistractor {
  kind: ImDistractorKind;
  edit: ImEdit;
  /** Heavy JPEG instead of the delivery's encoding. */
  jpegQuality?: number;
}

export interface ImCase {
  family: ImFamily;
  instruction: string;
  /** Operators that make the case's source from the photo (vignette-remove, straighten), or none. */
  sourcePrep: string[];
  correct: ImEdit;
  distractors: ImDistractor[];
  /** Families whose request is a size do not get resizing deliveries. */
  keepsSize: boolean;
}

export interface ImPlanContext {
  rng: Rng;
  width: number;
  height: number;
}

/** As an edit's first argument: start from the unprepared photo instead of the case's source. */
export const ORIGINAL = "@original";

const pct = (x: number) => `${Math.round(x * 10) / 10}%`;
const f2 = (x: number) => String(Math.round(x * 100) / 100);
const e = (...args: Array<string | number>): ImEdit => ({ args: args.map(String) });

type Plain = {
  correct: (r: Rng, c: ImPlanContext) => ImEdit;
  opposite?: (r: Rng, c: ImPlanContext) => ImEdit;
  wrongOp?: (r: Rng, c: ImPlanContext) => ImEdit;
  partial?: (r: Rng, c: ImPlanContext) => ImEdit;
  extreme?: (r: Rng, c: ImPlanContext) => ImEdit;
  /** Smears are invisible after a blur-like edit. */
  noSmear?: boolean;
};

const gains = (rGain: number, bGain: number): ImEdit =>
  e(
    "-channel",
    "R",
    "-evaluate",
    "multiply",
    f2(rGain),
    "-channel",
    "B",
    "-evaluate",
    "multiply",
    f2(bGain),
    "+channel",
  );

function warm(r: Rng, size: number): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return gains(1 + size, 1 - size * 1.1);
  if (m === 1) return e("-color-matrix", `${f2(1 + size)} 0 0 0 1 0 0 0 ${f2(1 - size)}`);
  return e("-fill", "#ff8c1a", "-colorize", pct(size * 100 * 0.9));
}
function cool(r: Rng, size: number): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return gains(1 - size * 1.1, 1 + size);
  if (m === 1) return e("-color-matrix", `${f2(1 - size)} 0 0 0 1 0 0 0 ${f2(1 + size)}`);
  return e("-fill", "#1a8cff", "-colorize", pct(size * 100 * 0.9));
}
function brighten(r: Rng): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return e("-gamma", f2(r.uniform(1.35, 1.7)));
  if (m === 1) return e("-level", `0%,${pct(r.uniform(78, 87))}`);
  return e("-modulate", `${Math.round(r.uniform(115, 130))},100,100`);
}
function darken(r: Rng): ImEdit {
  const m = r.int(0, 2);
  if (m === 0) return e("-gamma", f2(r.uniform(0.58, 0.75)));
  if (m === 1) return e("+level", `0%,${pct(r.uniform(74, 84))}`);
  return e("-modulate", `${Math.round(r.uniform(72, 85))},100,100`);
}
const contrastUp = (r: Rng): ImEdit =>
  r.next() < 0.5
    ? e("-sigmoidal-contrast", `${f2(r.uniform(3.5, 6))}x50%`)
    : e("-level", `${pct(r.uniform(8, 14))},${pct(r.uniform(86, 92))}`);
const contrastDown = (r: Rng): ImEdit =>
  r.next() < 0.5
    ? e("+sigmoidal-contrast", `${f2(r.uniform(3.5, 6))}x50%`)
    : e("+level", `${pct(r.uniform(12, 22))},${pct(r.uniform(78, 88))}`);
const sepia = (r: Rng): ImEdit =>
  r.next() < 0.7
    ? e("-sepia-tone", pct(r.uniform(72, 90)))
    : e("-modulate", "100,0", "-fill", "#704214", "-tint", String(Math.round(r.uniform(85, 110))));
const blur = (r: Rng, c: ImPlanContext): ImEdit =>
  e(r.next() < 0.5 ? "-blur" : "-gaussian-blur", `0x${f2(r.uniform(1.6, 3.5) * scaleOf(c))}`);
const sharpen = (r: Rng): ImEdit => {
  const m = r.int(0, 1);
  return m === 0
    ? e("-unsharp", `0x${f2(r.uniform(1, 2))}+${f2(r.uniform(1, 1.8))}+0`)
    : e("-sharpen", `0x${f2(r.uniform(1, 1.6))}`);
};
const noise = (r: Rng, strength = 1): ImEdit =>
  e("-attenuate", f2(r.uniform(0.5, 0.9) * strength), "+noise", r.pick(["Gaussian", "Gaussian", "Poisson"]));
const pixelate = (c: ImPlanContext, cell: number): ImEdit =>
  e(
    "-scale",
    `${Math.max(2, Math.round(c.width / cell))}x${Math.max(2, Math.round(c.height / cell))}!`,
    "-scale",
    `${c.width}x${c.height}!`,
  );
const scaleOf = (c: ImPlanContext) => Math.max(c.width, c.height) / 768;

const PLAIN: Partial<Record<ImFamily, Plain>> = {
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

function vignette(c: ImPlanContext, sigmaShare: number, colour: string): ImEdit {
  const sigma = Math.round(Math.min(c.width, c.height) * sigmaShare);
  return e(
    "-background",
    colour,
    "-vignette",
    `0x${sigma}+${Math.round(c.width * 0.06)}+${Math.round(c.height * 0.06)}`,
  );
}

const fill = (template: string, words: Record<string, string>): string => {
  let out = template;
  for (const [k, v] of Object.entries(words)) out = out.replaceAll(`{${k}}`, v);
  return out;
};

/** Over-edit damage for a family: a global cast or tone shift, or a patch outside `avoid`. */
function damage(r: Rng, noSmear: boolean, avoid?: Rect): Damage {
  const kind = r.pick(["cast", "tone", "patch", "patch"] as const);
  if (kind === "cast")
    return {
      kind,
      colour: r.pick(["#ff00ff", "#00ff40", "#0060ff", "#ff6000"]),
      percent: Math.round(r.uniform(12, 18)),
    };
  if (kind === "tone") return { kind, brightness: Math.round(r.pick([-1, 1]) * r.uniform(16, 24)) + 100 };
  const style = r.pick(noSmear ? (["negate", "flat"] as const) : (["negate", "flat", "smear"] as const));
  for (let attempt = 0; ; attempt++) {
    const w = r.uniform(0.22, 0.32);
    const h = r.uniform(0.22, 0.32);
    const x = r.uniform(0.05, 0.95 - w);
    const y = r.uniform(0.05, 0.95 - h);
    const hit = avoid && x < avoid.x1 && avoid.x0 < x + w && y < avoid.y1 && avoid.y0 < y + h;
    if (!hit || attempt > 50) return { kind, style, x, y, w, h };
  }
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const REGION_RECT: Record<keyof typeof IM_REGIONS, Rect> = {
  top: { x0: 0, y0: 0, x1: 1, y1: 0.5 },
  bottom: { x0: 0, y0: 0.5, x1: 1, y1: 1 },
  left: { x0: 0, y0: 0, x1: 0.5, y1: 1 },
  right: { x0: 0.5, y0: 0, x1: 1, y1: 1 },
  "top-third": { x0: 0, y0: 0, x1: 1, y1: 1 / 3 },
  "bottom-third": { x0: 0, y0: 2 / 3, x1: 1, y1: 1 },
  centre: { x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 },
};
const OPPOSITE_REGION: Record<keyof typeof IM_REGIONS, keyof typeof IM_REGIONS> = {
  top: "bottom",
  bottom: "top",
  left: "right",
  right: "left",
  "top-third": "bottom-third",
  "bottom-third": "top-third",
  centre: "top",
};

function regionGeometry(rect: Rect, c: ImPlanContext): string {
  const x = Math.round(rect.x0 * c.width);
  const y = Math.round(rect.y0 * c.height);
  return `${Math.round(rect.x1 * c.width) - x}x${Math.round(rect.y1 * c.height) - y}+${x}+${y}`;
}

const REGION_OPS: Record<keyof typeof IM_REGION_EDITS, (r: Rng, c: ImPlanContext) => ImEdit> = {
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

const inRegion = (geometry: string, edit: ImEdit): ImEdit => ({
  args: ["-region", geometry, ...edit.args, "+region"],
});

function planRegion(r: Rng, c: ImPlanContext): ImCase {
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

function common(r: Rng, correct: ImEdit, noSmear: boolean, avoid?: Rect): ImDistractor[] {
  return [
    { kind: "no-op", edit: { args: [] } },
    { kind: "over-edit", edit: { args: correct.args, damage: damage(r, noSmear, avoid) } },
    { kind: "jpeg", edit: correct, jpegQuality: r.int(4, 9) },
  ];
}

function planPlain(family: ImFamily, p: Plain, r: Rng, c: ImPlanContext): ImCase {
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

function planRotate(r: Rng): ImCase {
  const deg = r.pick([90, 180, 270] as const);
  const instruction = fill(r.pick(IM_PHRASINGS.rotate), { dir: r.pick(IM_TURNS[deg]) });
  const correct = e("-rotate", deg);
  const other = deg === 180 ? r.pick([90, 270]) : 360 - deg;
  return {
    family: "rotate",
    instruction,
    sourcePrep: [],
    correct,
    keepsSize: false,
    distractors: [
      { kind: "opposite", edit: e("-rotate", other) },
      { kind: "wrong-op", edit: e(deg === 180 ? "-flip" : "-transpose") },
      ...common(r, correct, false),
    ],
  };
}

function planFlip(r: Rng): ImCase {
  const axis = r.pick(["horizontal", "vertical"] as const);
  const instruction = fill(r.pick(IM_PHRASINGS.flip), { axis: r.pick(IM_AXES[axis]) });
  const correct = e(axis === "horizontal" ? "-flop" : "-flip");
  return {
    family: "flip",
    instruction,
    sourcePrep: [],
    correct,
    keepsSize: false,
    distractors: [
      { kind: "opposite", edit: e(axis === "horizontal" ? "-flip" : "-flop") },
      { kind: "wrong-op", edit: e("-rotate", 180) },
      ...common(r, correct, false),
    ],
  };
}

type CropKind = "left" | "right" | "top" | "bottom" | "left-third" | "top-third" | "centre" | "square";
const CROP_WORDS: Record<CropKind, readonly string[]> = {
  left: ["the left half", "the left-hand half"],
  right: ["the right half"],
  top: ["the top half", "the upper half"],
  bottom: ["the bottom half", "the lower half"],
  "left-third": ["the left third"],
  "top-third": ["the top third"],
  centre: ["the centre", "the middle"],
  square: ["a square"],
};

function cropArgs(kind: CropKind, c: ImPlanContext, share: number): ImEdit {
  const at = (gravity: string, w: string, h: string) =>
    e("-gravity", gravity, "-crop", `${w}x${h}+0+0`, "+repage", "-gravity", "NorthWest");
  const p = (x: number) => `${Math.round(x * c.width)}`;
  const q = (y: number) => `${Math.round(y * c.height)}`;
  switch (kind) {
    case "left":
      return at("West", p(share), q(1));
    case "right":
      return at("East", p(share), q(1));
    case "top":
      return at("North", p(1), q(share));
    case "bottom":
      return at("South", p(1), q(share));
    case "left-third":
      return at("West", p(share), q(1));
    case "top-third":
      return at("North", p(1), q(share));
    case "centre":
      return at("Center", p(share), q(share));
    case "square": {
      const side = Math.round(Math.min(c.width, c.height) * share);
      return at("Center", String(side), String(side));
    }
  }
}

function planCrop(r: Rng, c: ImPlanContext): ImCase {
  const kind = r.pick(Object.keys(CROP_WORDS) as CropKind[]);
  const instruction = fill(r.pick(IM_PHRASINGS.crop), { target: r.pick(CROP_WORDS[kind]) });
  const share =
    kind === "centre" ? r.uniform(0.5, 0.7) : kind === "square" ? 1 : kind.endsWith("third") ? 1 / 3 : 0.5;
  const correct = cropArgs(kind, c, share);
  const opposite: Record<CropKind, CropKind> = {
    left: "right",
    right: "left",
    top: "bottom",
    bottom: "top",
    "left-third": "right",
    "top-third": "bottom",
    centre: "left",
    square: "top",
  };
  const oppositeShare = kind === "left-third" || kind === "top-third" ? 1 / 3 : 0.5;
  const outW =
    kind === "square"
      ? Math.min(c.width, c.height)
      : kind === "top" || kind === "bottom" || kind === "top-third"
        ? c.width
        : Math.round(share * c.width);
  const outH =
    kind === "square"
      ? Math.min(c.width, c.height)
      : kind === "left" || kind === "right" || kind === "left-third"
        ? c.height
        : Math.round(share * c.height);
  return {
    family: "crop",
    instruction,
    sourcePrep: [],
    correct,
    keepsSize: false,
    distractors: [
      {
        kind: "opposite",
        edit:
          kind === "left-third"
            ? cropArgs("right", c, 1 / 3)
            : kind === "top-third"
              ? cropArgs("bottom", c, 1 / 3)
              : cropArgs(opposite[kind], c, oppositeShare),
      },
      { kind: "wrong-op", edit: e("-resize", `${outW}x${outH}!`) },
      {
        kind: "extreme",
        edit: cropArgs(kind === "square" ? "centre" : kind, c, kind === "square" ? 0.2 : share * 0.35),
      },
      ...common(r, correct, false),
    ],
  };
}

const BORDER_COLOURS: Record<string, string> = {
  navy: "#000080",
  teal: "#008080",
  crimson: "#dc143c",
  olive: "#808000",
  ivory: "#fffff0",
  turquoise: "#40e0d0",
  gold: "#ffd700",
  tan: "#d2b48c",
  black: "#000000",
  white: "#ffffff",
};

function planBorder(r: Rng, c: ImPlanContext): ImCase {
  const names = Object.keys(BORDER_COLOURS);
  const name = r.pick(names);
  const otherName = r.pick(
    names.filter(
      (n) => n !== name && !(n === "ivory" && name === "white") && !(n === "white" && name === "ivory"),
    ),
  );
  const px = Math.round(Math.min(c.width, c.height) * r.uniform(0.025, 0.07));
  const colour = BORDER_COLOURS[name] as string;
  const correct = e("-bordercolor", colour, "-border", px);
  return {
    family: "border",
    instruction: fill(r.pick(IM_PHRASINGS.border), { colour: name }),
    sourcePrep: [],
    correct,
    keepsSize: false,
    distractors: [
      { kind: "wrong-colour", edit: e("-bordercolor", BORDER_COLOURS[otherName] as string, "-border", px) },
      { kind: "inset", edit: e("-shave", `${px}x${px}`, "-bordercolor", colour, "-border", px) },
      {
        kind: "extreme",
        edit: e("-bordercolor", colour, "-border", Math.round(Math.min(c.width, c.height) * 0.26)),
      },
      ...common(r, correct, false),
    ],
  };
}

function planResize(r: Rng): ImCase {
  const [factor, words] = r.pick([
    [0.5, ["50%", "half the size"]],
    [1 / 3, ["a third of the size", "33%"]],
    [0.25, ["25%", "a quarter of the size"]],
  ] as const);
  const correct = e("-resize", pct(factor * 100));
  return {
    family: "resize",
    instruction: fill(r.pick(IM_PHRASINGS.resize), { factor: r.pick(words) }),
    sourcePrep: [],
    correct,
    keepsSize: true,
    distractors: [
      { kind: "opposite", edit: e("-resize", "200%") },
      {
        kind: "wrong-op",
        edit: e("-gravity", "Center", "-crop", `${pct(factor * 100)}x${pct(factor * 100)}+0+0`, "+repage"),
      },
      { kind: "extreme", edit: e("-resize", pct((factor * 100) / 3)) },
      ...common(r, correct, false),
    ],
  };
}

function planSmallRotate(r: Rng): ImCase {
  const deg = r.int(5, 15);
  const clockwise = r.next() < 0.5;
  const sense = clockwise
    ? r.pick(["clockwise", "to the right"])
    : r.pick(["counterclockwise", "to the left"]);
  const signed = clockwise ? deg : -deg;
  const correct = e("-distort", "SRT", signed);
  return {
    family: "small-rotate",
    instruction: fill(r.pick(IM_PHRASINGS["small-rotate"]), { deg: String(deg), sense }),
    sourcePrep: [],
    correct,
    keepsSize: false,
    distractors: [
      { kind: "opposite", edit: e("-distort", "SRT", -signed) },
      { kind: "wrong-op", edit: e("-rotate", clockwise ? 90 : 270) },
      { kind: "extreme", edit: e("-distort", "SRT", signed * 3.5) },
      ...common(r, correct, false),
    ],
  };
}

function planStraighten(r: Rng): ImCase {
  const deg = r.int(2, 6);
  const tilt = r.pick([-1, 1]) * deg;
  const correct = e("-distort", "SRT", -tilt);
  return {
    family: "straighten",
    instruction: fill(r.pick(IM_PHRASINGS.straighten), { deg: String(deg) }),
    sourcePrep: ["-distort", "SRT", String(tilt)],
    correct,
    keepsSize: false,
    distractors: [
      { kind: "opposite", edit: e("-distort", "SRT", tilt) },
      { kind: "extreme", edit: e("-distort", "SRT", -tilt * 4) },
      ...common(r, correct, false),
    ],
  };
}

function planVignetteRemove(r: Rng, c: ImPlanContext): ImCase {
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

/** Draws one case of a family on a photo of the given size. */
export function planImCase(family: ImFamily, c: ImPlanContext): ImCase {
  const r = c.rng;
  switch (family) {
    case "region":
      return planRegion(r, c);
    case "rotate":
      return planRotate(r);
    case "flip":
      return planFlip(r);
    case "crop":
      return planCrop(r, c);
    case "border":
      return planBorder(r, c);
    case "resize":
      return planResize(r);
    case "small-rotate":
      return planSmallRotate(r);
    case "straighten":
      return planStraighten(r);
    case "vignette-remove":
      return planVignetteRemove(r, c);
    default: {
      const p = PLAIN[family];
      if (!p) throw new Error(`no planner for family ${family}`);
      return planPlain(family, p, r, c);
    }
  }
}

/** ImageMagick operators for an over-edit's damage on an image of the given size. */
export function damageArgs(d: Damage, width: number, height: number): string[] {
  if (d.kind === "cast") return ["-fill", d.colour, "-colorize", `${d.percent}%`];
  if (d.kind === "tone") return ["-modulate", `${d.brightness},100,100`];
  const w = Math.max(4, Math.round(d.w * width));
  const h = Math.max(4, Math.round(d.h * height));
  const geometry = `${w}x${h}+${Math.round(d.x * width)}+${Math.round(d.y * height)}`;
  const op =
    d.style === "negate"
      ? ["-negate"]
      : d.style === "flat"
        ? ["-fill", "gray50", "-colorize", "85%"]
        : ["-blur", `0x${Math.max(6, Math.round(Math.min(width, height) * 0.025))}`];
  return ["-region", geometry, ...op, "+region"];
}
