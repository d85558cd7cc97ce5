import type { EditOp } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";

/** Whole-look changes without a direction: black and white, sepia, invert. */
export interface StyleHit {
  op: Extract<EditOp, { op: "grayscale" | "sepia" | "invert" }>;
  index: number;
}

const GRAYSCALE = new Set(["grayscale", "desaturated-fully"]);
const SEPIA = new Set([
  "sepia",
  "vintage",
  "antique",
  "sepias",
  "oldfashioned",
  "old-fashioned",
  "old-timey",
]);
const INVERT = new Set(["invert", "inverse", "inverted", "negative", "inversion", "inverting"]);
const OLD_LOOK = new Set(["photo", "photograph", "picture", "look", "style", "timey", "fashioned", "film"]);

export function scanStyles(clause: Clause): StyleHit[] {
  const hits: StyleHit[] = [];
  for (const [i, w] of clause.words.entries()) {
    if (w.negated) continue;
    const next = clause.words[i + 1]?.value ?? "";
    if (GRAYSCALE.has(w.value)) hits.push({ op: { op: "grayscale" }, index: i });
    else if (SEPIA.has(w.value) || (w.value === "old" && OLD_LOOK.has(next)))
      hits.push({ op: { op: "sepia" }, index: i });
    else if (INVERT.has(w.value) || INVERT.has(w.lemma)) hits.push({ op: { op: "invert" }, index: i });
  }
  return hits;
}
