import type { EditOp } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";

/**
 * Rotations and flips. Conventions: a bare "rotate 90" or "rotate" turns clockwise; "rotate left" is 270°
 * clockwise; "upside down" and "half turn" are 180°, except "flip upside down", which is a vertical flip.
 * A bare "flip" or "mirror" is horizontal; "flip over" is vertical; flipping across the vertical axis
 * (y-axis) mirrors left–right.
 */
export type GeometryHit = { op: EditOp } | { reason: string };

const NUMBER_WORDS: Readonly<Record<string, number>> = { ninety: 90, "one-eighty": 180, "two-seventy": 270 };
const TURN_CONTEXT = new Set([
  "clockwise",
  "counterclockwise",
  "upsidedown",
  "sideways",
  "around",
  "round",
  "quarter",
  "threequarters",
  "degrees",
]);
const AREA_AFTER = new Set([
  "side",
  "half",
  "third",
  "quarter",
  "part",
  "corner",
  "portion",
  "section",
  "edge",
]);
const FLIP_WORDS = new Set(["flip", "mirror", "reflect", "flop", "mirrored", "flipped", "reflection"]);
const HORIZONTAL = new Set(["horizontally", "horizontal", "sideways", "side", "left", "right", "yaxis"]);
const VERTICAL = new Set(["vertically", "vertical", "upsidedown", "over", "top", "bottom", "xaxis"]);

const NOT_DEGREES = new Set(["percent", "px", "times", "by", "pixels", "wide", "tall", "high"]);

function numberIn(clause: Clause): number | null {
  for (const [i, w] of clause.words.entries()) {
    const n = NUMBER_WORDS[w.value] ?? (/^-?\d+$/.test(w.value) ? Number(w.value) : null);
    if (n === null || NOT_DEGREES.has(clause.words[i + 1]?.value ?? "")) continue;
    const prev = clause.words[i - 1]?.value;
    return prev === "-" || prev === "minus" ? -n : n;
  }
  return null;
}

function sideDirection(clause: Clause): "cw" | "ccw" | null {
  for (const [i, w] of clause.words.entries()) {
    if (w.value === "clockwise") return "cw";
    if (w.value === "counterclockwise") return "ccw";
    if ((w.value === "left" || w.value === "right") && !AREA_AFTER.has(clause.words[i + 1]?.value ?? "")) {
      return w.value === "right" ? "cw" : "ccw";
    }
  }
  return null;
}

export function findFlip(clause: Clause): GeometryHit | null {
  const words = clause.words;
  const trigger = words.findIndex((w) => FLIP_WORDS.has(w.value) || FLIP_WORDS.has(w.lemma));
  if (trigger < 0 || words[trigger]?.negated) return null;
  for (const w of words) {
    if (HORIZONTAL.has(w.value)) return { op: { op: "flip", axis: "horizontal" } };
    if (VERTICAL.has(w.value)) return { op: { op: "flip", axis: "vertical" } };
  }
  return { op: { op: "flip", axis: "horizontal" } };
}

export function findRotation(clause: Clause): GeometryHit | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const explicit = words.findIndex((w) => ["rotate", "rotation", "spin"].includes(w.lemma));
  const turn = words.findIndex((w) => w.lemma === "turn" || w.value === "turned");
  const hasContext =
    values.some((v) => TURN_CONTEXT.has(v)) ||
    [90, 180, 270, -90].includes(numberIn(clause) ?? 0) ||
    values.includes("degrees") ||
    (turn >= 0 && sideDirection(clause) !== null) ||
    (values.includes("half") && values.includes("turn")) ||
    (values.includes("on") && values.includes("its") && values.includes("side"));
  const at =
    explicit >= 0
      ? explicit
      : (turn >= 0 && hasContext) || values.includes("upsidedown") || values.includes("sideways")
        ? Math.max(turn, 0)
        : -1;
  if (at < 0 || words[at]?.negated) return null;
  const n = numberIn(clause);
  let degrees = n;
  if (degrees === null) {
    if (values.includes("threequarters")) degrees = 270;
    else if (values.includes("quarter")) degrees = 90;
    else if (values.includes("half") || values.includes("upsidedown") || values.includes("around"))
      degrees = 180;
    else degrees = 90;
  }
  if (n !== null && n % 90 !== 0) {
    return { reason: `Rotation by ${n}° is not supported; only quarter turns (90°, 180°, 270°) are` };
  }
  const dir = sideDirection(clause);
  let cw = ((degrees % 360) + 360) % 360;
  if (dir === "ccw") cw = (360 - cw) % 360;
  if (cw === 0) return { reason: "A full turn leaves the image unchanged; no rotation to check" };
  return { op: { op: "rotate", degrees: cw as 90 | 180 | 270 } };
}
