import type { Word } from "./nlp-tokens.js";

/** A word inside a clause, with the clause-scoped negation the rules use. */
export interface ClauseWord extends Word {
  /** A negator ("not", "n't", "no", "never", "without", …) comes earlier in the same clause. */
  negated: boolean;
}

/**
 * "request": asks for a target state ("make it darker", "brighter please", "it should be warmer").
 * "complaint": describes the current state ("it's too dark", "the colours look washed out"), so a state
 * word there asks for its opposite.
 */
export type Mood = "request" | "complaint";

export interface Clause {
  words: ClauseWord[];
  /** The clause as text, quotes restored, for unknown principles. */
  text: string;
  mood: Mood;
  /** Has a verb or copula of its own; clauses without one ("and more vivid") continue the previous one. */
  hasVerb: boolean;
  /** Uses a request word ("make", "could", "want", "should", …). */
  explicitRequest: boolean;
}

const SEPARATOR_WORDS = new Set([
  "and",
  "then",
  "but",
  "also",
  "plus",
  "while",
  "afterwards",
  "additionally",
  "because",
]);
const SEPARATOR_PUNCT = new Set([",", ";", ".", "!", "?", ":", "(", ")"]);
/** "everything but the top half" is one phrase, not two clauses. */
const BEFORE_EXCEPT = new Set(["everything", "all", "anything", "nothing", "everywhere"]);
const NEGATORS = new Set(["not", "no", "never", "without", "nor", "neither", "nothing", "dont", "avoid"]);
const COPULAS = new Set(["be", "look", "seem", "appear", "feel", "have", "sound", "come"]);
const REQUEST_MARKERS = new Set([
  "make",
  "turn",
  "get",
  "render",
  "give",
  "want",
  "need",
  "like",
  "would",
  "could",
  "should",
  "can",
  "will",
  "may",
  "might",
  "let",
  "apply",
  "add",
  "set",
  "go",
  "try",
  "prefer",
  "wish",
  "lack",
  "miss",
  "require",
  "must",
  "use",
  "put",
  "bring",
  "do",
]);

function moodOf(words: readonly Word[]): Mood {
  if (words.some((w) => REQUEST_MARKERS.has(w.lemma))) return "request";
  return words.some((w) => COPULAS.has(w.lemma) && w.value !== "being") ? "complaint" : "request";
}

function joinWords(words: readonly Word[], quotes: readonly string[]): string {
  return words
    .map((w, i) => {
      const text = w.value.replace(/^quoted(\d+)$/, (_m, n: string) => `"${quotes[Number(n)] ?? ""}"`);
      return i > 0 && w.spaced ? ` ${text}` : text;
    })
    .join("")
    .trim();
}

/** Splits an instruction's words into clauses at punctuation and at conjunctions like "and", "then", "but". */
export function splitClauses(words: readonly Word[], quotes: readonly string[]): Clause[] {
  const groups: Word[][] = [[]];
  for (const [i, word] of words.entries()) {
    const prev = words[i - 1];
    const isSeparator =
      (word.pos === "PUNCT" && SEPARATOR_PUNCT.has(word.value)) ||
      (SEPARATOR_WORDS.has(word.value) && !(word.value === "but" && prev && BEFORE_EXCEPT.has(prev.value)));
    if (isSeparator) groups.push([]);
    else groups.at(-1)?.push(word);
  }
  const clauses: Clause[] = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    let negatedFrom = Number.POSITIVE_INFINITY;
    const clauseWords = group.map((w, i): ClauseWord => {
      const negated = i > negatedFrom;
      if (NEGATORS.has(w.lemma) && i < negatedFrom) negatedFrom = i;
      return { ...w, negated };
    });
    const ownVerb = group.some((w) => w.pos === "VERB" || w.pos === "AUX" || COPULAS.has(w.lemma));
    const previous = clauses.at(-1);
    clauses.push({
      words: clauseWords,
      text: joinWords(group, quotes),
      mood: ownVerb || !previous ? moodOf(group) : previous.mood,
      hasVerb: ownVerb,
      explicitRequest: group.some((w) => REQUEST_MARKERS.has(w.lemma)),
    });
  }
  return clauses;
}
