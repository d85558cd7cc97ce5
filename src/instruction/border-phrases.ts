import type { Clause } from "./clauses.js";
import { findColour } from "./colour-names.js";
import type { GeometryHit } from "./rotation-phrases.js";

/** A border or frame, with its colour when one is named ("a thick red frame", "frame it in #ffcc00"). */
const BORDER_WORDS = new Set([
  "border",
  "frame",
  "framed",
  "framing",
  "outline",
  "matte",
  "mat",
  "passepartout",
  "bordered",
  "margin",
  "padding",
]);
const REMOVE_WORDS = new Set(["remove", "delete", "rid", "erase", "eliminate", "lose"]);

const INSIDE = new Set(["in", "of", "within", "inside", "out"]);

/** "too much in the frame" means the picture area, not a border. */
function isPictureFrame(values: readonly string[], i: number): boolean {
  if (values[i] !== "frame") return false;
  const prev = values[i - 1] ?? "";
  return INSIDE.has(prev) || (prev === "the" && INSIDE.has(values[i - 2] ?? ""));
}

export function findBorder(clause: Clause): GeometryHit | null {
  const words = clause.words;
  const at = words.findIndex(
    (w, i) =>
      (BORDER_WORDS.has(w.value) || BORDER_WORDS.has(w.lemma)) &&
      !isPictureFrame(
        words.map((x) => x.value),
        i,
      ),
  );
  if (at < 0 || words[at]?.negated) return null;
  if (words.some((w) => REMOVE_WORDS.has(w.lemma))) {
    return { reason: "Removing a border or frame is not a supported edit" };
  }
  const colour = findColour(words.map((w) => w.value));
  return {
    op: { op: "border", color: colour ? colour.rgb : null, colorName: colour ? colour.name : null },
  };
}
