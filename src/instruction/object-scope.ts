import type { Clause } from "./clauses.js";
import { COLOUR_NAMES } from "./colour-names.js";
import { directionWord } from "./direction-words.js";
import { axisEntry } from "./tone-lexicon.js";

/**
 * Finds an edit aimed at a thing in the picture rather than the picture or a named region:
 * "brighten the sky", "make the car red", "blur the background". The parser cannot locate such things,
 * so those edits become unknown (their follow principle abstains) instead of being judged globally.
 */
const DETERMINERS = new Set([
  "the",
  "his",
  "her",
  "their",
  "my",
  "your",
  "our",
  "this",
  "that",
  "these",
  "those",
]);
const IMAGE_NOUNS = new Set(
  (
    "image images photo photos photograph picture pictures pic pics shot snap snapshot scene thing whole everything " +
    "file version result output look feel style effect filter tone tones hue hues shadow shadows highlight highlights " +
    "midtones blacks whites pixel pixels frame border side part half third quarter area region portion section bit " +
    "amount level levels degree degrees way lot touch tad notch stop stops ev value setting settings slider balance " +
    "whitebalance cast tint tinge size resolution dimension dimensions width height orientation rest remainder top " +
    "bottom left right centre time percent px times factor axis xaxis yaxis turn rotation mirror copy overall one " +
    "kind sort little mood atmosphere vibe tone colour color colours colors edit edits change changes corner strip " +
    "appearance quality contrast light lighting grain noise detail details focus saturation brightness exposure"
  ).split(" "),
);
const STYLE_WORDS = new Set([
  "grayscale",
  "sepia",
  "negative",
  "invert",
  "vintage",
  "antique",
  "square",
  "pixelated",
  "noir",
]);
const SKIP_TAGS = new Set(["ADJ", "ADV", "NUM"]);

export interface ObjectScope {
  /** The thing named, e.g. "the sky". */
  phrase: string;
  head: string;
}

function isImageWord(value: string, lemma: string, pos: string): boolean {
  return (
    IMAGE_NOUNS.has(value) ||
    IMAGE_NOUNS.has(lemma) ||
    COLOUR_NAMES[value] !== undefined ||
    directionWord(value, lemma) !== null ||
    axisEntry(value, lemma, pos) !== null ||
    STYLE_WORDS.has(value) ||
    /^quoted\d+$/.test(value)
  );
}

/** The thing a clause's edit is aimed at, when it is neither the image nor a named region. */
export function findObjectScope(clause: Clause): ObjectScope | null {
  const words = clause.words;
  for (const [i, w] of words.entries()) {
    const prev = words[i - 1];
    // The first word of a clause is usually the imperative verb, even when wink tags it otherwise ("recolor").
    const atStart = i <= 1;
    const afterVerb =
      prev !== undefined &&
      (prev.pos === "VERB" || axisEntry(prev.value, prev.lemma, prev.pos)?.kind === "verb");
    if (!DETERMINERS.has(w.value) || !(atStart || afterVerb) || w.negated) continue;
    let j = i + 1;
    let head: (typeof words)[number] | undefined;
    while (j < words.length) {
      const x = words[j];
      if (!x) break;
      if (x.pos === "NOUN" || x.pos === "PROPN") head = x;
      else if (!SKIP_TAGS.has(x.pos) || head) break;
      j++;
    }
    if (head && !isImageWord(head.value, head.lemma, head.pos)) {
      return {
        phrase: words
          .slice(i, j)
          .map((x) => x.value)
          .join(" "),
        head: head.value,
      };
    }
  }
  return null;
}
