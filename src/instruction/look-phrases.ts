import type { EditOp } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";

/**
 * Whole-image looks with a parameter or a direction: vignette (add / remove), posterize (levels) and hue
 * shift (degrees). Each hit names the word indices it used, so the tone rules do not read "darken the
 * corners" as a brightness change or "rotate the hue" as a rotation.
 */
export interface LookHit {
  op: Extract<EditOp, { op: "vignette" | "posterize" | "hue-shift" }>;
  indices: number[];
}

const REMOVE = new Set([
  "remove",
  "rid",
  "fix",
  "correct",
  "undo",
  "eliminate",
  "reduce",
  "lose",
  "erase",
  "strip",
  "clean",
  "lighten",
  "brighten",
  "less",
  "without",
  "kill",
  "drop",
]);
const DARKEN = new Set(["darken", "darker", "darkened", "darkening", "burn", "shade"]);
const BRIGHTEN = new Set(["brighten", "lighten", "brighter", "lighter", "brightened", "lightened"]);
const EDGE_WORDS = new Set(["corners", "edges"]);
const HUE_VERBS = new Set([
  "shift",
  "shifted",
  "rotate",
  "rotation",
  "rotated",
  "change",
  "changed",
  "cycle",
  "move",
  "turn",
  "spin",
  "offset",
  "swing",
]);
const LEVEL_NOUNS = new Set(["levels", "level", "colors", "colours", "tones", "shades", "steps", "bands"]);

function numberBefore(values: readonly string[], nouns: ReadonlySet<string>): number | null {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? "";
    if (/^\d+$/.test(v) && nouns.has(values[i + 1] ?? "")) return Number(v);
  }
  return null;
}

function findVignette(clause: Clause): LookHit | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const at = words.findIndex((w) => w.value.startsWith("vignett"));
  const removal = words.some((w, i) => i !== at && (REMOVE.has(w.value) || REMOVE.has(w.lemma)));
  if (at >= 0) {
    const negated = words[at]?.negated === true;
    if (negated && !removal && !values.includes("no")) return null;
    const remove = removal || negated || (clause.mood === "complaint" && !values.includes("add"));
    // "a dark vignette", "a soft vignette": the tone words describe the vignette.
    const tone = words.flatMap((w, i) =>
      DARKEN.has(w.value) ||
      BRIGHTEN.has(w.value) ||
      ["dark", "soft", "subtle", "strong", "heavy"].includes(w.value)
        ? [i]
        : [],
    );
    return { op: { op: "vignette", direction: remove ? "remove" : "add" }, indices: [at, ...tone] };
  }
  const edge = words.findIndex((w) => EDGE_WORDS.has(w.value));
  if (edge < 0 || words[edge]?.negated) return null;
  const dark = words.findIndex((w) => DARKEN.has(w.value) || DARKEN.has(w.lemma) || w.value === "dark");
  const bright = words.findIndex((w) => BRIGHTEN.has(w.value) || BRIGHTEN.has(w.lemma));
  if (bright >= 0) return { op: { op: "vignette", direction: "remove" }, indices: [bright, edge] };
  if (dark < 0) return null;
  // "the corners are too dark" is a complaint: brighten them back.
  const complaint = clause.mood === "complaint" || values.includes("too");
  const remove = complaint || removal;
  return { op: { op: "vignette", direction: remove ? "remove" : "add" }, indices: [dark, edge] };
}

const REDUCE = new Set([
  "reduce",
  "fewer",
  "limit",
  "lower",
  "decrease",
  "cut",
  "less",
  "restrict",
  "quantize",
  "quantise",
]);
const COLOUR_WORDS = new Set(["colour", "color", "colours", "colors", "tone", "tones", "tonal", "shades"]);

/** "reduce the number of colour levels", "limit the palette to 8 colours": posterizing in other words. */
function reducedLevels(clause: Clause): number | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const reduce = words.findIndex((w) => !w.negated && (REDUCE.has(w.value) || REDUCE.has(w.lemma)));
  if (reduce < 0) return null;
  const colour = values.some((v) => COLOUR_WORDS.has(v));
  const levelsOf = (values.includes("levels") || values.includes("level")) && colour;
  const numberOf = values.includes("number") && colour;
  return levelsOf || numberOf || values.includes("palette") ? reduce : null;
}

function findPosterize(clause: Clause): LookHit | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const reduced = reducedLevels(clause);
  if (reduced !== null) {
    const n = numberBefore(values, LEVEL_NOUNS);
    const indices = words.flatMap((w, i) => (i === reduced || COLOUR_WORDS.has(w.value) ? [i] : []));
    return { op: { op: "posterize", levels: n !== null && n >= 2 && n <= 64 ? n : null }, indices };
  }
  const at = words.findIndex(
    (w) =>
      w.value.startsWith("posteri") ||
      (w.value === "poster" && /^(effect|look|style)/.test(values[words.indexOf(w) + 1] ?? "")),
  );
  if (at < 0 || words[at]?.negated) return null;
  const n = numberBefore(values, LEVEL_NOUNS);
  return { op: { op: "posterize", levels: n !== null && n >= 2 && n <= 64 ? n : null }, indices: [at] };
}

function findHueShift(clause: Clause): LookHit | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const hue = words.findIndex((w) => w.value === "hue" || w.value === "hues" || w.value.startsWith("hue-"));
  const wheel = values.findIndex(
    (v, i) => v === "wheel" && ["color", "colour"].includes(values[i - 1] ?? ""),
  );
  const at = hue >= 0 ? hue : wheel;
  if (at < 0 || words[at]?.negated) return null;
  const verb = words.findIndex((w) => HUE_VERBS.has(w.value) || HUE_VERBS.has(w.lemma));
  if (verb < 0 && !values[at]?.startsWith("hue-")) return null;
  let degrees: number | null = null;
  for (const [i, v] of values.entries()) {
    if (!/^-?\d+(\.\d+)?$/.test(v) || ["percent", "%"].includes(values[i + 1] ?? "")) continue;
    const prev = values[i - 1];
    degrees = (prev === "-" || prev === "minus" ? -1 : 1) * Number(v);
    break;
  }
  if (degrees !== null && (values.includes("backwards") || values.includes("back"))) degrees = -degrees;
  if (degrees !== null) {
    degrees = ((degrees % 360) + 360) % 360;
    if (degrees > 180) degrees -= 360;
    if (degrees === 0) return null;
  }
  return { op: { op: "hue-shift", degrees }, indices: verb >= 0 ? [at, verb] : [at] };
}

/** Vignette, posterize and hue-shift requests in the clause. */
export function scanLooks(clause: Clause): LookHit[] {
  return [findVignette(clause), findPosterize(clause), findHueShift(clause)].filter(
    (h): h is LookHit => h !== null,
  );
}
