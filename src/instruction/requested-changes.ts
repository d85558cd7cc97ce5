import type { EditOp } from "../contract/edit-op.js";
import type { Region } from "../contract/region.js";
import type { Clause } from "./clauses.js";
import type { ClauseParse } from "./parse-clause.js";

/** One change the instruction asks for: an op, the region it is restricted to, and the words that asked. */
export interface RequestedChange {
  op: EditOp;
  region: Region | null;
  /** The clause text; used as the statement of unknown changes. */
  source: string;
}

const FILLER = new Set([
  "please",
  "thanks",
  "thank",
  "lol",
  "it",
  "this",
  "that",
  "be",
  "do",
  "just",
  "a",
  "the",
  "bit",
  "little",
  "so",
  "very",
  "really",
  "okay",
  "ok",
  "hi",
  "hello",
  "hey",
  "you",
  "i",
  "me",
  "we",
  "can",
  "could",
  "would",
  "will",
  "think",
  "guess",
  "hope",
  "look",
  "seem",
  "feel",
  "have",
  "want",
  "need",
  "like",
  "also",
  "only",
  "slightly",
]);

/** Generic edit verbs and scope words: "change only that area", "fix just that part", "but nothing else". */
const SCOPE_WORDS = new Set([
  "change",
  "fix",
  "edit",
  "adjust",
  "modify",
  "touch",
  "alter",
  "area",
  "part",
  "region",
  "portion",
  "section",
  "rest",
  "else",
  "everything",
  "nothing",
  "untouched",
  "unchanged",
  "alone",
  "same",
  "image",
  "photo",
  "picture",
]);

/** A clause with no recognised op still asks for something when it has a verb or noun of its own. */
export function clauseAsks(clause: Clause): boolean {
  return clause.words.some(
    (w) =>
      !w.negated &&
      !FILLER.has(w.lemma) &&
      !SCOPE_WORDS.has(w.lemma) &&
      ["VERB", "NOUN", "PROPN", "ADJ"].includes(w.pos) &&
      !/^quoted\d+$/.test(w.value),
  );
}

function isBare(clause: Clause): boolean {
  return clause.words.filter((w) => !FILLER.has(w.lemma)).length <= 2;
}

/**
 * Applies regions across clauses: "make the top half brighter and more vivid" (the follow-up inherits),
 * "brighten and sharpen the left side" (a bare op takes the next clause's region), "brighten it, but only
 * the top half" (a region-only clause restricts the previous ops).
 */
export function assignRegions(
  clauses: readonly Clause[],
  parses: readonly ClauseParse[],
): Array<Region | null> {
  const regions: Array<Region | null> = parses.map((p) => p.region);
  for (let i = 1; i < parses.length; i++) {
    const prev = parses[i - 1];
    const clause = clauses[i];
    const parse = parses[i];
    if (!prev || !clause || !parse) continue;
    const first = clause.words[0];
    const continues = !clause.hasVerb || (first !== undefined && ["ADJ", "ADV", "DET"].includes(first.pos));
    if (regions[i] === null && parse.local.length > 0 && continues) regions[i] = regions[i - 1] ?? null;
  }
  for (let i = parses.length - 2; i >= 0; i--) {
    const next = parses[i + 1];
    const clause = clauses[i];
    if (!next || !clause) continue;
    if (regions[i] === null && parses[i]?.local.length && isBare(clause) && next.local.length > 0) {
      regions[i] = regions[i + 1] ?? null;
    }
  }
  return regions;
}

const REGION_FILLER = new Set([
  ...FILLER,
  ...SCOPE_WORDS,
  "but",
  "in",
  "on",
  "of",
  "at",
  "to",
  "for",
  "not",
  "except",
  "everything",
  "all",
  "apart",
  "from",
  "other",
  "than",
  "excluding",
  "outside",
  "its",
  "whole",
  "leave",
  "keep",
  "rest",
]);

/** Region-only clauses ("…, but only the top half"; "in the left third, …") applied to their neighbours. */
export function regionOnlyTargets(
  clauses: readonly Clause[],
  parses: readonly ClauseParse[],
): Map<number, number> {
  const targets = new Map<number, number>();
  for (const [i, p] of parses.entries()) {
    if (!p.region || !p.regionMatch || p.local.length > 0 || p.global.length > 0) continue;
    // Only a bare region ("but only the top half", "in the left third"), not 'add the text "X" at the top'.
    const { start, end } = p.regionMatch;
    const rest =
      clauses[i]?.words.filter((w, k) => (k < start || k >= end) && !REGION_FILLER.has(w.lemma)) ?? [];
    if (rest.length > 0) continue;
    if (i > 0 && (parses[i - 1]?.local.length ?? 0) > 0) targets.set(i, i - 1);
    else if ((parses[i + 1]?.local.length ?? 0) > 0) targets.set(i, i + 1);
  }
  return targets;
}
