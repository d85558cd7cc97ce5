/** Geometry families: rotate, flip, crop, border, resize, small-angle rotation and straightening. */
import type { Rng } from "../lib/rng.js";
import type { ImCase, ImEdit, ImPlanContext } from "./im-case.js";
import { common, e, fill, pct } from "./im-ops.js";
import { IM_AXES, IM_PHRASINGS, IM_TURNS } from "./phrasings-im.js";

export function planRotate(r: Rng): ImCase {
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

export function planFlip(r: Rng): ImCase {
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

export type CropKind = "left" | "right" | "top" | "bottom" | "left-third" | "top-third" | "centre" | "square";
export const CROP_WORDS: Record<CropKind, readonly string[]> = {
  left: ["the left half", "the left-hand half"],
  right: ["the right half"],
  top: ["the top half", "the upper half"],
  bottom: ["the bottom half", "the lower half"],
  "left-third": ["the left third"],
  "top-third": ["the top third"],
  centre: ["the centre", "the middle"],
  square: ["a square"],
};

export function cropArgs(kind: CropKind, c: ImPlanContext, share: number): ImEdit {
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

export function planCrop(r: Rng, c: ImPlanContext): ImCase {
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

export const BORDER_COLOURS: Record<string, string> = {
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

export function planBorder(r: Rng, c: ImPlanContext): ImCase {
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

export function planResize(r: Rng): ImCase {
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

export function planSmallRotate(r: Rng): ImCase {
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

export function planStraighten(r: Rng): ImCase {
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
