import type { EditOp } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";
import { directionWord } from "./direction-words.js";
import { resolveState } from "./resolve-axis.js";
import type { Polarity } from "./tone-lexicon.js";

/**
 * Colour words said of the whole image: "make it bluer" / "too blue" (white balance), "make it gray"
 * (black and white), "brownish" (sepia). A tint along green–magenta has no supported check.
 */
export interface TintScan {
  ops: Array<{ op: EditOp; index: number }>;
  reasons: string[];
}

const COOL = /^(blue|bluer|bluish|blueish|cyan|teal)$/;
const WARM = /^(yellow|yellower|yellowish|orange|orangey|orangish|amber|golden|red|redder|reddish)$/;
const GRAY = /^(gray|grayer|grayish)$/;
const BROWN = /^(brown|browner|brownish)$/;
const OTHER = /^(green|greener|greenish|magenta|pink|pinker|pinkish|purple|purplish|violet)$/;

export function scanTints(clause: Clause, skip: ReadonlySet<number>): TintScan {
  const words = clause.words;
  const removing = words.some((w) => {
    const d = directionWord(w.value, w.lemma);
    return !w.negated && (d === "remove" || d === "repair" || (d === "down" && w.value !== "less"));
  });
  const ops: TintScan["ops"] = [];
  const reasons: string[] = [];
  for (const [i, w] of words.entries()) {
    if (skip.has(i)) continue;
    const v = w.value;
    if (COOL.test(v) || WARM.test(v)) {
      const p: Polarity = COOL.test(v) ? -1 : 1;
      const r = resolveState(clause, i, removing ? (p === 1 ? -1 : 1) : p);
      if (r !== null)
        ops.push({ op: { op: "temperature", direction: r === 1 ? "warmer" : "cooler" }, index: i });
    } else if (clause.mood === "complaint" && (GRAY.test(v) || BROWN.test(v))) {
      // "everything looks so flat and grey" describes the image; it does not ask for black and white.
    } else if (!w.negated && GRAY.test(v)) {
      ops.push({ op: { op: "grayscale" }, index: i });
    } else if (!w.negated && BROWN.test(v)) {
      ops.push({ op: { op: "sepia" }, index: i });
    } else if (!w.negated && OTHER.test(v)) {
      reasons.push(
        `A ${v.replace(/(er|ish)$/, "")} tint is not a supported edit; only warmer/cooler white balance is`,
      );
    }
  }
  return { ops, reasons };
}
