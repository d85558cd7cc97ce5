import type { Direction, EditOp } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";
import { resolveState } from "./resolve-axis.js";

/**
 * Resizing. Direction comes from the words ("upscale", "shrink", "bigger", "too small"), else from the factor,
 * else defaults to "down" (an explicit target like "400 pixels wide" without a direction word).
 * "N percent" is the target scale ("scale to 50%"), except "reduce/increase by N percent".
 * A bare pixel count ("resize to 400 px") is taken as the width.
 */
const UP_VERBS = new Set([
  "upscale",
  "upsample",
  "upsize",
  "enlarge",
  "magnify",
  "double",
  "twice",
  "triple",
  "increase",
  "up",
  "grow",
  "expand",
]);
const DOWN_VERBS = new Set([
  "downscale",
  "downsample",
  "downsize",
  "shrink",
  "halve",
  "reduce",
  "decrease",
  "down",
  "thumbnail",
  "lower",
  "minify",
  "compress",
]);
const NEUTRAL_VERBS = new Set(["resize", "rescale", "scale", "resized", "rescaled", "scaled", "halve"]);
const SIZE_NOUNS = new Set(["size", "dimension", "dimensions", "resolution", "width", "height"]);
const SIZE_STATES: Readonly<Record<string, 1 | -1>> = {
  small: -1,
  smaller: -1,
  tiny: -1,
  tinier: -1,
  big: 1,
  bigger: 1,
  large: 1,
  larger: 1,
  huge: 1,
};
const WORD_FACTORS: Readonly<Record<string, number>> = {
  half: 0.5,
  halve: 0.5,
  third: 1 / 3,
  quarter: 0.25,
  double: 2,
  twice: 2,
  triple: 3,
};

type ResizeOp = Extract<EditOp, { op: "resize" }>;

function numberAfter(values: readonly string[], i: number): number | null {
  const n = Number(values[i]);
  return Number.isFinite(n) && values[i] !== "" ? n : null;
}

function measure(
  values: readonly string[],
): Pick<ResizeOp, "factor" | "width" | "height"> & { byPercent: number | null } {
  let factor: number | null = null;
  let width: number | null = null;
  let height: number | null = null;
  let byPercent: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const n = numberAfter(values, i);
    const next = values[i + 1] ?? "";
    const after = values[i + 2] ?? "";
    if (n === null) {
      const f = WORD_FACTORS[values[i] ?? ""];
      if (f !== undefined && factor === null) factor = f;
      continue;
    }
    if (next === "percent") {
      if (values[i - 1] === "by") byPercent = n;
      else factor = n / 100;
    } else if (next === "times" || (values[i - 1] === "by" && next !== "by")) factor = n;
    else if (next === "by" && numberAfter(values, i + 2) !== null) {
      width = n;
      height = numberAfter(values, i + 2);
      i += 2;
    } else if (values[i - 1] === "of" && values[i - 2] === "factor") factor = n;
    else if (values[i - 1] === "of" && values[i - 2] === "height") height = n;
    else if (values[i - 1] === "of" && values[i - 2] === "width") width = n;
    else if (["tall", "high", "height", "vertically"].includes(next === "px" ? after : next)) height = n;
    else if (next === "px" || ["wide", "width", "across"].includes(next)) width = n;
  }
  return { factor, width, height, byPercent };
}

export function findResize(clause: Clause, hasOtherOp: boolean): ResizeOp | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const m = measure(values);
  let direction: Direction | null = null;
  let triggered = false;
  for (const [i, w] of words.entries()) {
    if (w.negated) continue;
    const lemma = w.lemma;
    if (UP_VERBS.has(w.value) || UP_VERBS.has(lemma)) direction ??= "up";
    if (DOWN_VERBS.has(w.value) || DOWN_VERBS.has(lemma)) direction ??= "down";
    if (
      [
        "upscale",
        "upsample",
        "upsize",
        "enlarge",
        "magnify",
        "downscale",
        "downsample",
        "downsize",
        "shrink",
        "thumbnail",
      ].includes(lemma)
    )
      triggered = true;
    if (NEUTRAL_VERBS.has(w.value) || NEUTRAL_VERBS.has(lemma) || SIZE_NOUNS.has(w.value)) triggered = true;
    const state = SIZE_STATES[w.value];
    if (state !== undefined && !hasOtherOp) {
      const r = resolveState(clause, i, state);
      if (r !== null) {
        direction = r === 1 ? "up" : "down";
        triggered = true;
      }
    }
  }
  const hasMeasure =
    m.width !== null || m.height !== null || (m.factor !== null && values.includes("percent"));
  if (!triggered && !(hasMeasure && !hasOtherOp)) return null;
  if (words.some((w) => w.negated && (NEUTRAL_VERBS.has(w.lemma) || SIZE_NOUNS.has(w.value)))) return null;
  let factor = m.factor !== null && m.factor > 0 && Number.isFinite(m.factor) ? m.factor : null;
  if (m.byPercent !== null) {
    // "enlarge by 200%" means to 200%; "reduce by 25%" means to 75%.
    if (m.byPercent >= 100) factor = m.byPercent / 100;
    else factor = direction === "up" ? 1 + m.byPercent / 100 : 1 - m.byPercent / 100;
  }
  if (factor !== null && direction === "down" && factor > 1) factor = 1 / factor;
  direction ??= factor !== null && factor > 1 ? "up" : "down";
  return { op: "resize", direction, factor, width: m.width, height: m.height };
}
