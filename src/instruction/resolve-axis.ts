import type { Clause, ClauseWord } from "./clauses.js";
import { type DirectionWord, directionWord, STATE_DIRECTION_WORDS } from "./direction-words.js";
import { type Axis, type AxisEntry, axisEntry, type Polarity } from "./tone-lexicon.js";

/** One axis change found in a clause: e.g. brightness +1. */
export interface AxisHit {
  axis: Axis;
  direction: Polarity;
  index: number;
}

export interface AxisScan {
  hits: AxisHit[];
  /** Property nouns named without a direction ("adjust the contrast"). */
  undirected: Axis[];
  /** The last direction word seen, for elliptic follow-ups ("increase the brightness and contrast"). */
  lastDirection: DirectionWord | null;
}

/** Degree words that make a bare adjective a description: "kinda dark", "a bit soft", "quite flat". */
const DEGREE = new Set([
  "kinda",
  "kind",
  "sort",
  "bit",
  "rather",
  "quite",
  "pretty",
  "so",
  "very",
  "really",
  "somewhat",
  "super",
  "fairly",
  "abit",
]);
const TOO = new Set(["too", "overly", "excessively", "over"]);
const COLOUR_NOUNS = new Set(["color", "colour", "colors", "colours", "hue", "hues", "tones"]);
const CONTRAST_NOUNS = new Set([
  "contrast",
  "light",
  "lighting",
  "shadow",
  "shadows",
  "highlight",
  "highlights",
]);

function within(
  words: readonly ClauseWord[],
  from: number,
  to: number,
  test: (w: ClauseWord) => boolean,
): boolean {
  for (let k = Math.max(0, from); k < Math.min(words.length, to); k++) {
    const w = words[k];
    if (w && test(w)) return true;
  }
  return false;
}

const flip = (p: Polarity): Polarity => (p === 1 ? -1 : 1);

/** A state word ("dark", "vivid", "blurry") read against the clause: "too", "less", "not … enough", mood. */
export function resolveState(clause: Clause, i: number, p: Polarity, fixed = false): Polarity | null {
  const words = clause.words;
  const w = words[i];
  if (!w) return null;
  const neg = w.negated;
  if (fixed) return neg && clause.mood === "request" ? null : p;
  const less = within(words, i - 3, i, (x) => x.value === "less");
  const more = within(words, i - 3, i, (x) => x.value === "more");
  const value = less ? flip(p) : p;
  const too = within(words, i - 3, i, (x) => TOO.has(x.value));
  const enough = within(words, i + 1, i + 3, (x) => x.value === "enough");
  if (too) return neg ? null : flip(value);
  if (enough && neg) return value;
  const comparative = less || more || /er$/.test(w.value);
  if (comparative) return neg ? null : value;
  const described = !clause.explicitRequest && within(words, i - 2, i, (x) => DEGREE.has(x.value));
  if (clause.mood === "complaint" || described) return neg ? value : flip(value);
  return neg ? null : value;
}

/** "more" in "more muted" belongs to the adjective, not to a nearby noun. */
function modifiesState(words: readonly ClauseWord[], j: number): boolean {
  const next = words[j + 1];
  return next !== undefined && axisEntry(next.value, next.lemma, next.pos)?.kind === "state";
}

function nearestDirection(
  words: readonly ClauseWord[],
  i: number,
): { index: number; dir: DirectionWord } | null {
  for (let d = 1; d <= 4; d++) {
    for (const j of [i - d, i + d]) {
      const w = words[j];
      const dir = w ? directionWord(w.value, w.lemma) : null;
      const quantity = w !== undefined && w.value === "little" && words[j - 1]?.value === "a";
      if (dir && !quantity && !modifiesState(words, j)) return { index: j, dir };
    }
  }
  return null;
}

function resolveNoun(
  clause: Clause,
  i: number,
  entry: AxisEntry,
  inherited: DirectionWord | null,
): { polarity: Polarity | null; dir: DirectionWord | null } {
  const words = clause.words;
  const w = words[i];
  if (!w) return { polarity: null, dir: null };
  const b = entry.polarity;
  const found = nearestDirection(words, i);
  const dir = found?.dir ?? (clause.hasVerb ? null : inherited);
  const neg = w.negated || (found ? (words[found.index]?.negated ?? false) : false);
  const enough = within(words, i - 3, i + 3, (x) => x.value === "enough");
  if (neg && enough) return { polarity: b, dir };
  let p: Polarity | null;
  if (dir === "up") p = b;
  else if (dir === "down" || dir === "remove") p = flip(b);
  else if (dir === "repair") p = entry.defect ? flip(b) : null;
  else if (dir === "neutral") p = null;
  else p = entry.defect ? (clause.mood === "complaint" ? flip(b) : b) : null;
  if (p === null) return { polarity: null, dir };
  const dirWord = found ? words[found.index] : undefined;
  const too =
    within(words, i - 3, i, (x) => TOO.has(x.value)) ||
    (found ? within(words, found.index - 2, found.index, (x) => TOO.has(x.value)) : false);
  if (too) return { polarity: neg ? null : flip(p), dir };
  const stateDir = dirWord
    ? STATE_DIRECTION_WORDS.has(dirWord.lemma) || STATE_DIRECTION_WORDS.has(dirWord.value)
    : false;
  if (clause.mood === "complaint") {
    const q = stateDir && !/er$/.test(dirWord?.value ?? "") ? flip(p) : p;
    return { polarity: neg ? flip(q) : q, dir };
  }
  return { polarity: neg ? null : p, dir };
}

function isNounHit(words: readonly ClauseWord[], hit: AxisHit): boolean {
  const w = words[hit.index];
  return w !== undefined && axisEntry(w.value, w.lemma, w.pos)?.kind === "noun";
}

/** Finds every axis change in a clause, skipping words other phrase rules consumed. */
export function scanAxes(
  clause: Clause,
  skip: ReadonlySet<number>,
  inherited: DirectionWord | null,
  /** Another change (a style, a crop…) is named in the clause, so "the colours" are only its object. */
  otherChange = false,
): AxisScan {
  const words = clause.words;
  const hasColour = words.some((w) => !w.negated && (COLOUR_NOUNS.has(w.value) || COLOUR_NOUNS.has(w.lemma)));
  const hits: AxisHit[] = [];
  const undirected: Axis[] = [];
  let lastDirection: DirectionWord | null = null;
  for (const [i, w] of words.entries()) {
    const dir = directionWord(w.value, w.lemma);
    if (dir) lastDirection = dir;
    if (skip.has(i)) continue;
    const base = axisEntry(w.value, w.lemma, w.pos);
    if (!base) continue;
    const hasContrast = words.some((x, k) => k !== i && !x.negated && CONTRAST_NOUNS.has(x.lemma));
    const alt = (hasColour && base.withColour) || (hasContrast && base.withContrast) || null;
    const entry: AxisEntry = alt ? { ...base, ...alt } : base;
    let polarity: Polarity | null;
    if (entry.kind === "noun") {
      const r = resolveNoun(clause, i, entry, inherited);
      polarity = r.polarity;
      if (r.polarity === null && !w.negated) undirected.push(entry.axis);
    } else if (
      entry.kind === "verb" &&
      !/ed$/.test(w.value) &&
      !within(words, i - 3, i, (x) => TOO.has(x.value))
    ) {
      polarity = w.negated ? null : entry.polarity;
    } else {
      polarity = resolveState(clause, i, entry.polarity, entry.fixed);
    }
    if (polarity !== null) hits.push({ axis: entry.axis, direction: polarity, index: i });
  }
  // A property noun that a state word already describes ("make the colours more muted") adds nothing, and
  // "the colours" are only the object when another change is named ("warm up the colours").
  const described = new Set(hits.filter((h) => words[h.index] && !isNounHit(words, h)).map((h) => h.axis));
  const colourObject = (h: AxisHit) =>
    COLOUR_NOUNS.has(words[h.index]?.lemma ?? "") || COLOUR_NOUNS.has(words[h.index]?.value ?? "");
  const kept = hits.filter(
    (h) =>
      !isNounHit(words, h) ||
      (!described.has(h.axis) &&
        !(colourObject(h) && (otherChange || hits.some((o) => !isNounHit(words, o))))),
  );
  return { hits: kept, undirected: undirected.filter((a) => !described.has(a)), lastDirection };
}
